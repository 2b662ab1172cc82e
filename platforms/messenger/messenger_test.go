package messenger_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"sapa/config"
	"sapa/inbox"
	"sapa/platforms"
	"sapa/platforms/messenger"
	"sapa/platforms/messenger/messengertest"
	"sapa/platforms/meta"
	"sapa/platforms/meta/metatest"
	"sapa/platforms/platformtest"
)

const (
	pageID      = messengertest.PageID
	token       = messengertest.Token
	appSecret   = "c0ffeec0ffeec0ffeec0ffeec0ffee00"
	verifyToken = "sapa-verify-messenger"
)

// fake is the Page inbox fake of messengertest adapted to platformtest.Fake.
type fake struct{ *messengertest.Server }

func newFake(t *testing.T) *fake { return &fake{messengertest.New(t)} }

func (f *fake) account() config.Account {
	return config.Account{Name: "pemkab-messenger", Platform: inbox.Messenger, BaseURL: f.BaseURL(), Options: &messenger.Options{PageID: pageID, Options: meta.Options{Token: config.Secret{Value: token}, AppSecret: config.Secret{Value: appSecret}, VerifyToken: config.Secret{Value: verifyToken}}}}
}

func (f *fake) Connector(t *testing.T) platforms.Connector {
	c, err := messenger.New(f.account(), nil)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func (f *fake) AddInbound(t *testing.T, texts ...string) []string {
	return f.Server.AddInbound(texts...)
}
func (f *fake) PageSize() int { return messengertest.PageSize }

// Redeliver: the Page inbox lists every conversation again once it moves.
func (f *fake) Redeliver() { f.Inbox().Touch() }

func (f *fake) Replies(t *testing.T) []platformtest.Received { return f.Server.Replies() }

func (f *fake) MalformedNext(t *testing.T) []string {
	p := f.NextCitizen()
	good := []string{"surat pindah belum jadi", "kapan posyandu buka"}
	f.Inbox().Add(p, good[0], time.Now())
	f.Inbox().AddRaw(p, json.RawMessage(`{"id":"m_bad","message":"rusak","created_time":"bukan waktu"}`), time.Now())
	f.Inbox().Add(p, good[1], time.Now())
	return good
}

func TestContract(t *testing.T) {
	platformtest.Run(t, func(t *testing.T) platformtest.Fake { return newFake(t) })
}

// fetchAll fetches everything, checking no cursor holds the token.
func fetchAll(t *testing.T, c platforms.Connector, cursor string) ([]inbox.Inbound, string) {
	t.Helper()
	return platformtest.FetchAll(t, c, cursor, token)
}

func TestConversionFromFixtures(t *testing.T) {
	g := metatest.New(t, token)
	g.Mux.HandleFunc("GET /v23.0/"+pageID+"/conversations", metatest.File(t, "conversations.json"))
	g.Mux.HandleFunc("GET /v23.0/t_10161207538356932/messages", metatest.File(t, "messages.json"))
	c, err := messenger.New(config.Account{Name: "m", Platform: inbox.Messenger, BaseURL: g.BaseURL(), HistoryDays: 36500, Options: &messenger.Options{PageID: pageID, Options: meta.Options{Token: config.Secret{Value: token}}}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	items, _ := fetchAll(t, c, "")
	if len(items) != 3 {
		t.Fatalf("got %d items", len(items))
	}
	for _, it := range items {
		if it.Thread != (inbox.Thread{ExternalKey: "6234567890123456", Kind: inbox.KindDM}) {
			t.Fatalf("thread = %+v", it.Thread)
		}
	}
	in, out := items[0].Message, items[1].Message
	if in.ExternalID != "m_Aa1kAAAAAAAAAA3" || in.Direction != inbox.In || in.Text != "Baik, terima kasih banyak 🙏" ||
		in.Author != (inbox.Contact{ExternalID: "6234567890123456", Name: "Siti Rahmawati"}) ||
		!in.SentAt.Equal(time.Date(2026, 2, 10, 9, 5, 0, 0, time.UTC)) {
		t.Fatalf("inbound = %+v", in)
	}
	if out.Direction != inbox.Out || out.Author.ExternalID != pageID {
		t.Fatalf("page message = %+v", out)
	}
}

func TestReplyWindows(t *testing.T) {
	f := newFake(t)
	ids := f.AddInbound(t, "halo")
	c := f.Connector(t)
	items, _ := fetchAll(t, c, "")
	r := inbox.Reply{Thread: items[0].Thread, InReplyTo: ids[0], Recipient: items[0].Message.Author, Text: "Baik"}
	for _, age := range []time.Duration{time.Hour, 3 * 24 * time.Hour} {
		r.LastInboundAt = time.Now().Add(-age)
		if _, err := c.Send(context.Background(), r); err != nil {
			t.Fatalf("send %v after: %v", age, err)
		}
	}
	if got := f.Inbox().Sends(); len(got) != 2 || got[0] != "RESPONSE" || got[1] != "MESSAGE_TAG HUMAN_AGENT" {
		t.Fatalf("sends = %v", got)
	}
	for _, last := range []time.Time{time.Now().Add(-8 * 24 * time.Hour), {}} {
		r.LastInboundAt = last
		_, err := c.Send(context.Background(), r)
		var pe *platforms.Error
		if e, ok := err.(*platforms.Error); ok {
			pe = e
		}
		if pe == nil || pe.Kind != platforms.KindPermanent || pe.Fix == "" {
			t.Fatalf("send outside the window: %v", err)
		}
	}
	if n := len(f.Inbox().Replies()); n != 2 {
		t.Fatalf("%d sends reached Meta, want 2", n)
	}
}

func TestFindSent(t *testing.T) {
	f := newFake(t)
	ids := f.AddInbound(t, "halo")
	c := f.Connector(t)
	items, _ := fetchAll(t, c, "")
	r := inbox.Reply{Thread: items[0].Thread, InReplyTo: ids[0], Recipient: items[0].Message.Author, Text: "Sudah kami proses", LastInboundAt: time.Now()}
	rc := c.(platforms.Reconciler)
	if _, found, err := rc.FindSent(context.Background(), r); err != nil || found {
		t.Fatalf("before sending: %v %v", found, err)
	}
	sent, err := c.Send(context.Background(), r)
	if err != nil {
		t.Fatal(err)
	}
	got, found, err := rc.FindSent(context.Background(), r)
	if err != nil || !found || got.ExternalID != sent.ExternalID {
		t.Fatalf("after sending: %+v %v %v (sent %s)", got, found, err, sent.ExternalID)
	}
}

func TestSendAmbiguousOn5xx(t *testing.T) {
	f := newFake(t)
	c := f.Connector(t)
	f.Graph().FailNext(503)
	_, err := c.Send(context.Background(), inbox.Reply{Thread: inbox.Thread{ExternalKey: "1", Kind: inbox.KindDM}, Text: "x", LastInboundAt: time.Now()})
	if platforms.KindOf(err) != platforms.KindAmbiguous {
		t.Fatalf("err = %v", err)
	}
}

func TestErrorsHoldNoToken(t *testing.T) {
	f := newFake(t)
	c := f.Connector(t)
	f.RevokeAuth()
	_, err := c.Fetch(context.Background(), "")
	if platforms.KindOf(err) != platforms.KindAuth || strings.Contains(err.Error(), token) {
		t.Fatalf("err = %v", err)
	}
	fs := c.(platforms.Checker).Check(context.Background())
	if fs[0].OK || strings.Contains(fs[0].Check, token) || fs[0].Fix == "" {
		t.Fatalf("findings = %+v", fs)
	}
}

func TestCheck(t *testing.T) {
	f := newFake(t)
	acct := f.account()
	acct.Options.(*messenger.Options).Webhook = true
	c, _ := messenger.New(acct, nil)
	for _, fd := range c.(platforms.Checker).Check(context.Background()) {
		if !fd.OK {
			t.Errorf("finding failed: %+v", fd)
		}
	}
}

func post(body []byte, sig string) *http.Request {
	r := httptest.NewRequest(http.MethodPost, "/webhook/messenger/pemkab-messenger", bytes.NewReader(body))
	if sig != "" {
		r.Header.Set("X-Hub-Signature-256", sig)
	}
	return r
}

func TestWebhook(t *testing.T) {
	c := newFake(t).Connector(t).(platforms.WebhookReceiver)
	if c.WebhookPath() != "/webhook/messenger/pemkab-messenger" {
		t.Fatalf("path %q", c.WebhookPath())
	}
	body, _ := os.ReadFile("testdata/webhook_messages.json")
	items, handled, err := c.ServeWebhook(httptest.NewRecorder(), post(body, metatest.Sign(appSecret, body)), body)
	if err != nil || handled || len(items) != 3 {
		t.Fatalf("valid: %+v %v %v", items, handled, err)
	}
	in, echo, img := items[0], items[1], items[2]
	if in.Thread.ExternalKey != "6234567890123456" || in.Message.ExternalID != "m_Aa1kAAAAAAAAAB1" || in.Message.ParentID != "m_Aa1kAAAAAAAAAA2" ||
		in.Message.Direction != inbox.In || !in.Message.SentAt.Equal(time.UnixMilli(1770714000123)) {
		t.Fatalf("inbound = %+v", in)
	}
	if echo.Message.Direction != inbox.Out || echo.Thread.ExternalKey != "6234567890123456" {
		t.Fatalf("echo = %+v", echo)
	}
	if img.Message.Text != "[gambar]" {
		t.Fatalf("image = %+v", img)
	}
	again, _, _ := c.ServeWebhook(httptest.NewRecorder(), post(body, metatest.Sign(appSecret, body)), body)
	if len(again) != 3 || again[0].Message.ExternalID != in.Message.ExternalID {
		t.Fatalf("replay = %+v", again)
	}
	for name, sig := range map[string]string{"invalid": metatest.Sign("nope", body), "missing": ""} {
		if items, _, err := c.ServeWebhook(httptest.NewRecorder(), post(body, sig), body); platforms.KindOf(err) != platforms.KindAuth || items != nil {
			t.Fatalf("%s signature: %v %v", name, items, err)
		}
	}
	for i := 0; i < len(body); i += 5 {
		cut := body[:i]
		if len(bytes.TrimSpace(body[i:])) == 0 {
			continue // only whitespace was cut: the body is whole
		}
		if items, _, err := c.ServeWebhook(httptest.NewRecorder(), post(cut, metatest.Sign(appSecret, cut)), cut); err == nil && len(items) > 0 {
			t.Fatalf("truncated at %d gave items", i)
		}
	}
}

// Without the Human Agent feature, a late reply fails alone: permanent, not
// an account-wide auth failure.
func TestHumanAgentNotGranted(t *testing.T) {
	g := metatest.New(t, token)
	g.Mux.HandleFunc("POST /v23.0/"+pageID+"/messages", func(w http.ResponseWriter, r *http.Request) {
		metatest.WriteError(w, 400, 200, 2018278, "OAuthException", "(#200) The HUMAN_AGENT tag requires the human_agent permission")
	})
	c, err := messenger.New(config.Account{Name: "m", Platform: inbox.Messenger, BaseURL: g.BaseURL(), Options: &messenger.Options{PageID: pageID, Options: meta.Options{Token: config.Secret{Value: token}}}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Send(context.Background(), inbox.Reply{Thread: inbox.Thread{ExternalKey: "1", Kind: inbox.KindDM}, Text: "x", LastInboundAt: time.Now().Add(-48 * time.Hour)})
	pe, ok := err.(*platforms.Error)
	if !ok || pe.Kind != platforms.KindPermanent || !strings.Contains(pe.Fix, "Human Agent") {
		t.Fatalf("err = %v", err)
	}
}
