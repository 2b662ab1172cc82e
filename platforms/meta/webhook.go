package meta

import (
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"

	"sapa/platforms"
)

// SignatureHeader carries the HMAC-SHA256 of the raw body, keyed with the
// app secret: "sha256=<hex>".
const SignatureHeader = "X-Hub-Signature-256"

// WebhookPath is the URL path `sapa serve` routes to an account:
// /webhook/<platform>/<account name>.
func WebhookPath(platform, account string) string {
	return "/webhook/" + platform + "/" + url.PathEscape(account)
}

// Signature computes the X-Hub-Signature-256 value for body.
func Signature(appSecret string, body []byte) string {
	m := hmac.New(sha256.New, []byte(appSecret))
	m.Write(body)
	return "sha256=" + hex.EncodeToString(m.Sum(nil))
}

// Webhook verifies Meta's webhook requests for one account.
type Webhook struct {
	AppSecret   string // signs event bodies
	VerifyToken string // proves a subscription handshake is ours
}

// Verify handles the GET subscription handshake (writing hub.challenge back,
// handled true) and checks the signature of a POST. Any failure is a
// KindAuth error and nothing is written, so the caller answers with an error
// status and ingests nothing.
func (h Webhook) Verify(w http.ResponseWriter, r *http.Request, body []byte) (handled bool, err error) {
	switch r.Method {
	case http.MethodGet:
		return h.challenge(w, r)
	case http.MethodPost:
		return false, h.CheckSignature(r.Header.Get(SignatureHeader), body)
	}
	return false, &platforms.Error{Kind: platforms.KindMalformed, Message: "webhook: method " + r.Method + " not allowed"}
}

func (h Webhook) challenge(w http.ResponseWriter, r *http.Request) (bool, error) {
	q := r.URL.Query()
	if q.Get("hub.mode") != "subscribe" {
		return false, &platforms.Error{Kind: platforms.KindAuth, Message: "webhook: hub.mode is not subscribe"}
	}
	if h.VerifyToken == "" {
		return false, &platforms.Error{Kind: platforms.KindAuth, Message: "webhook: no verify_token configured",
			Fix: "set verify_token for this account to the value entered in the app's webhook settings"}
	}
	if subtle.ConstantTimeCompare([]byte(q.Get("hub.verify_token")), []byte(h.VerifyToken)) != 1 {
		return false, &platforms.Error{Kind: platforms.KindAuth, Message: "webhook: hub.verify_token does not match",
			Fix: "make verify_token equal the Verify Token entered in the app's webhook settings"}
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.WriteHeader(http.StatusOK)
	_, _ = io.WriteString(w, q.Get("hub.challenge"))
	return true, nil
}

// CheckSignature compares an X-Hub-Signature-256 header with the HMAC of
// the exact body bytes, in constant time.
func (h Webhook) CheckSignature(header string, body []byte) error {
	if h.AppSecret == "" {
		return &platforms.Error{Kind: platforms.KindAuth, Message: "webhook: no app_secret configured, refusing unsigned events",
			Fix: "set app_secret for this account to the App Secret of the Meta app (App Dashboard → Settings → Basic)"}
	}
	if header == "" {
		return &platforms.Error{Kind: platforms.KindAuth, Message: "webhook: missing " + SignatureHeader}
	}
	hexSig, ok := strings.CutPrefix(header, "sha256=")
	got, err := hex.DecodeString(hexSig)
	if !ok || err != nil {
		return &platforms.Error{Kind: platforms.KindAuth, Message: "webhook: " + SignatureHeader + " is not sha256=<hex>"}
	}
	m := hmac.New(sha256.New, []byte(h.AppSecret))
	m.Write(body)
	if !hmac.Equal(got, m.Sum(nil)) {
		return &platforms.Error{Kind: platforms.KindAuth, Message: "webhook: signature does not match the body",
			Fix: "check that app_secret is the App Secret of the app that sends these webhooks"}
	}
	return nil
}

// Envelope is the outer shape of every Meta webhook event.
type Envelope struct {
	Object string  `json:"object"` // page, instagram, whatsapp_business_account
	Entry  []Entry `json:"entry"`
}

// Entry is one object's batch of changes or messaging events.
type Entry struct {
	ID        string            `json:"id"`
	Time      Time              `json:"time"`
	Changes   []Change          `json:"changes"`
	Messaging []json.RawMessage `json:"messaging"`
}

// Change is one field's change; Value's shape depends on Field.
type Change struct {
	Field string          `json:"field"`
	Value json.RawMessage `json:"value"`
}

// ParseEnvelope decodes a webhook body. A body that is not the envelope
// (truncated, not JSON) is KindMalformed.
func ParseEnvelope(body []byte) (Envelope, error) {
	var env Envelope
	if err := json.Unmarshal(body, &env); err != nil {
		return Envelope{}, &platforms.Error{Kind: platforms.KindMalformed, Message: "webhook: body is not a Meta event", Err: err}
	}
	return env, nil
}

// Receive verifies a webhook request and returns its entries for object
// ("page", "instagram", "whatsapp_business_account") whose id is owner, or
// all of them when owner is empty: one app's webhook also carries events of
// its other Pages and accounts, which are not this connector's. handled
// reports that Verify answered the request itself (the subscription
// handshake); any error means nothing may be ingested.
func (h Webhook) Receive(w http.ResponseWriter, r *http.Request, body []byte, object, owner string) (entries []Entry, handled bool, err error) {
	if handled, err := h.Verify(w, r, body); handled || err != nil {
		return nil, handled, err
	}
	env, err := ParseEnvelope(body)
	if err != nil {
		return nil, false, err
	}
	if env.Object != object {
		return nil, false, nil
	}
	for _, e := range env.Entry {
		if owner == "" || e.ID == owner {
			entries = append(entries, e)
		}
	}
	return entries, false, nil
}
