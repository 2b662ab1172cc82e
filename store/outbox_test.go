package store

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"sapa/inbox"
)

func seedConversation(t *testing.T, s *Store) int64 {
	t.Helper()
	acc := account(t, s, "tg", inbox.Telegram)
	if _, err := s.Ingest(context.Background(), acc, []inbox.Inbound{item("chat1", "m1", "Pak, bansos kapan cair?", t0)}, ""); err != nil {
		t.Fatal(err)
	}
	l, _ := s.List(context.Background(), inbox.Filter{}, Page{})
	return l[0].ID
}

func TestDraftSurvivesAndEnqueueConsumesIt(t *testing.T) {
	s, clk := openTest(t)
	ctx := context.Background()
	id := seedConversation(t, s)
	s.SaveDraft(ctx, id, "ani", "Selamat pagi, ")
	clk.add(time.Second)
	s.SaveDraft(ctx, id, "ani", "Selamat pagi, bansos cair minggu depan.")
	d, _ := s.LoadDraft(ctx, id, "ani")
	if d.Text != "Selamat pagi, bansos cair minggu depan." || !d.StartedAt.Equal(t0) {
		t.Fatalf("draft %+v", d)
	}
	if other, _ := s.LoadDraft(ctx, id, "budi"); other.Text != "" {
		t.Fatal("drafts leak between admins")
	}
	oid, err := s.Enqueue(ctx, id, "ani", d.Text, time.Time{}, inbox.StatusPending, false)
	if err != nil {
		t.Fatal(err)
	}
	if d, _ := s.LoadDraft(ctx, id, "ani"); d.Text != "" {
		t.Fatal("draft kept after enqueue")
	}
	c, _ := s.Conversation(ctx, id)
	if c.Status != inbox.StatusPending {
		t.Fatalf("status after enqueue %s", c.Status)
	}
	th, _ := s.Thread(ctx, id, 50)
	if last := th[len(th)-1]; last.Delivery != inbox.DeliveryQueued || last.ID != -oid {
		t.Fatalf("queued reply not in thread: %+v", last)
	}
}

func TestOutboxStateMachine(t *testing.T) {
	s, clk := openTest(t)
	ctx := context.Background()
	id := seedConversation(t, s)
	oid, _ := s.Enqueue(ctx, id, "ani", "Baik pak", time.Time{}, inbox.StatusDone, false)
	claims, err := s.ClaimDue(ctx, "", nil, 10)
	if err != nil || len(claims) != 1 {
		t.Fatalf("claims %v %v", claims, err)
	}
	r := claims[0].Reply
	if r.InReplyTo != "m1" || r.Recipient.ExternalID != "u-chat1" || r.Thread.ExternalKey != "chat1" || r.IdempotencyKey == "" {
		t.Fatalf("claim reply %+v", r)
	}
	if again, _ := s.ClaimDue(ctx, "", nil, 10); len(again) != 0 {
		t.Fatal("a sending reply was claimed twice")
	}
	// A transient failure goes back to the queue with a wait.
	s.MarkRetry(ctx, oid, "connection refused", t0.Add(time.Minute))
	if c, _ := s.ClaimDue(ctx, "", nil, 10); len(c) != 0 {
		t.Fatal("claimed before its retry time")
	}
	clk.add(2 * time.Minute)
	claims, _ = s.ClaimDue(ctx, "", nil, 10)
	if len(claims) != 1 || claims[0].Attempts != 2 || !claims[0].Reply.PreviousAttempt || claims[0].Reply.IdempotencyKey != r.IdempotencyKey {
		t.Fatalf("retry claim %+v", claims)
	}
	if err := s.MarkSent(ctx, oid, inbox.Sent{ExternalID: "tg-99", SentAt: clk.now()}); err != nil {
		t.Fatal(err)
	}
	th, _ := s.Thread(ctx, id, 50)
	last := th[len(th)-1]
	if last.ExternalID != "tg-99" || last.Delivery != inbox.DeliverySent || last.SentBy != "ani" || len(th) != 2 {
		t.Fatalf("thread after send: %+v", th)
	}
	c, _ := s.Conversation(ctx, id)
	if c.Status != inbox.StatusDone || c.FirstResponseAt.IsZero() {
		t.Fatalf("conversation after send: %+v", c)
	}
	log, _ := s.Audit(ctx, id, 10)
	var actions []string
	for _, e := range log {
		actions = append(actions, e.Action+":"+e.Admin)
	}
	if got := strings.Join(actions, " "); got != "reply:ani status:ani sent:ani" {
		t.Fatalf("audit %s", got)
	}
}

func TestCrashDuringSendBecomesUnknown(t *testing.T) {
	s, _ := openTest(t)
	ctx := context.Background()
	id := seedConversation(t, s)
	oid, _ := s.Enqueue(ctx, id, "ani", "Baik pak", time.Time{}, inbox.StatusPending, false)
	s.ClaimDue(ctx, "", nil, 10) // relay dies here
	if n, _ := s.RecoverInterrupted(ctx); n != 1 {
		t.Fatalf("recovered %d", n)
	}
	if c, _ := s.ClaimDue(ctx, "", nil, 10); len(c) != 0 {
		t.Fatal("an interrupted send was resent automatically")
	}
	counts, _ := s.OutboxCounts(ctx)
	if counts[inbox.DeliveryUnknown] != 1 {
		t.Fatalf("counts %v", counts)
	}
	if c, _ := s.Conversation(ctx, id); c.Status != inbox.StatusOpen {
		t.Fatalf("conversation with an unknown reply is %s, want open", c.Status)
	}
	if err := s.Resend(ctx, oid, "ani"); err != nil {
		t.Fatal(err)
	}
	if c, _ := s.ClaimDue(ctx, "", nil, 10); len(c) != 1 {
		t.Fatal("admin's resend was not queued")
	}
}

func TestCollisionGuard(t *testing.T) {
	s, clk := openTest(t)
	ctx := context.Background()
	id := seedConversation(t, s)
	s.SaveDraft(ctx, id, "ani", "Mohon ditunggu")
	clk.add(time.Minute)
	if _, err := s.Enqueue(ctx, id, "budi", "Sudah kami teruskan", time.Time{}, inbox.StatusPending, false); err != nil {
		t.Fatal(err)
	}
	clk.add(time.Minute)
	_, err := s.Enqueue(ctx, id, "ani", "Mohon ditunggu", time.Time{}, inbox.StatusPending, false)
	var ce *CollisionError
	if !errors.As(err, &ce) || ce.Who != "budi" || !errors.Is(err, ErrCollision) {
		t.Fatalf("want collision with budi, got %v", err)
	}
	if d, _ := s.LoadDraft(ctx, id, "ani"); d.Text != "Mohon ditunggu" {
		t.Fatal("refused send lost the draft")
	}
	if _, err := s.Enqueue(ctx, id, "ani", "Mohon ditunggu", time.Time{}, inbox.StatusPending, true); err != nil {
		t.Fatalf("forced send: %v", err)
	}
}

func TestLeaseHandover(t *testing.T) {
	s, clk := openTest(t)
	ctx := context.Background()
	if ok, _ := s.AcquireLease(ctx, "a", 10*time.Second); !ok {
		t.Fatal("first holder refused")
	}
	if ok, _ := s.AcquireLease(ctx, "b", 10*time.Second); ok {
		t.Fatal("second holder took a live lease")
	}
	clk.add(5 * time.Second)
	if ok, _ := s.AcquireLease(ctx, "a", 10*time.Second); !ok {
		t.Fatal("holder could not renew")
	}
	clk.add(11 * time.Second) // a crashed: no renewal
	if ok, _ := s.AcquireLease(ctx, "b", 10*time.Second); !ok {
		t.Fatal("expired lease not taken over")
	}
	s.ReleaseLease(ctx, "b")
	if h, _, _ := s.Lease(ctx); h != "" {
		t.Fatalf("released lease still held by %q", h)
	}
}

func TestClaimNeedsTheLeaseAndKeepsConversationOrder(t *testing.T) {
	s, clk := openTest(t)
	ctx := context.Background()
	id := seedConversation(t, s)
	first, _ := s.Enqueue(ctx, id, "ani", "Satu", time.Time{}, inbox.StatusPending, false)
	second, _ := s.Enqueue(ctx, id, "ani", "Dua", time.Time{}, inbox.StatusPending, true)
	if c, _ := s.ClaimDue(ctx, "relay-a", nil, 10); len(c) != 0 {
		t.Fatal("claimed without holding the lease")
	}
	s.AcquireLease(ctx, "relay-a", 10*time.Second)
	if c, _ := s.ClaimDue(ctx, "relay-a", []int64{999}, 10); len(c) != 0 {
		t.Fatal("claimed for an account this relay does not serve")
	}
	c, _ := s.ClaimDue(ctx, "relay-a", nil, 10)
	if len(c) != 1 || c[0].OutboxID != first {
		t.Fatalf("claims %+v: want only the older reply of the conversation", c)
	}
	if c, _ := s.ClaimDue(ctx, "relay-a", nil, 10); len(c) != 0 {
		t.Fatal("the newer reply was claimed while the older one is sending")
	}
	s.MarkSent(ctx, first, inbox.Sent{ExternalID: "x1"})
	if c, _ := s.ClaimDue(ctx, "relay-a", nil, 10); len(c) != 1 || c[0].OutboxID != second {
		t.Fatalf("after the first was sent: %+v", c)
	}
	clk.add(11 * time.Second) // the lease runs out: a stalled relay claims nothing
	s.MarkRetry(ctx, second, "refused", clk.now())
	if c, _ := s.ClaimDue(ctx, "relay-a", nil, 10); len(c) != 0 {
		t.Fatal("claimed after the lease expired")
	}
}

func TestLateSuccessRestoresTheChosenStatus(t *testing.T) {
	s, _ := openTest(t)
	ctx := context.Background()
	id := seedConversation(t, s)
	oid, _ := s.Enqueue(ctx, id, "ani", "Sudah beres", time.Time{}, inbox.StatusDone, false)
	s.ClaimDue(ctx, "", nil, 1)
	s.MarkUnknown(ctx, oid, "timeout")
	if c, _ := s.Conversation(ctx, id); c.Status != inbox.StatusOpen {
		t.Fatalf("unknown reply left %s", c.Status)
	}
	s.Cancel(ctx, oid, "ani")
	// The read-back finds it after all: recorded, and the conversation done.
	if err := s.MarkSent(ctx, oid, inbox.Sent{ExternalID: "late"}); err != nil {
		t.Fatal(err)
	}
	c, _ := s.Conversation(ctx, id)
	th, _ := s.Thread(ctx, id, 10)
	if c.Status != inbox.StatusDone || th[len(th)-1].ExternalID != "late" {
		t.Fatalf("status %s, last message %+v", c.Status, th[len(th)-1])
	}
}

// An admin who reopens the conversation while its reply is being sent keeps
// it open: the relay does not put the status chosen at queueing back over
// the admin's, and the audit log's last status entry explains the status.
func TestReopenDuringSendStands(t *testing.T) {
	s, _ := openTest(t)
	ctx := context.Background()
	id := seedConversation(t, s)
	oid, _ := s.Enqueue(ctx, id, "ani", "Baik, kami cek", time.Time{}, inbox.StatusPending, false)
	s.ClaimDue(ctx, "", nil, 1)
	if _, err := s.Apply(ctx, id, "ani", Change{Status: inbox.StatusOpen}); err != nil {
		t.Fatal(err)
	}
	if err := s.MarkSent(ctx, oid, inbox.Sent{ExternalID: "r1"}); err != nil {
		t.Fatal(err)
	}
	c, _ := s.Conversation(ctx, id)
	who, status := lastStatusAudit(t, s, id)
	if c.Status != inbox.StatusOpen || status != string(c.Status) {
		t.Fatalf("status %s; the audit log's last status entry says %s by %s", c.Status, status, who)
	}
}

// When the relay reopened the conversation (the reply's outcome was
// unknown) and the reply turns out to be sent, the status the admin chose
// comes back, audited as the relay's.
func TestRelayRestoresTheChosenStatusAudited(t *testing.T) {
	s, _ := openTest(t)
	ctx := context.Background()
	id := seedConversation(t, s)
	oid, _ := s.Enqueue(ctx, id, "ani", "Sudah beres", time.Time{}, inbox.StatusDone, false)
	s.ClaimDue(ctx, "", nil, 1)
	s.MarkUnknown(ctx, oid, "timeout")
	if who, status := lastStatusAudit(t, s, id); who != RelayActor || status != "open" {
		t.Fatalf("reopening audited as %s %s", who, status)
	}
	s.MarkSent(ctx, oid, inbox.Sent{ExternalID: "late"})
	c, _ := s.Conversation(ctx, id)
	if who, status := lastStatusAudit(t, s, id); c.Status != inbox.StatusDone || who != RelayActor || status != "done" {
		t.Fatalf("status %s; last status entry %s by %s", c.Status, status, who)
	}
	// An admin's reopen after the relay's, then the late success: the
	// admin's status stands.
	id2 := id
	oid2, _ := s.Enqueue(ctx, id2, "ani", "Lagi", time.Time{}, inbox.StatusDone, false)
	s.ClaimDue(ctx, "", nil, 1)
	s.MarkUnknown(ctx, oid2, "timeout")
	s.Apply(ctx, id2, "ani", Change{Status: inbox.StatusOpen})
	s.MarkSent(ctx, oid2, inbox.Sent{ExternalID: "late2"})
	if c, _ := s.Conversation(ctx, id2); c.Status != inbox.StatusOpen {
		t.Fatalf("the admin's reopen was reverted to %s", c.Status)
	}
}

// lastStatusAudit is the newest status entry of the conversation's audit
// log: who, and the status it names.
func lastStatusAudit(t *testing.T, s *Store, convID int64) (who, status string) {
	t.Helper()
	entries, err := s.Audit(context.Background(), convID, 100)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.Action == "status" {
			status, _, _ = strings.Cut(e.Detail, " ")
			who = e.Admin
		}
	}
	return who, status
}

func TestUnknownRepliesAreCheckedLessOften(t *testing.T) {
	s, clk := openTest(t)
	ctx := context.Background()
	id := seedConversation(t, s)
	oid, _ := s.Enqueue(ctx, id, "ani", "Baik", time.Time{}, inbox.StatusPending, false)
	s.ClaimDue(ctx, "", nil, 1)
	s.MarkUnknown(ctx, oid, "timeout")
	if u, _ := s.Unknown(ctx, 5); len(u) != 1 || u[0].Queued.IsZero() {
		t.Fatalf("unknown %+v", u)
	}
	s.DeferUnknown(ctx, oid, clk.now().Add(time.Hour))
	if u, _ := s.Unknown(ctx, 5); len(u) != 0 {
		t.Fatal("a deferred reply was offered again at once")
	}
	clk.add(2 * time.Hour)
	if u, _ := s.Unknown(ctx, 5); len(u) != 1 {
		t.Fatal("a deferred reply was never offered again")
	}
}

func TestIngestSkipsUnusableItems(t *testing.T) {
	s, _ := openTest(t)
	ctx := context.Background()
	acc := account(t, s, "fb", inbox.Facebook)
	bad := item("p", "", "tanpa id", t0)
	res, err := s.Ingest(ctx, acc, []inbox.Inbound{bad, item("p", "m1", "ada id", t0)}, "c1")
	if err != nil || res.New != 1 || res.Skipped != 1 {
		t.Fatalf("ingest %+v %v", res, err)
	}
	if c, _ := s.Cursor(ctx, acc); c != "c1" {
		t.Fatal("cursor not moved past a batch with one unusable item")
	}
}

// TestCollisionCountsFromWhenTheAdminSawTheThread: a quick reply typed and
// sent within the draft debounce still gets the guard, and a reply the
// admin saw before typing does not trigger it.
func TestCollisionCountsFromWhenTheAdminSawTheThread(t *testing.T) {
	s, clk := openTest(t)
	ctx := context.Background()
	id := seedConversation(t, s)
	opened := clk.now()
	clk.add(time.Minute)
	if _, err := s.Enqueue(ctx, id, "budi", "Sudah kami teruskan", time.Time{}, inbox.StatusPending, false); err != nil {
		t.Fatal(err)
	}
	clk.add(time.Minute)
	_, err := s.Enqueue(ctx, id, "ani", "Baik", opened, inbox.StatusPending, false)
	if !errors.Is(err, ErrCollision) {
		t.Fatalf("reply sent over budi's newer one: %v", err)
	}
	if _, err := s.Enqueue(ctx, id, "ani", "Baik", clk.now(), inbox.StatusPending, false); err != nil {
		t.Fatalf("reopened after budi's reply, still refused: %v", err)
	}
}

// TestReplyGoesToTheAuthorAnswered: in a thread where Siti wrote first and
// Budi answered (an email thread, Budi's Reply-To stored as his address),
// the reply to Budi's message goes to Budi, not to the thread's first
// writer.
func TestReplyGoesToTheAuthorAnswered(t *testing.T) {
	s, clk := openTest(t)
	ctx := context.Background()
	acc := account(t, s, "mail", inbox.Email)
	th := inbox.Thread{ExternalKey: "<m1@warga>", Kind: inbox.KindEmail, Title: "Jalan rusak"}
	siti := inbox.Contact{ExternalID: "siti@warga.id", Name: "Siti", Handle: "siti@warga.id"}
	budi := inbox.Contact{ExternalID: "budi@warga.id", Name: "Budi", Handle: "budi.balas@warga.id"}
	batch := []inbox.Inbound{
		{Thread: th, Message: inbox.Message{ExternalID: "<m1@warga>", Direction: inbox.In, Text: "Jalan di RT 3 rusak", SentAt: t0, Author: siti}},
		{Thread: th, Message: inbox.Message{ExternalID: "<m2@warga>", ParentID: "<m1@warga>", Direction: inbox.In, Text: "Di RT 4 juga", SentAt: t0.Add(time.Minute), Author: budi}},
	}
	if _, err := s.Ingest(ctx, acc, batch, ""); err != nil {
		t.Fatal(err)
	}
	l, _ := s.List(ctx, inbox.Filter{}, Page{})
	clk.add(time.Hour)
	if _, err := s.Enqueue(ctx, l[0].ID, "ani", "Baik, kami cek", time.Time{}, inbox.StatusPending, false); err != nil {
		t.Fatal(err)
	}
	claims, err := s.ClaimDue(ctx, "", nil, 10)
	if err != nil || len(claims) != 1 {
		t.Fatalf("claims %v %v", claims, err)
	}
	r := claims[0].Reply
	if r.InReplyTo != "<m2@warga>" || r.Recipient.Handle != budi.Handle || r.Recipient.Name != "Budi" {
		t.Fatalf("reply to %s goes to %+v; want Budi at %s", r.InReplyTo, r.Recipient, budi.Handle)
	}
}
