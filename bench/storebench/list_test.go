package storebench

import (
	"context"
	"testing"

	"sapa/bench/gen/synth"
	"sapa/inbox"
	"sapa/store"
)

// screen is how many rows one list window holds (a 45-line terminal).
const screen = 40

func filter(v inbox.View, m synth.Manifest) inbox.Filter {
	return inbox.Filter{View: v, Me: m.Me}
}

// BenchmarkListFirstPage loads the first window of each view.
func BenchmarkListFirstPage(b *testing.B) {
	st, m := open(b)
	for _, v := range inbox.Views() {
		b.Run(string(v), func(b *testing.B) { benchFirstWindow(b, st, filter(v, m)) })
	}
}

// benchFirstWindow times loading the first window of f, as the list does
// when it opens a view, and reports the p99.
func benchFirstWindow(b *testing.B, st *store.Store, f inbox.Filter) {
	var lat latencies
	for b.Loop() {
		lat.time(func() {
			if _, err := st.List(context.Background(), f, store.Page{Limit: screen}); err != nil {
				b.Fatal(err)
			}
		})
	}
	lat.report(b, 0.99)
}

// BenchmarkListScroll loads the next window below the current one (the
// keyset page a PgDn asks for), wrapping to the top at the end of the view.
func BenchmarkListScroll(b *testing.B) {
	st, m := open(b)
	ctx := context.Background()
	for _, v := range inbox.Views() {
		b.Run(string(v), func(b *testing.B) {
			f := filter(v, m)
			var after *inbox.Cursor
			var lat latencies
			for b.Loop() {
				var rows []inbox.Conversation
				lat.time(func() {
					var err error
					if rows, err = st.List(ctx, f, store.Page{After: after, Limit: screen}); err != nil {
						b.Fatal(err)
					}
				})
				after = nil
				if len(rows) == screen {
					k := store.CursorOf(rows[len(rows)-1])
					after = &k
				}
			}
			lat.report(b, 0.99)
		})
	}
}

// BenchmarkCount counts each view, as the list's title does on every reload.
func BenchmarkCount(b *testing.B) {
	st, m := open(b)
	ctx := context.Background()
	for _, v := range inbox.Views() {
		b.Run(string(v), func(b *testing.B) {
			f := filter(v, m)
			var n int
			for b.Loop() {
				var err error
				if n, err = st.Count(ctx, f); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(n), "rows")
		})
	}
}

// BenchmarkThread loads the newest 200 messages of a conversation (what
// opening it reads), for a long conversation and for an ordinary one.
func BenchmarkThread(b *testing.B) {
	st, m := open(b)
	ctx := context.Background()
	if len(m.LongConversations) == 0 {
		b.Skip("no long conversation in this store")
	}
	for _, c := range []struct {
		name string
		id   int64
	}{{"long", m.LongConversations[0]}, {"short", m.LongConversations[0] + 1}} {
		b.Run(c.name, func(b *testing.B) {
			var n int
			for b.Loop() {
				msgs, err := st.Thread(ctx, c.id, 200)
				if err != nil {
					b.Fatal(err)
				}
				n = len(msgs)
			}
			b.ReportMetric(float64(n), "msgs")
		})
	}
}

func pageOf(n int) store.Page { return store.Page{Limit: n} }
