package storebench

import (
	"context"
	"os"
	"runtime/metrics"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"sapa/bench/gen/synth"
	"sapa/store"
	"sapa/ui"
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
	benchScreenSearch(b, path, m, func(st *store.Store) ui.Store { return st }, m.Me)
}

// benchScreenSearch runs BenchmarkUISearch's searches on the store at path
// as view shows it to admin. Besides the latency it reports, per search,
// the process's CPU time and the bytes it read from the disk (usage), and
// after the runs the resident memory and its parts (memReport).
func benchScreenSearch(b *testing.B, path string, m synth.Manifest, view func(*store.Store) ui.Store, admin string) {
	for _, q := range searchTargets(m) {
		for _, mode := range []string{"warm", "cold"} {
			b.Run(mode+"/"+q, func(b *testing.B) {
				var lat latencies
				var use usage
				loopOn(b, path, mode, func(st *store.Store) {
					// A new screen, settled, so that the window timed
					// below is the search's and no start-up load. It
					// starts on the open view (newDriverOn): resumed on
					// the last run's search, its start-up read the
					// search's pages before the timed one (cold runs
					// that read nothing from the disk).
					d := newDriverOn(b, view(st), admin)
					d.start(80, 24)
					d.settle(300 * time.Millisecond)
					d.key("/")
					for _, r := range q {
						d.key(string(r))
					}
					cmd := d.key("enter")
					use.measure(func() {
						lat.time(func() {
							d.exec(cmd)
							d.until("ui.windowMsg")
						})
					})
					if !strings.Contains(d.screen(), q) {
						b.Fatalf("the search %q is not on the screen:\n%s", q, d.screen())
					}
					d.close()
				})
				lat.report(b, 0.5, 1)
				use.report(b)
				memReport(b)
			})
		}
	}
}

// loopOn runs each turn of b's loop on the store at path: in mode "warm"
// one store opened before the loop, in mode "cold" one opened afresh each
// turn after its files left the page cache (evict), as a fresh start does.
func loopOn(b *testing.B, path, mode string, each func(st *store.Store)) {
	open := func() *store.Store {
		st, err := store.Open(context.Background(), path, store.Options{})
		if err != nil {
			b.Fatal(err)
		}
		return st
	}
	if mode == "warm" {
		st := open()
		defer st.Close()
		for b.Loop() {
			each(st)
		}
		return
	}
	for b.Loop() {
		evict(b, path)
		st := open()
		each(st)
		st.Close()
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

// cpuTime is the CPU time this process has used, user and system.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// diskRead is how many bytes this process has caused to be read from the
// disk (read_bytes of /proc/self/io: page cache misses, not cache hits).
func diskRead() int64 {
	b, err := os.ReadFile("/proc/self/io")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "read_bytes: "); ok {
			n, _ := strconv.ParseInt(v, 10, 64)
			return n
		}
	}
	return 0
}

// usage collects, per operation, the process's CPU time (user+sys, every
// thread) and the bytes it read from the disk (what the page cache lacked,
// so a cold run that reads nothing did not evict).
type usage struct {
	cpu  latencies
	disk []int64
}

func (u *usage) measure(fn func()) {
	c0, r0 := cpuTime(), diskRead()
	fn()
	u.cpu = append(u.cpu, cpuTime()-c0)
	u.disk = append(u.disk, diskRead()-r0)
}

// report reports the medians per operation: cpu-ms and disk-KB.
func (u usage) report(b *testing.B) {
	b.ReportMetric(u.cpu.ms(0.5), "cpu-ms")
	b.ReportMetric(float64(percentile(u.disk, 0.5))/1024, "disk-KB")
}

// memReport reports the process's resident memory (rss-MB) and its parts:
// anonymous memory (anon-MB), which holds the Go heap and SQLite's C heap
// (page caches, statement memory), file pages mapped (file-MB: the
// binary, the WAL index), and what the Go runtime holds (go-MB, heap and
// stacks not returned to the system); anon-MB less go-MB is C memory.
func memReport(b *testing.B) {
	b.ReportMetric(float64(status("VmRSS"))/1024, "rss-MB")
	b.ReportMetric(float64(status("RssAnon"))/1024, "anon-MB")
	b.ReportMetric(float64(status("RssFile")+status("RssShmem"))/1024, "file-MB")
	b.ReportMetric(float64(goHeld())/(1<<20), "go-MB")
}

// goHeld is the memory the Go runtime has mapped and not released.
func goHeld() uint64 {
	s := []metrics.Sample{{Name: "/memory/classes/total:bytes"}, {Name: "/memory/classes/heap/released:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64() - s[1].Value.Uint64()
}
