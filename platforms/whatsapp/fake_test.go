package whatsapp_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"testing"
	"time"

	"sapa/config"
	"sapa/inbox"
	"sapa/platforms"
	"sapa/platforms/meta/metatest"
	"sapa/platforms/platformtest"
	"sapa/platforms/whatsapp"
)

const (
	phoneID     = "106540352242922"
	token       = "EAAWhatsAppSystemUserToken0123456789"
	appSecret   = "7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a"
	verifyToken = "sapa-verify-wa"
)

// fake is the Cloud API (sends) plus Meta's webhook delivery: inbound
// messages are POSTed, signed, to the current connector's ServeWebhook
// through an HTTP server that hands the body over as the relay does.
type fake struct {
	t    *testing.T
	g    *metatest.Graph
	hook *httptest.Server

	mu        sync.Mutex
	conn      platforms.Connector
	payloads  [][]byte
	pushed    []inbox.Inbound
	seq       int
	replies   []platformtest.Received
	lastSends []map[string]any
}

func newFake(t *testing.T) *fake {
	f := &fake{t: t, g: metatest.New(t, token)}
	f.g.ThrottleCode, f.g.ThrottleStatus = 130429, http.StatusTooManyRequests
	f.g.Mux.HandleFunc("POST /v23.0/{phone}/messages", f.send)
	f.g.Mux.HandleFunc("GET /v23.0/{phone}", func(w http.ResponseWriter, r *http.Request) {
		metatest.WriteJSON(w, 200, map[string]string{"id": r.PathValue("phone"), "display_phone_number": "+62 811-0000-1234", "verified_name": "Pemkab Sukamaju", "quality_rating": "GREEN"})
	})
	f.hook = httptest.NewServer(http.HandlerFunc(f.deliver))
	t.Cleanup(f.hook.Close)
	return f
}

func (f *fake) account() config.Account {
	return config.Account{Name: "pemkab-wa", Platform: inbox.WhatsApp, BaseURL: f.g.BaseURL(), PhoneNumberID: phoneID,
		Token: config.Secret{Value: token}, AppSecret: config.Secret{Value: appSecret}, VerifyToken: config.Secret{Value: verifyToken}}
}

func (f *fake) Connector(t *testing.T) platforms.Connector {
	c, err := whatsapp.New(f.account())
	if err != nil {
		t.Fatal(err)
	}
	f.mu.Lock()
	f.conn = c
	f.mu.Unlock()
	return c
}

// deliver is the relay's side of the webhook: read the body, hand it over.
func (f *fake) deliver(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	f.mu.Lock()
	c := f.conn
	f.mu.Unlock()
	items, handled, err := c.(platforms.WebhookReceiver).ServeWebhook(w, r, body)
	if handled {
		return
	}
	if err != nil {
		http.Error(w, err.Error(), http.StatusUnauthorized)
		return
	}
	f.mu.Lock()
	f.pushed = append(f.pushed, items...)
	f.mu.Unlock()
}

// post signs and delivers one payload, as Meta does.
func (f *fake) post(body []byte) {
	f.mu.Lock()
	if f.conn == nil {
		f.mu.Unlock()
		f.Connector(f.t)
		f.mu.Lock()
	}
	path := f.conn.(platforms.WebhookReceiver).WebhookPath()
	f.payloads = append(f.payloads, body)
	f.mu.Unlock()
	req, _ := http.NewRequest(http.MethodPost, f.hook.URL+path, bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Hub-Signature-256", metatest.Sign(appSecret, body))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		f.t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		f.t.Fatalf("webhook answered %d", resp.StatusCode)
	}
}

// payload wraps messages in the documented envelope.
func payload(messages []json.RawMessage, contacts []map[string]any) []byte {
	return metatest.Raw(map[string]any{
		"object": "whatsapp_business_account",
		"entry": []any{map[string]any{
			"id": "419561257915477",
			"changes": []any{map[string]any{
				"field": "messages",
				"value": map[string]any{
					"messaging_product": "whatsapp",
					"metadata":          map[string]string{"display_phone_number": "628110001234", "phone_number_id": phoneID},
					"contacts":          contacts,
					"messages":          messages,
				},
			}},
		}},
	})
}

func (f *fake) textMessage(from, text string) (string, json.RawMessage) {
	f.mu.Lock()
	f.seq++
	id := "wamid.HBgNNjI4MTEwMDAwMDAwMBUCABIYFjNFQjA" + strconv.Itoa(f.seq)
	f.mu.Unlock()
	return id, metatest.Raw(map[string]any{
		"from": from, "id": id, "timestamp": strconv.FormatInt(time.Now().Unix(), 10),
		"type": "text", "text": map[string]string{"body": text},
	})
}

var citizens = []map[string]any{
	{"profile": map[string]string{"name": "Ujang"}, "wa_id": "6281234567001"},
	{"profile": map[string]string{"name": "Euis"}, "wa_id": "6281234567002"},
}

func (f *fake) AddInbound(t *testing.T, texts ...string) []string {
	var ids []string
	var msgs []json.RawMessage
	for i, text := range texts {
		id, m := f.textMessage(citizens[i%2]["wa_id"].(string), text)
		ids = append(ids, id)
		msgs = append(msgs, m)
	}
	f.post(payload(msgs, citizens))
	return ids
}

func (f *fake) PageSize() int { return 3 }

func (f *fake) Redeliver(t *testing.T) {
	f.mu.Lock()
	again := append([][]byte(nil), f.payloads...)
	f.mu.Unlock()
	for _, p := range again {
		f.post(p)
	}
}

func (f *fake) RateLimitNext(t *testing.T, d time.Duration) { f.g.RateLimitNext(d) }
func (f *fake) RevokeAuth(t *testing.T)                     { f.g.RevokeAuth() }

func (f *fake) MalformedNext(t *testing.T) []string {
	good := []string{"air PDAM mati sejak pagi", "mohon info bansos"}
	_, a := f.textMessage("6281234567001", good[0])
	_, b := f.textMessage("6281234567002", good[1])
	bad := json.RawMessage(`{"from":"6281234567003","id":"wamid.bad","timestamp":"kemarin","type":"text","text":{"body":"rusak"}}`)
	f.post(payload([]json.RawMessage{a, bad, b}, citizens))
	return good
}

func (f *fake) Replies(t *testing.T) []platformtest.Received {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]platformtest.Received(nil), f.replies...)
}

func (f *fake) Pushed(t *testing.T) []inbox.Inbound {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]inbox.Inbound(nil), f.pushed...)
}

// send is POST /{phone-number-id}/messages.
func (f *fake) send(w http.ResponseWriter, r *http.Request) {
	var req struct {
		MessagingProduct string `json:"messaging_product"`
		To               string `json:"to"`
		Type             string `json:"type"`
		Text             struct {
			Body string `json:"body"`
		} `json:"text"`
		Context struct {
			MessageID string `json:"message_id"`
		} `json:"context"`
	}
	raw, _ := io.ReadAll(r.Body)
	if err := json.Unmarshal(raw, &req); err != nil || req.MessagingProduct != "whatsapp" || req.Type != "text" || req.To == "" || r.PathValue("phone") != phoneID {
		metatest.WriteError(w, 400, 100, 0, "OAuthException", "(#100) Invalid parameter")
		return
	}
	var all map[string]any
	_ = json.Unmarshal(raw, &all)
	f.mu.Lock()
	f.seq++
	id := fmt.Sprintf("wamid.HBgNNjI4MTIzNDU2NzAwMRUCABEYEjBBQUJC%d", f.seq)
	f.replies = append(f.replies, platformtest.Received{ParentID: req.Context.MessageID, Text: req.Text.Body})
	f.lastSends = append(f.lastSends, all)
	f.mu.Unlock()
	metatest.WriteJSON(w, 200, map[string]any{
		"messaging_product": "whatsapp",
		"contacts":          []any{map[string]string{"input": req.To, "wa_id": req.To}},
		"messages":          []any{map[string]string{"id": id}},
	})
}
