package store

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"sapa/inbox"
)

// handoffFixture is scopeFixture's tree with an agency under the kabupaten.
func handoffFixture(t *testing.T) (*Store, map[string]*Scoped) {
	t.Helper()
	s, v := scopeFixture(t)
	if err := s.SyncUnits(context.Background(), []UnitRow{{"32.01", "32", "kabupaten", "Kabupaten Bogor"},
		{"32.01.05", "32.01", "kecamatan", "Babakan Madang"}, {"32.01.06", "32.01", "kecamatan", "Jonggol"},
		{"disdukcapil", "32.01", "opd", "Disdukcapil"},
		{"32.01.05.2001", "32.01.05", "desa", "Cijayanti"}, {"32.01.05.2002", "32.01.05", "desa", "Bojong Koneng"},
		{"32.01.06.2001", "32.01.06", "desa", "Sukamaju"}}); err != nil {
		t.Fatal(err)
	}
	return s, v
}

func TestEscalatedConversationIsFollowedReadOnly(t *testing.T) {
	s, v := handoffFixture(t)
	ctx := context.Background()
	// asep (Desa Sukamaju) sends conversation 3 up to Kecamatan Jonggol.
	h, err := v["asep"].Handoff(ctx, 3, "ignored", "32.01.06", "jalan kabupaten, bukan desa")
	if err != nil {
		t.Fatal(err)
	}
	if h.Way != inbox.Up || h.From.Short() != "Desa Sukamaju" || h.To.Short() != "Kec. Jonggol" || h.Admin != "asep" {
		t.Fatalf("handoff %+v", h)
	}
	c, err := s.Conversation(ctx, 3)
	if err != nil || c.Unit != "32.01.06" || !c.Unread || c.Assignee != "" {
		t.Fatalf("after escalating: %+v %v", c, err)
	}
	// asep still reads it: list, open, thread, trail.
	got, _ := v["asep"].List(ctx, inbox.Filter{View: inbox.ViewAll}, Page{Limit: 10})
	if !slices.Equal(convIDs(got), []int64{3}) {
		t.Fatalf("asep lists %v, want the escalated conversation", convIDs(got))
	}
	if n, _ := v["asep"].Count(ctx, inbox.Filter{View: inbox.ViewAll}); n != 1 {
		t.Errorf("asep counts %d", n)
	}
	if _, err := v["asep"].Conversation(ctx, 3); err != nil {
		t.Fatal(err)
	}
	if _, err := v["asep"].Thread(ctx, 3, 10); err != nil {
		t.Fatal(err)
	}
	tr, err := v["asep"].Trail(ctx, 3)
	if err != nil || !tr.Following || len(tr.Handoffs) != 1 || tr.Handoffs[0].Note != "jalan kabupaten, bukan desa" {
		t.Fatalf("trail %+v %v", tr, err)
	}
	// …and changes nothing.
	writes := map[string]error{}
	_, writes["apply"] = v["asep"].Apply(ctx, 3, "", Change{Status: inbox.StatusDone})
	writes["note"] = v["asep"].AddNote(ctx, 3, "", "catatan")
	_, writes["handoff"] = v["asep"].Handoff(ctx, 3, "", "32.01", "")
	writes["unit"] = v["asep"].SetUnit(ctx, 3, "", "32.01.06.2001")
	writes["draft"] = v["asep"].SaveDraft(ctx, 3, "", "halo")
	_, writes["enqueue"] = v["asep"].Enqueue(ctx, 3, "", "halo", time.Time{}, inbox.StatusPending, true)
	for what, err := range writes {
		if err == nil {
			t.Errorf("%s by the unit that escalated was allowed", what)
		}
	}
	if err := writes["apply"]; !errors.Is(err, ErrFollowing) {
		t.Errorf("apply: %v, want ErrFollowing", err)
	}
	// asep's read mark is asep's own: Jonggol still finds it unread.
	if err := v["asep"].MarkRead(ctx, 3); err != nil {
		t.Fatal(err)
	}
	if c, _ := s.Conversation(ctx, 3); !c.Unread {
		t.Error("the following unit's read cleared the receiving unit's unread mark")
	}
	// Another desa sees nothing of it.
	if _, err := v["siti"].Conversation(ctx, 3); !errors.Is(err, ErrNotFound) {
		t.Errorf("siti opens it: %v", err)
	}
	if _, err := v["siti"].Trail(ctx, 3); !errors.Is(err, ErrNotFound) {
		t.Errorf("siti reads its trail: %v", err)
	}
	audit, _ := s.Audit(ctx, 3, 10)
	if last := audit[len(audit)-1]; last.Action != "escalate" || last.Admin != "asep" ||
		last.Detail != "Desa Sukamaju → Kec. Jonggol: jalan kabupaten, bukan desa" {
		t.Errorf("audit %+v", last)
	}
}

func TestDelegateDownAndAcross(t *testing.T) {
	_, v := handoffFixture(t)
	ctx := context.Background()
	// The kabupaten sends conversation 4 down to a desa, which now holds it.
	h, err := v["bupati"].Handoff(ctx, 4, "", "32.01.05.2001", "tolong cek")
	if err != nil || h.Way != inbox.Down {
		t.Fatalf("%+v %v", h, err)
	}
	got, _ := v["siti"].List(ctx, inbox.Filter{View: inbox.ViewOpen}, Page{Limit: 10})
	if !slices.Equal(convIDs(got), []int64{1, 4}) {
		t.Fatalf("siti lists %v", convIDs(got))
	}
	if err := v["siti"].AddNote(ctx, 4, "", "sudah dicek"); err != nil {
		t.Fatal(err)
	}
	// The kecamatan sends conversation 2 across to an agency.
	h, err = v["camat"].Handoff(ctx, 2, "", "disdukcapil", "")
	if err != nil || h.Way != inbox.Across {
		t.Fatalf("%+v %v", h, err)
	}
	if _, err := v["ujang"].Conversation(ctx, 2); err != nil {
		t.Errorf("the desa that held it no longer reads it: %v", err)
	}
	// A conversation handed back is unread again for the desa that read it.
	if err := v["siti"].MarkRead(ctx, 1); err != nil {
		t.Fatal(err)
	}
	if c, _ := v["siti"].Conversation(ctx, 1); c.Unread {
		t.Fatal("still unread after siti read it")
	}
	if _, err := v["siti"].Handoff(ctx, 1, "", "32.01.05", "bukan wewenang desa"); err != nil {
		t.Fatal(err)
	}
	if c, _ := v["camat"].Conversation(ctx, 1); !c.Unread {
		t.Error("escalated, yet read for the kecamatan")
	}
	if _, err := v["camat"].Handoff(ctx, 1, "", "32.01.05.2001", "silakan ditindaklanjuti"); err != nil {
		t.Fatal(err)
	}
	if c, _ := v["siti"].Conversation(ctx, 1); !c.Unread {
		t.Error("handed back, yet read for the desa")
	}
	// Neither sideways nor to a unit the tree lacks.
	if _, err := v["camat"].Handoff(ctx, 1, "", "32.01.06.2001", ""); !errors.Is(err, ErrHandoff) {
		t.Errorf("sideways: %v", err)
	}
	if _, err := v["camat"].Handoff(ctx, 1, "", "32.99", ""); !errors.Is(err, ErrNoUnit) {
		t.Errorf("unknown unit: %v", err)
	}
	if _, err := v["bupati"].Handoff(ctx, 1, "", "32.01.05.2001", ""); !errors.Is(err, ErrHandoff) {
		t.Errorf("to where it is: %v", err)
	}
}

func TestHandoffAndNotesStayInScope(t *testing.T) {
	_, v := handoffFixture(t)
	ctx := context.Background()
	if _, err := v["siti"].Handoff(ctx, 2, "", "32.01.05", ""); !errors.Is(err, ErrNotFound) {
		t.Errorf("siti escalates Bojong Koneng's conversation: %v", err)
	}
	if err := v["siti"].AddNote(ctx, 3, "", "x"); !errors.Is(err, ErrNotFound) {
		t.Errorf("siti notes Sukamaju's conversation: %v", err)
	}
	if err := v["siti"].SetUnit(ctx, 1, "", "32.01.05.2002"); !errors.Is(err, ErrNoUnit) {
		t.Errorf("siti moves her conversation to another desa: %v", err)
	}
	if _, err := v["lihat"].Handoff(ctx, 1, "", "32.01.05", ""); !errors.Is(err, ErrReadOnly) {
		t.Errorf("a viewer escalates: %v", err)
	}
	if err := v["camat"].SetUnit(ctx, 1, "", "32.01.05.2002"); err != nil {
		t.Errorf("the kecamatan corrects within its subtree: %v", err)
	}
	tg, err := v["camat"].Targets(ctx, 2)
	if err != nil || tg.Up == nil || tg.Up.Code != "32.01.05" || len(tg.Down) != 0 || len(tg.Across) != 1 || len(tg.Places) != 3 {
		t.Errorf("targets %+v %v", tg, err)
	}
	if _, err := v["siti"].Targets(ctx, 2); !errors.Is(err, ErrNotFound) {
		t.Errorf("siti reads another desa's targets: %v", err)
	}
}

func TestNotesNeverReachTheOutbox(t *testing.T) {
	s, v := handoffFixture(t)
	ctx := context.Background()
	if err := v["siti"].AddNote(ctx, 1, "", "  warga ini sudah lapor tiga kali  "); err != nil {
		t.Fatal(err)
	}
	if err := v["siti"].AddNote(ctx, 1, "", "  "); !errors.Is(err, ErrEmptyNote) {
		t.Errorf("empty note: %v", err)
	}
	s.AcquireLease(ctx, "relay", time.Minute)
	if c, err := s.ClaimDue(ctx, "relay", nil, 10); err != nil || len(c) != 0 {
		t.Fatalf("the relay claims %+v %v after a note", c, err)
	}
	msgs, _ := s.Thread(ctx, 1, 10)
	for _, m := range msgs {
		if m.Direction == inbox.Out {
			t.Fatalf("a note became a message: %+v", m)
		}
	}
	tr, _ := s.Trail(ctx, 1)
	if len(tr.Notes) != 1 || tr.Notes[0].Text != "warga ini sudah lapor tiga kali" || tr.Notes[0].Admin != "siti" {
		t.Fatalf("notes %+v", tr.Notes)
	}
	audit, _ := s.Audit(ctx, 1, 10)
	if last := audit[len(audit)-1]; last.Action != "note" || last.Admin != "siti" {
		t.Errorf("audit %+v", last)
	}
}

func TestApplyRoutesPlacesOnlyUnplacedConversations(t *testing.T) {
	s, v := handoffFixture(t)
	ctx := context.Background()
	routes := []Route{
		{Conversation: 4, Unit: "32.01.06", Matched: "jonggol", Confident: true},
		{Conversation: 1, Unit: "32.01.06", Matched: "jonggol", Confident: true}, // the account's desa placed it
	}
	if err := s.Sync(); err != nil {
		t.Fatal(err)
	}
	if err := s.ApplyRoutes(ctx, routes); err != nil {
		t.Fatal(err)
	}
	if s.Synced() {
		t.Error("routes written as ingest is: want them on the disk at the next Sync, not before")
	}
	if c, _ := s.Conversation(ctx, 4); c.Unit != "32.01.06" {
		t.Fatalf("conversation 4 in %q", c.Unit)
	}
	if c, _ := s.Conversation(ctx, 1); c.Unit != "32.01.05.2001" {
		t.Fatalf("the account's conversation moved to %q", c.Unit)
	}
	audit, _ := s.Audit(ctx, 4, 10)
	if last := audit[len(audit)-1]; last.Admin != RelayActor || last.Action != "route" || last.Detail != "Kec. Jonggol: jonggol" {
		t.Errorf("audit %+v", last)
	}
	tr, _ := s.Trail(ctx, 4)
	if tr.Route == nil || !tr.Route.Applied || tr.Route.Unit.Short() != "Kec. Jonggol" || tr.Route.Matched != "jonggol" {
		t.Fatalf("route %+v", tr.Route)
	}
	// Routed once, never again by the relay.
	s.ApplyRoutes(ctx, []Route{{Conversation: 4, Unit: "32.01.05", Confident: true}})
	if c, _ := s.Conversation(ctx, 4); c.Unit != "32.01.06" {
		t.Fatalf("routed twice: %q", c.Unit)
	}
	// Escalated back to the kabupaten by an admin: the relay leaves it there.
	if _, err := v["bupati"].Handoff(ctx, 4, "", "32.01.06.2001", ""); err != nil {
		t.Fatal(err)
	}
	if _, err := v["asep"].Handoff(ctx, 4, "", "32.01.06", ""); err != nil {
		t.Fatal(err)
	}
	s.ApplyRoutes(ctx, []Route{{Conversation: 4, Unit: "32.01.05", Confident: true}})
	if c, _ := s.Conversation(ctx, 4); c.Unit != "32.01.06" {
		t.Fatalf("the relay moved an escalated conversation: %q", c.Unit)
	}
}

func TestApplyRoutesSuggestsWhenUnsure(t *testing.T) {
	s, _ := handoffFixture(t)
	ctx := context.Background()
	if err := s.ApplyRoutes(ctx, []Route{{Conversation: 4, Unit: "32.01.06.2001", Matched: "sukamaju", Agency: "Dinas PUPR", Keyword: "jalan rusak"}}); err != nil {
		t.Fatal(err)
	}
	c, _ := s.Conversation(ctx, 4)
	tr, _ := s.Trail(ctx, 4)
	if c.Unit != "32.01" || tr.Route == nil || tr.Route.Applied || tr.Route.Unit.Code != "32.01.06.2001" ||
		tr.Route.Agency.Name != "Dinas PUPR" || tr.Route.Agency.Code != "" {
		t.Fatalf("unit %q route %+v", c.Unit, tr.Route)
	}
}
