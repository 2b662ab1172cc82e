package relay

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"sapa/inbox"
	"sapa/platforms"
	"sapa/store"
)

// pushConn accepts webhooks signed with a shared word in a header.
type pushConn struct{ fakeConn }

func (p *pushConn) WebhookPath() string { return "/webhook/test/tg" }
func (p *pushConn) ServeWebhook(w http.ResponseWriter, r *http.Request, body []byte) ([]inbox.Inbound, bool, error) {
	if r.Method == http.MethodGet {
		w.Write([]byte(r.URL.Query().Get("challenge")))
		return nil, true, nil
	}
	if r.Header.Get("X-Sig") != "rahasia" {
		return nil, false, platforms.Errorf(platforms.KindAuth, "bad signature")
	}
	var ids []string
	if err := json.Unmarshal(body, &ids); err != nil {
		return nil, false, platforms.Errorf(platforms.KindMalformed, "bad body")
	}
	var out []inbox.Inbound
	for _, id := range ids {
		out = append(out, msg("w", id))
	}
	return out, false, nil
}

func TestWebhookHandler(t *testing.T) {
	conn := &pushConn{}
	st, accs := setup(t, &conn.fakeConn)
	accs[0].Conn = conn
	srv := httptest.NewServer(WebhookHandler(st, accs, 64, nil))
	defer srv.Close()
	post := func(sig, body string) int {
		req, _ := http.NewRequest(http.MethodPost, srv.URL+"/webhook/test/tg", strings.NewReader(body))
		if sig != "" {
			req.Header.Set("X-Sig", sig)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	ctx := context.Background()
	count := func() int { n, _ := st.Count(ctx, inbox.Filter{View: inbox.ViewAll}); return n }
	if c := post("", `["1"]`); c != 401 || count() != 0 {
		t.Fatalf("missing signature: %d, %d stored", c, count())
	}
	if c := post("salah", `["1"]`); c != 401 || count() != 0 {
		t.Fatalf("bad signature: %d, %d stored", c, count())
	}
	if c := post("rahasia", `["1","2"]`); c != 200 {
		t.Fatalf("valid: %d", c)
	}
	if c := post("rahasia", `["1","2"]`); c != 200 {
		t.Fatalf("replay: %d", c)
	}
	th, _ := st.List(ctx, inbox.Filter{View: inbox.ViewAll}, store.Page{})
	msgs, _ := st.Thread(ctx, th[0].ID, 10)
	if len(msgs) != 2 {
		t.Fatalf("replayed event stored %d messages, want 2", len(msgs))
	}
	if c := post("rahasia", `["`+strings.Repeat("x", 100)+`"]`); c != 413 {
		t.Fatalf("oversized: %d", c)
	}
	resp, _ := http.Get(srv.URL + "/webhook/test/tg?challenge=12345")
	buf := make([]byte, 5)
	resp.Body.Read(buf)
	if string(buf) != "12345" {
		t.Fatalf("verification echo %q", buf)
	}
}
