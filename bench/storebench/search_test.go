package storebench

import (
	"context"
	"testing"

	"sapa/bench/gen/synth"
	"sapa/inbox"
	"sapa/store"
)

// queries are what admins search for: topic words that are everywhere,
// places and names, two-word searches, ticket numbers and typos that are in
// a handful of messages, a half-typed prefix and a word that is nowhere.
// The last two are each common but seldom or never together: the hardest
// case. (A surname finds nothing: search covers message text, not contacts.)
func queries(m synth.Manifest) []string {
	q := []string{"jalan", "tolong", "ktp", "banjir", "bansos", "pdam", "puskesmas", "Sagaranten",
		"jalan rusak", "blangko ktp", "sekolah bocor", "Asep", "Suryana", "hoaks", "jemb", "zzqxv",
		"jalan banjir", "netizen pinjol"}
	return append(q, m.Rare...)
}

// BenchmarkSearch runs each query against the open view and against every
// conversation, first window only, and reports percentiles over all queries.
func BenchmarkSearch(b *testing.B) {
	st, m := open(b)
	ctx := context.Background()
	qs := queries(m)
	for _, v := range []inbox.View{inbox.ViewOpen, inbox.ViewAll} {
		b.Run(string(v), func(b *testing.B) {
			var lat latencies
			i := 0
			for b.Loop() {
				f := inbox.Filter{View: v, Search: qs[i%len(qs)]}
				i++
				lat.time(func() {
					if _, err := st.List(ctx, f, store.Page{Limit: screen}); err != nil {
						b.Fatal(err)
					}
				})
			}
			lat.report(b, 0.5, 0.95, 1)
		})
	}
}

// BenchmarkSearchEach times each query alone against every conversation, to
// show which kind of query is slow.
func BenchmarkSearchEach(b *testing.B) {
	st, m := open(b)
	ctx := context.Background()
	for _, q := range queries(m) {
		b.Run(q, func(b *testing.B) {
			f := inbox.Filter{View: inbox.ViewAll, Search: q}
			var n int
			for b.Loop() {
				rows, err := st.List(ctx, f, store.Page{Limit: screen})
				if err != nil {
					b.Fatal(err)
				}
				n = len(rows)
			}
			b.ReportMetric(float64(n), "rows")
		})
	}
}

// BenchmarkSearchCount counts the matches of each query in the open view, as
// the list's title does while a search is active.
func BenchmarkSearchCount(b *testing.B) {
	st, m := open(b)
	ctx := context.Background()
	qs := queries(m)
	var lat latencies
	i := 0
	for b.Loop() {
		f := inbox.Filter{View: inbox.ViewOpen, Search: qs[i%len(qs)]}
		i++
		lat.time(func() {
			if _, err := st.Count(ctx, f); err != nil {
				b.Fatal(err)
			}
		})
	}
	lat.report(b, 0.5, 0.95, 1)
}
