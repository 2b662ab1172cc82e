package storebench

import (
	"context"

	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"sapa/bench/gen/synth"
	"sapa/store"
)

// searchTargets are the searches the search targets name: three common
// words and two rare ones from the store's manifest.
func searchTargets(m synth.Manifest) []string {
	q := []string{"jalan", "tolong", "banjir"}
	for i := 0; i < len(m.Rare) && i < 2; i++ {
		q = append(q, m.Rare[i])
	}
	return q
}

// BenchmarkUISearch times a search as the admin sees it: in the root model,
// from Enter on the search prompt until the list window (its rows, anchor
// and count) is loaded, the path the screen takes. "warm" searches in a
// session whose store and file cache are warm; "cold" first evicts the
// store's files from the page cache (posix_fadvise DONTNEED, no handle
// open), then opens the store and starts the screen as a fresh start does,
// and times the search that follows. Resident memory is reported after.
func BenchmarkUISearch(b *testing.B) {
	path, m := cached(b)
	for _, q := range searchTargets(m) {
		for _, mode := range []string{"warm", "cold"} {
			b.Run(mode+"/"+q, func(b *testing.B) {
				var lat latencies
				var st *store.Store
				var d *driver
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
					// A new screen, settled, so that the window timed
					// below is the search's and no start-up load.
					d = newDriver(b, st, m.Me)
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

// evict drops the store's files from the page cache. The files must not be
// open for writing anywhere, so their pages are clean and really dropped.
func evict(tb testing.TB, path string) {
	tb.Helper()
	for _, suffix := range []string{"", "-wal", "-shm"} {
		f, err := os.Open(path + suffix)
		if os.IsNotExist(err) {
			continue
		}
		if err != nil {
			tb.Fatal(err)
		}
		err = unix.Fadvise(int(f.Fd()), 0, 0, unix.FADV_DONTNEED)
		f.Close()
		if err != nil {
			tb.Fatal(err)
		}
	}
}

// rssMB is this process's resident memory, in megabytes.
func rssMB() float64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmRSS:" {
			kb, _ := strconv.ParseFloat(f[1], 64)
			return kb / 1024
		}
	}
	return 0
}
