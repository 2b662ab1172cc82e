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
// accepting a reply and the relay recording it. Doctor is also run on broken
// accounts, and the ui package is shown to link no platform code.

import (
	"bytes"
	"context"
	"fmt"
	"maps"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"sapa/inbox"
	"sapa/platforms"
	"sapa/platforms/email/emailtest"
	"sapa/platforms/facebook/facebooktest"
	"sapa/platforms/instagram/instagramtest"
	"sapa/platforms/mastodon/mastodontest"
	"sapa/platforms/messenger/messengertest"
	"sapa/platforms/platformtest"
	"sapa/platforms/telegram/telegramtest"
	"sapa/platforms/whatsapp/whatsapptest"
	"sapa/platforms/x/xtest"
	"sapa/platforms/youtube/youtubetest"
	"sapa/relay"
	"sapa/store"
)

// integrationPoll is every account's poll_interval in these tests.
const integrationPoll = "100ms"

// rig is one platform's fake server as the end-to-end flow drives it.
type rig struct {
	// set overrides keys of the example account (TOML values): base_url,
	// addresses. poll_interval is always set.
	set map[string]string
	// secrets gives each secret key of the example (token, app_secret…) the
	// value the fake expects; it is passed through an environment variable.
	secrets map[string]string
	// webhook: items arrive by webhook, served by relay.WebhookHandler.
	webhook bool
	// inbound makes citizens write texts and returns the external ids the
	// inbox must hold, in the order written. hook is the account's webhook
	// URL when webhook is set.
	inbound func(t *testing.T, hook string, texts ...string) []string
	// replies is what the fake received as replies, in order.
	replies func() []platformtest.Received
	// check looks at the conversation an inbound item landed in (thread
	// kind, the post or video shown as context).
	check func(t *testing.T, c inbox.Conversation)
}

// exampleAccount returns the example [[account]] block of platform p from
// config.example.toml, uncommented as config/config_test.go does it.
func exampleAccount(t *testing.T, p inbox.Platform) []string {
	t.Helper()
	raw, err := os.ReadFile("config.example.toml")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(raw), "\n")
	for i := 0; i < len(lines); i++ {
		if lines[i] != "# [[account]]" {
			continue
		}
		var block []string
		for ; i < len(lines) && strings.HasPrefix(lines[i], "# "); i++ {
			block = append(block, strings.TrimPrefix(lines[i], "# "))
		}
		for _, l := range block {
			if l == fmt.Sprintf("platform = %q", p) {
				return block
			}
		}
	}
	t.Fatalf("config.example.toml has no example account for %s", p)
	return nil
}

var secretLine = regexp.MustCompile(`^(\w+) = \{ (env|cmd) = "([^"]*)" \}$`)

// writeConfig writes a config file with the example account of p, changed
// only where a test must: addresses of the fake, a short poll interval and
// secrets from environment variables set to what the fake expects. It
// returns the file and the variable that holds each secret.
func writeConfig(t *testing.T, dir string, p inbox.Platform, r rig) (string, map[string]string) {
	t.Helper()
	block := exampleAccount(t, p)
	set := map[string]string{"poll_interval": fmt.Sprintf("%q", integrationPoll)}
	for k, v := range r.set {
		set[k] = v
	}
	done := map[string]bool{}
	vars := map[string]string{}
	for i, l := range block {
		key, _, _ := strings.Cut(l, " = ")
		if m := secretLine.FindStringSubmatch(l); m != nil {
			val, ok := r.secrets[m[1]]
			if !ok {
				t.Fatalf("no value for secret %s of the %s example", m[1], p)
			}
			name := m[3]
			if m[2] == "cmd" { // a password manager is not here: the same secret from the environment
				name = strings.ToUpper("SAPA_TEST_" + string(p) + "_" + m[1])
				block[i] = fmt.Sprintf("%s = { env = %q }", m[1], name)
			}
			t.Setenv(name, val)
			vars[m[1]] = name
			done[key] = true
			continue
		}
		if v, ok := set[key]; ok {
			block[i] = key + " = " + v
			done[key] = true
		}
	}
	for _, k := range sortedKeys(set) {
		if !done[k] {
			block = append(block, k+" = "+set[k])
		}
	}
	for k := range r.secrets {
		if !done[k] {
			t.Fatalf("secret %s is not in the %s example", k, p)
		}
	}
	text := fmt.Sprintf("[database]\npath = %q\n\n", filepath.Join(dir, "sapa.db"))
	if r.webhook {
		// Only read by doctor: the tests serve the handler themselves.
		text += "[serve]\nlisten = \"127.0.0.1:8080\"\n\n"
	}
	text += strings.Join(block, "\n") + "\n"
	path := filepath.Join(dir, "config.toml")
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return path, vars
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

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
	go func() { done <- e.newRelay().Run(ctx) }()
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

func outboxSettled(t *testing.T, st *store.Store) func() bool {
	return func() bool {
		counts, err := st.OutboxCounts(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		return len(counts) == 0
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

func doctorHealthy(t *testing.T, r *running) {
	t.Helper()
	var out bytes.Buffer
	code := r.env.doctor(&out)
	t.Logf("sapa doctor:\n%s", out.String())
	if code != 0 || strings.Contains(out.String(), "FAIL") || !strings.Contains(out.String(), " ok ") {
		t.Fatalf("sapa doctor exit %d:\n%s", code, out.String())
	}
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

// isolate keeps the developer's environment out of a test.
func isolate(t *testing.T) {
	t.Setenv("USER", "tester")
	t.Setenv("HOME", t.TempDir())
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	t.Setenv("SAPA_CONFIG", "")
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

// TestDoctorBrokenAccount: an account whose secret is missing, or whose
// token the platform refuses, makes `sapa doctor` exit 1 with a FAIL row
// that says what to fix.
func TestDoctorBrokenAccount(t *testing.T) {
	isolate(t)
	doctor := func(t *testing.T, cfgPath string) (int, string) {
		t.Helper()
		e, err := setup(options{command: "doctor", configPath: cfgPath})
		if err != nil {
			t.Fatalf("setup: %v", err)
		}
		defer e.close()
		var out bytes.Buffer
		code := e.doctor(&out)
		t.Logf("sapa doctor:\n%s", out.String())
		return code, out.String()
	}
	// fixes returns the FIX column of the FAIL rows.
	fixes := func(out string) []string {
		var fs []string
		for _, l := range strings.Split(out, "\n") {
			if _, fix, ok := strings.Cut(l, " FAIL "); ok {
				fs = append(fs, strings.TrimSpace(fix))
			}
		}
		return fs
	}
	for _, pc := range platformCases() {
		t.Run(string(pc.platform)+"/secret unset", func(t *testing.T) {
			r, _ := pc.start(t)
			cfgPath, vars := writeConfig(t, t.TempDir(), pc.platform, r)
			name := vars["token"]
			if name == "" {
				name = vars["password"]
			}
			os.Unsetenv(name) // t.Setenv restores it afterwards
			code, out := doctor(t, cfgPath)
			fs := fixes(out)
			if code != 1 || len(fs) == 0 || !strings.Contains(fs[0], name) {
				t.Fatalf("exit %d, FAIL fixes %q; want exit 1 and a fix naming %s", code, fs, name)
			}
		})
		t.Run(string(pc.platform)+"/token refused", func(t *testing.T) {
			r, revoke := pc.start(t)
			cfgPath, _ := writeConfig(t, t.TempDir(), pc.platform, r)
			revoke()
			code, out := doctor(t, cfgPath)
			fs := fixes(out)
			if code != 1 || len(fs) == 0 || fs[0] == "" {
				t.Fatalf("exit %d, FAIL fixes %q; want exit 1 and what to fix", code, fs)
			}
		})
	}
}

// TestUIReachesNoPlatform: the screen never calls a platform. Nothing the ui
// package links in can: no connector, no relay, no HTTP, IMAP or SMTP
// client. Replies reach platforms only as outbox rows the relay sends, as
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
	if !slices.Contains(deps, "sapa/store") {
		t.Fatalf("go list -deps ./ui gave no sapa/store: %q", deps)
	}
	for _, d := range deps {
		if d == "sapa/platforms" || strings.HasPrefix(d, "sapa/platforms/") || d == "sapa/relay" ||
			d == "net/http" || d == "net/smtp" || strings.HasPrefix(d, "github.com/emersion/") {
			t.Errorf("the ui package depends on %s", d)
		}
	}
}

// platformCase starts one platform's fake for a test; revoke makes the
// fake refuse the token from then on.
type platformCase struct {
	platform inbox.Platform
	start    func(t *testing.T) (r rig, revoke func())
}

func platformCases() []platformCase {
	return []platformCase{
		{inbox.Telegram, func(t *testing.T) (rig, func()) {
			f := telegramtest.New(t, telegramtest.WithBotUsername("PemkabSukamajuBot"))
			// Two citizens write in turn, each in a private chat with the bot.
			// (Sapa paces replies to one chat to one a second, as Telegram
			// asks; a reply paced is retried only a minute later.)
			chats := []int64{telegramtest.Chat, 5550002}
			n := 0
			return rig{
				set:     map[string]string{"base_url": fmt.Sprintf("%q", f.URL())},
				secrets: map[string]string{"token": telegramtest.Token, "webhook_secret": telegramtest.WebhookSecret},
				inbound: func(t *testing.T, _ string, texts ...string) []string {
					var ids []string
					for _, s := range texts {
						ids = append(ids, f.PrivateTextIn(chats[n%2], s))
						n++
					}
					return ids
				},
				replies: f.Replies,
				check: func(t *testing.T, c inbox.Conversation) {
					if c.Kind != inbox.KindDM || (c.ExternalKey != fmt.Sprint(chats[0]) && c.ExternalKey != fmt.Sprint(chats[1])) {
						t.Fatalf("private chat thread = %s %q", c.Kind, c.ExternalKey)
					}
				},
			}, f.RevokeAuth
		}},

		{inbox.Mastodon, func(t *testing.T) (rig, func()) {
			f := mastodontest.New(t)
			n := 0
			return rig{
				set:     map[string]string{"base_url": fmt.Sprintf("%q", f.URL())},
				secrets: map[string]string{"token": mastodontest.Token},
				inbound: func(t *testing.T, _ string, texts ...string) []string {
					var ids []string
					for _, s := range texts {
						vis := "public"
						if n++; n%2 == 0 {
							vis = "direct"
						}
						ids = append(ids, f.MentionFrom("warga@desa.social", "@pemkab "+s, "", vis))
					}
					return ids
				},
				replies: f.Replies,
				check: func(t *testing.T, c inbox.Conversation) {
					if c.Kind != inbox.KindMention && c.Kind != inbox.KindDM {
						t.Fatalf("mention thread kind %s", c.Kind)
					}
				},
			}, f.RevokeAuth
		}},

		{inbox.Facebook, func(t *testing.T) (rig, func()) {
			const appSecret = "f00dfacef00dfacef00dfacef00dface"
			example := exampleValue(t, inbox.Facebook, "page_id")
			f := facebooktest.New(t, facebooktest.WithPageID(example))
			return rig{
				webhook: true, // as the example has it
				set:     map[string]string{"base_url": fmt.Sprintf("%q", f.BaseURL())},
				secrets: map[string]string{"token": facebooktest.Token, "app_secret": appSecret, "verify_token": "sapa-verify-4321"},
				inbound: func(t *testing.T, hook string, texts ...string) []string {
					ids := f.AddInbound(texts...)
					if code, err := facebooktest.Deliver(hook, appSecret, f.CommentEvent(ids...)); err != nil || code != http.StatusOK {
						t.Fatalf("feed webhook: %d %v", code, err)
					}
					return ids
				},
				replies: f.Replies,
				check: func(t *testing.T, c inbox.Conversation) {
					if c.Kind != inbox.KindComment || !strings.HasPrefix(c.ExternalKey, f.DefaultPostID()+"/") || c.ContextText != "Info layanan KTP keliling" {
						t.Fatalf("comment thread = %s %q, context %q", c.Kind, c.ExternalKey, c.ContextText)
					}
				},
			}, f.Graph().RevokeAuth
		}},

		{inbox.Messenger, func(t *testing.T) (rig, func()) {
			f := messengertest.New(t, messengertest.WithPageID(exampleValue(t, inbox.Messenger, "page_id")))
			return rig{
				set:     map[string]string{"base_url": fmt.Sprintf("%q", f.BaseURL())},
				secrets: map[string]string{"token": messengertest.Token},
				inbound: func(t *testing.T, _ string, texts ...string) []string { return f.AddInbound(texts...) },
				replies: f.Replies,
				check: func(t *testing.T, c inbox.Conversation) {
					if c.Kind != inbox.KindDM {
						t.Fatalf("conversation kind %s", c.Kind)
					}
				},
			}, f.Graph().RevokeAuth
		}},

		{inbox.Instagram, func(t *testing.T) (rig, func()) {
			f := instagramtest.New(t)
			return rig{
				set:     map[string]string{"base_url": fmt.Sprintf("%q", f.BaseURL())},
				secrets: map[string]string{"token": instagramtest.Token},
				inbound: func(t *testing.T, _ string, texts ...string) []string { return f.AddInbound(texts...) },
				replies: f.Replies,
				check: func(t *testing.T, c inbox.Conversation) {
					if c.Kind != inbox.KindComment || !strings.Contains(c.ContextText, "Posyandu serentak") {
						t.Fatalf("comment thread = %s %q, context %q", c.Kind, c.ExternalKey, c.ContextText)
					}
				},
			}, f.Graph().RevokeAuth
		}},

		{inbox.WhatsApp, func(t *testing.T) (rig, func()) {
			const appSecret = "7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a"
			f := whatsapptest.New(t, whatsapptest.WithPhoneNumberID(exampleValue(t, inbox.WhatsApp, "phone_number_id")))
			return rig{
				webhook: true,
				set:     map[string]string{"base_url": fmt.Sprintf("%q", f.BaseURL())},
				secrets: map[string]string{"token": whatsapptest.Token, "app_secret": appSecret, "verify_token": "sapa-verify-wa"},
				inbound: func(t *testing.T, hook string, texts ...string) []string {
					f.SetWebhook(hook, appSecret)
					return f.AddInbound(texts...)
				},
				replies: f.Replies,
				check: func(t *testing.T, c inbox.Conversation) {
					if c.Kind != inbox.KindDM {
						t.Fatalf("conversation kind %s", c.Kind)
					}
				},
			}, f.Graph().RevokeAuth
		}},

		{inbox.X, func(t *testing.T) (rig, func()) {
			f := xtest.New(t)
			return rig{
				set:     map[string]string{"base_url": fmt.Sprintf("%q", f.URL())},
				secrets: map[string]string{"token": xtest.Token},
				inbound: func(t *testing.T, _ string, texts ...string) []string {
					var ids []string
					for _, s := range texts {
						ids = append(ids, f.AddMention("@humaskab "+s))
					}
					return ids
				},
				replies: f.Replies,
				check: func(t *testing.T, c inbox.Conversation) {
					if c.Kind != inbox.KindMention {
						t.Fatalf("mention thread kind %s", c.Kind)
					}
				},
			}, f.RevokeAuth
		}},

		{inbox.YouTube, func(t *testing.T) (rig, func()) {
			f := youtubetest.New(t, youtubetest.WithChannelID(exampleValue(t, inbox.YouTube, "channel_id")))
			return rig{
				set:     map[string]string{"base_url": fmt.Sprintf("%q", f.BaseURL())},
				secrets: map[string]string{"token": youtubetest.Token},
				inbound: func(t *testing.T, _ string, texts ...string) []string {
					var ids []string
					for _, s := range texts {
						ids = append(ids, f.Add(s, ""))
					}
					return ids
				},
				replies: f.Replies,
				check: func(t *testing.T, c inbox.Conversation) {
					if c.Kind != inbox.KindComment || !strings.Contains(c.Title+c.ContextText, youtubetest.VideoTitle) {
						t.Fatalf("comment thread = %s %q, title %q, context %q", c.Kind, c.ExternalKey, c.Title, c.ContextText)
					}
				},
			}, f.RevokeAuth
		}},
		{inbox.Email, func(t *testing.T) (rig, func()) {
			const password = "sandi-pengaduan-2026"
			f := emailtest.New(t, emailtest.WithLogin(exampleValue(t, inbox.Email, "username"), password))
			return rig{
				set: map[string]string{
					"imap_addr": fmt.Sprintf("%q", f.IMAPAddr()),
					"smtp_addr": fmt.Sprintf("%q", f.SMTPAddr()),
					"insecure":  "true", // the fake speaks plain TCP on loopback
				},
				secrets: map[string]string{"password": password},
				inbound: func(t *testing.T, _ string, texts ...string) []string { return f.AddInbound(t, texts...) },
				replies: func() []platformtest.Received { return f.Replies(t) },
				check: func(t *testing.T, c inbox.Conversation) {
					if c.Kind != inbox.KindEmail || !strings.HasPrefix(c.Title, "Laporan ") {
						t.Fatalf("email thread = %s %q, title %q", c.Kind, c.ExternalKey, c.Title)
					}
				},
			}, func() { f.SetPassword("diganti-oleh-admin-server") }
		}},
	}
}

// exampleValue is the string value of key in the example account of p.
func exampleValue(t *testing.T, p inbox.Platform, key string) string {
	t.Helper()
	for _, l := range exampleAccount(t, p) {
		if v, ok := strings.CutPrefix(l, key+" = "); ok {
			return strings.Trim(v, `"`)
		}
	}
	t.Fatalf("the %s example has no %s", p, key)
	return ""
}
