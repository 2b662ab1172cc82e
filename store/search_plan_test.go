package store

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"sapa/inbox"
)

// planFixture is a store of 150 conversations over three desa and two
// platforms, with words common and rare, a few raised priorities, and
// conversations the first desa handed on (which it still follows). It
// returns the first desa's view.
func planFixture(t *testing.T) (*Store, *Scoped) {
	t.Helper()
	s, _ := openTest(t)
	ctx := context.Background()
	if err := s.SyncUnits(ctx, []UnitRow{
		{"32.01", "32", "kabupaten", "Kabupaten Bogor"},
		{"32.01.05", "32.01", "kecamatan", "Babakan Madang"},
		{"32.01.05.2001", "32.01.05", "desa", "Cijayanti"},
		{"32.01.05.2002", "32.01.05", "desa", "Bojong Koneng"},
		{"32.01.05.2003", "32.01.05", "desa", "Karang Tengah"},
	}); err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(9, 9))
	words := []string{"jalan", "jalan", "jalan", "rusak", "tolong", "tolong", "banjir", "ktp", "lampu", "sampah"}
	var accts []int64
	for i, u := range []string{"32.01.05.2001", "32.01.05.2002", "32.01.05.2003"} {
		for _, p := range []inbox.Platform{inbox.Facebook, inbox.Instagram} {
			a := account(t, s, fmt.Sprintf("%s-%d", p, i), p)
			if err := s.SetAccountUnit(ctx, a, u); err != nil {
				t.Fatal(err)
			}
			accts = append(accts, a)
		}
	}
	for i := 0; i < 150; i++ {
		var text []string
		for range 1 + rng.IntN(4) {
			text = append(text, words[rng.IntN(len(words))])
		}
		if i%37 == 0 {
			text = append(text, fmt.Sprintf("tiket%d", i)) // rare
		}
		th := fmt.Sprintf("t%d", i)
		at := t0.Add(time.Duration(rng.IntN(10000)) * time.Minute)
		if _, err := s.Ingest(ctx, accts[i%len(accts)], []inbox.Inbound{item(th, "m"+th, strings.Join(text, " "), at)}, ""); err != nil {
			t.Fatal(err)
		}
	}
	all, err := s.List(ctx, inbox.Filter{View: inbox.ViewAll}, Page{Limit: 200})
	if err != nil || len(all) != 150 {
		t.Fatalf("fixture: %d conversations, %v", len(all), err)
	}
	for i, c := range all {
		if i%11 == 0 {
			p := 1 + i%2
			if _, err := s.Apply(ctx, c.ID, "root", Change{Priority: &p}); err != nil {
				t.Fatal(err)
			}
		}
		if i%13 == 0 && c.Unit == "32.01.05.2001" {
			if _, err := s.Handoff(ctx, c.ID, "root", "32.01.05", "naik"); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := s.AddAdmin(ctx, "root", inbox.Admin{Name: "siti", Unit: "32.01.05.2001", Role: inbox.Operator}); err != nil {
		t.Fatal(err)
	}
	sc, err := s.Scope(ctx, inbox.Admin{Name: "siti", Unit: "32.01.05.2001", Role: inbox.Operator})
	if err != nil {
		t.Fatal(err)
	}
	return s, s.As(sc)
}

// simpleSearch is the search as one plain query: the conversations the
// scope reads (all for nil) that have, for every word typed, a message
// holding it as a word's start, in list order.
func simpleSearch(t *testing.T, s *Store, q *Scoped, f inbox.Filter) []int64 {
	t.Helper()
	ctx := context.Background()
	sr, err := s.planSearch(ctx, f.Search)
	if err != nil {
		t.Fatal(err)
	}
	where, args := filterSQL(s.clocked(f), q)
	for _, term := range sr.terms {
		where = append(where, "c.id IN (SELECT docid >> 24 FROM messages_fts WHERE messages_fts MATCH ?)")
		args = append(args, term+"*")
	}
	rows, err := s.r.QueryContext(ctx, "SELECT c.id FROM conversations c WHERE "+strings.Join(where, " AND ")+
		" ORDER BY c.priority DESC, c.last_message_at DESC, c.id DESC", args...)
	if err != nil {
		t.Fatal(err)
	}
	ids, err := collect(rows, func(r *sql.Rows) (int64, error) { var id int64; return id, r.Scan(&id) })
	if err != nil {
		t.Fatal(err)
	}
	return ids
}

// lister is Store or Scoped.
type lister interface {
	List(context.Context, inbox.Filter, Page) ([]inbox.Conversation, error)
	Count(context.Context, inbox.Filter) (int, error)
}

// Every plan of a search (rare word first, the walk, the walk that gives up
// and intersects, a small scope walked whole, words remembered as common)
// finds what the simple query finds, in the same order, within the scope,
// and counts it the same, with and without a platform filter.
func TestSearchPlansEqualSimpleQuery(t *testing.T) {
	s, desa := planFixture(t)
	ctx := context.Background()
	plans := map[string]SearchPlan{
		"defaults":          {},
		"all common":        {RareMatches: 1},
		"walk gives up":     {RareMatches: 1, WalkCap: 3},
		"scopes not small":  {RareMatches: 1, WalkCap: 3, SmallScope: 2},
		"common, remember":  {RareMatches: 5},
		"remembered, again": {RareMatches: 5},
	}
	order := []string{"defaults", "all common", "walk gives up", "scopes not small", "common, remember", "remembered, again"}
	queries := []string{"jalan", "tolong", "jalan rusak", "banjir ktp", "tiket37", "jal", "lampu tiket74", "zzz", "warga"}
	for _, name := range order {
		s.plan = plans[name].withDefaults()
		for _, v := range []struct {
			name string
			l    lister
			q    *Scoped
		}{{"store", s, nil}, {"desa", desa, desa}} {
			for _, text := range queries {
				for _, plat := range []inbox.Platform{"", inbox.Instagram} {
					f := inbox.Filter{View: inbox.ViewOpen, Search: text, Platform: plat}
					want := simpleSearch(t, s, v.q, f)
					got := pageDown(t, v.l, f, 7)
					if !slices.Equal(got, want) {
						t.Errorf("%s, %s: %q on %q = %v, want %v", name, v.name, text, plat, got, want)
					}
					n, err := v.l.Count(ctx, f)
					if err != nil || n != len(want) {
						t.Errorf("%s, %s: count %q on %q = %d (%v), want %d", name, v.name, text, plat, n, err, len(want))
					}
				}
			}
		}
		s.bg.Wait()
	}
	var remembered int
	if err := s.r.QueryRow(`SELECT count(*) FROM search_words WHERE word IN ('jalan', 'tolong')`).Scan(&remembered); err != nil || remembered != 2 {
		t.Errorf("remembered %d of jalan and tolong (%v), want both", remembered, err)
	}
	// The desa's list reads only its own conversations.
	for _, c := range mustList(t, desa, inbox.Filter{Search: "jalan"}) {
		if err := desa.visible(readRow{ctx, s.r}, c.ID); err != nil {
			t.Errorf("desa lists conversation %d of %s: %v", c.ID, c.Unit, err)
		}
	}
}

// A word search_words says is common is planned as common without the
// full-text index, and still finds exactly its conversations.
func TestRememberedWordSkipsTheIndex(t *testing.T) {
	s, desa := planFixture(t)
	ctx := context.Background()
	sr, err := s.planSearch(ctx, "tiket37")
	if err != nil || sr.seed != 0 {
		t.Fatalf("tiket37 before: seed %d (%v), want the rare plan", sr.seed, err)
	}
	if _, err := s.w.Exec(`INSERT INTO search_words (word, matches, conversations) VALUES ('tiket37', 3000, 3000)`); err != nil {
		t.Fatal(err)
	}
	if sr, err = s.planSearch(ctx, "tiket37"); err != nil || sr.seed != -1 || sr.convs != 3000 {
		t.Fatalf("tiket37 remembered: seed %d convs %d (%v), want the walk with the remembered count", sr.seed, sr.convs, err)
	}
	for _, v := range []lister{s, desa} {
		f := inbox.Filter{Search: "tiket37"}
		var q *Scoped
		if v != lister(s) {
			q = desa
		}
		if got, want := pageDown(t, v, f, 7), simpleSearch(t, s, q, f); !slices.Equal(got, want) {
			t.Errorf("tiket37 = %v, want %v", got, want)
		}
	}
}

func mustList(t *testing.T, v lister, f inbox.Filter) []inbox.Conversation {
	t.Helper()
	rows, err := v.List(context.Background(), f, Page{Limit: 200})
	if err != nil {
		t.Fatal(err)
	}
	return rows
}
