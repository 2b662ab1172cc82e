package storebench

import (
	"context"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"sapa/bench/gen/synth"
	"sapa/inbox"
	"sapa/store"
)

// BenchmarkIngest ingests new traffic into an empty store and onto a copy of
// the benchmark store, in Ingest calls of 100 messages (one page of a
// platform's API, what the relay ingests while polling) and of 2000 (a
// backfill), and reports messages per second. Every call is one durable
// transaction (synchronous=FULL).
func BenchmarkIngest(b *testing.B) {
	name, _ := size(b)
	for _, batch := range []int{100, 2000} {
		b.Run("empty/batch-"+strconv.Itoa(batch), func(b *testing.B) {
			st, err := store.Open(context.Background(), filepath.Join(b.TempDir(), "s.db"), store.Options{})
			if err != nil {
				b.Fatal(err)
			}
			defer st.Close()
			benchIngest(b, st, batch)
		})
		b.Run("onto-"+name+"/batch-"+strconv.Itoa(batch), func(b *testing.B) {
			st, _ := openCopy(b)
			benchIngest(b, st, batch)
		})
	}
}

func benchIngest(b *testing.B, st *store.Store, batch int) {
	ctx := context.Background()
	accounts, err := synth.EnsureAccounts(ctx, st)
	if err != nil {
		b.Fatal(err)
	}
	msgs, from := 0, 0
	var spent time.Duration
	for b.Loop() {
		b.StopTimer()
		// About batch messages for each platform, cut into calls of batch.
		n := batch
		traffic := synth.Traffic(seed, "bench", from, from+n)
		from += n
		b.StartTimer()
		t := time.Now()
		for _, p := range inbox.Platforms() {
			items := traffic[p]
			for len(items) > 0 {
				k := min(batch, len(items))
				res, err := st.Ingest(ctx, accounts[p], items[:k], "bench")
				if err != nil {
					b.Fatal(err)
				}
				msgs += res.New
				items = items[k:]
			}
		}
		spent += time.Since(t)
	}
	b.ReportMetric(float64(msgs)/spent.Seconds(), "msgs/s")
}
