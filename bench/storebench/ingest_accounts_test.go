package storebench

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"sapa/inbox"
	"sapa/store"
)

// BenchmarkIngestAccounts ingests as the relay does while polling: one
// fetcher per platform account, all at once, each handing Ingest one page
// of 100 messages and waiting for it before the next, into an empty store
// and onto a copy of the benchmark store while a session watches it. b.N is
// the number of pages, shared evenly by the accounts. It reports the
// messages per second of all accounts together (and with the search
// index's queue indexed and merged after, as BenchmarkIngest), the
// process's CPU time per message while the fetchers ran, how many pages one
// transaction held (the change counter moves once per transaction) and the
// time of one call.
func BenchmarkIngestAccounts(b *testing.B) {
	ingestStores(b, "batch-100", benchIngestAccounts)
}

// benchIngestAccounts runs its own sub-benchmark on st: the testing package
// runs a benchmark once with b.N = 1 before the measured run, and copying
// the 1M store for each would cost more than the benchmark.
func benchIngestAccounts(b *testing.B, st *store.Store, accounts map[inbox.Platform]int64) {
	ctx := context.Background()
	traffic := trafficQueue{batch: 100}
	b.Run(fmt.Sprint("accounts-", len(accounts)), func(b *testing.B) {
		pages := pagesPerAccount(&traffic, (b.N+len(accounts)-1)/len(accounts))
		changes0, err := st.ChangeCounter(ctx)
		if err != nil {
			b.Fatal(err)
		}
		var (
			wg   sync.WaitGroup
			mu   sync.Mutex
			msgs int
			lat  latencies
		)
		b.ResetTimer()
		t, c := time.Now(), cpuTime()
		for p, ps := range pages {
			wg.Add(1)
			go func() {
				defer wg.Done()
				var mine latencies
				n := 0
				for _, items := range ps {
					t := time.Now()
					res, err := st.Ingest(ctx, accounts[p], items, "bench")
					if err != nil {
						b.Error(err)
						return
					}
					mine = append(mine, time.Since(t))
					n += res.New
				}
				mu.Lock()
				msgs += n
				lat = append(lat, mine...)
				mu.Unlock()
			}()
		}
		wg.Wait()
		spent, cpu := time.Since(t), cpuTime()-c
		b.StopTimer()
		changes, err := st.ChangeCounter(ctx)
		if err != nil {
			b.Fatal(err)
		}
		reportIngest(b, st, msgs, spent, cpu)
		b.ReportMetric(float64(len(lat))/float64(max(changes-changes0, 1)), "pages/txn")
		lat.report(b, 0.5, 0.99)
	})
}

// pagesPerAccount cuts n pages of every platform from the traffic.
func pagesPerAccount(q *trafficQueue, n int) map[inbox.Platform][][]inbox.Inbound {
	out := map[inbox.Platform][][]inbox.Inbound{}
	for short := len(inbox.Platforms()); short > 0; {
		p, items := q.next()
		if len(out[p]) < n {
			if out[p] = append(out[p], items); len(out[p]) == n {
				short--
			}
		}
	}
	return out
}
