package storebench

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"sapa/bench/gen/synth"
	"sapa/inbox"
	"sapa/store"
)

// rssChildEnv makes TestRSSChild run: it is set only by
// BenchmarkResidentMemory for the child process it starts.
const rssChildEnv = "SAPA_BENCH_RSS_CHILD"

// BenchmarkResidentMemory starts a fresh process that opens the benchmark
// store, runs the UI model to its first frame and opens the first
// conversation, and reports that process's resident memory (VmRSS) and its
// peak (VmHWM); then the resident memory after two searches.
func BenchmarkResidentMemory(b *testing.B) {
	path, _ := cached(b)
	var rss, hwm, search float64
	for b.Loop() {
		cmd := exec.Command(os.Args[0], "-test.run=^TestRSSChild$", "-test.count=1")
		cmd.Env = append(os.Environ(), rssChildEnv+"="+path)
		out, err := cmd.CombinedOutput()
		if err != nil {
			b.Fatalf("child: %v\n%s", err, out)
		}
		if _, err := fmt.Sscanf(lineWith(string(out), "rss-kB"), "rss-kB %g hwm-kB %g", &rss, &hwm); err != nil {
			b.Fatalf("child output %q: %v", out, err)
		}
		if _, err := fmt.Sscanf(lineWith(string(out), "search-rss-kB"), "search-rss-kB %g", &search); err != nil {
			b.Fatalf("child output %q: %v", out, err)
		}
	}
	b.ReportMetric(rss/1024, "rss-MB")
	b.ReportMetric(hwm/1024, "peak-rss-MB")
	b.ReportMetric(search/1024, "rss-after-search-MB")
}

func lineWith(s, prefix string) string {
	for _, l := range strings.Split(s, "\n") {
		if strings.HasPrefix(l, prefix) {
			return l
		}
	}
	return ""
}

// TestRSSChild is the child process of BenchmarkResidentMemory; run on its
// own it does nothing.
func TestRSSChild(t *testing.T) {
	path := os.Getenv(rssChildEnv)
	if path == "" {
		t.Skip("runs only as the child of BenchmarkResidentMemory")
	}
	m, err := synth.ReadManifest(path)
	if err != nil {
		t.Fatal(err)
	}
	synthEpoch = m.Epoch
	st, err := store.Open(context.Background(), path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	d := newDriver(t, st, m.Me)
	defer d.close()
	d.start(80, 24) // the first window, drawn
	d.settle(100 * time.Millisecond)
	d.exec(d.key("enter")) // and the first conversation
	d.until("ui.convLoadedMsg")
	runtime.GC()
	fmt.Printf("rss-kB %d hwm-kB %d\n", status("VmRSS"), status("VmHWM"))
	for _, q := range []string{"jalan", "tolong ktp"} {
		if _, err := st.List(context.Background(), inbox.Filter{View: inbox.ViewAll, Search: q}, pageOf(screen)); err != nil {
			t.Fatal(err)
		}
	}
	fmt.Printf("search-rss-kB %d\n", status("VmRSS"))
}

// status reads a kB field of /proc/self/status.
func status(field string) int {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return -1
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if k, v, ok := strings.Cut(sc.Text(), ":"); ok && k == field {
			n, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(v), " kB"))
			return n
		}
	}
	return -1
}
