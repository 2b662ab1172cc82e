package storebench

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	_ "github.com/mattn/go-sqlite3"

	"sapa/bench/gen/synth"
	"sapa/inbox"
	"sapa/store"
	"sapa/ui"
)

// desaUnit is the desa whose admin BenchmarkUISearchDesa searches as: a
// Kemendagri code of a kelurahan of Cibinong, Kabupaten Bogor.
const desaUnit = "32.01.01.1001"

// desaShare is one conversation in desaShare that the benchmark gives the
// desa: about a regency's 435 desa and kelurahan sharing its traffic.
const desaShare = 400

// BenchmarkUISearchDesa is BenchmarkUISearch as a desa admin sees it: the
// screen over the store scoped to one desa, which holds one conversation in
// 400 of a copy of the benchmark store (the synthetic store puts every
// conversation in the kabupaten, so the copy moves them there first).
func BenchmarkUISearchDesa(b *testing.B) {
	path, m := desaStore(b)
	scope := store.Scope{Admin: "admin.desa", Units: []string{desaUnit}}
	benchScreenSearch(b, path, m, func(st *store.Store) ui.Store { return st.As(scope) }, scope.Admin)
}

// desaStore is a copy of the cached store with one conversation in
// desaShare moved to desaUnit, made once beside the cached store (copying
// four gigabytes on every run took longer than the benchmark and left the
// page cache full of the copy). Benchmarks that use it only read.
func desaStore(tb testing.TB) (string, synth.Manifest) {
	tb.Helper()
	src, m := cached(tb)
	path := strings.TrimSuffix(src, ".db") + fmt.Sprintf("-desa%d.db", desaShare)
	defer lockCache(tb, filepath.Dir(src))()
	if _, err := os.Stat(path); err == nil {
		return path, m
	}
	tmp := path + ".part"
	os.Remove(tmp)
	if err := copyFile(src, tmp); err != nil {
		tb.Fatal(err)
	}
	if err := giveDesa(tmp); err != nil {
		tb.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		tb.Fatal(err)
	}
	return path, m
}

// giveDesa moves one conversation in desaShare to desaUnit, in the copy at
// path, and leaves it checkpointed (no WAL beside it). It prepares the
// fixture file with SQL of its own, deliberately: the store's SetUnit
// moves one conversation per transaction and audits each move, which
// would add thousands of audit rows the synthetic store does not have.
func giveDesa(path string) error {
	db, err := sql.Open("sqlite3", "file:"+path+"?_busy_timeout=5000&_journal_mode=WAL")
	if err != nil {
		return err
	}
	defer db.Close()
	if _, err = db.Exec(`UPDATE conversations SET unit = ? WHERE id % ? = 7`, desaUnit, desaShare); err != nil {
		return err
	}
	_, err = db.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`)
	return err
}

// BenchmarkListFirstPageDesa is what every desa admin's screen loads on
// every start, and on opening a view: the first window of the view and its
// count, in the desa's scope over desaStore. "warm" times each view in a
// warm store; "cold" first evicts the store's files from the page cache and
// opens the store, as a fresh start does, for the open view. It reports the
// window's and the count's median (window-ms, count-ms: the screen loads
// them side by side, each on its own connection), and per load the
// process's CPU time (cpu-ms, both) and the bytes read from the disk.
func BenchmarkListFirstPageDesa(b *testing.B) {
	path, m := desaStore(b)
	scope := store.Scope{Admin: "admin.desa", Units: []string{desaUnit}}
	for _, mode := range []string{"warm", "cold"} {
		for _, v := range inbox.Views() {
			if mode == "cold" && v != inbox.ViewOpen {
				continue
			}
			b.Run(mode+"/"+string(v), func(b *testing.B) {
				f := filter(v, m)
				var window, count latencies
				var use usage
				loopOn(b, path, mode, func(st *store.Store) {
					q := st.As(scope)
					use.measure(func() {
						window.time(func() {
							if _, err := q.List(context.Background(), f, store.Page{Limit: screen}); err != nil {
								b.Fatal(err)
							}
						})
						count.time(func() {
							if _, err := q.Count(context.Background(), f); err != nil {
								b.Fatal(err)
							}
						})
					})
				})
				b.ReportMetric(window.ms(0.5), "window-ms")
				b.ReportMetric(count.ms(0.5), "count-ms")
				use.report(b)
			})
		}
	}
}
