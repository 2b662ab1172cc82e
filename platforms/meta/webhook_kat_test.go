package meta

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// Known-answer vectors for X-Hub-Signature-256, worked out apart from this
// code: `printf '%s' "$body" | openssl dgst -sha256 -hmac kunci-rahasia-aplikasi`.
const (
	katSecret = "kunci-rahasia-aplikasi"
	katBody   = `{"object":"page","entry":[{"id":"1234567890","time":1733580000,"changes":[{"field":"feed","value":{"item":"comment","verb":"add","comment_id":"111_222","message":"Jalan rusak di Cibinong"}}]}]}`
	katSig    = "sha256=0762e39cd89740cbe1f37e019c6985258b4f7287642f1f7dfcf976dce5d9a33b"
)

func TestSignatureKnownAnswer(t *testing.T) {
	if got := Signature(katSecret, []byte(katBody)); got != katSig {
		t.Fatalf("Signature = %s, want %s", got, katSig)
	}
}

func TestWebhookChecksTheDocumentedHeader(t *testing.T) {
	h := Webhook{AppSecret: katSecret}
	post := func(header, body string) error {
		r := httptest.NewRequest(http.MethodPost, "/webhook/facebook/pemkab", strings.NewReader(body))
		// The header as Meta's documentation names it, not the constant.
		r.Header.Set("X-Hub-Signature-256", header)
		_, err := h.Verify(httptest.NewRecorder(), r, []byte(body))
		return err
	}
	if err := post(katSig, katBody); err != nil {
		t.Fatalf("the known-good signature was refused: %v", err)
	}
	for name, c := range map[string][2]string{
		"body with one more space": {katSig, strings.Replace(katBody, `"page",`, `"page", `, 1)},
		"sha1 prefix":              {"sha1=" + katSig[7:], katBody},
		"empty":                    {"", katBody},
		"other secret's signature": {"sha256=" + strings.Repeat("0", 64), katBody},
	} {
		if err := post(c[0], c[1]); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}
