package store

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"sapa/inbox"
)

// hourly is a test policy in wall-clock hours: a first answer is due an hour
// after the citizen wrote (urgent: 10 minutes), a next one two hours after.
type hourly struct{ name string }

func (h hourly) Due(priority int, _ inbox.Platform, since time.Time, answered bool) (time.Time, bool) {
	switch {
	case priority >= 2:
		return since.Add(10 * time.Minute), true
	case answered:
		return since.Add(2 * time.Hour), true
	}
	return since.Add(time.Hour), true
}

func (h hourly) Policy() string { return h.name }

func openDeadlines(t *testing.T, path string, clk *clock, d Deadlines) *Store {
	t.Helper()
	s, err := Open(context.Background(), path, Options{Now: clk.now, Deadlines: d})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func dueOf(t *testing.T, s *Store, id int64) time.Time {
	t.Helper()
	c, err := s.Conversation(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return c.DueAt
}

func TestDueTimesFollowTheConversation(t *testing.T) {
	ctx := context.Background()
	clk := &clock{t: t0}
	s := openDeadlines(t, filepath.Join(t.TempDir(), "s.db"), clk, hourly{"v1"})
	acc := account(t, s, "fb", inbox.Facebook)
	if _, err := s.Ingest(ctx, acc, []inbox.Inbound{item("a", "a1", "halo", t0), item("a", "a2", "masih ada?", t0.Add(20*time.Minute))}, ""); err != nil {
		t.Fatal(err)
	}
	// The first answer is due from the oldest unanswered message.
	if got := dueOf(t, s, 1); !got.Equal(t0.Add(time.Hour)) {
		t.Fatalf("first response due %v, want %v", got, t0.Add(time.Hour))
	}
	urgent := 2
	if _, err := s.Apply(ctx, 1, "budi", Change{Priority: &urgent}); err != nil {
		t.Fatal(err)
	}
	if got := dueOf(t, s, 1); !got.Equal(t0.Add(10 * time.Minute)) {
		t.Fatalf("urgent due %v", got)
	}
	normal := 0
	s.Apply(ctx, 1, "budi", Change{Priority: &normal})
	// Waiting for the citizen pauses the clock.
	if _, err := s.Apply(ctx, 1, "budi", Change{Status: inbox.StatusPending}); err != nil {
		t.Fatal(err)
	}
	if got := dueOf(t, s, 1); !got.IsZero() {
		t.Fatalf("pending has a due time %v", got)
	}
	// The citizen writing to a pending conversation starts a fresh clock.
	s.Ingest(ctx, acc, []inbox.Inbound{item("a", "a2b", "halo?", t0.Add(2*time.Hour))}, "")
	if got := dueOf(t, s, 1); !got.Equal(t0.Add(3 * time.Hour)) {
		t.Fatalf("reopened by the citizen: due %v, want %v", got, t0.Add(3*time.Hour))
	}
	s.Apply(ctx, 1, "budi", Change{Status: inbox.StatusPending})
	// Reopened by hand: the clock starts again from then.
	clk.add(3 * time.Hour)
	if _, err := s.Apply(ctx, 1, "budi", Change{Status: inbox.StatusOpen}); err != nil {
		t.Fatal(err)
	}
	if got := dueOf(t, s, 1); !got.Equal(t0.Add(4 * time.Hour)) {
		t.Fatalf("reopened due %v, want %v", got, t0.Add(4*time.Hour))
	}
	// The office's reply answers the wait; the citizen's next message
	// starts the next-response clock.
	reply := item("a", "a3", "baik, kami cek", t0.Add(3*time.Hour+5*time.Minute))
	reply.Message.Direction = inbox.Out
	s.Ingest(ctx, acc, []inbox.Inbound{reply}, "")
	if got := dueOf(t, s, 1); !got.IsZero() {
		t.Fatalf("answered has a due time %v", got)
	}
	at := t0.Add(5 * time.Hour)
	s.Ingest(ctx, acc, []inbox.Inbound{item("a", "a4", "terima kasih, tapi belum", at)}, "")
	if got := dueOf(t, s, 1); !got.Equal(at.Add(2 * time.Hour)) {
		t.Fatalf("next response due %v, want %v", got, at.Add(2*time.Hour))
	}
	// An old message fetched late, older than the office's reply, starts nothing.
	s.Ingest(ctx, acc, []inbox.Inbound{item("b", "b1", "halo", t0)}, "")
	r := item("b", "b2", "ya", t0.Add(time.Minute))
	r.Message.Direction = inbox.Out
	s.Ingest(ctx, acc, []inbox.Inbound{r}, "")
	s.Ingest(ctx, acc, []inbox.Inbound{item("b", "b0", "pesan lama", t0.Add(-time.Minute))}, "")
	if got := dueOf(t, s, 2); !got.IsZero() {
		t.Fatalf("a late old message started a clock: %v", got)
	}
	// A reply sent from Sapa answers too, once it is sent.
	clk.add(3 * time.Hour)
	id, err := s.Enqueue(ctx, 1, "budi", "sudah diteruskan", clk.now(), inbox.StatusOpen, true)
	if err != nil {
		t.Fatal(err)
	}
	if got := dueOf(t, s, 1); got.IsZero() {
		t.Fatal("a queued reply answered the citizen before it was sent")
	}
	if _, err := s.ClaimDue(ctx, "", nil, 10); err != nil {
		t.Fatal(err)
	}
	if err := s.MarkSent(ctx, id, inbox.Sent{ExternalID: "x1", SentAt: clk.now()}); err != nil {
		t.Fatal(err)
	}
	if got := dueOf(t, s, 1); !got.IsZero() {
		t.Fatalf("sent reply left a due time %v", got)
	}
}

func TestBreachViewLongestOverdueFirstAndRestamped(t *testing.T) {
	ctx := context.Background()
	clk := &clock{t: t0.Add(10 * time.Hour)}
	path := filepath.Join(t.TempDir(), "s.db")
	s := openDeadlines(t, path, clk, hourly{"v1"})
	acc := account(t, s, "fb", inbox.Facebook)
	// c1 due t0+1h, c2 due t0+3h, c3 due t0+30m (urgent below), c4 due in the future.
	for i, at := range []time.Time{t0, t0.Add(2 * time.Hour), t0.Add(20 * time.Minute), t0.Add(9*time.Hour + 30*time.Minute)} {
		th := string(rune('a' + i))
		if _, err := s.Ingest(ctx, acc, []inbox.Inbound{item(th, th+"1", "tolong", at)}, ""); err != nil {
			t.Fatal(err)
		}
	}
	urgent := 2
	s.Apply(ctx, 3, "budi", Change{Priority: &urgent})
	f := inbox.Filter{View: inbox.ViewBreaches}
	list := func(s *Store, pg Page) []int64 {
		t.Helper()
		got, err := s.List(ctx, f, pg)
		if err != nil {
			t.Fatal(err)
		}
		var ids []int64
		for _, c := range got {
			ids = append(ids, c.ID)
		}
		return ids
	}
	if got := list(s, Page{Limit: 10}); !slices.Equal(got, []int64{3, 1, 2}) {
		t.Fatalf("breaches %v, want [3 1 2]", got)
	}
	if n, err := s.Count(ctx, f); err != nil || n != 3 {
		t.Fatalf("count %d %v", n, err)
	}
	// Keyset pages in due order, both ways.
	first, _ := s.List(ctx, f, Page{Limit: 1})
	if got := list(s, Page{After: ptrCursor(first[0]), Limit: 10}); !slices.Equal(got, []int64{1, 2}) {
		t.Fatalf("after c3: %v", got)
	}
	last, _ := s.List(ctx, f, Page{Last: true, Limit: 1})
	if got := list(s, Page{Before: ptrCursor(last[0]), Limit: 10}); !slices.Equal(got, []int64{3, 1}) {
		t.Fatalf("before c2: %v", got)
	}
	// Done leaves the view.
	s.Apply(ctx, 1, "budi", Change{Status: inbox.StatusDone})
	if got := list(s, Page{Limit: 10}); !slices.Equal(got, []int64{3, 2}) {
		t.Fatalf("after done: %v", got)
	}
	// The view is a range of the due index, not a scan of every conversation.
	where, args := filterSQL(f, nil)
	var a, b, c int
	var detail string
	err := s.r.QueryRow("EXPLAIN QUERY PLAN SELECT c.id FROM conversations c WHERE "+strings.Join(where, " AND ")+
		" ORDER BY c.due_at, c.id", args...).Scan(&a, &b, &c, &detail)
	if err != nil || !strings.Contains(detail, "conversations_due") {
		t.Fatalf("breach query plan: %q %v", detail, err)
	}
	s.Close()
	// Another policy stamps every due time again when the store opens.
	s2 := openDeadlines(t, path, clk, hourly{"v2"})
	var policy string
	s2.r.QueryRow(`SELECT policy FROM due_policy`).Scan(&policy)
	if policy != "v2" {
		t.Fatalf("policy %q", policy)
	}
}

func TestRestampOnPolicyChange(t *testing.T) {
	ctx := context.Background()
	clk := &clock{t: t0}
	path := filepath.Join(t.TempDir(), "s.db")
	s := openDeadlines(t, path, clk, nil) // a tool that stamps nothing
	acc := account(t, s, "fb", inbox.Facebook)
	s.Ingest(ctx, acc, []inbox.Inbound{item("a", "a1", "halo", t0)}, "")
	if got := dueOf(t, s, 1); !got.IsZero() {
		t.Fatalf("stamped without a policy: %v", got)
	}
	s.Close()
	s = openDeadlines(t, path, clk, hourly{"v1"})
	if got := dueOf(t, s, 1); !got.Equal(t0.Add(time.Hour)) {
		t.Fatalf("restamped due %v", got)
	}
	s.Close()
	s = openDeadlines(t, path, clk, shifted{hourly{"v2"}})
	if got := dueOf(t, s, 1); !got.Equal(t0.Add(2 * time.Hour)) {
		t.Fatalf("restamped under v2: %v", got)
	}
}

// shifted is a policy one hour more lenient than its base.
type shifted struct{ hourly }

func (s shifted) Due(p int, pl inbox.Platform, since time.Time, a bool) (time.Time, bool) {
	t, ok := s.hourly.Due(p, pl, since, a)
	return t.Add(time.Hour), ok
}

func ptrCursor(c inbox.Conversation) *inbox.Cursor { k := inbox.CursorOf(c); return &k }

func TestBreachViewIsScoped(t *testing.T) {
	s, v := scopeFixture(t)
	ctx := context.Background()
	s.deadlines = hourly{"v1"}
	if err := s.restampDue(ctx); err != nil {
		t.Fatal(err)
	}
	f := inbox.Filter{View: inbox.ViewBreaches, Now: t0.Add(5 * time.Hour)}
	for name, want := range map[string][]int64{"siti": {1}, "camat": {1, 2}, "bupati": {1, 2, 3, 4}} {
		got, err := v[name].List(ctx, f, Page{Limit: 10})
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(convIDs(got), want) {
			t.Errorf("%s breaches %v, want %v", name, convIDs(got), want)
		}
		if n, _ := v[name].Count(ctx, f); n != len(want) {
			t.Errorf("%s breach count %d", name, n)
		}
	}
}
