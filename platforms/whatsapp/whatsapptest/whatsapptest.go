// Package whatsapptest is a fake WhatsApp Business Cloud API for Sapa's
// tests: POST /{phone-number-id}/messages for sends (with context.message_id
// for replies), the phone number object, and Meta's side of the webhook —
// inbound messages wrapped in the documented envelope, signed with
// X-Hub-Signature-256 and POSTed to the webhook URL it is given. The
// connector's own tests and the end-to-end tests of main both use it.
package whatsapptest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"sync"
	"testing"
	"time"

	"sapa/platforms/meta/metatest"
	"sapa/platforms/platformtest"
)

const (
	// PhoneNumberID is the business number the fake serves unless
	// WithPhoneNumberID sets another.
	PhoneNumberID = "106540352242922"
	// Token is the system-user access token the fake accepts.
	Token = "EAAWhatsAppSystemUserToken0123456789"
)

// Citizens are the two senders AddInbound alternates between.
var Citizens = []map[string]any{
	{"profile": map[string]string{"name": "Ujang"}, "wa_id": "6281234567001"},
	{"profile": map[string]string{"name": "Euis"}, "wa_id": "6281234567002"},
}

// Server is the fake Cloud API plus Meta's webhook delivery.
type Server struct {
	// Knobs are the Graph host's: RateLimitNext, RevokeAuth, FailNext, Requests.
	*platformtest.Knobs

	t       testing.TB
	g       *metatest.Graph
	phoneID string

	mu        sync.Mutex
	hookURL   string
	appSecret string
	payloads  [][]byte
	seq       int
	replies   []platformtest.Received
	sends     []map[string]any
}

// Option changes a Server before it starts.
type Option func(*Server)

// WithPhoneNumberID makes the fake serve the business number id.
func WithPhoneNumberID(id string) Option { return func(s *Server) { s.phoneID = id } }

// New starts a fake Cloud API, closed when t ends.
func New(t testing.TB, opts ...Option) *Server {
	g := metatest.New(t, Token)
	s := &Server{t: t, g: g, Knobs: g.Knobs, phoneID: PhoneNumberID}
	for _, o := range opts {
		o(s)
	}
	s.g.ThrottleCode, s.g.ThrottleStatus = 130429, http.StatusTooManyRequests
	s.g.Mux.HandleFunc("POST /v23.0/{phone}/messages", s.send)
	s.g.Mux.HandleFunc("GET /v23.0/{phone}", func(w http.ResponseWriter, r *http.Request) {
		metatest.WriteJSON(w, 200, map[string]string{"id": r.PathValue("phone"), "display_phone_number": "+62 811-0000-1234", "verified_name": "Pemkab Sukamaju", "quality_rating": "GREEN"})
	})
	return s
}

// BaseURL is what an account's base_url is set to.
func (s *Server) BaseURL() string { return s.g.BaseURL() }

// Graph is the underlying fake Graph host (requests, throttling, revoked
// tokens).
func (s *Server) Graph() *metatest.Graph { return s.g }

// SetWebhook sets where inbound messages are delivered and the app secret
// they are signed with.
func (s *Server) SetWebhook(url, appSecret string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.hookURL, s.appSecret = url, appSecret
}

// Deliver signs body and POSTs it to the webhook, as Meta does; an answer
// other than 200 fails the test.
func (s *Server) Deliver(body []byte) {
	s.t.Helper()
	s.mu.Lock()
	url, secret := s.hookURL, s.appSecret
	s.payloads = append(s.payloads, body)
	s.mu.Unlock()
	if url == "" {
		s.t.Fatal("whatsapptest: no webhook set (SetWebhook)")
	}
	req, _ := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Hub-Signature-256", metatest.Sign(secret, body))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		s.t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		s.t.Fatalf("webhook answered %d", resp.StatusCode)
	}
}

// Payload wraps messages in the documented webhook envelope.
func (s *Server) Payload(messages []json.RawMessage, contacts []map[string]any) []byte {
	return metatest.Raw(map[string]any{
		"object": "whatsapp_business_account",
		"entry": []any{map[string]any{
			"id": "419561257915477",
			"changes": []any{map[string]any{
				"field": "messages",
				"value": map[string]any{
					"messaging_product": "whatsapp",
					"metadata":          map[string]string{"display_phone_number": "628110001234", "phone_number_id": s.phoneID},
					"contacts":          contacts,
					"messages":          messages,
				},
			}},
		}},
	})
}

// TextMessage builds one inbound text message from a citizen's number and
// returns its wamid.
func (s *Server) TextMessage(from, text string) (string, json.RawMessage) {
	s.mu.Lock()
	s.seq++
	id := "wamid.HBgNNjI4MTEwMDAwMDAwMBUCABIYFjNFQjA" + strconv.Itoa(s.seq)
	s.mu.Unlock()
	return id, metatest.Raw(map[string]any{
		"from": from, "id": id, "timestamp": strconv.FormatInt(time.Now().Unix(), 10),
		"type": "text", "text": map[string]string{"body": text},
	})
}

// AddInbound delivers one webhook event carrying a text message per text,
// alternating between the two Citizens, and returns their wamids.
func (s *Server) AddInbound(texts ...string) []string {
	s.t.Helper()
	var ids []string
	var msgs []json.RawMessage
	for i, text := range texts {
		id, m := s.TextMessage(Citizens[i%2]["wa_id"].(string), text)
		ids = append(ids, id)
		msgs = append(msgs, m)
	}
	s.Deliver(s.Payload(msgs, Citizens))
	return ids
}

// Redeliver delivers every event delivered so far once more.
func (s *Server) Redeliver() {
	s.mu.Lock()
	again := append([][]byte(nil), s.payloads...)
	s.mu.Unlock()
	for _, p := range again {
		s.Deliver(p)
	}
}

// Replies lists the messages sent, with the wamid each answers.
func (s *Server) Replies() []platformtest.Received {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]platformtest.Received(nil), s.replies...)
}

// Sends lists the JSON body of every accepted send, in order.
func (s *Server) Sends() []map[string]any {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]map[string]any(nil), s.sends...)
}

// send is POST /{phone-number-id}/messages.
func (s *Server) send(w http.ResponseWriter, r *http.Request) {
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
	if err := json.Unmarshal(raw, &req); err != nil || req.MessagingProduct != "whatsapp" || req.Type != "text" || req.To == "" || r.PathValue("phone") != s.phoneID {
		metatest.WriteError(w, 400, 100, 0, "OAuthException", "(#100) Invalid parameter")
		return
	}
	var all map[string]any
	_ = json.Unmarshal(raw, &all)
	s.mu.Lock()
	s.seq++
	id := fmt.Sprintf("wamid.HBgNNjI4MTIzNDU2NzAwMRUCABEYEjBBQUJC%d", s.seq)
	s.replies = append(s.replies, platformtest.Received{ParentID: req.Context.MessageID, Text: req.Text.Body})
	s.sends = append(s.sends, all)
	s.mu.Unlock()
	metatest.WriteJSON(w, 200, map[string]any{
		"messaging_product": "whatsapp",
		"contacts":          []any{map[string]string{"input": req.To, "wa_id": req.To}},
		"messages":          []any{map[string]string{"id": id}},
	})
}
