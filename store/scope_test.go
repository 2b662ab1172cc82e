package store

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"sapa/inbox"
)

// scopeFixture is a small tree: the kabupaten, one kecamatan with desa A
// and B, and another kecamatan with desa C; one conversation in each desa
// (ids 1, 2, 3) and one left at the kabupaten (4).
func scopeFixture(t *testing.T) (*Store, map[string]*Scoped) {
	t.Helper()
	s, _ := openTest(t)
	ctx := context.Background()
	if err := s.SyncUnits(ctx, []UnitRow{
		{"32.01", "32", "kabupaten", "Kabupaten Bogor"},
		{"32.01.05", "32.01", "kecamatan", "Babakan Madang"},
		{"32.01.06", "32.01", "kecamatan", "Jonggol"},
		{"32.01.05.2001", "32.01.05", "desa", "Cijayanti"},
		{"32.01.05.2002", "32.01.05", "desa", "Bojong Koneng"},
		{"32.01.06.2001", "32.01.06", "desa", "Sukamaju"},
	}); err != nil {
		t.Fatal(err)
	}
	for i, u := range []string{"32.01.05.2001", "32.01.05.2002", "32.01.06.2001", ""} {
		acc := account(t, s, "fb-"+u, inbox.Facebook)
		if u != "" {
			s.SetAccountUnit(ctx, acc, u)
		}
		th := string(rune('a' + i))
		if _, err := s.Ingest(ctx, acc, []inbox.Inbound{item(th, "m"+th, "jalan rusak di desa", t0.Add(time.Duration(i)*time.Minute))}, ""); err != nil {
			t.Fatal(err)
		}
	}
	// The account without a unit gets the kabupaten's when the tree is synced.
	if err := s.SyncUnits(ctx, []UnitRow{{"32.01", "32", "kabupaten", "Kabupaten Bogor"},
		{"32.01.05", "32.01", "kecamatan", "Babakan Madang"}, {"32.01.06", "32.01", "kecamatan", "Jonggol"},
		{"32.01.05.2001", "32.01.05", "desa", "Cijayanti"}, {"32.01.05.2002", "32.01.05", "desa", "Bojong Koneng"},
		{"32.01.06.2001", "32.01.06", "desa", "Sukamaju"}}); err != nil {
		t.Fatal(err)
	}
	admins := []inbox.Admin{
		{Name: "siti", Unit: "32.01.05.2001", Role: inbox.Operator},
		{Name: "ujang", Unit: "32.01.05.2002", Role: inbox.Operator},
		{Name: "asep", Unit: "32.01.06.2001", Role: inbox.Operator},
		{Name: "camat", Unit: "32.01.05", Role: inbox.Supervisor},
		{Name: "bupati", Unit: "32.01", Role: inbox.Supervisor},
		{Name: "lihat", Unit: "32.01.05.2001", Role: inbox.Viewer},
	}
	views := map[string]*Scoped{}
	for _, a := range admins {
		if err := s.AddAdmin(ctx, "root", a); err != nil {
			t.Fatal(err)
		}
		sc, err := s.Scope(ctx, a)
		if err != nil {
			t.Fatal(err)
		}
		views[a.Name] = s.As(sc)
	}
	return s, views
}

func convIDs(cs []inbox.Conversation) []int64 {
	var out []int64
	for _, c := range cs {
		out = append(out, c.ID)
	}
	slices.Sort(out)
	return out
}

func TestScopeListsEachAdminsSubtree(t *testing.T) {
	_, v := scopeFixture(t)
	ctx := context.Background()
	for name, want := range map[string][]int64{
		"siti": {1}, "ujang": {2}, "asep": {3}, "camat": {1, 2}, "bupati": {1, 2, 3, 4}, "lihat": {1},
	} {
		for _, f := range []inbox.Filter{{View: inbox.ViewOpen}, {View: inbox.ViewAll}, {Search: "jalan"}, {View: inbox.ViewUnassigned}} {
			got, err := v[name].List(ctx, f, Page{Limit: 10})
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(convIDs(got), want) {
				t.Errorf("%s List(%+v) = %v, want %v", name, f, convIDs(got), want)
			}
			n, err := v[name].Count(ctx, f)
			if err != nil || n != len(want) {
				t.Errorf("%s Count(%+v) = %d, %v; want %d", name, f, n, err, len(want))
			}
		}
		if n, _ := v[name].Count(ctx, inbox.Filter{View: inbox.ViewDone}); n != 0 {
			t.Errorf("%s done count = %d", name, n)
		}
	}
}

// TestDesaAdminCannotReachAnotherDesa tries every path the screen has on a
// conversation of another desa (2, Bojong Koneng) as the admin of Cijayanti.
func TestDesaAdminCannotReachAnotherDesa(t *testing.T) {
	s, v := scopeFixture(t)
	ctx := context.Background()
	siti := v["siti"]
	// A reply of Bojong Koneng's own admin sits in the outbox.
	out, err := v["ujang"].Enqueue(ctx, 2, "", "sudah kami teruskan", time.Time{}, inbox.StatusPending, true)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.w.Exec(`UPDATE outbox SET state = 'failed' WHERE id = ?`, out); err != nil {
		t.Fatal(err)
	}
	before, _ := s.Conversation(ctx, 2)
	notFound := func(what string, err error) {
		t.Helper()
		if !errors.Is(err, ErrNotFound) {
			t.Errorf("%s on another desa's conversation: err = %v, want not found", what, err)
		}
	}
	_, err = siti.Conversation(ctx, 2)
	notFound("Conversation", err)
	_, err = siti.Thread(ctx, 2, 50)
	notFound("Thread", err)
	who := "siti"
	prio := 2
	for name, ch := range map[string]Change{
		"done": {Status: inbox.StatusDone}, "assign": {Assign: &who}, "label": {AddLabel: "x"},
		"priority": {Priority: &prio}, "snooze": {SnoozeUntil: t0.Add(time.Hour)}, "read": {MarkRead: true},
	} {
		_, err = siti.Apply(ctx, 2, "ujang", ch)
		notFound("Apply "+name, err)
	}
	_, err = siti.Audit(ctx, 2, 10)
	notFound("Audit", err)
	if all, _ := siti.Audit(ctx, 0, 100); len(all) != 0 {
		t.Errorf("Audit(0) shows another desa's history: %+v", all)
	}
	notFound("MarkRead", siti.MarkRead(ctx, 2))
	notFound("SaveDraft", siti.SaveDraft(ctx, 2, "siti", "halo"))
	_, err = siti.LoadDraft(ctx, 2, "ujang")
	notFound("LoadDraft", err)
	_, err = siti.Enqueue(ctx, 2, "siti", "halo", time.Time{}, inbox.StatusPending, true)
	notFound("Enqueue", err)
	notFound("Resend", siti.Resend(ctx, out, "siti"))
	notFound("Cancel", siti.Cancel(ctx, out, "siti"))
	if c, _ := siti.OutboxCounts(ctx); c[inbox.DeliveryFailed] != 0 {
		t.Errorf("OutboxCounts shows another desa's failed reply: %v", c)
	}
	if c, _ := v["camat"].OutboxCounts(ctx); c[inbox.DeliveryFailed] != 1 {
		t.Errorf("the kecamatan does not see its desa's failed reply: %v", c)
	}
	after, _ := s.Conversation(ctx, 2)
	if after.Version != before.Version || after.Status != before.Status || after.Unread != before.Unread {
		t.Errorf("conversation 2 changed: %+v → %+v", before, after)
	}
	if d, _ := s.LoadDraft(ctx, 2, "siti"); d.Text != "" {
		t.Error("a draft was saved on another desa's conversation")
	}
	// Assignment: only admins who can see the conversation.
	targets, err := siti.AssignTargets(ctx)
	if err != nil || !slices.Equal(targets, []string{"bupati", "camat", "siti"}) {
		t.Errorf("AssignTargets = %v, %v", targets, err)
	}
	for _, other := range []string{"ujang", "asep", "lihat", "nobody"} {
		o := other
		if _, err := siti.Apply(ctx, 1, "", Change{Assign: &o}); !errors.Is(err, ErrNotAssignable) {
			t.Errorf("assign own conversation to %s: %v", other, err)
		}
	}
	c, err := siti.Apply(ctx, 1, "somebody-else", Change{Assign: &who})
	if err != nil || c.Assignee != "siti" {
		t.Fatalf("own conversation: %+v, %v", c, err)
	}
	audit, _ := s.Audit(ctx, 1, 1)
	if len(audit) != 1 || audit[0].Admin != "siti" {
		t.Errorf("audit names %+v, want the scope's admin", audit)
	}
}

func TestViewerReadsOnly(t *testing.T) {
	_, v := scopeFixture(t)
	ctx := context.Background()
	lihat := v["lihat"]
	if _, err := lihat.Conversation(ctx, 1); err != nil {
		t.Fatalf("a viewer cannot read its own desa: %v", err)
	}
	if _, err := lihat.Apply(ctx, 1, "", Change{Status: inbox.StatusDone}); !errors.Is(err, ErrReadOnly) {
		t.Errorf("viewer Apply: %v", err)
	}
	if _, err := lihat.Enqueue(ctx, 1, "", "x", time.Time{}, inbox.StatusPending, true); !errors.Is(err, ErrReadOnly) {
		t.Errorf("viewer Enqueue: %v", err)
	}
	if err := lihat.SaveDraft(ctx, 1, "", "x"); !errors.Is(err, ErrReadOnly) {
		t.Errorf("viewer SaveDraft: %v", err)
	}
}

func TestScopedCompletion(t *testing.T) {
	s, v := scopeFixture(t)
	ctx := context.Background()
	s.Apply(ctx, 1, "x", Change{AddLabel: "jalan"})
	s.Apply(ctx, 2, "x", Change{AddLabel: "banjir"})
	if got, _ := v["siti"].KnownLabels(ctx); !slices.Equal(got, []string{"jalan"}) {
		t.Errorf("siti's labels = %v", got)
	}
	if got, _ := v["bupati"].KnownLabels(ctx); !slices.Equal(got, []string{"banjir", "jalan"}) {
		t.Errorf("bupati's labels = %v", got)
	}
	if got, _ := v["camat"].KnownAssignees(ctx); !slices.Equal(got, []string{"bupati", "camat", "siti", "ujang"}) {
		// camat sees its own, the kabupaten's and its desa's admins, not Jonggol's.
		t.Errorf("camat's assignees = %v", got)
	}
}
