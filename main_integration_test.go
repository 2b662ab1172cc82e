package main

// End-to-end tests of the wiring main does, one per platform: an account
// configured from config.example.toml's own example, pointed at the
// platform's fake server (platforms/<name>/<name>test), run through the
// registry, setup, relay, webhook handler and doctor of a real `sapa`
// invocation. Each proves that citizens' messages reach the inbox in the
// right thread, that a queued reply lands on the right parent, that `sapa
// doctor` calls the account healthy, and that restarts lose no reply and
// neither fetch nor send anything twice: after a clean stop, with a reply
// queued while no relay ran, and after a crash between the platform
// accepting a reply and the relay recording it. The ui package is shown to
// link no platform code. Each platform's fake and config are set up in
// main_integration_setup_test.go; doctor on broken accounts is in
// main_doctor_test.go.

import (
	"context"
	"maps"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"sapa/inbox"
	"sapa/platforms"
	"sapa/platforms/platformtest"
	"sapa/relay"
	"sapa/store"
)

// integrationPoll is every account's poll_interval in these tests.
const integrationPoll = "100ms"

// waitFor polls cond until it holds, failing the test after timeout.
func waitFor(t *testing.T, what string, timeout time.Duration, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %v waiting for %s", timeout, what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// running is one `sapa serve` of a test: setup, the relay and, for webhook
// accounts, the webhook listener.
type running struct {
	env  *env
	hook string // the account's webhook URL; "" when it polls
	stop func()
}

func start(t *testing.T, cfgPath string) *running {
	t.Helper()
	e, err := setup(options{command: "serve", configPath: cfgPath})
	if err != nil {
		t.Fatalf("setup: %v", err)
	}
	for name, err := range e.broken {
		e.close()
		t.Fatalf("account %s could not be set up: %v", name, err)
	}
	if len(e.accounts) != 1 {
		e.close()
		t.Fatalf("%d accounts set up, want 1", len(e.accounts))
	}
	r := &running{env: e}
	var srv *httptest.Server
	if rcv, ok := e.accounts[0].Conn.(platforms.WebhookReceiver); ok && e.accounts[0].Poll == 0 {
		srv = httptest.NewServer(relay.WebhookHandler(e.st, e.accounts, e.cfg.Serve.MaxBodyBytes, e.log))
		r.hook = srv.URL + rcv.WebhookPath()
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	rl, err := e.newRelay()
	if err != nil {
		t.Fatal(err)
	}
	go func() { done <- rl.Run(ctx) }()
	stopped := false
	r.stop = func() {
		if stopped {
			return
		}
		stopped = true
		cancel()
		if err := <-done; err != nil {
			t.Errorf("relay: %v", err)
		}
		if srv != nil {
			srv.Close()
		}
		e.close()
	}
	t.Cleanup(r.stop)
	return r
}

// stored is an inbound message as the inbox holds it, with its
// conversation.
type stored struct {
	conv inbox.Conversation
	msg  inbox.Message
}

// inboxState reads every conversation of the store and its messages.
func inboxState(t *testing.T, st *store.Store) (byExternal map[string]stored, messages int, outbound []inbox.Message) {
	t.Helper()
	ctx := context.Background()
	convs, err := st.List(ctx, inbox.Filter{View: inbox.ViewAll}, store.Page{Limit: 500})
	if err != nil {
		t.Fatal(err)
	}
	byExternal = map[string]stored{}
	for _, c := range convs {
		msgs, err := st.Thread(ctx, c.ID, 500)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range msgs {
			if m.ID < 0 {
				continue // still in the outbox
			}
			messages++
			if m.Direction == inbox.Out {
				outbound = append(outbound, m)
				continue
			}
			if _, dup := byExternal[m.ExternalID]; dup {
				t.Errorf("message %s stored twice", m.ExternalID)
			}
			byExternal[m.ExternalID] = stored{conv: c, msg: m}
		}
	}
	return byExternal, messages, outbound
}

func holdsAll(t *testing.T, st *store.Store, ids []string) func() bool {
	return func() bool {
		got, _, _ := inboxState(t, st)
		for _, id := range ids {
			if _, ok := got[id]; !ok {
				return false
			}
		}
		return true
	}
}

// queueReply queues a reply in the conversation of external id target, as
// the composer does, and returns the parent the platform must see: the
// newest inbound message of that conversation among ids (in the order the
// citizens wrote them).
func queueReply(t *testing.T, st *store.Store, ids []string, target, text string) string {
	t.Helper()
	got, _, _ := inboxState(t, st)
	conv := got[target].conv
	parent := ""
	for _, id := range ids {
		if got[id].conv.ID == conv.ID {
			parent = id
		}
	}
	if _, err := st.Enqueue(context.Background(), conv.ID, "tester", text, time.Time{}, inbox.StatusPending, false); err != nil {
		t.Fatalf("enqueue: %v", err)
	}
	return parent
}

// delivery is the state of the reply with text ("" if there is none).
func delivery(t *testing.T, st *store.Store, text string) (inbox.Delivery, inbox.Message) {
	t.Helper()
	ctx := context.Background()
	convs, err := st.List(ctx, inbox.Filter{View: inbox.ViewAll}, store.Page{Limit: 500})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range convs {
		msgs, err := st.Thread(ctx, c.ID, 500)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range msgs {
			if m.Direction == inbox.Out && m.Text == text {
				return m.Delivery, m
			}
		}
	}
	return "", inbox.Message{}
}

// waitSent waits until the reply with text is sent and checks it carries
// the platform's id.
func waitSent(t *testing.T, st *store.Store, text string) {
	t.Helper()
	waitFor(t, "the reply to be sent", 10*time.Second, func() bool {
		switch d, m := delivery(t, st, text); d {
		case inbox.DeliverySent:
			if m.ExternalID == "" || strings.HasPrefix(m.ExternalID, "outbox:") {
				t.Fatalf("sent reply has no platform id: %+v", m)
			}
			return true
		case inbox.DeliveryFailed, inbox.DeliveryUnknown:
			t.Fatalf("reply %q: %s (%s)", text, d, m.LastError)
		}
		return false
	})
}

// assertReplies checks the fake received exactly the replies want (parent
// and text; the text may carry the platform's mention of the citizen).
func assertReplies(t *testing.T, got []platformtest.Received, want ...platformtest.Received) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("the platform received %d replies %+v, want %d %+v", len(got), got, len(want), want)
	}
	for i := range want {
		if got[i].ParentID != want[i].ParentID || !strings.Contains(got[i].Text, want[i].Text) {
			t.Fatalf("reply %d = %+v, want %q on parent %s", i, got[i], want[i].Text, want[i].ParentID)
		}
	}
}

// runPlatform is the whole flow for one platform.
func runPlatform(t *testing.T, p inbox.Platform, rg rig) {
	dir := t.TempDir()
	cfgPath, _ := writeConfig(t, dir, p, rg)
	defer func() {
		if t.Failed() {
			if b, err := os.ReadFile(filepath.Join(dir, "sapa.log")); err == nil {
				t.Logf("sapa.log:\n%s", b)
			}
		}
	}()

	first := start(t, cfgPath)
	ids := rg.inbound(t, first.hook, "Jalan di Desa Cibeureum rusak parah 🙏", "Lampu PJU di Jl. Merdeka mati sejak kemarin", "Sampah belum diangkut seminggu")
	waitFor(t, "the citizens' messages in the inbox", 10*time.Second, holdsAll(t, first.env.st, ids))
	got, _, _ := inboxState(t, first.env.st)
	for _, id := range ids {
		c := got[id].conv
		if c.Platform != p || c.AccountName != first.env.cfg.Accounts[0].Name {
			t.Fatalf("message %s landed in %+v", id, c)
		}
		if rg.check != nil {
			rg.check(t, c)
		}
	}

	text1 := "Terima kasih, laporan Anda kami teruskan ke Dinas PU."
	want := []platformtest.Received{{ParentID: queueReply(t, first.env.st, ids, ids[1], text1), Text: text1}}
	waitSent(t, first.env.st, text1)
	assertReplies(t, rg.replies(), want...)
	doctorHealthy(t, first)
	_, before, _ := inboxState(t, first.env.st)
	first.stop()

	// A crash: the relay marked a reply sending, the platform accepted it,
	// and the process died before recording that. The next relay must not
	// send it again: it reads it back where the platform allows, or leaves
	// it to the admin as "may have been sent".
	crashed, err := setup(options{command: "relay", configPath: cfgPath})
	if err != nil {
		t.Fatal(err)
	}
	if len(crashed.accounts) != 1 {
		crashed.close()
		t.Fatalf("%d accounts set up, want 1", len(crashed.accounts))
	}
	crashText := "Laporan sudah kami terima dan sedang diproses."
	want = append(want, platformtest.Received{ParentID: queueReply(t, crashed.st, ids, ids[0], crashText), Text: crashText})
	claims, err := crashed.st.ClaimDue(context.Background(), "", nil, 1) // sending, durably, as the relay does
	if err != nil || len(claims) != 1 {
		t.Fatalf("claim: %v %v", claims, err)
	}
	conn := crashed.accounts[0].Conn
	accepted, err := conn.Send(context.Background(), claims[0].Reply)
	if err != nil {
		t.Fatalf("send before the crash: %v", err)
	}
	crashed.close()
	_, readBack := conn.(platforms.Reconciler)

	// While no relay runs, an admin queues a reply (as a session does when
	// the relay is down): the next relay sends it, once.
	st, err := store.Open(context.Background(), filepath.Join(dir, "sapa.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	offline := "Petugas kebersihan dijadwalkan datang besok pagi."
	want = append(want, platformtest.Received{ParentID: queueReply(t, st, ids, ids[2], offline), Text: offline})
	st.Close()

	// A restart on the same database: the cursor resumes where it was, the
	// sent reply stays sent, and the new relay fetches and sends.
	second := start(t, cfgPath)
	waitSent(t, second.env.st, offline)
	if readBack {
		waitFor(t, "the crashed reply read back as sent", 10*time.Second, func() bool {
			d, _ := delivery(t, second.env.st, crashText)
			return d == inbox.DeliverySent
		})
	}
	later := rg.inbound(t, second.hook, "Apakah jembatan Sukamaju sudah diperbaiki?")
	waitFor(t, "the message written after the restart", 10*time.Second, holdsAll(t, second.env.st, later))
	all := append(append([]string(nil), ids...), later...)
	text2 := "Sudah, sejak Senin jembatan bisa dilalui."
	want = append(want, platformtest.Received{ParentID: queueReply(t, second.env.st, all, later[0], text2), Text: text2})
	waitSent(t, second.env.st, text2)
	// Once more, so the relay has polled and drained the outbox again; by
	// now it has also reconciled (it does so on its first tick).
	more := rg.inbound(t, second.hook, "Terima kasih infonya")
	waitFor(t, "another message after the restart", 10*time.Second, holdsAll(t, second.env.st, more))
	_, after, out := inboxState(t, second.env.st)
	wantCount := before + 4 // two replies, two inbound
	wantOutbox := map[inbox.Delivery]int{inbox.DeliveryUnknown: 1}
	if readBack {
		wantCount++ // the crashed reply, read back as sent
		wantOutbox = map[inbox.Delivery]int{}
		found := false
		for _, m := range out {
			found = found || (m.Text == crashText && m.ExternalID == accepted.ExternalID)
		}
		if !found {
			t.Errorf("the reply accepted before the crash (%s) is not recorded under its platform id: %+v", accepted.ExternalID, out)
		}
	}
	if after != wantCount {
		t.Errorf("after the restart the inbox holds %d messages, want %d: something was fetched twice", after, wantCount)
	}
	assertReplies(t, rg.replies(), want...)
	if counts, _ := second.env.st.OutboxCounts(context.Background()); !maps.Equal(counts, wantOutbox) {
		t.Errorf("outbox after the restart: %v, want %v", counts, wantOutbox)
	}
}

// TestPlatformsEndToEnd runs the whole flow on every platform.
func TestPlatformsEndToEnd(t *testing.T) {
	isolate(t)
	for _, pc := range platformCases() {
		t.Run(string(pc.platform), func(t *testing.T) {
			r, _ := pc.start(t)
			runPlatform(t, pc.platform, r)
		})
	}
}

// TestUIReachesNoPlatform: the screen never calls a platform. Nothing the ui
// package links in can: no connector, no relay, no HTTP, IMAP or SMTP
// client, and not the store itself (ui builds without cgo; main hands it the
// store behind ui.Store). Replies reach platforms only as outbox rows the relay sends, as
// TestPlatformsEndToEnd shows.
func TestUIReachesNoPlatform(t *testing.T) {
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go command not found")
	}
	out, err := exec.Command(gobin, "list", "-deps", "./ui").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	deps := strings.Fields(string(out))
	if !slices.Contains(deps, "sapa/inbox") {
		t.Fatalf("go list -deps ./ui gave no sapa/inbox: %q", deps)
	}
	for _, d := range deps {
		if d == "sapa/store" || d == "github.com/mattn/go-sqlite3" || d == "sapa/platforms" || strings.HasPrefix(d, "sapa/platforms/") || d == "sapa/relay" ||
			d == "net/http" || d == "net/smtp" || strings.HasPrefix(d, "github.com/emersion/") {
			t.Errorf("the ui package depends on %s", d)
		}
	}
}
