package storebench

import (
	"context"
	"database/sql"
	"strings"
	"testing"
	"time"

	_ "github.com/mattn/go-sqlite3"

	"sapa/store"
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
	st, path, m := openCopyAt(b)
	if err := giveDesa(path); err != nil {
		b.Fatal(err)
	}
	st.Close()
	scope := store.Scope{Admin: "admin.desa", Units: []string{desaUnit}}
	for _, q := range searchTargets(m) {
		for _, mode := range []string{"warm", "cold"} {
			b.Run(mode+"/"+q, func(b *testing.B) {
				var lat latencies
				var st *store.Store
				open := func() {
					var err error
					if st, err = store.Open(context.Background(), path, store.Options{}); err != nil {
						b.Fatal(err)
					}
				}
				if mode == "warm" {
					open()
				}
				for b.Loop() {
					if mode == "cold" {
						evict(b, path)
						open()
					}
					d := newDriverOn(b, st.As(scope), scope.Admin)
					d.start(80, 24)
					d.settle(300 * time.Millisecond)
					d.key("/")
					for _, r := range q {
						d.key(string(r))
					}
					cmd := d.key("enter")
					lat.time(func() {
						d.exec(cmd)
						d.until("ui.windowMsg")
					})
					if !strings.Contains(d.screen(), q) {
						b.Fatalf("the search %q is not on the screen:\n%s", q, d.screen())
					}
					d.close()
					if mode == "cold" {
						st.Close()
					}
				}
				if mode == "warm" {
					st.Close()
				}
				lat.report(b, 0.5, 1)
				b.ReportMetric(rssMB(), "rss-MB")
			})
		}
	}
}

// giveDesa moves one conversation in desaShare to desaUnit, in the copy at
// path.
func giveDesa(path string) error {
	db, err := sql.Open("sqlite3", "file:"+path+"?_busy_timeout=5000")
	if err != nil {
		return err
	}
	defer db.Close()
	_, err = db.Exec(`UPDATE conversations SET unit = ? WHERE id % ? = 7`, desaUnit, desaShare)
	return err
}
