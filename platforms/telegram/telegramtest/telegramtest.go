// Package telegramtest is a fake Telegram Bot API server for Sapa's tests:
// POST /bot<token>/<method> with a JSON body, answers in the {"ok":…}
// envelope, getUpdates with offsets that confirm earlier updates, and
// sendMessage with reply_parameters checked against the messages it knows.
// The connector's own tests and the end-to-end tests of main both use it.
package telegramtest

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf16"

	"sapa/platforms/platformtest"
)

const (
	// Token is the bot token the fake accepts.
	Token = "123456789:AAHfakeSecretPartOfTheToken_xyz"
	// BotID is the bot's user id, as getMe reports it.
	BotID = 123456789
	// BotUsername is the bot's username (without @) unless WithBotUsername
	// sets another.
	BotUsername = "pemkab_bot"
	// Chat is the private chat with a citizen that PrivateText writes to.
	Chat = 424242
	// WebhookSecret is the secret token the tests configure for webhooks.
	WebhookSecret = "s3cret-Webhook_token"
	// PageSize is the most updates one getUpdates answer carries.
	PageSize = 4
)

// Server is the fake Bot API.
type Server struct {
	platformtest.Knobs // RateLimitNext, FailNext, RevokeAuth, Redeliver, Bodies of sendMessage

	srv     *httptest.Server
	botName string

	mu         sync.Mutex
	updates    []json.RawMessage // every update ever queued, in id order
	ids        []int64
	confirmed  int64 // getUpdates was called with this offset: lower ids are gone
	offsets    []int64
	nextUpdate int64
	nextMsg    int64
	replies    []platformtest.Received
	messages   map[string]bool // chat:msg that exist, for reply_parameters checks
	webhookURL string          // what getWebhookInfo reports
	now        time.Time
}

// Option changes a Server before it starts.
type Option func(*Server)

// WithBotUsername makes getMe report name (without @) as the bot's username.
func WithBotUsername(name string) Option { return func(s *Server) { s.botName = name } }

// New starts a fake Bot API, closed when t ends.
func New(t testing.TB, opts ...Option) *Server {
	s := &Server{botName: BotUsername, nextUpdate: 870000, nextMsg: 100, messages: map[string]bool{}, now: time.Now()}
	for _, o := range opts {
		o(s)
	}
	s.srv = httptest.NewServer(http.HandlerFunc(s.ServeHTTP))
	t.Cleanup(s.srv.Close)
	return s
}

// URL is what an account's base_url is set to.
func (s *Server) URL() string { return s.srv.URL }

// MsgKey is the external id Sapa gives a Telegram message: "chat:message".
func MsgKey(chatID, msgID int64) string {
	return strconv.FormatInt(chatID, 10) + ":" + strconv.FormatInt(msgID, 10)
}

func writeEnvelope(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func apiError(w http.ResponseWriter, status int, desc string, params map[string]any) {
	body := map[string]any{"ok": false, "error_code": status, "description": desc}
	if params != nil {
		body["parameters"] = params
	}
	writeEnvelope(w, status, body)
}

// ServeHTTP answers one Bot API request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	token, method, ok := strings.Cut(strings.TrimPrefix(r.URL.Path, "/bot"), "/")
	shot, done := s.Begin(w, r)
	switch {
	case done:
		return
	case !ok || token != Token || shot.Revoked:
		apiError(w, http.StatusUnauthorized, "Unauthorized", nil)
		return
	case shot.RateLimit > 0:
		secs := int(shot.RateLimit / time.Second)
		apiError(w, http.StatusTooManyRequests, fmt.Sprintf("Too Many Requests: retry after %d", secs), map[string]any{"retry_after": secs})
		return
	case shot.Fail != 0:
		apiError(w, shot.Fail, "Internal Server Error", nil)
		return
	}
	body, _ := io.ReadAll(r.Body)
	switch method {
	case "getMe":
		writeEnvelope(w, 200, map[string]any{"ok": true, "result": map[string]any{
			"id": BotID, "is_bot": true, "first_name": "Pemkab", "username": s.botName}})
	case "getWebhookInfo":
		writeEnvelope(w, 200, map[string]any{"ok": true, "result": map[string]any{
			"url": s.webhookURL, "has_custom_certificate": false, "pending_update_count": 0}})
	case "getUpdates":
		s.getUpdates(w, body)
	case "sendMessage":
		s.sendMessage(w, body)
	default:
		apiError(w, http.StatusNotFound, "Not Found", nil)
	}
}

func (s *Server) getUpdates(w http.ResponseWriter, body []byte) {
	var p struct {
		Offset         int64    `json:"offset"`
		Limit          int      `json:"limit"`
		AllowedUpdates []string `json:"allowed_updates"`
	}
	if err := json.Unmarshal(body, &p); err != nil {
		apiError(w, 400, "Bad Request: can't parse JSON", nil)
		return
	}
	s.offsets = append(s.offsets, p.Offset)
	if p.Offset > s.confirmed {
		s.confirmed = p.Offset
	}
	limit := PageSize
	if p.Limit > 0 && p.Limit < limit {
		limit = p.Limit
	}
	out := []json.RawMessage{}
	redeliver := s.TakeRedeliver()
	for i, u := range s.updates {
		if len(out) == limit {
			break
		}
		if redeliver || s.ids[i] >= s.confirmed {
			out = append(out, u)
		}
	}
	writeEnvelope(w, 200, map[string]any{"ok": true, "result": out})
}

func (s *Server) sendMessage(w http.ResponseWriter, body []byte) {
	s.Record(body)
	var p struct {
		ChatID          int64  `json:"chat_id"`
		Text            string `json:"text"`
		ReplyParameters *struct {
			MessageID                int64 `json:"message_id"`
			AllowSendingWithoutReply bool  `json:"allow_sending_without_reply"`
		} `json:"reply_parameters"`
	}
	if err := json.Unmarshal(body, &p); err != nil || p.ChatID == 0 {
		apiError(w, 400, "Bad Request: chat not found", nil)
		return
	}
	if n := len(utf16.Encode([]rune(p.Text))); n == 0 || n > 4096 {
		apiError(w, 400, "Bad Request: message is too long", nil)
		return
	}
	parent := ""
	if rp := p.ReplyParameters; rp != nil {
		parent = MsgKey(p.ChatID, rp.MessageID)
		if !s.messages[parent] && !rp.AllowSendingWithoutReply {
			apiError(w, 400, "Bad Request: message to be replied not found", nil)
			return
		}
	}
	s.nextMsg++
	s.messages[MsgKey(p.ChatID, s.nextMsg)] = true
	s.replies = append(s.replies, platformtest.Received{ParentID: parent, Text: p.Text})
	writeEnvelope(w, 200, map[string]any{"ok": true, "result": map[string]any{
		"message_id": s.nextMsg, "date": s.now.Unix(), "text": p.Text,
		"from": map[string]any{"id": BotID, "is_bot": true, "first_name": "Pemkab", "username": s.botName},
		"chat": map[string]any{"id": p.ChatID, "type": "private"}}})
}

// Queue adds one update whose payload mk builds from its update id.
func (s *Server) Queue(mk func(updateID int64) string) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.nextUpdate++
	id := s.nextUpdate
	s.updates = append(s.updates, json.RawMessage(mk(id)))
	s.ids = append(s.ids, id)
	return id
}

// QueueRaw adds updates that carry their own update_id (a getUpdates
// fixture's result list).
func (s *Server) QueueRaw(updates ...json.RawMessage) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, raw := range updates {
		var h struct {
			UpdateID int64 `json:"update_id"`
		}
		_ = json.Unmarshal(raw, &h)
		s.updates = append(s.updates, raw)
		s.ids = append(s.ids, h.UpdateID)
		s.nextUpdate = max(s.nextUpdate, h.UpdateID)
	}
}

// MarkMessage records that message msgID exists in chat, so a reply to it is
// accepted.
func (s *Server) MarkMessage(chatID, msgID int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.messages[MsgKey(chatID, msgID)] = true
}

// PrivateText queues a citizen's text in the private chat Chat and returns
// its external id ("chat:message").
func (s *Server) PrivateText(text string) string { return s.privateText(Chat, 5550001, text) }

// PrivateTextIn queues a text from the citizen whose private chat with the
// bot is chat (in a private chat, the chat id is the user's id).
func (s *Server) PrivateTextIn(chat int64, text string) string {
	return s.privateText(chat, chat, text)
}

func (s *Server) privateText(chat, from int64, text string) string {
	s.mu.Lock()
	s.nextMsg++
	msgID := s.nextMsg
	s.messages[MsgKey(chat, msgID)] = true
	date := s.now.Unix()
	s.mu.Unlock()
	txt, _ := json.Marshal(text)
	s.Queue(func(id int64) string {
		return fmt.Sprintf(`{"update_id":%d,"message":{"message_id":%d,"date":%d,`+
			`"from":{"id":%d,"is_bot":false,"first_name":"Siti","last_name":"Aminah","username":"siti_aminah","language_code":"id"},`+
			`"chat":{"id":%d,"type":"private","first_name":"Siti","last_name":"Aminah","username":"siti_aminah"},"text":%s}}`,
			id, msgID, date, from, chat, txt)
	})
	return MsgKey(chat, msgID)
}

// SetWebhookURL sets what getWebhookInfo reports ("" means none set).
func (s *Server) SetWebhookURL(url string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.webhookURL = url
}

// Offsets lists the offset of every getUpdates call, in order.
func (s *Server) Offsets() []int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]int64(nil), s.offsets...)
}

// UpdateIDs lists the id of every update queued, in order.
func (s *Server) UpdateIDs() []int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]int64(nil), s.ids...)
}

// Replies lists the messages sent, with the message each answers.
func (s *Server) Replies() []platformtest.Received {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]platformtest.Received(nil), s.replies...)
}
