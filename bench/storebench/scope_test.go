package storebench

import (
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	_ "github.com/mattn/go-sqlite3"

	"sapa/bench/gen/synth"
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
// path, and leaves it checkpointed (no WAL beside it).
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
