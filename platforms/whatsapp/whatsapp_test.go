package whatsapp_test

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"sapa/inbox"
	"sapa/platforms"
	"sapa/platforms/meta/metatest"
	"sapa/platforms/platformtest"
	"sapa/platforms/whatsapp"
)

func TestContract(t *testing.T) {
	platformtest.Run(t, func(t *testing.T) platformtest.Fake { return newFake(t) })
}

func request(body []byte, sig string) *http.Request {
	r := httptest.NewRequest(http.MethodPost, "/webhook/whatsapp/pemkab-wa", bytes.NewReader(body))
	if sig != "" {
		r.Header.Set("X-Hub-Signature-256", sig)
	}
	return r
}

func TestFetchIsEmpty(t *testing.T) {
	c := newFake(t).Connector(t)
	b, err := c.Fetch(context.Background(), "x")
	if err != nil || len(b.Items) != 0 || b.More || b.Cursor != "x" {
		t.Fatalf("fetch = %+v, %v", b, err)
	}
}

func TestConversionFromSpecExamples(t *testing.T) {
	c := newFake(t).Connector(t).(platforms.WebhookReceiver)
	body, err := os.ReadFile("testdata/webhook_messages.json")
	if err != nil {
		t.Fatal(err)
	}
	items, handled, err := c.ServeWebhook(httptest.NewRecorder(), request(body, metatest.Sign(appSecret, body)), body)
	if err != nil || handled {
		t.Fatalf("serve: %v %v", handled, err)
	}
	want := []struct{ text, parent string }{
		{"Does it come in another color?", ""},
		{"Is this still available?", "wamid.HBgLMTY1MDM4Nzk0MzkVAgARGA9wcm9kdWN0X2lucXVpcnkA"},
		{"[gambar] Taj Mahal", ""},
		{"[lokasi] Philz Coffee, 101 Forest Ave, Palo Alto, CA 94301, (37.442215, -122.161659)", ""},
		{"[reaksi] 👍", "wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI0RTJEOTc2ODVERUY5RDlGNkYA"},
		{"[pesan tidak didukung]", ""},
		{"Priority Mail Express", ""},
	}
	if len(items) != len(want) {
		t.Fatalf("got %d items (status updates and other numbers must be skipped): %+v", len(items), items)
	}
	for i, w := range want {
		m := items[i].Message
		if m.Text != w.text || m.ParentID != w.parent {
			t.Errorf("item %d = %q (parent %q), want %q (parent %q)", i, m.Text, m.ParentID, w.text, w.parent)
		}
		if items[i].Thread != (inbox.Thread{ExternalKey: "16505551234", Kind: inbox.KindDM}) {
			t.Errorf("thread = %+v", items[i].Thread)
		}
	}
	first := items[0].Message
	if first.ExternalID != "wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=" || first.Direction != inbox.In ||
		first.Author != (inbox.Contact{ExternalID: "16505551234", Name: "Sheena Nelson", Handle: "+16505551234"}) ||
		!first.SentAt.Equal(time.Unix(1749416383, 0)) {
		t.Fatalf("first = %+v", first)
	}
}

func TestWebhookSignatures(t *testing.T) {
	c := newFake(t).Connector(t).(platforms.WebhookReceiver)
	if c.WebhookPath() != "/webhook/whatsapp/pemkab-wa" {
		t.Fatalf("path %q", c.WebhookPath())
	}
	body, _ := os.ReadFile("testdata/webhook_messages.json")
	for name, sig := range map[string]string{
		"invalid":   metatest.Sign("not-the-app-secret", body),
		"missing":   "",
		"malformed": "sha256=xyz",
	} {
		items, handled, err := c.ServeWebhook(httptest.NewRecorder(), request(body, sig), body)
		if platforms.KindOf(err) != platforms.KindAuth || handled || items != nil {
			t.Errorf("%s signature: %v %v %v", name, items, handled, err)
		}
	}
	first, _, _ := c.ServeWebhook(httptest.NewRecorder(), request(body, metatest.Sign(appSecret, body)), body)
	again, _, _ := c.ServeWebhook(httptest.NewRecorder(), request(body, metatest.Sign(appSecret, body)), body)
	if len(first) == 0 || len(first) != len(again) {
		t.Fatalf("replay: %d then %d items", len(first), len(again))
	}
	for i := range first {
		if first[i].Message.ExternalID != again[i].Message.ExternalID {
			t.Fatalf("replay changed id %d", i)
		}
	}
	for i := 0; i < len(body); i += 3 {
		cut := body[:i]
		if len(bytes.TrimSpace(body[i:])) == 0 {
			continue // only whitespace was cut: the body is whole
		}
		items, _, err := c.ServeWebhook(httptest.NewRecorder(), request(cut, metatest.Sign(appSecret, cut)), cut)
		if err == nil && len(items) > 0 {
			t.Fatalf("truncated body at %d gave items", i)
		}
		if err != nil && platforms.KindOf(err) != platforms.KindMalformed {
			t.Fatalf("truncated body at %d: %v", i, err)
		}
	}
	w := httptest.NewRecorder()
	r := httptest.NewRequest(http.MethodGet, "/webhook/whatsapp/pemkab-wa?hub.mode=subscribe&hub.verify_token="+verifyToken+"&hub.challenge=1158201444", nil)
	if _, handled, err := c.ServeWebhook(w, r, nil); !handled || err != nil || w.Body.String() != "1158201444" {
		t.Fatalf("challenge: %v %v %q", handled, err, w.Body.String())
	}
	r = httptest.NewRequest(http.MethodGet, "/webhook/whatsapp/pemkab-wa?hub.mode=subscribe&hub.verify_token=tebakan&hub.challenge=1", nil)
	if _, handled, err := c.ServeWebhook(httptest.NewRecorder(), r, nil); handled || platforms.KindOf(err) != platforms.KindAuth {
		t.Fatalf("wrong verify token: %v %v", handled, err)
	}
}

func TestSendBody(t *testing.T) {
	f := newFake(t)
	ids := f.AddInbound(t, "lapor jalan rusak")
	c := f.Connector(t)
	in := f.Pushed(t)[0]
	r := inbox.Reply{IdempotencyKey: "outbox-17", Thread: in.Thread, InReplyTo: ids[0], Recipient: in.Message.Author, Text: "Terima kasih, sudah kami teruskan ke Dinas PU.", LastInboundAt: in.Message.SentAt}
	sent, err := c.Send(context.Background(), r)
	if err != nil || !strings.HasPrefix(sent.ExternalID, "wamid.") {
		t.Fatalf("send = %+v, %v", sent, err)
	}
	body := f.Sends()[0]
	if body["to"] != "6281234567001" || body["recipient_type"] != "individual" || body["biz_opaque_callback_data"] != "outbox-17" {
		t.Fatalf("body = %v", body)
	}
	if ctx, _ := body["context"].(map[string]any); ctx["message_id"] != ids[0] {
		t.Fatalf("context = %v", body["context"])
	}
}

func TestOutsideWindowRefusedBeforeSending(t *testing.T) {
	f := newFake(t)
	c := f.Connector(t)
	for _, last := range []time.Time{time.Now().Add(-25 * time.Hour), {}} {
		_, err := c.Send(context.Background(), inbox.Reply{Thread: inbox.Thread{ExternalKey: "6281234567001", Kind: inbox.KindDM}, Text: "halo", LastInboundAt: last})
		pe, ok := err.(*platforms.Error)
		if !ok || pe.Kind != platforms.KindPermanent || !strings.Contains(pe.Message, "24 jam") || !strings.Contains(pe.Fix, "template") {
			t.Fatalf("outside the window: %v", err)
		}
	}
	if len(f.Graph().Requests()) != 0 {
		t.Fatalf("Meta was called: %v", f.Graph().Requests())
	}
}

func TestPlatformErrors(t *testing.T) {
	cases := []struct {
		status, code int
		kind         platforms.Kind
	}{
		{400, 131047, platforms.KindPermanent},
		{400, 131056, platforms.KindRateLimited},
		{429, 130429, platforms.KindRateLimited},
		{400, 131026, platforms.KindPermanent},
		{401, 190, platforms.KindAuth},
		{500, 1, platforms.KindAmbiguous},
	}
	for _, tc := range cases {
		f := newFake(t)
		failing := metatest.New(t, token)
		failing.Mux.HandleFunc("POST /v23.0/{phone}/messages", func(w http.ResponseWriter, r *http.Request) {
			metatest.WriteError(w, tc.status, tc.code, 0, "OAuthException", "message for "+token[:3])
		})
		acct := f.account()
		acct.BaseURL = failing.BaseURL()
		c, _ := whatsapp.New(acct, nil)
		_, err := c.Send(context.Background(), inbox.Reply{Thread: inbox.Thread{ExternalKey: "62811"}, Text: "x", LastInboundAt: time.Now()})
		if platforms.KindOf(err) != tc.kind {
			t.Errorf("code %d: %v, want %v", tc.code, err, tc.kind)
		}
		if err != nil && strings.Contains(err.Error(), token) {
			t.Errorf("token leaked: %v", err)
		}
	}
}

func TestCheck(t *testing.T) {
	f := newFake(t)
	c := f.Connector(t)
	for _, fd := range c.(platforms.Checker).Check(context.Background()) {
		if !fd.OK {
			t.Errorf("finding failed: %+v", fd)
		}
	}
	f.RevokeAuth()
	fs := c.(platforms.Checker).Check(context.Background())
	if fs[0].OK || !strings.Contains(fs[0].Fix, "system-user") || strings.Contains(fs[0].Check, token) {
		t.Fatalf("revoked: %+v", fs[0])
	}
}

func TestNewNeedsWebhookSecrets(t *testing.T) {
	acct := newFake(t).account()
	acct.Options.(*whatsapp.Options).AppSecret.Value = ""
	if _, err := whatsapp.New(acct, nil); err == nil {
		t.Fatal("connector built without an app secret")
	}
}
