package store

import (
	"context"
	"errors"
	"reflect"
	"testing"
	"time"

	"sapa/inbox"
)

// TestNarrowedFilters checks the unit subtree, assignee and waiting terms a
// saved view adds, in both List and Count.
func TestNarrowedFilters(t *testing.T) {
	s, clk := openTest(t)
	ctx := context.Background()
	acc := account(t, s, "fb", inbox.Facebook)
	batch := []inbox.Inbound{
		item("a", "a1", "jalan rusak", t0),
		item("b", "b1", "lampu mati", t0.Add(time.Hour)),
		item("c", "c1", "banjir", t0.Add(2*time.Hour)),
	}
	if _, err := s.Ingest(ctx, acc, batch, ""); err != nil {
		t.Fatal(err)
	}
	// a: desa under Cibinong, assigned; b: Cibinong itself; c: 32.01.010 is
	// not under 32.01.01 although its code starts alike.
	for key, unit := range map[string]string{"a": "32.01.01.2001", "b": "32.01.01", "c": "32.01.010"} {
		if _, err := s.w.Exec(`UPDATE conversations SET unit = ? WHERE external_key = ?`, unit, key); err != nil {
			t.Fatal(err)
		}
	}
	s.w.Exec(`UPDATE conversations SET assignee = 'rina' WHERE external_key = 'a'`)
	clk.add(3 * time.Hour)
	cases := []struct {
		f    inbox.Filter
		want []string
	}{
		{inbox.Filter{View: inbox.ViewAll, Unit: "32.01.01"}, []string{"b", "a"}},
		{inbox.Filter{View: inbox.ViewAll, Unit: "32.01.01.2001"}, []string{"a"}},
		{inbox.Filter{View: inbox.ViewAll, Assignee: "rina"}, []string{"a"}},
		{inbox.Filter{View: inbox.ViewAll, Assignee: "-"}, []string{"c", "b"}},
		{inbox.Filter{View: inbox.ViewAll, Waiting: 90 * time.Minute}, []string{"b", "a"}},
		{inbox.Filter{View: inbox.ViewOpen, Waiting: 90 * time.Minute, Unit: "32.01.01", Assignee: "-"}, []string{"b"}},
	}
	for _, c := range cases {
		rows, err := s.List(ctx, c.f, Page{})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, r := range rows {
			got = append(got, r.Title[len("Post "):])
		}
		if len(got) != len(c.want) || (len(got) > 0 && got[0] != c.want[0]) {
			t.Errorf("%+v: listed %v, want %v", c.f, got, c.want)
		}
		if n, err := s.Count(ctx, c.f); err != nil || n != len(c.want) {
			t.Errorf("%+v: counted %d (%v), want %d", c.f, n, err, len(c.want))
		}
	}
}

func TestSavedViewsPerAdmin(t *testing.T) {
	s, _ := openTest(t)
	ctx := context.Background()
	f := inbox.Filter{View: inbox.ViewOpen, Me: "rina", Platform: inbox.Facebook, Label: "jalan",
		Unit: "32.01.01", Assignee: "-", Waiting: 48 * time.Hour, Search: "rusak", Now: t0}
	if err := s.SaveView(ctx, "rina", "jalan", f); err != nil {
		t.Fatal(err)
	}
	f.Label = "banjir"
	if err := s.SaveView(ctx, "rina", "jalan", f); err != nil { // replaces
		t.Fatal(err)
	}
	if err := s.SaveView(ctx, "rina", "two words", f); !errors.Is(err, ErrViewName) {
		t.Fatalf("a name with a space: %v", err)
	}
	got, err := s.SavedViews(ctx, "rina")
	if err != nil || len(got) != 1 {
		t.Fatalf("rina's views: %+v %v", got, err)
	}
	want := f
	want.Me, want.Now = "", time.Time{}
	if got[0].Name != "jalan" || !reflect.DeepEqual(got[0].Filter, want) {
		t.Fatalf("saved %+v, want %+v", got[0].Filter, want)
	}
	if other, _ := s.SavedViews(ctx, "budi"); len(other) != 0 {
		t.Fatalf("budi sees rina's views: %+v", other)
	}
}

// TestNarrowedFilterStaysInScope: a view naming a unit outside a desa
// admin's subtree shows that admin nothing; a kecamatan's supervisor
// narrows to one of its desa; saved views are the scope's admin's.
func TestNarrowedFilterStaysInScope(t *testing.T) {
	_, views := scopeFixture(t)
	ctx := context.Background()
	count := func(q *Scoped, unit string) int {
		t.Helper()
		n, err := q.Count(ctx, inbox.Filter{View: inbox.ViewAll, Unit: unit})
		if err != nil {
			t.Fatal(err)
		}
		rows, err := q.List(ctx, inbox.Filter{View: inbox.ViewAll, Unit: unit}, Page{})
		if err != nil || len(rows) != n {
			t.Fatalf("listed %d (%v), counted %d", len(rows), err, n)
		}
		return n
	}
	if n := count(views["siti"], "32.01.06"); n != 0 {
		t.Fatalf("a desa admin's view of another kecamatan shows %d conversations", n)
	}
	if n := count(views["siti"], "32.01"); n != 1 {
		t.Fatalf("a desa admin's view of the kabupaten shows %d, want only their own 1", n)
	}
	if n := count(views["camat"], "32.01.05.2002"); n != 1 {
		t.Fatalf("the camat's view of one desa shows %d, want 1", n)
	}
	if err := views["siti"].SaveView(ctx, "camat", "jonggol", inbox.Filter{View: inbox.ViewAll, Unit: "32.01.06"}); err != nil {
		t.Fatal(err)
	}
	if own, _ := views["camat"].SavedViews(ctx, "camat"); len(own) != 0 {
		t.Fatalf("siti saved a view as the camat: %+v", own)
	}
	if own, _ := views["siti"].SavedViews(ctx, ""); len(own) != 1 {
		t.Fatalf("siti's own views: %+v", own)
	}
}

// TestMigrationLandedLateStillRuns: a database that has a newer migration
// but lacks an older one (merged after it) gets the older one on open.
func TestMigrationLandedLateStillRuns(t *testing.T) {
	s, _ := openTest(t)
	path := s.Path()
	if _, err := s.w.Exec(`DELETE FROM schema_migrations WHERE version = 5`); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s2, err := Open(context.Background(), path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	var n int
	s2.r.QueryRow(`SELECT COUNT(*) FROM schema_migrations WHERE version = 5`).Scan(&n)
	if n != 1 {
		t.Fatal("migration 5, missing below newer ones, was not applied")
	}
}
