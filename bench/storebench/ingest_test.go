package storebench

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"sapa/bench/gen/synth"
	"sapa/inbox"
	"sapa/store"
)

// BenchmarkIngest ingests new traffic into an empty store and onto a copy of
// the benchmark store while a session watches it, in Ingest calls of exactly
// 100 messages (one page of a platform's API, what the relay ingests while
// polling) and of 2000 (a backfill), and reports messages per second and the
// time of one call. Every call is one transaction, as the relay makes it.
func BenchmarkIngest(b *testing.B) {
	for _, batch := range []int{100, 2000} {
		ingestStores(b, "batch-"+strconv.Itoa(batch), func(b *testing.B, st *store.Store, accounts map[inbox.Platform]int64) {
			benchIngest(b, st, accounts, batch)
		})
	}
}

// ingestBench ingests into st through the accounts of each platform.
type ingestBench func(b *testing.B, st *store.Store, accounts map[inbox.Platform]int64)

// ingestStores runs bench, as the sub-benchmarks empty/SUFFIX and
// onto-SIZE/SUFFIX, on an empty store and on a copy of the benchmark
// store, each with the synthetic accounts and another admin's session
// watching it (watchingSession).
func ingestStores(b *testing.B, suffix string, bench ingestBench) {
	name, _ := size(b)
	b.Run("empty/"+suffix, func(b *testing.B) {
		path := filepath.Join(b.TempDir(), "s.db")
		st, err := store.Open(context.Background(), path, store.Options{})
		if err != nil {
			b.Fatal(err)
		}
		defer st.Close()
		withIngestSetup(b, st, path, bench)
	})
	b.Run("onto-"+name+"/"+suffix, func(b *testing.B) {
		st, path, m := openCopyAt(b)
		synthEpoch = m.Epoch
		// The copy was just written: its gigabytes of dirty pages would
		// otherwise go to the disk inside the first checkpoint's fsync,
		// a cost of the copy (seconds), not of ingest.
		if err := syncFile(path); err != nil {
			b.Fatal(err)
		}
		withIngestSetup(b, st, path, bench)
	})
}

// withIngestSetup runs bench on st (at path) once its accounts exist and
// a session watches it.
func withIngestSetup(b *testing.B, st *store.Store, path string, bench ingestBench) {
	accounts, err := synth.EnsureAccounts(context.Background(), st)
	if err != nil {
		b.Fatal(err)
	}
	stopSession := watchingSession(b, path)
	defer stopSession()
	bench(b, st, accounts)
}

func benchIngest(b *testing.B, st *store.Store, accounts map[inbox.Platform]int64, batch int) {
	ctx := context.Background()
	traffic := trafficQueue{batch: batch}
	msgs := 0
	var spent, cpu time.Duration
	var lat latencies
	for b.Loop() {
		b.StopTimer()
		p, items := traffic.next()
		b.StartTimer()
		t, c := time.Now(), cpuTime()
		res, err := st.Ingest(ctx, accounts[p], items, "bench")
		if err != nil {
			b.Fatal(err)
		}
		d := time.Since(t)
		cpu += cpuTime() - c
		spent += d
		lat = append(lat, d)
		msgs += res.New
	}
	b.StopTimer()
	reportIngest(b, st, msgs, spent, cpu)
	lat.report(b, 0.5, 0.99)
}

// reportIngest reports what msgs messages ingested in spent (wall) and
// cpu (the process's user+sys time, the watching session's included: on a
// shared machine a steadier measure than the wall rate) cost. Ingest only
// queues the messages for the search index: the relay indexes the queue
// after its ticks, in batches of up to a thousand, and its housekeeping
// merges the segments that adds. Both are timed here per message ingested,
// and the sustained rate counts all three.
func reportIngest(b *testing.B, st *store.Store, msgs int, spent, cpu time.Duration) {
	ctx := context.Background()
	t := time.Now()
	if _, err := st.IndexPending(ctx); err != nil {
		b.Fatal(err)
	}
	index := time.Since(t)
	t = time.Now()
	if _, err := st.MergeIndex(ctx, time.Hour); err != nil {
		b.Fatal(err)
	}
	merge := time.Since(t)
	perMsg := func(d time.Duration) float64 { return float64(d.Microseconds()) / float64(max(msgs, 1)) }
	b.ReportMetric(perMsg(index), "index-µs/msg")
	b.ReportMetric(perMsg(merge), "merge-µs/msg")
	b.ReportMetric(float64(msgs)/spent.Seconds(), "msgs/s")
	b.ReportMetric(float64(msgs)/(spent+index+merge).Seconds(), "sustained-msgs/s")
	b.ReportMetric(perMsg(cpu), "cpu-µs/msg")
}

// syncFile writes a file's dirty pages to the disk.
func syncFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}

// trafficQueue cuts synthetic traffic (new conversations of every
// platform) into calls of exactly batch messages of one platform, as one
// page of one account's API arrives.
type trafficQueue struct {
	batch   int
	from    int
	pending map[inbox.Platform][]inbox.Inbound
	turn    int
}

func (q *trafficQueue) next() (inbox.Platform, []inbox.Inbound) {
	ps := inbox.Platforms()
	for {
		for range ps {
			p := ps[q.turn%len(ps)]
			q.turn++
			if items := q.pending[p]; len(items) >= q.batch {
				q.pending[p] = items[q.batch:]
				return p, items[:q.batch]
			}
		}
		if q.pending == nil {
			q.pending = map[inbox.Platform][]inbox.Inbound{}
		}
		n := q.batch
		for p, items := range synth.Traffic(seed, "bench", q.from, q.from+n) {
			q.pending[p] = append(q.pending[p], items...)
		}
		q.from += n
	}
}

// watchingSession opens the store at path as another admin's session does
// (its own handle, the screen's change watcher reloading the window after
// every change) and keeps it running until the returned stop.
func watchingSession(b *testing.B, path string) (stop func()) {
	st, err := store.Open(context.Background(), path, store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	d := newDriver(b, st, "admin.bench")
	d.start(80, 24)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			select {
			case msg := <-d.in:
				d.handle(msg)
				_ = d.m.View()
			case <-d.ctxDone():
				return
			}
		}
	}()
	return func() {
		d.close()
		<-done
		st.Close()
	}
}
