package storebench

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"syscall"
	"testing"
	"time"

	"sapa/bench/gen/synth"
	"sapa/store"
)

// cacheVersion names the generation of cached stores: bump it when the
// generator or the schema changes what a built store holds.
const cacheVersion = 5

// seed is the seed of every benchmark store.
const seed = 1

var sizes = map[string]int{"10k": 10_000, "100k": 100_000, "1m": 1_000_000}

// size is the store size named by SAPA_BENCH_SIZE.
func size(tb testing.TB) (string, int) {
	name := os.Getenv("SAPA_BENCH_SIZE")
	if name == "" {
		name = "10k"
	}
	n, ok := sizes[name]
	if !ok {
		tb.Fatalf("SAPA_BENCH_SIZE=%q: want 10k, 100k or 1m", name)
	}
	return name, n
}

func cacheDir(tb testing.TB) string {
	if d := os.Getenv("SAPA_BENCH_DIR"); d != "" {
		return d
	}
	d, err := os.UserCacheDir()
	if err != nil {
		tb.Fatal(err)
	}
	return filepath.Join(d, "sapa-bench")
}

// lockCache takes the cache folder's lock, so one benchmark process at a
// time builds or copies a store there; the returned func releases it.
func lockCache(tb testing.TB, dir string) (unlock func()) {
	tb.Helper()
	lock, err := os.OpenFile(filepath.Join(dir, ".lock"), os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		tb.Fatal(err)
	}
	if err := syscall.Flock(int(lock.Fd()), syscall.LOCK_EX); err != nil {
		lock.Close()
		tb.Fatal(err)
	}
	return func() {
		syscall.Flock(int(lock.Fd()), syscall.LOCK_UN)
		lock.Close()
	}
}

// cached returns the path and manifest of the store of the chosen size,
// building it on first use. A file lock keeps two benchmark processes from
// building the same store at once.
func cached(tb testing.TB) (string, synth.Manifest) {
	tb.Helper()
	name, n := size(tb)
	dir := cacheDir(tb)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		tb.Fatal(err)
	}
	path := filepath.Join(dir, fmt.Sprintf("v%d-%s-seed%d.db", cacheVersion, name, seed))
	defer lockCache(tb, dir)()
	if m, err := synth.ReadManifest(path); err == nil {
		if _, err := os.Stat(path); err == nil {
			return path, m
		}
	}
	os.Remove(path)
	tb.Logf("building the %s store at %s (once)", name, path)
	start := time.Now()
	m, err := synth.Build(context.Background(), path, synth.Options{Conversations: n, Seed: seed})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Logf("built in %s: %d messages, ingest %.0f messages/s", time.Since(start).Round(time.Second), m.Messages, m.IngestRate())
	return path, m
}

// open opens the cached store read-mostly: benchmarks that write use a copy.
func open(tb testing.TB) (*store.Store, synth.Manifest) {
	tb.Helper()
	path, m := cached(tb)
	st, err := store.Open(context.Background(), path, store.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { st.Close() })
	return st, m
}

// openCopy opens a private copy of the cached store, for benchmarks that write.
func openCopy(tb testing.TB) (*store.Store, synth.Manifest) {
	tb.Helper()
	st, _, m := openCopyAt(tb)
	return st, m
}

// openCopyAt is openCopy that also says where the copy is, for a second
// process's view of it.
func openCopyAt(tb testing.TB) (*store.Store, string, synth.Manifest) {
	tb.Helper()
	path, m := cached(tb)
	dst := filepath.Join(tb.TempDir(), "copy.db")
	if err := copyFile(path, dst); err != nil {
		tb.Fatal(err)
	}
	st, err := store.Open(context.Background(), dst, store.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { st.Close() })
	return st, dst, m
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_WRONLY|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// latencies collects one duration per operation and reports percentiles as
// custom benchmark metrics (in milliseconds).
type latencies []time.Duration

func (l *latencies) time(fn func()) {
	t := time.Now()
	fn()
	*l = append(*l, time.Since(t))
}

// ms is the p-th percentile in milliseconds, as the metrics give it.
func (l latencies) ms(p float64) float64 { return float64(percentile(l, p).Microseconds()) / 1000 }

func (l latencies) report(b *testing.B, ps ...float64) {
	for _, p := range ps {
		b.ReportMetric(l.ms(p), fmt.Sprintf("p%g-ms", p*100))
	}
}

// percentile is the p-th percentile of v (0 when v is empty).
func percentile[T cmp.Ordered](v []T, p float64) T {
	if len(v) == 0 {
		var zero T
		return zero
	}
	s := slices.Clone(v)
	slices.Sort(s)
	return s[min(len(s)-1, int(p*float64(len(s))))]
}
