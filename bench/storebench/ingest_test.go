package storebench

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"sapa/bench/gen/synth"
	"sapa/inbox"
	"sapa/store"
)

// ingestBatch is how many conversations' messages one Ingest call carries
// (about 3.3 messages each), split by account as a relay fetch would be.
const ingestBatch = 300

// BenchmarkIngest ingests new traffic in batches, into an empty store and
// onto a copy of the benchmark store, and reports messages per second.
func BenchmarkIngest(b *testing.B) {
	b.Run("empty", func(b *testing.B) {
		st, err := store.Open(context.Background(), filepath.Join(b.TempDir(), "s.db"), store.Options{})
		if err != nil {
			b.Fatal(err)
		}
		defer st.Close()
		benchIngest(b, st)
	})
	name, _ := size(b)
	b.Run("onto-"+name, func(b *testing.B) {
		st, _ := openCopy(b)
		benchIngest(b, st)
	})
}

func benchIngest(b *testing.B, st *store.Store) {
	ctx := context.Background()
	accounts, err := synth.EnsureAccounts(ctx, st)
	if err != nil {
		b.Fatal(err)
	}
	msgs, from := 0, 0
	var spent time.Duration
	for b.Loop() {
		b.StopTimer()
		traffic := synth.Traffic(seed, "bench", from, from+ingestBatch)
		from += ingestBatch
		b.StartTimer()
		t := time.Now()
		for _, p := range inbox.Platforms() {
			if len(traffic[p]) == 0 {
				continue
			}
			res, err := st.Ingest(ctx, accounts[p], traffic[p], "bench")
			if err != nil {
				b.Fatal(err)
			}
			msgs += res.New
		}
		spent += time.Since(t)
	}
	b.ReportMetric(float64(msgs)/spent.Seconds(), "msgs/s")
}
