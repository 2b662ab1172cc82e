package store

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"sapa/inbox"
)

// A search's count stops past inbox.SearchCountCap, whichever plan finds
// the rows, and is exact below it.
func TestSearchCountStopsAtCap(t *testing.T) {
	for _, rare := range []int{3000, 1040, 10} { // the rare-word plan, then the walk (counted while planning, then not)
		s, err := Open(context.Background(), filepath.Join(t.TempDir(), "s.db"), Options{Search: SearchPlan{RareMatches: rare}})
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		acct := account(t, s, "fb", inbox.Facebook)
		var items []inbox.Inbound
		for i := 0; i < inbox.SearchCountCap+50; i++ {
			text := fmt.Sprintf("jalan rusak nomor %d", i)
			if i%200 == 0 {
				text += " banjir"
			}
			items = append(items, item(fmt.Sprintf("post/c%d", i), fmt.Sprintf("c%d", i), text, t0.Add(-time.Duration(i)*time.Minute)))
		}
		if _, err := s.Ingest(context.Background(), acct, items, ""); err != nil {
			t.Fatal(err)
		}
		// More than a search indexes itself: the relay's IndexPending does.
		if _, err := s.IndexPending(context.Background()); err != nil {
			t.Fatal(err)
		}
		for q, want := range map[string]int{
			"jalan":        inbox.SearchCountCap + 1,
			"jalan rusak":  inbox.SearchCountCap + 1,
			"banjir":       6,
			"jalan banjir": 6,
		} {
			n, err := s.Count(context.Background(), inbox.Filter{View: inbox.ViewAll, Search: q})
			if err != nil || n != want {
				t.Errorf("rare matches %d: count %q = %d (%v), want %d", rare, q, n, err, want)
			}
			n, err = s.Count(context.Background(), inbox.Filter{View: inbox.ViewAll, Search: q, Platform: inbox.Facebook})
			if err != nil || n != want {
				t.Errorf("rare matches %d: count %q on facebook = %d (%v), want %d", rare, q, n, err, want)
			}
		}
	}
}
