package store

import (
	"context"
	"slices"
	"testing"

	"sapa/inbox"
)

// TestScopedSearchOfCommonWords: a search whose words are all common (here
// every word is, RareMatches 1) finds the same conversations in every scope
// whether the scope is small enough to be read whole or the words' matches
// are read, and counts them the same; the walk gives up at once (WalkCap 1)
// so the list takes its second plan too.
func TestScopedSearchOfCommonWords(t *testing.T) {
	s, v := scopeFixture(t)
	ctx := context.Background()
	for _, small := range []int{20000, 1} {
		s.plan = SearchPlan{RareMatches: 1, WalkCap: 1, SmallScope: small, CatchUp: indexChunk}
		for name, want := range map[string][]int64{
			"siti": {1}, "ujang": {2}, "asep": {3}, "camat": {1, 2}, "bupati": {1, 2, 3, 4},
		} {
			for _, q := range []string{"jalan", "jalan rusak", "desa jal"} {
				f := inbox.Filter{Search: q}
				got, err := v[name].List(ctx, f, Page{Limit: 10})
				if err != nil {
					t.Fatal(err)
				}
				if !slices.Equal(convIDs(got), want) {
					t.Errorf("small scope %d: %s List(%q) = %v, want %v", small, name, q, convIDs(got), want)
				}
				n, err := v[name].Count(ctx, f)
				if err != nil || n != len(want) {
					t.Errorf("small scope %d: %s Count(%q) = %d, %v; want %d", small, name, q, n, err, len(want))
				}
			}
			f := inbox.Filter{Search: "banjir"}
			if got, _ := v[name].List(ctx, f, Page{Limit: 10}); len(got) != 0 {
				t.Errorf("%s List(banjir) = %v", name, convIDs(got))
			}
			if n, _ := v[name].Count(ctx, f); n != 0 {
				t.Errorf("%s Count(banjir) = %d", name, n)
			}
		}
	}
}
