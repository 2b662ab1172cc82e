package store

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"sapa/inbox"
)

// reportFixture is scopeFixture (threads a, b, c in desa A, B, C; d at the
// kabupaten, arriving t0 + 0, 1, 2, 3 min) after: siti answers a at t0+2h;
// b is closed without a reply; c turns out to have begun a day earlier (an
// older message fetched late).
func reportFixture(t *testing.T) (*Store, map[string]*Scoped) {
	t.Helper()
	s, v := scopeFixture(t)
	ctx := context.Background()
	accA := account(t, s, "fb-32.01.05.2001", inbox.Facebook)
	reply := item("a", "r1", "Baik, kami teruskan", t0.Add(2*time.Hour))
	reply.Message.Direction, reply.Message.SentBy = inbox.Out, "siti"
	if _, err := s.Ingest(ctx, accA, []inbox.Inbound{reply}, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Apply(ctx, 2, "ujang", inbox.Change{Status: inbox.StatusDone}); err != nil {
		t.Fatal(err)
	}
	accC := account(t, s, "fb-32.01.06.2001", inbox.Facebook)
	if _, err := s.Ingest(ctx, accC, []inbox.Inbound{item("c", "old", "kemarin juga", t0.Add(-24*time.Hour))}, ""); err != nil {
		t.Fatal(err)
	}
	return s, v
}

func backlogOf(f inbox.ReportFacts) int {
	n := 0
	for _, b := range f.Backlog {
		n += b.N
	}
	return n
}

// TestReportFacts: the period's arrivals with their first inbound (the
// earliest, even when fetched late) and first response, the responder, the
// conversations closed without a reply, and the backlog at the period's
// end, which leaves out both the answered and the closed.
func TestReportFacts(t *testing.T) {
	s, _ := reportFixture(t)
	ctx := context.Background()
	f, err := s.ReportFacts(ctx, inbox.ReportQuery{From: t0.Add(-48 * time.Hour), To: t0.Add(24 * time.Hour), Responders: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Convs) != 4 || len(f.Units) != 6 || f.Units[0].Code != "32.01" {
		t.Fatalf("facts: %+v", f)
	}
	byUnit := map[string]inbox.ReportConv{}
	for _, c := range f.Convs {
		byUnit[c.Unit] = c
	}
	a, b, c := byUnit["32.01.05.2001"], byUnit["32.01.05.2002"], byUnit["32.01.06.2001"]
	if !a.In.Equal(t0) || !a.FirstResponse.Equal(t0.Add(2*time.Hour)) || a.Responder != "siti" || a.ClosedUnanswered {
		t.Errorf("answered: %+v", a)
	}
	if !b.ClosedUnanswered || !b.FirstResponse.IsZero() {
		t.Errorf("closed without a reply: %+v", b)
	}
	if !c.In.Equal(t0.Add(-24*time.Hour)) || c.Platform != "facebook" {
		t.Errorf("arrived a day before its first fetched message: %+v", c)
	}
	if n := backlogOf(f); n != 2 { // c and d
		t.Errorf("backlog %d, want 2", n)
	}
	// An hour in, a was not yet answered: it waits too; c arrived before the
	// period and is in the backlog only.
	f, err = s.ReportFacts(ctx, inbox.ReportQuery{From: t0.Add(-time.Hour), To: t0.Add(time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Convs) != 3 || backlogOf(f) != 3 || f.Convs[0].Responder != "" {
		t.Errorf("the first hour: %d in, backlog %d: %+v", len(f.Convs), backlogOf(f), f)
	}
	// --unit: the kecamatan's subtree.
	f, err = s.ReportFacts(ctx, inbox.ReportQuery{From: t0.Add(-48 * time.Hour), To: t0.Add(24 * time.Hour), Unit: "32.01.05"})
	if err != nil || len(f.Convs) != 2 || len(f.Units) != 3 || f.Units[0].Code != "32.01.05" {
		t.Errorf("Babakan Madang: %+v %v", f, err)
	}
	if _, err := s.ReportFacts(ctx, inbox.ReportQuery{To: t0, Unit: "32.99"}); !errors.Is(err, ErrNotFound) {
		t.Errorf("a unit not in the tree: %v", err)
	}
}

// TestReportFactsScope: each admin's report holds its own subtree only; a
// unit outside it is not found.
func TestReportFactsScope(t *testing.T) {
	_, v := reportFixture(t)
	ctx := context.Background()
	q := inbox.ReportQuery{From: t0.Add(-48 * time.Hour), To: t0.Add(24 * time.Hour)}
	units := func(f inbox.ReportFacts) []string {
		var out []string
		for _, c := range f.Convs {
			out = append(out, c.Unit)
		}
		for _, b := range f.Backlog {
			out = append(out, "backlog "+b.Unit)
		}
		slices.Sort(out)
		return out
	}
	for name, want := range map[string][]string{
		"siti":   {"32.01.05.2001"},
		"asep":   {"32.01.06.2001", "backlog 32.01.06.2001"},
		"camat":  {"32.01.05.2001", "32.01.05.2002"},
		"bupati": {"32.01", "32.01.05.2001", "32.01.05.2002", "32.01.06.2001", "backlog 32.01", "backlog 32.01.06.2001"},
	} {
		f, err := v[name].ReportFacts(ctx, q)
		if err != nil {
			t.Fatal(name, err)
		}
		if got := units(f); !slices.Equal(got, want) {
			t.Errorf("%s sees %v, want %v", name, got, want)
		}
		for _, u := range f.Units {
			if name != "bupati" && !v[name].sees(u.Code) {
				t.Errorf("%s's report names unit %s outside its scope", name, u.Code)
			}
		}
	}
	q.Unit = "32.01.06"
	if _, err := v["siti"].ReportFacts(ctx, q); !errors.Is(err, ErrNotFound) {
		t.Errorf("siti asking for Jonggol: %v", err)
	}
	if f, err := v["camat"].ReportFacts(ctx, inbox.ReportQuery{From: q.From, To: q.To, Unit: "32.01.05.2002"}); err != nil ||
		len(f.Convs) != 1 || len(f.Units) != 1 {
		t.Errorf("camat narrowing to one desa: %+v %v", f, err)
	}
}

// TestReportFactsHandoffs: handoffs of the period, grouped, each counted
// for the unit it left; an admin's report holds those from its subtree.
func TestReportFactsHandoffs(t *testing.T) {
	s, v := scopeFixture(t)
	ctx := context.Background()
	if _, err := s.Handoff(ctx, 1, "siti", "32.01.05", "mohon dibantu"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Handoff(ctx, 4, "bupati", "32.01.06", ""); err != nil {
		t.Fatal(err)
	}
	q := inbox.ReportQuery{From: t0.Add(-time.Hour), To: t0.Add(time.Hour)}
	f, err := s.ReportFacts(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]inbox.ReportHandoffs{}
	for _, h := range f.Handoffs {
		got[h.Unit] = h
	}
	if h := got["32.01.05.2001"]; len(got) != 2 || !h.Up || h.N != 1 || h.Admin != "siti" || h.Platform != "facebook" {
		t.Errorf("handoffs %+v", f.Handoffs)
	}
	if h := got["32.01"]; h.Up || h.N != 1 || h.Admin != "bupati" {
		t.Errorf("the kabupaten's delegation: %+v", h)
	}
	for name, want := range map[string]int{"siti": 1, "asep": 0, "camat": 1, "bupati": 2} {
		f, err := v[name].ReportFacts(ctx, q)
		if err != nil || len(f.Handoffs) != want {
			t.Errorf("%s: handoffs %+v, want %d (%v)", name, f.Handoffs, want, err)
		}
	}
	q.From = t0.Add(time.Minute)
	if f, _ := s.ReportFacts(ctx, q); len(f.Handoffs) != 0 {
		t.Errorf("a period after the handoffs: %+v", f.Handoffs)
	}
}
