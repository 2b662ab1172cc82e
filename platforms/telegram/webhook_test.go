package telegram

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"sapa/config"
	"sapa/inbox"
	"sapa/platforms"
)

func webhookRequest(t *testing.T, body []byte, secret string, set bool) *http.Request {
	t.Helper()
	r := httptest.NewRequest(http.MethodPost, "/webhook/telegram/pemkab-tg", strings.NewReader(string(body)))
	if set {
		r.Header.Set(secretHeader, secret)
	}
	return r
}

func TestWebhook(t *testing.T) {
	f := newFakeAPI(t)
	acct := f.account()
	acct.Options.(*Options).Webhook = true
	c := f.connectorFor(t, acct)
	var _ platforms.WebhookReceiver = c
	if c.WebhookPath() != "/webhook/telegram/pemkab-tg" {
		t.Fatalf("path = %q", c.WebhookPath())
	}
	body, err := os.ReadFile("testdata/webhook_update.json")
	if err != nil {
		t.Fatal(err)
	}

	serve := func(secret string, set bool, b []byte) ([]inbox.Inbound, error) {
		items, handled, err := c.ServeWebhook(httptest.NewRecorder(), webhookRequest(t, b, secret, set), b)
		if handled {
			t.Fatal("telegram has no handshake to handle")
		}
		return items, err
	}

	items, err := serve(fakeWebhook, true, body)
	if err != nil || len(items) != 1 {
		t.Fatalf("valid delivery: %v %v", items, err)
	}
	if m := items[0].Message; m.ExternalID != "5550009:61" || m.Text != "Jembatan di Desa Sukamaju retak, mohon dicek" || items[0].Thread.Kind != inbox.KindDM {
		t.Fatalf("item = %+v", items[0])
	}
	replay, err := serve(fakeWebhook, true, body)
	if err != nil || len(replay) != 1 || replay[0].Message.ExternalID != items[0].Message.ExternalID {
		t.Fatalf("replay: %v %v", replay, err)
	}

	for name, tc := range map[string]struct {
		secret string
		set    bool
	}{
		"wrong secret":   {"s3cret-Webhook_tokeN", true},
		"missing header": {"", false},
		"empty header":   {"", true},
		"prefix only":    {"s3cret", true},
	} {
		items, err := serve(tc.secret, tc.set, body)
		if platforms.KindOf(err) != platforms.KindAuth || items != nil {
			t.Errorf("%s: items %v, err %v; want auth error and nothing", name, items, err)
		}
	}

	for i := 0; i < len(body); i += 7 {
		items, err := serve(fakeWebhook, true, body[:i])
		if err == nil && len(items) != 0 {
			t.Fatalf("truncated body (%d bytes) produced items", i)
		}
	}
	if _, err := serve(fakeWebhook, true, []byte(`{"update_id":`)); platforms.KindOf(err) != platforms.KindMalformed {
		t.Fatalf("truncated JSON: %v", err)
	}

	// Polling is off while the webhook is configured.
	b, err := c.Fetch(context.Background(), "x")
	if err != nil || b.Cursor != "x" || len(f.Offsets()) != 0 {
		t.Fatalf("fetch in webhook mode: %+v %v", b, err)
	}
}

func TestWebhookWithoutSecretRefuses(t *testing.T) {
	f := newFakeAPI(t)
	acct := f.account()
	acct.Options.(*Options).WebhookSecret = config.Secret{}
	c := f.connectorFor(t, acct)
	body, _ := os.ReadFile("testdata/webhook_update.json")
	items, _, err := c.ServeWebhook(httptest.NewRecorder(), webhookRequest(t, body, "", true), body)
	if platforms.KindOf(err) != platforms.KindAuth || items != nil {
		t.Fatalf("unsigned webhook accepted: %v %v", items, err)
	}
}

func TestCheck(t *testing.T) {
	f := newFakeAPI(t)
	c := f.connectorFor(t, f.account())
	var _ platforms.Checker = c
	for _, fd := range c.Check(context.Background()) {
		if !fd.OK {
			t.Errorf("healthy bot: %+v", fd)
		}
	}

	f.SetWebhookURL("https://sapa.example.go.id/webhook/telegram/pemkab-tg")
	found := false
	for _, fd := range c.Check(context.Background()) {
		if !fd.OK && strings.Contains(fd.Fix, "deleteWebhook") {
			found = true
		}
	}
	if !found {
		t.Error("webhook set while polling not reported with a fix")
	}

	acct := f.account()
	acct.Options.(*Options).Webhook = true
	wc := f.connectorFor(t, acct)
	for _, fd := range wc.Check(context.Background()) {
		if !fd.OK {
			t.Errorf("webhook configured and set: %+v", fd)
		}
	}
	f.SetWebhookURL("")
	if fs := wc.Check(context.Background()); fs[len(fs)-1].OK || !strings.Contains(fs[len(fs)-1].Fix, "setWebhook") {
		t.Errorf("missing webhook not reported: %+v", fs)
	}

	acct = f.account()
	acct.Options.(*Options).BotUsername = "other_bot"
	if fs := f.connectorFor(t, acct).Check(context.Background()); fs[1].OK || !strings.Contains(fs[1].Fix, "pemkab_bot") {
		t.Errorf("username mismatch not reported: %+v", fs)
	}

	f.RevokeAuth()
	fs := c.Check(context.Background())
	if len(fs) != 1 || fs[0].OK || fs[0].Fix == "" || strings.Contains(fs[0].Check, fakeToken) {
		t.Errorf("revoked token: %+v", fs)
	}
}

// TestTokenNeverInErrors drives every error path that could carry the URL.
func TestTokenNeverInErrors(t *testing.T) {
	f := newFakeAPI(t)
	acct := f.account()
	check := func(name string, err error) {
		t.Helper()
		if err == nil {
			t.Fatalf("%s: no error", name)
		}
		for _, s := range []string{err.Error(), strings.ReplaceAll(err.Error(), "%3A", ":")} {
			if strings.Contains(s, fakeToken) || strings.Contains(s, "AAHfakeSecret") {
				t.Fatalf("%s: token in %q", name, s)
			}
		}
		var pe *platforms.Error
		if !errors.As(err, &pe) {
			t.Fatalf("%s: untyped error %v", name, err)
		}
	}

	// Connection refused: net/http's *url.Error prints the full URL.
	dead := httptest.NewServer(http.NotFoundHandler())
	acct.BaseURL = dead.URL
	dead.Close()
	c := f.connectorFor(t, acct)
	_, err := c.Fetch(context.Background(), "")
	check("refused fetch", err)
	if platforms.KindOf(err) != platforms.KindTransient {
		t.Fatalf("refused fetch kind = %v", platforms.KindOf(err))
	}
	_, err = c.Send(context.Background(), inbox.Reply{InReplyTo: "1:2", Text: "x"})
	check("refused send", err)
	if platforms.KindOf(err) != platforms.KindTransient {
		t.Fatalf("refused send kind = %v (a refused connection surely sent nothing)", platforms.KindOf(err))
	}
	fs := c.Check(context.Background())
	if len(fs) != 1 || fs[0].OK || strings.Contains(fs[0].Check, fakeToken) {
		t.Fatalf("check on dead server: %+v", fs)
	}

	// An answer that echoes the request path (some proxies do).
	echo := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusBadRequest)
		_, _ = w.Write([]byte(`{"ok":false,"error_code":400,"description":"Bad Request: no such path ` + r.URL.Path + `"}`))
	}))
	defer echo.Close()
	acct.BaseURL = echo.URL
	_, err = f.connectorFor(t, acct).Fetch(context.Background(), "")
	check("echoed path", err)

	// A request cut off after it reached the server is ambiguous, and
	// still redacted.
	arrived := make(chan struct{}, 1)
	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// Reading the body lets the server notice the client going away.
		_, _ = io.Copy(io.Discard, r.Body)
		arrived <- struct{}{}
		<-r.Context().Done()
	}))
	defer slow.Close()
	acct.BaseURL = slow.URL
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		<-arrived
		cancel()
	}()
	_, err = f.connectorFor(t, acct).Send(ctx, inbox.Reply{InReplyTo: "1:2", Text: "x"})
	check("cut-off send", err)
	if platforms.KindOf(err) != platforms.KindAmbiguous {
		t.Fatalf("cut-off send kind = %v, want ambiguous", platforms.KindOf(err))
	}
}

// An account name with a space must still give a path ServeMux accepts, and
// a request to the escaped URL must reach the handler.
func TestWebhookPathEscapesAccountName(t *testing.T) {
	f := newFakeAPI(t)
	acct := f.account()
	acct.Name = "Humas Kota"
	acct.Options.(*Options).Webhook = true
	c := f.connectorFor(t, acct)
	if got, want := c.WebhookPath(), "/webhook/telegram/Humas%20Kota"; got != want {
		t.Fatalf("path = %q, want %q", got, want)
	}
	mux := http.NewServeMux()
	reached := false
	func() {
		defer func() {
			if r := recover(); r != nil {
				t.Fatalf("ServeMux.Handle panicked: %v", r)
			}
		}()
		mux.Handle(c.WebhookPath(), http.HandlerFunc(func(http.ResponseWriter, *http.Request) { reached = true }))
	}()
	rec := httptest.NewRecorder()
	mux.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/webhook/telegram/Humas%20Kota", strings.NewReader("{}")))
	if !reached {
		t.Fatalf("request to the escaped path did not reach the handler (status %d)", rec.Code)
	}
}
