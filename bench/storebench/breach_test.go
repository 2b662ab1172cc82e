package storebench

import (
	"context"
	"testing"
	"time"

	"sapa/inbox"
	"sapa/store"
)

// eightHours is a response policy in wall-clock hours: every answer is due
// eight hours after the citizen wrote. The synthetic store spans weeks, so
// most of its open conversations are past it.
type eightHours struct{}

func (eightHours) Due(_ int, _ inbox.Platform, since time.Time, _ bool) (time.Time, bool) {
	return since.Add(8 * time.Hour), true
}

func (eightHours) Policy() string { return "bench-8h" }

// BenchmarkBreaches opens a copy of the store with a response policy (the
// first open stamps every running clock: reported as stamp-s), then loads
// the breach view's first window and counts it, as B does.
func BenchmarkBreaches(b *testing.B) {
	st, dst, m := openCopyAt(b)
	st.Close()
	start := time.Now()
	st, err := store.Open(context.Background(), dst, store.Options{Deadlines: eightHours{}})
	if err != nil {
		b.Fatal(err)
	}
	stamp := time.Since(start)
	b.Cleanup(func() { st.Close() })
	ctx := context.Background()
	f := inbox.Filter{View: inbox.ViewBreaches, Me: m.Me, Now: m.Epoch.Add(90 * 24 * time.Hour)}
	n, err := st.Count(ctx, f)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("first-window", func(b *testing.B) {
		benchFirstWindow(b, st, f)
		b.ReportMetric(stamp.Seconds(), "stamp-s")
		b.ReportMetric(float64(n), "breaches")
	})
	b.Run("count", func(b *testing.B) {
		for b.Loop() {
			if _, err := st.Count(ctx, f); err != nil {
				b.Fatal(err)
			}
		}
	})
}
