package ui

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"sapa/inbox"
)

// openFirst opens the conversation at the top of the list (Siti's comment).
func openFirst(t *testing.T, m Model) Model {
	t.Helper()
	m = keys(t, m, "enter")
	if m.screen != screenThread {
		t.Fatal("enter did not open the conversation")
	}
	return m
}

func TestSendQueuesReplyAndDeletesDraft(t *testing.T) {
	e := newEnv(t)
	e.seed(t)
	m := openFirst(t, newModel(t, e, testConfig()))
	conv := m.thread.conv.ID
	m = keys(t, m, "r")
	m = typeText(t, m, "Terima kasih, laporan diteruskan ke Dinas PU.")
	if d, _ := e.st.LoadDraft(context.Background(), conv, "budi"); d.Text == "" {
		t.Fatal("the draft was not saved while typing")
	}
	m = keys(t, m, "ctrl+s")
	counts, _ := e.st.OutboxCounts(context.Background())
	if counts[inbox.DeliveryQueued] != 1 {
		t.Fatalf("outbox = %v, want one queued reply", counts)
	}
	if d, _ := e.st.LoadDraft(context.Background(), conv, "budi"); d.Text != "" {
		t.Fatalf("draft still there after send: %q", d.Text)
	}
	c, _ := e.st.Conversation(context.Background(), conv)
	if c.Status != inbox.StatusPending {
		t.Fatalf("status after reply = %s, want pending", c.Status)
	}
	screen := screenText(m)
	if !strings.Contains(screen, "budi · 10:00 · antre") || !strings.Contains(screen, "laporan diteruskan") {
		t.Fatalf("the thread does not show the queued reply:\n%s", screen)
	}
	if m.composing || m.composer.value() != "" {
		t.Fatal("composer not cleared after send")
	}

	// The relay sends it; the change watcher's message reloads the thread.
	claims, err := e.st.ClaimDue(context.Background(), "", nil, 10)
	if err != nil || len(claims) != 1 {
		t.Fatalf("claim: %v %v", claims, err)
	}
	if err := e.st.MarkSent(context.Background(), claims[0].OutboxID, inbox.Sent{ExternalID: "fb-r1", SentAt: t0}); err != nil {
		t.Fatal(err)
	}
	m = send(t, m, changedMsg{counter: 99})
	if screen := screenText(m); !strings.Contains(screen, "budi · 10:00 · terkirim") {
		t.Fatalf("the thread does not show the reply as sent:\n%s", screen)
	}
}

func TestDoneOnReply(t *testing.T) {
	e := newEnv(t)
	e.seed(t)
	cfg := testConfig()
	cfg.UI.DoneOnReply = true
	m := openFirst(t, newModel(t, e, cfg))
	m = keys(t, m, "r")
	m = typeText(t, m, "Sudah ditangani.")
	m = keys(t, m, "ctrl+s")
	c, _ := e.st.Conversation(context.Background(), m.thread.conv.ID)
	if c.Status != inbox.StatusDone {
		t.Fatalf("status = %s, want done", c.Status)
	}
}

// A session that dies mid-reply (a dropped link, a killed process) comes
// back where it was: the conversation open, the composer holding the draft
// and the keyboard.
func TestDraftSurvivesCrash(t *testing.T) {
	e := newEnv(t)
	e.seed(t)
	m := openFirst(t, newModel(t, e, testConfig()))
	m = keys(t, m, "r")
	text := "Baik Bu,  kami cek\n\ndulu ya 🙏 — terima kasih."
	m = typeText(t, m, text)
	// The session dies here: no esc, no quit.
	_ = m

	m2 := newModel(t, e, testConfig())
	if m2.screen != screenThread || m2.thread.conv.ID != m.thread.conv.ID || !m2.composing {
		t.Fatalf("the next session did not resume in the composer (screen %v, conversation %d, composing %v)",
			m2.screen, m2.thread.conv.ID, m2.composing)
	}
	if got := m2.composer.value(); got != text {
		t.Fatalf("draft after restart = %q, want %q", got, text)
	}
	if screen := screenText(m2); !strings.Contains(screen, "dulu ya 🙏") {
		t.Fatalf("the draft is not on screen:\n%s", screen)
	}
	m2 = typeText(t, m2, " Salam.")
	if m2.composer.value() != text+" Salam." {
		t.Fatalf("typing after the resume gave %q", m2.composer.value())
	}
}

// Quitting by choice keeps the draft, but the next session starts on the
// list; the draft is there when the conversation is opened again.
func TestQuitStartsNextSessionOnList(t *testing.T) {
	e := newEnv(t)
	e.seed(t)
	m := openFirst(t, newModel(t, e, testConfig()))
	m = keys(t, m, "r")
	m = typeText(t, m, "Baik Bu")
	m = keys(t, m, "ctrl+c")
	if err := SaveOnExit(context.Background(), m); err != nil {
		t.Fatal(err)
	}
	m2 := newModel(t, e, testConfig())
	if m2.screen != screenList || m2.composing {
		t.Fatal("a session after a quit did not start on the list")
	}
	m2 = keys(t, m2, "enter", "r")
	if !m2.composing || m2.composer.value() != "Baik Bu" {
		t.Fatalf("reply did not resume the draft: %q", m2.composer.value())
	}
}

func TestDraftSavedOnLeavingComposer(t *testing.T) {
	e := newEnv(t)
	e.seed(t)
	m := openFirst(t, newModel(t, e, testConfig()))
	m = keys(t, m, "r")
	m.batch = time.Hour // no tick fires within the test
	next, cmd := m.Update(press("a"))
	m = next.(Model)
	if cmd == nil {
		t.Fatal("typing armed no batch tick")
	}
	m = keys(t, m, "esc")
	if d, _ := e.st.LoadDraft(context.Background(), m.thread.conv.ID, "budi"); d.Text != "a" {
		t.Fatalf("leaving the composer did not save the draft: %q", d.Text)
	}
}

// Keys typed in a steady stream are saved every batch, not only after a
// pause: the first key arms one tick, later keys ride on it, and the tick
// saves the text as it stands.
func TestTypingIsSavedInBatches(t *testing.T) {
	e := newEnv(t)
	e.seed(t)
	m := openFirst(t, newModel(t, e, testConfig()))
	m = keys(t, m, "r")
	m.batch = time.Hour
	next, first := m.Update(press("a"))
	m = next.(Model)
	next, second := m.Update(press("b"))
	m = next.(Model)
	if first == nil || second != nil {
		t.Fatalf("first key armed %v, second key %v; want one tick for the batch", first != nil, second != nil)
	}
	m = send(t, m, draftTickMsg{})
	if d, _ := e.st.LoadDraft(context.Background(), m.thread.conv.ID, "budi"); d.Text != "ab" {
		t.Fatalf("the batch saved %q, want %q", d.Text, "ab")
	}
	next, third := m.Update(press("c"))
	if third == nil {
		t.Fatal("a key after the batch was saved armed no new tick")
	}
	m = send(t, next.(Model), draftTickMsg{})
	if d, _ := e.st.LoadDraft(context.Background(), m.thread.conv.ID, "budi"); d.Text != "abc" {
		t.Fatalf("the second batch saved %q", d.Text)
	}
}

// SaveOnExit stores what the program ended with, and a save still in
// flight from before cannot put its older text over it afterwards.
func TestSaveOnExitWinsOverAnOlderSave(t *testing.T) {
	e := newEnv(t)
	e.seed(t)
	m := openFirst(t, newModel(t, e, testConfig()))
	m = keys(t, m, "r")
	m.batch = time.Hour
	next, _ := m.Update(press("o"))
	m = next.(Model)
	next, stale := m.Update(draftTickMsg{}) // the save of "o", not yet run
	m = next.(Model)
	next, _ = m.Update(press("k"))
	m = next.(Model)
	if err := SaveOnExit(context.Background(), m); err != nil {
		t.Fatal(err)
	}
	stale() // the program ended before it ran; it runs now
	if d, _ := e.st.LoadDraft(context.Background(), m.thread.conv.ID, "budi"); d.Text != "ok" {
		t.Fatalf("draft after exit = %q, want %q", d.Text, "ok")
	}
}

// A reply being sent is the send's business: SaveOnExit does not bring
// its draft back after the send deleted it.
func TestSaveOnExitLeavesASendAlone(t *testing.T) {
	e := newEnv(t)
	e.seed(t)
	m := openFirst(t, newModel(t, e, testConfig()))
	m = keys(t, m, "r")
	m = typeText(t, m, "Siap")
	next, sendCmd := m.Update(press("ctrl+s"))
	m = next.(Model)
	if sendCmd == nil {
		t.Fatal("ctrl+s started no send")
	}
	run(t, m, sendCmd) // the send lands, but the program has ended
	if err := SaveOnExit(context.Background(), m); err != nil {
		t.Fatal(err)
	}
	if d, _ := e.st.LoadDraft(context.Background(), m.thread.conv.ID, "budi"); d.Text != "" {
		t.Fatalf("the sent reply came back as a draft: %q", d.Text)
	}
}

func TestCollisionAsksBeforeSending(t *testing.T) {
	e := newEnv(t)
	e.seed(t)
	m := openFirst(t, newModel(t, e, testConfig()))
	conv := m.thread.conv.ID
	m = keys(t, m, "r")
	m = typeText(t, m, "Jawaban Budi")
	e.clk.add(time.Minute)
	if _, err := e.st.Enqueue(context.Background(), conv, "ani", "Jawaban Ani", time.Time{}, inbox.StatusPending, false); err != nil {
		t.Fatal(err)
	}
	m = keys(t, m, "ctrl+s")
	if !m.prompt.active() || m.prompt.kind != promptConfirm {
		t.Fatalf("no confirmation asked:\n%s", screenText(m))
	}
	if screen := screenText(m); !strings.Contains(screen, "ani sudah membalas pukul 10:01. Tetap kirim? (y/t)") {
		t.Fatalf("confirmation does not say who replied:\n%s", screen)
	}
	m = keys(t, m, "y")
	counts, _ := e.st.OutboxCounts(context.Background())
	if counts[inbox.DeliveryQueued] != 2 {
		t.Fatalf("outbox = %v, want both replies queued", counts)
	}
}

func TestCollisionDeclinedKeepsDraft(t *testing.T) {
	e := newEnv(t)
	e.seed(t)
	m := openFirst(t, newModel(t, e, testConfig()))
	conv := m.thread.conv.ID
	m = keys(t, m, "r")
	m = typeText(t, m, "Jawaban Budi")
	e.clk.add(time.Minute)
	if _, err := e.st.Enqueue(context.Background(), conv, "ani", "Jawaban Ani", time.Time{}, inbox.StatusPending, false); err != nil {
		t.Fatal(err)
	}
	m = keys(t, m, "ctrl+s", "n")
	if d, _ := e.st.LoadDraft(context.Background(), conv, "budi"); d.Text != "Jawaban Budi" {
		t.Fatalf("draft = %q", d.Text)
	}
	if m.composer.value() != "Jawaban Budi" {
		t.Fatal("composer lost the text")
	}
}

func TestRefusedReplyIsNotQueued(t *testing.T) {
	e := newEnv(t)
	e.seed(t)
	m := newModel(t, e, testConfig())
	m = keys(t, m, "j", "j", "enter") // Andi on X: 280 weighted characters
	if m.thread.conv.Platform != inbox.X {
		t.Fatalf("opened %s", m.thread.conv.Platform)
	}
	m = keys(t, m, "r")
	m = typeText(t, m, strings.Repeat("jalan ", 50))
	if screen := screenText(m); !strings.Contains(screen, "! 300/280") {
		t.Fatalf("counter not over the limit:\n%s", screen)
	}
	m = keys(t, m, "ctrl+s")
	if screen := screenText(m); !strings.Contains(screen, "terlalu panjang: 300 dari 280") {
		t.Fatalf("refusal not shown:\n%s", screen)
	}
	counts, _ := e.st.OutboxCounts(context.Background())
	if len(counts) != 0 {
		t.Fatalf("a refused reply reached the outbox: %v", counts)
	}
}

func TestReplyWindowClosed(t *testing.T) {
	e := newEnv(t)
	e.seed(t)
	e.clk.add(22 * time.Hour) // Budi wrote on WhatsApp 25 hours ago
	m := newModel(t, e, testConfig())
	m = keys(t, m, "j", "enter")
	if m.thread.conv.Platform != inbox.WhatsApp {
		t.Fatalf("opened %s", m.thread.conv.Platform)
	}
	m = keys(t, m, "r")
	m = typeText(t, m, "Maaf terlambat")
	if screen := screenText(m); !strings.Contains(screen, "batas waktu balas sudah lewat") {
		t.Fatalf("closed window not shown:\n%s", screen)
	}
	m = keys(t, m, "ctrl+s")
	counts, _ := e.st.OutboxCounts(context.Background())
	if len(counts) != 0 {
		t.Fatalf("a reply outside the window reached the outbox: %v", counts)
	}
}

func TestResendAndCancelUnknownReply(t *testing.T) {
	e := newEnv(t)
	e.seed(t)
	m := openFirst(t, newModel(t, e, testConfig()))
	conv := m.thread.conv.ID
	id, err := e.st.Enqueue(context.Background(), conv, "budi", "Balasan", time.Time{}, inbox.StatusPending, false)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.st.ClaimDue(context.Background(), "", nil, 1); err != nil {
		t.Fatal(err)
	}
	if err := e.st.MarkUnknown(context.Background(), id, "timeout after 30s"); err != nil {
		t.Fatal(err)
	}
	m = send(t, m, changedMsg{counter: 7})
	screen := screenText(m)
	if !strings.Contains(screen, "mungkin terkirim") || !strings.Contains(screen, "timeout after 30s") {
		t.Fatalf("unknown delivery not shown:\n%s", screen)
	}
	m = keys(t, m, ":")
	m = typeText(t, m, "resend\n")
	counts, _ := e.st.OutboxCounts(context.Background())
	if counts[inbox.DeliveryQueued] != 1 {
		t.Fatalf(":resend: outbox %v", counts)
	}
	m = keys(t, m, ":")
	m = typeText(t, m, "cancel\n")
	counts, _ = e.st.OutboxCounts(context.Background())
	if len(counts) != 0 {
		t.Fatalf(":cancel: outbox %v", counts)
	}
	audit, _ := e.st.Audit(context.Background(), conv, 10)
	var actions []string
	for _, a := range audit {
		actions = append(actions, a.Action)
	}
	if got := strings.Join(actions, ","); !strings.Contains(got, "resend,cancel") {
		t.Fatalf("audit = %s", got)
	}
}

var _ = inbox.Page{}

// A damaged store is said plainly, with where to find how to recover, in
// both languages.
func TestDamagedStoreIsSaidPlainly(t *testing.T) {
	e := newEnv(t)
	for lang, want := range map[string]string{"id": "BERKAS DATA RUSAK", "en": "THE STORE IS DAMAGED"} {
		cfg := testConfig()
		cfg.UI.Language = lang
		m := newModel(t, e, cfg)
		got := m.describeErr(fmt.Errorf("list conversations: %w", inbox.ErrDamaged))
		if !strings.Contains(got, want) || !strings.Contains(got, "sapa doctor") {
			t.Errorf("%s: %q", lang, got)
		}
	}
}

// TestQueuedReplySaysWhenNoRelayRuns: a reply queued while no relay holds
// the lease says it waits for one, so the admin does not wait for a send
// nobody will make; with a relay running it says the relay will send it.
func TestQueuedReplySaysWhenNoRelayRuns(t *testing.T) {
	for _, running := range []bool{false, true} {
		e := newEnv(t)
		e.seed(t)
		if running {
			if ok, err := e.st.AcquireLease(context.Background(), "relay@server", time.Minute); err != nil || !ok {
				t.Fatal("lease", err)
			}
		}
		m := openFirst(t, newModel(t, e, testConfig()))
		m = keys(t, m, "r")
		m = typeText(t, m, "Terima kasih, kami cek.")
		m = keys(t, m, "ctrl+s")
		want, not := "relay tidak aktif: terkirim setelah relay berjalan lagi", "relay akan mengirim"
		if running {
			want, not = not, want
		}
		if s := screenText(m); !strings.Contains(s, want) || strings.Contains(s, not) {
			t.Fatalf("relay running %v: the bottom row lacks %q:\n%s", running, want, s)
		}
	}
}
