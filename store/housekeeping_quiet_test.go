package store

import (
	"context"
	"testing"
	"time"

	"sapa/inbox"
)

// TestHousekeepingWithNothingToDoMovesNoCounter: the relay wakes snoozed
// conversations and queues nudges every few seconds; a pass that changes
// nothing must not move the change counter, or every idle session of the
// SSH service would reload its screen after each pass.
func TestHousekeepingWithNothingToDoMovesNoCounter(t *testing.T) {
	s, _ := scopeFixture(t)
	clk := &clock{t: t0.Add(10 * time.Minute)}
	s.now = clk.now
	ctx := context.Background()
	counter := func() uint64 {
		t.Helper()
		n, err := s.ChangeCounter(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}

	before := counter()
	if n, err := s.WakeSnoozed(ctx, clk.now()); err != nil || n != 0 {
		t.Fatalf("WakeSnoozed = %d, %v with nothing snoozed", n, err)
	}
	if after := counter(); after != before {
		t.Fatalf("a wake that reopened nothing moved the counter %d → %d", before, after)
	}
	l, _ := s.List(ctx, inbox.Filter{View: inbox.ViewAll}, Page{})
	until := clk.now().Add(time.Minute)
	if _, err := s.Apply(ctx, l[0].ID, "root", Change{SnoozeUntil: until}); err != nil {
		t.Fatal(err)
	}
	before = counter()
	if n, err := s.WakeSnoozed(ctx, until); err != nil || n != 1 {
		t.Fatalf("WakeSnoozed = %d, %v; want 1", n, err)
	}
	if after := counter(); after == before {
		t.Fatal("a wake that reopened a conversation did not move the counter")
	}

	if err := s.SetNudge(ctx, "root", "siti", inbox.Nudge{Via: "telegram", To: "12345"}); err != nil {
		t.Fatal(err)
	}
	if n, err := s.QueueNudges(ctx, 30*time.Minute, nil, summary); err != nil || n != 1 {
		t.Fatalf("first QueueNudges = %d, %v; want 1", n, err)
	}
	clk.add(2 * NudgeEvery) // siti may be nudged again, but nothing new waits
	before = counter()
	if n, err := s.QueueNudges(ctx, 30*time.Minute, nil, summary); err != nil || n != 0 {
		t.Fatalf("QueueNudges = %d, %v with nothing new; want 0", n, err)
	}
	if after := counter(); after != before {
		t.Fatalf("a nudge pass that queued nothing moved the counter %d → %d", before, after)
	}
}
