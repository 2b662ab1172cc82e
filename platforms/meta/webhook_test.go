package meta_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"sapa/platforms"
	"sapa/platforms/meta"
)

const appSecret = "0123456789abcdef0123456789abcdef"

func TestChallenge(t *testing.T) {
	h := meta.Webhook{AppSecret: appSecret, VerifyToken: "rahasia-verifikasi"}
	cases := []struct {
		query   string
		handled bool
	}{
		{"hub.mode=subscribe&hub.verify_token=rahasia-verifikasi&hub.challenge=1158201444", true},
		{"hub.mode=subscribe&hub.verify_token=salah&hub.challenge=1158201444", false},
		{"hub.mode=unsubscribe&hub.verify_token=rahasia-verifikasi&hub.challenge=1", false},
		{"hub.challenge=1", false},
	}
	for _, tc := range cases {
		w := httptest.NewRecorder()
		r := httptest.NewRequest(http.MethodGet, "/webhook/facebook/x?"+tc.query, nil)
		handled, err := h.Verify(w, r, nil)
		if handled != tc.handled {
			t.Fatalf("%s: handled = %v, err = %v", tc.query, handled, err)
		}
		if tc.handled {
			if err != nil || w.Code != 200 || w.Body.String() != "1158201444" {
				t.Fatalf("%s: %d %q %v", tc.query, w.Code, w.Body.String(), err)
			}
		} else {
			if platforms.KindOf(err) != platforms.KindAuth || w.Body.Len() != 0 {
				t.Fatalf("%s: err = %v, body %q", tc.query, err, w.Body.String())
			}
		}
	}
	// No verify token configured: nothing is ever verified.
	w := httptest.NewRecorder()
	r := httptest.NewRequest(http.MethodGet, "/?hub.mode=subscribe&hub.verify_token=&hub.challenge=1", nil)
	if handled, err := (meta.Webhook{}).Verify(w, r, nil); handled || platforms.KindOf(err) != platforms.KindAuth {
		t.Fatalf("empty verify token: %v %v", handled, err)
	}
}

func TestSignature(t *testing.T) {
	body := []byte(`{"object":"page","entry":[]}`)
	h := meta.Webhook{AppSecret: appSecret}
	good := meta.Signature(appSecret, body)
	if !strings.HasPrefix(good, "sha256=") || len(good) != 7+64 {
		t.Fatalf("signature %q", good)
	}
	if err := h.CheckSignature(good, body); err != nil {
		t.Fatalf("valid signature refused: %v", err)
	}
	for name, sig := range map[string]string{
		"missing":    "",
		"sha1":       "sha1=" + strings.Repeat("0", 40),
		"not hex":    "sha256=zz",
		"other key":  meta.Signature("another-secret", body),
		"other body": meta.Signature(appSecret, append(body, ' ')),
	} {
		if err := h.CheckSignature(sig, body); platforms.KindOf(err) != platforms.KindAuth {
			t.Errorf("%s: err = %v, want auth", name, err)
		}
	}
	if err := (meta.Webhook{}).CheckSignature(good, body); platforms.KindOf(err) != platforms.KindAuth {
		t.Errorf("no app secret: err = %v", err)
	}
}

func TestParseEnvelopeTruncated(t *testing.T) {
	body := `{"object":"page","entry":[{"id":"1","time":1520383571,"changes":[{"field":"feed","value":{"item":"comment"}}]}]}`
	for i := 0; i < len(body); i++ {
		_, err := meta.ParseEnvelope([]byte(body[:i]))
		if err == nil {
			t.Fatalf("truncated body %q parsed", body[:i])
		}
		if platforms.KindOf(err) != platforms.KindMalformed {
			t.Fatalf("truncated body: %v", err)
		}
	}
	env, err := meta.ParseEnvelope([]byte(body))
	if err != nil || env.Object != "page" || len(env.Entry) != 1 || env.Entry[0].Time.Unix() != 1520383571 {
		t.Fatalf("env = %+v, %v", env, err)
	}
}

func TestWebhookPath(t *testing.T) {
	if got := meta.WebhookPath("whatsapp", "Pemkab Sukamaju/WA"); got != "/webhook/whatsapp/Pemkab%20Sukamaju%2FWA" {
		t.Fatalf("path %q", got)
	}
}

func TestReceiveKeepsOnlyThisAccountsEntries(t *testing.T) {
	h := meta.Webhook{AppSecret: appSecret, VerifyToken: "rahasia-verifikasi"}
	post := func(body string) *http.Request {
		r := httptest.NewRequest(http.MethodPost, "/webhook/facebook/x", strings.NewReader(body))
		r.Header.Set(meta.SignatureHeader, meta.Signature(appSecret, []byte(body)))
		return r
	}
	body := `{"object":"page","entry":[{"id":"111"},{"id":"222"},{"id":"111"}]}`
	entries, handled, err := h.Receive(httptest.NewRecorder(), post(body), []byte(body), "page", "111")
	if err != nil || handled || len(entries) != 2 {
		t.Fatalf("own entries: %d, handled %v, err %v; want 2", len(entries), handled, err)
	}
	if entries, _, err := h.Receive(httptest.NewRecorder(), post(body), []byte(body), "page", ""); err != nil || len(entries) != 3 {
		t.Fatalf("no owner: %d entries, err %v; want all 3", len(entries), err)
	}
	if entries, _, err := h.Receive(httptest.NewRecorder(), post(body), []byte(body), "instagram", "111"); err != nil || entries != nil {
		t.Fatalf("another object: %v, %v; want nothing", entries, err)
	}
	r := post(body)
	r.Header.Set(meta.SignatureHeader, "sha256=00")
	if _, _, err := h.Receive(httptest.NewRecorder(), r, []byte(body), "page", "111"); platforms.KindOf(err) != platforms.KindAuth {
		t.Fatalf("bad signature: %v; want auth", err)
	}
	bad := `{"object":`
	if _, _, err := h.Receive(httptest.NewRecorder(), post(bad), []byte(bad), "page", "111"); platforms.KindOf(err) != platforms.KindMalformed {
		t.Fatalf("truncated body: %v; want malformed", err)
	}
}
