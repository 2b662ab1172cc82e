package telegram

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf16"

	"sapa/config"
	"sapa/platforms"
	"sapa/platforms/platformtest"
)

const (
	fakeToken    = "123456789:AAHfakeSecretPartOfTheToken_xyz"
	fakeBotID    = 123456789
	fakeBotName  = "pemkab_bot"
	fakeChat     = 424242 // a private chat with a citizen
	fakeWebhook  = "s3cret-Webhook_token"
	fakePageSize = 4
)

// fakeAPI is a Bot API server speaking the documented wire format: POST
// /bot<token>/<method> with a JSON body, answers in the {"ok":…} envelope.
type fakeAPI struct {
	t   *testing.T
	srv *httptest.Server

	mu         sync.Mutex
	updates    []json.RawMessage // every update ever queued, in id order
	ids        []int64
	confirmed  int64 // getUpdates was called with this offset: lower ids are gone
	offsets    []int64
	nextUpdate int64
	nextMsg    int64
	replies    []platformtest.Received
	rawSends   []string
	messages   map[string]bool // chat:msg that exist, for reply_parameters checks
	rateLimit  int             // seconds; the next request gets a 429
	revoked    bool
	redeliver  bool
	fail       int    // next request answers this status with an error envelope
	webhookURL string // what getWebhookInfo reports
	now        time.Time
}

func newFakeAPI(t *testing.T) *fakeAPI {
	f := &fakeAPI{t: t, nextUpdate: 870000, nextMsg: 100, messages: map[string]bool{}, now: time.Now()}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fakeAPI) account() config.Account {
	return config.Account{
		Name:          "pemkab-tg",
		Platform:      "telegram",
		BaseURL:       f.srv.URL,
		Token:         config.Secret{Value: fakeToken},
		WebhookSecret: config.Secret{Value: fakeWebhook},
		BotUsername:   fakeBotName,
	}
}

func (f *fakeAPI) connectorFor(t *testing.T, acct config.Account) *Connector {
	t.Helper()
	c, err := New(acct)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	tc := c.(*Connector)
	tc.limit = fakePageSize
	return tc
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

func (f *fakeAPI) serve(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	token, method, ok := strings.Cut(strings.TrimPrefix(r.URL.Path, "/bot"), "/")
	switch {
	case !ok || token != fakeToken || f.revoked:
		apiError(w, http.StatusUnauthorized, "Unauthorized", nil)
		return
	case f.rateLimit > 0:
		apiError(w, http.StatusTooManyRequests, fmt.Sprintf("Too Many Requests: retry after %d", f.rateLimit), map[string]any{"retry_after": f.rateLimit})
		f.rateLimit = 0
		return
	case f.fail != 0:
		apiError(w, f.fail, "Internal Server Error", nil)
		f.fail = 0
		return
	}
	body, _ := io.ReadAll(r.Body)
	switch method {
	case "getMe":
		writeEnvelope(w, 200, map[string]any{"ok": true, "result": map[string]any{
			"id": fakeBotID, "is_bot": true, "first_name": "Pemkab", "username": fakeBotName}})
	case "getWebhookInfo":
		writeEnvelope(w, 200, map[string]any{"ok": true, "result": map[string]any{
			"url": f.webhookURL, "has_custom_certificate": false, "pending_update_count": 0}})
	case "getUpdates":
		f.getUpdates(w, body)
	case "sendMessage":
		f.sendMessage(w, body)
	default:
		apiError(w, http.StatusNotFound, "Not Found", nil)
	}
}

func (f *fakeAPI) getUpdates(w http.ResponseWriter, body []byte) {
	var p struct {
		Offset         int64    `json:"offset"`
		Limit          int      `json:"limit"`
		AllowedUpdates []string `json:"allowed_updates"`
	}
	if err := json.Unmarshal(body, &p); err != nil {
		apiError(w, 400, "Bad Request: can't parse JSON", nil)
		return
	}
	f.offsets = append(f.offsets, p.Offset)
	if p.Offset > f.confirmed {
		f.confirmed = p.Offset
	}
	limit := fakePageSize
	if p.Limit > 0 && p.Limit < limit {
		limit = p.Limit
	}
	out := []json.RawMessage{}
	for i, u := range f.updates {
		if len(out) == limit {
			break
		}
		if f.redeliver || f.ids[i] >= f.confirmed {
			out = append(out, u)
		}
	}
	f.redeliver = false
	writeEnvelope(w, 200, map[string]any{"ok": true, "result": out})
}

func (f *fakeAPI) sendMessage(w http.ResponseWriter, body []byte) {
	f.rawSends = append(f.rawSends, string(body))
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
		parent = msgKey(p.ChatID, rp.MessageID)
		if !f.messages[parent] && !rp.AllowSendingWithoutReply {
			apiError(w, 400, "Bad Request: message to be replied not found", nil)
			return
		}
	}
	f.nextMsg++
	f.messages[msgKey(p.ChatID, f.nextMsg)] = true
	f.replies = append(f.replies, platformtest.Received{ParentID: parent, Text: p.Text})
	writeEnvelope(w, 200, map[string]any{"ok": true, "result": map[string]any{
		"message_id": f.nextMsg, "date": f.now.Unix(), "text": p.Text,
		"from": map[string]any{"id": fakeBotID, "is_bot": true, "first_name": "Pemkab", "username": fakeBotName},
		"chat": map[string]any{"id": p.ChatID, "type": "private"}}})
}

// set changes the fake's state under its lock.
func (f *fakeAPI) set(change func()) {
	f.mu.Lock()
	defer f.mu.Unlock()
	change()
}

// queue adds one update whose payload is built by mk from its update id;
// the caller holds no lock.
func (f *fakeAPI) queue(mk func(updateID int64) string) int64 {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.nextUpdate++
	id := f.nextUpdate
	f.updates = append(f.updates, json.RawMessage(mk(id)))
	f.ids = append(f.ids, id)
	return id
}

// privateText queues a citizen's text in the fake private chat.
func (f *fakeAPI) privateText(text string) string {
	f.mu.Lock()
	f.nextMsg++
	msgID := f.nextMsg
	f.messages[msgKey(fakeChat, msgID)] = true
	date := f.now.Unix()
	f.mu.Unlock()
	txt, _ := json.Marshal(text)
	f.queue(func(id int64) string {
		return fmt.Sprintf(`{"update_id":%d,"message":{"message_id":%d,"date":%d,`+
			`"from":{"id":5550001,"is_bot":false,"first_name":"Siti","last_name":"Aminah","username":"siti_aminah","language_code":"id"},`+
			`"chat":{"id":%d,"type":"private","first_name":"Siti","last_name":"Aminah","username":"siti_aminah"},"text":%s}}`,
			id, msgID, date, fakeChat, txt)
	})
	return msgKey(fakeChat, msgID)
}

// contractFake adapts fakeAPI to platformtest.Fake.
type contractFake struct{ *fakeAPI }

func (f contractFake) Connector(t *testing.T) platforms.Connector {
	return f.connectorFor(t, f.account())
}

func (f contractFake) AddInbound(t *testing.T, texts ...string) []string {
	var ids []string
	for _, s := range texts {
		ids = append(ids, f.privateText(s))
	}
	return ids
}

func (f contractFake) PageSize() int { return fakePageSize }

func (f contractFake) Redeliver(t *testing.T) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.redeliver = true
}

func (f contractFake) RateLimitNext(t *testing.T, d time.Duration) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.rateLimit = int(d / time.Second)
}

func (f contractFake) RevokeAuth(t *testing.T) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.revoked = true
}

func (f contractFake) MalformedNext(t *testing.T) []string {
	good := []string{"sebelum rusak", "sesudah rusak"}
	f.privateText(good[0])
	f.queue(func(id int64) string {
		return fmt.Sprintf(`{"update_id":%d,"message":{"message_id":"tujuh","chat":"not a chat","text":7}}`, id)
	})
	f.privateText(good[1])
	return good
}

func (f contractFake) Replies(t *testing.T) []platformtest.Received {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]platformtest.Received(nil), f.replies...)
}

func TestContract(t *testing.T) {
	platformtest.Run(t, func(t *testing.T) platformtest.Fake { return contractFake{newFakeAPI(t)} })
}
