package store

import (
	"context"
	"errors"
	"testing"
	"time"

	"sapa/inbox"
)

func TestApplyManyIsAllOrNothing(t *testing.T) {
	s, _ := openTest(t)
	ctx := context.Background()
	acc := account(t, s, "fb", inbox.Facebook)
	if _, err := s.Ingest(ctx, acc, []inbox.Inbound{item("a", "a1", "jalan rusak", t0), item("b", "b1", "banjir", t0)}, "c"); err != nil {
		t.Fatal(err)
	}
	me := "admin.pupr"
	err := s.ApplyMany(ctx, me, []IDChange{{ID: 1, Change: Change{Status: inbox.StatusDone}}, {ID: 99, Change: Change{Status: inbox.StatusDone}}})
	if !errors.Is(err, ErrNotFound) {
		t.Fatalf("missing conversation: got %v", err)
	}
	if c, _ := s.Conversation(ctx, 1); c.Status != inbox.StatusNew {
		t.Fatalf("a failed batch changed conversation 1 to %s", c.Status)
	}
	err = s.ApplyMany(ctx, me, []IDChange{
		{ID: 1, Change: Change{Status: inbox.StatusDone, Assign: &me, MarkRead: true}},
		{ID: 2, Change: Change{SnoozeUntil: t0.Add(time.Hour), AddLabel: "banjir"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	a, _ := s.Conversation(ctx, 1)
	b, _ := s.Conversation(ctx, 2)
	if a.Status != inbox.StatusDone || a.Assignee != me || a.Unread || a.Version != 3 {
		t.Fatalf("conversation 1 = %+v", a)
	}
	if b.Status != inbox.StatusSnoozed || len(b.Labels) != 1 || b.Labels[0] != "banjir" {
		t.Fatalf("conversation 2 = %+v", b)
	}
	if log, _ := s.Audit(ctx, 1, 10); len(log) != 2 {
		t.Fatalf("audit of conversation 1: %+v", log)
	}
}
