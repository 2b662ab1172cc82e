package store

import (
	"context"
	"errors"
	"testing"

	"sapa/inbox"
)

// A conversation whose id range is full gets an error, not an id from the
// next conversation's range.
func TestNextIDRefusesAFullConversation(t *testing.T) {
	s, _ := openTest(t)
	ctx := context.Background()
	acc := account(t, s, "fb", inbox.Facebook)
	if _, err := s.Ingest(ctx, acc, []inbox.Inbound{item("a", "1", "halo", t0)}, ""); err != nil {
		t.Fatal(err)
	}
	l, err := s.List(ctx, inbox.Filter{}, Page{})
	if err != nil || len(l) != 1 {
		t.Fatalf("list: %v %v", l, err)
	}
	conv := l[0].ID

	insert := func(n int64, ext string) {
		t.Helper()
		if _, err := s.w.Exec(`INSERT INTO messages (id, conversation_id, account_id, external_id, direction, text, sent_at)
			VALUES (?, ?, ?, ?, 'in', 'isi', 0)`, firstID(conv)+n, conv, acc, ext); err != nil {
			t.Fatal(err)
		}
	}
	next := func() (int64, error) {
		t.Helper()
		tx, err := s.w.Begin()
		if err != nil {
			t.Fatal(err)
		}
		defer tx.Rollback()
		return nextID(tx, conv)
	}

	insert(maxPerConversation-1, "hampir-penuh")
	if id, err := next(); err != nil || id != firstID(conv)+maxPerConversation {
		t.Fatalf("last free id: %d %v, want %d", id, err, firstID(conv)+maxPerConversation)
	}
	insert(maxPerConversation, "penuh")
	id, err := next()
	if !errors.Is(err, ErrConversationFull) {
		t.Fatalf("full conversation: id %d (next conversation starts at %d), err %v; want ErrConversationFull", id, firstID(conv+1), err)
	}
}
