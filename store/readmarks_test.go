package store

import (
	"context"
	"testing"
	"time"

	"sapa/inbox"
)

// unreadFor reports whether conversation id shows "*" to the view, in its
// list (open view and a search) and opened by id.
func unreadFor(t *testing.T, v *Scoped, id int64) bool {
	t.Helper()
	ctx := context.Background()
	c, err := v.Conversation(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []inbox.Filter{{View: inbox.ViewAll}, {Search: "jalan"}} {
		rows, err := v.List(ctx, f, Page{Limit: 10})
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, r := range rows {
			if r.ID == id {
				found = true
				if r.Unread != c.Unread {
					t.Fatalf("list %+v says unread=%v, the conversation says %v", f, r.Unread, c.Unread)
				}
			}
		}
		if !found {
			t.Fatalf("conversation %d not in the list %+v", id, f)
		}
	}
	return c.Unread
}

func TestReadMarksAreEachAdminsOwn(t *testing.T) {
	s, v := scopeFixture(t)
	ctx := context.Background()
	siti, camat, bupati := v["siti"], v["camat"], v["bupati"]
	for _, a := range []*Scoped{siti, camat, bupati} {
		if !unreadFor(t, a, 1) {
			t.Fatalf("%s: a new conversation is not unread", a.Scope().Admin)
		}
	}
	if err := siti.MarkRead(ctx, 1); err != nil {
		t.Fatal(err)
	}
	if unreadFor(t, siti, 1) {
		t.Error("siti opened the conversation and still sees it unread")
	}
	if !unreadFor(t, camat, 1) || !unreadFor(t, bupati, 1) {
		t.Error("siti opening the conversation cleared the mark of the others")
	}
	if err := camat.MarkRead(ctx, 1); err != nil {
		t.Fatal(err)
	}
	if unreadFor(t, camat, 1) || !unreadFor(t, bupati, 1) {
		t.Error("camat's mark is not camat's own")
	}

	// A new citizen message makes it unread for everyone again.
	var acc int64
	if err := s.r.QueryRow(`SELECT account_id FROM conversations WHERE id = 1`).Scan(&acc); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Ingest(ctx, acc, []inbox.Inbound{item("a", "ma2", "jalan masih rusak", t0.Add(time.Hour))}, ""); err != nil {
		t.Fatal(err)
	}
	for _, a := range []*Scoped{siti, camat, bupati} {
		if !unreadFor(t, a, 1) {
			t.Errorf("%s: a new citizen message did not make the conversation unread", a.Scope().Admin)
		}
	}

	// A reply marks it read for the admin who replied only, and the office's
	// own reply seen on the platform marks it unread for nobody.
	if _, err := siti.Enqueue(ctx, 1, "", "sudah kami teruskan", time.Time{}, inbox.StatusPending, true); err != nil {
		t.Fatal(err)
	}
	if unreadFor(t, siti, 1) || !unreadFor(t, camat, 1) {
		t.Error("a reply must mark the conversation read for the admin who replied, and only for them")
	}
	out := item("a", "mo1", "jalan sudah dilaporkan", t0.Add(2*time.Hour))
	out.Message.Direction = inbox.Out
	if _, err := s.Ingest(ctx, acc, []inbox.Inbound{out}, ""); err != nil {
		t.Fatal(err)
	}
	if unreadFor(t, siti, 1) {
		t.Error("the office's own reply made the conversation unread")
	}

	// A viewer reads too; a mark outside the scope is not found.
	if err := v["lihat"].MarkRead(ctx, 1); err != nil {
		t.Errorf("a viewer cannot mark read: %v", err)
	}
	if err := siti.MarkRead(ctx, 2); err == nil {
		t.Error("siti marked a conversation of another desa read")
	}
}

// TestReadMarksKeepOlderUnread: databases from before read marks kept 1 for
// "unread" and 0 for "read"; both keep their meaning for every admin.
func TestReadMarksKeepOlderUnread(t *testing.T) {
	s, v := scopeFixture(t)
	ctx := context.Background()
	if _, err := s.w.Exec(`UPDATE conversations SET unread = CASE id WHEN 1 THEN 1 ELSE 0 END`); err != nil {
		t.Fatal(err)
	}
	if !unreadFor(t, v["siti"], 1) || !unreadFor(t, v["camat"], 1) || unreadFor(t, v["camat"], 2) {
		t.Fatal("an older database's marks changed meaning")
	}
	if err := v["siti"].MarkRead(ctx, 1); err != nil {
		t.Fatal(err)
	}
	if unreadFor(t, v["siti"], 1) || !unreadFor(t, v["camat"], 1) {
		t.Error("reading an older unread conversation is not the reader's own")
	}
}

// TestReadMarkMovesOnlyThatAdminsCounter: siti marking a conversation read
// in one session moves the change counter her other session sees (its "*"
// must go) and wakes its wait, but not camat's counter: his screens have
// nothing to reload. A mark that does not move moves nothing.
func TestReadMarkMovesOnlyThatAdminsCounter(t *testing.T) {
	s, v := scopeFixture(t)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	siti1, siti2, camat := v["siti"], s.As(v["siti"].Scope()), v["camat"]
	sitiWas, _ := siti2.ChangeCounter(ctx)
	camatWas, _ := camat.ChangeCounter(ctx)
	woken := func(q *Scoped, last uint64) <-chan uint64 {
		ch := make(chan uint64, 1)
		go func() {
			n, err := q.WaitChange(ctx, last)
			if err != nil {
				t.Error(err)
			}
			ch <- n
		}()
		return ch
	}
	sitiWoke, camatWoke := woken(siti2, sitiWas), woken(camat, camatWas)
	waitingFor(t, s, 2)
	if err := siti1.MarkRead(ctx, 1); err != nil {
		t.Fatal(err)
	}
	sitiNow, _ := siti2.ChangeCounter(ctx)
	if n := <-sitiWoke; n == sitiWas || n != sitiNow {
		t.Fatalf("siti's other session woke with %d; was %d, now %d", n, sitiWas, sitiNow)
	}
	if n, _ := camat.ChangeCounter(ctx); n != camatWas {
		t.Errorf("siti's read mark moved camat's counter %d → %d", camatWas, n)
	}
	select {
	case n := <-camatWoke:
		t.Fatalf("camat's wait returned %d on siti's read mark", n)
	default:
	}
	if err := siti1.MarkRead(ctx, 1); err != nil {
		t.Fatal(err)
	}
	if n, _ := siti2.ChangeCounter(ctx); n != sitiNow {
		t.Errorf("marking an already read conversation moved the counter %d → %d", sitiNow, n)
	}
	// A change everyone sees still wakes camat, with his own counter.
	account(t, s, "fb2", inbox.Facebook)
	camatNow, _ := camat.ChangeCounter(ctx)
	if n := <-camatWoke; n != camatNow || n == camatWas {
		t.Fatalf("camat woke with %d; want %d", n, camatNow)
	}
}
