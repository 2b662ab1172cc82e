package x

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"sapa/config"
	"sapa/inbox"
	"sapa/platforms"
	"sapa/platforms/platformtest"
)

const (
	fakeMe    = "1500000000000000001"
	fakeToken = "tok-SECRET-abcdef0123456789"
)

// fakeTweet is a tweet in the fake's store; raw overrides the encoding so a
// test can plant an item the connector cannot parse.
type fakeTweet struct {
	id      uint64
	author  string
	conv    uint64
	parent  uint64
	text    string
	created time.Time
	raw     json.RawMessage
}

func (t fakeTweet) wire() any {
	if t.raw != nil {
		return t.raw
	}
	m := map[string]any{
		"id": strconv.FormatUint(t.id, 10), "text": t.text, "author_id": t.author,
		"conversation_id":        strconv.FormatUint(t.conv, 10),
		"created_at":             t.created.UTC().Format("2006-01-02T15:04:05.000Z"),
		"edit_history_tweet_ids": []string{strconv.FormatUint(t.id, 10)},
	}
	if t.parent != 0 {
		m["referenced_tweets"] = []map[string]string{{"type": "replied_to", "id": strconv.FormatUint(t.parent, 10)}}
		m["in_reply_to_user_id"] = fakeMe
	}
	return m
}

// fakeX speaks the X API v2 wire format for the endpoints Sapa uses.
type fakeX struct {
	srv      *httptest.Server
	mu       sync.Mutex
	next     uint64
	mentions []fakeTweet
	own      []fakeTweet
	replies  []platformtest.Received
	bodies   []string // raw POST /2/tweets bodies
	queries  []string // raw query strings of mentions requests
	pageSize int

	redeliver  bool
	limitNext  time.Duration
	revoked    bool
	override   func(w http.ResponseWriter, r *http.Request) bool // a test's own answer, if it returns true
	rateHeader func(h http.Header)                               // extra headers for every answer
}

func newFakeX(t *testing.T) *fakeX {
	f := &fakeX{next: 1600000000000000000, pageSize: 5}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fakeX) account() config.Account {
	return config.Account{Name: "humas-x", Platform: inbox.X, BaseURL: f.srv.URL, UserID: fakeMe,
		Token: config.Secret{Value: fakeToken}}
}

func (f *fakeX) conn(t *testing.T) *Connector {
	t.Helper()
	c, err := New(f.account())
	if err != nil {
		t.Fatal(err)
	}
	return c.(*Connector)
}

func problemBody(status int, title, detail, typ string) string {
	b, _ := json.Marshal(map[string]any{"title": title, "detail": detail, "type": typ, "status": status})
	return string(b)
}

func (f *fakeX) serve(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("x-rate-limit-limit", "450")
	w.Header().Set("x-rate-limit-remaining", "449")
	w.Header().Set("x-rate-limit-reset", strconv.FormatInt(time.Now().Add(15*time.Minute).Unix(), 10))
	if f.rateHeader != nil {
		f.rateHeader(w.Header())
	}
	if f.override != nil && f.override(w, r) {
		return
	}
	if f.revoked || r.Header.Get("Authorization") != "Bearer "+fakeToken {
		w.WriteHeader(401)
		fmt.Fprint(w, problemBody(401, "Unauthorized", "Unauthorized", "about:blank"))
		return
	}
	if f.limitNext > 0 {
		w.Header().Set("x-rate-limit-remaining", "0")
		w.Header().Set("x-rate-limit-reset", strconv.FormatInt(time.Now().Add(f.limitNext).Unix(), 10))
		f.limitNext = 0
		w.WriteHeader(429)
		fmt.Fprint(w, problemBody(429, "Too Many Requests", "Too Many Requests", "about:blank"))
		return
	}
	switch {
	case r.Method == "GET" && r.URL.Path == "/2/users/"+fakeMe+"/mentions":
		f.queries = append(f.queries, r.URL.RawQuery)
		f.timeline(w, r, f.mentions, true)
	case r.Method == "GET" && r.URL.Path == "/2/users/"+fakeMe+"/tweets":
		f.timeline(w, r, f.own, false)
	case r.Method == "GET" && r.URL.Path == "/2/users/me":
		fmt.Fprintf(w, `{"data":{"id":%q,"name":"Humas Kabupaten","username":"humaskab"}}`, fakeMe)
	case r.Method == "POST" && r.URL.Path == "/2/tweets":
		f.create(w, r)
	default:
		w.WriteHeader(404)
		fmt.Fprint(w, problemBody(404, "Not Found Error", "no such endpoint", "about:blank"))
	}
}

func (f *fakeX) timeline(w http.ResponseWriter, r *http.Request, src []fakeTweet, withRedeliver bool) {
	q := r.URL.Query()
	max, err := strconv.Atoi(q.Get("max_results"))
	if q.Get("max_results") != "" && (err != nil || max < 5 || max > 100) {
		w.WriteHeader(400)
		fmt.Fprint(w, problemBody(400, "Invalid Request", "max_results out of range", "https://api.twitter.com/2/problems/invalid-request"))
		return
	}
	if max == 0 || max > f.pageSize {
		max = f.pageSize
	}
	since, _ := strconv.ParseUint(q.Get("since_id"), 10, 64)
	if withRedeliver && f.redeliver {
		since, f.redeliver = 0, false
	}
	var start time.Time
	if s := q.Get("start_time"); s != "" {
		start, _ = time.Parse(time.RFC3339, s)
	}
	var until uint64
	if tok := q.Get("pagination_token"); tok != "" {
		until, _ = strconv.ParseUint(strings.TrimPrefix(tok, "pg"), 10, 64)
	}
	var sel []fakeTweet
	for _, t := range src {
		if t.id > since && (until == 0 || t.id < until) && !t.created.Before(start) {
			sel = append(sel, t)
		}
	}
	sort.Slice(sel, func(i, j int) bool { return sel[i].id > sel[j].id })
	more := len(sel) > max
	if more {
		sel = sel[:max]
	}
	if len(sel) == 0 {
		fmt.Fprint(w, `{"meta":{"result_count":0}}`)
		return
	}
	data := make([]any, len(sel))
	for i, t := range sel {
		data[i] = t.wire()
	}
	meta := map[string]any{"newest_id": strconv.FormatUint(sel[0].id, 10), "oldest_id": strconv.FormatUint(sel[len(sel)-1].id, 10), "result_count": len(sel)}
	if more {
		meta["next_token"] = "pg" + strconv.FormatUint(sel[len(sel)-1].id, 10)
	}
	users := []map[string]string{
		{"id": "2001", "name": "Siti Rahma", "username": "sitirahma"},
		{"id": fakeMe, "name": "Humas Kabupaten", "username": "humaskab"},
	}
	out := map[string]any{"data": data, "includes": map[string]any{"users": users}, "meta": meta}
	json.NewEncoder(w).Encode(out)
}

func (f *fakeX) create(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Text  string `json:"text"`
		Reply struct {
			InReplyToTweetID string `json:"in_reply_to_tweet_id"`
		} `json:"reply"`
	}
	raw, _ := io.ReadAll(r.Body)
	f.bodies = append(f.bodies, string(raw))
	if err := json.Unmarshal(raw, &body); err != nil || body.Reply.InReplyToTweetID == "" {
		w.WriteHeader(400)
		fmt.Fprint(w, problemBody(400, "Invalid Request", "$.reply.in_reply_to_tweet_id: is missing but it is required", "https://api.twitter.com/2/problems/invalid-request"))
		return
	}
	parent, _ := strconv.ParseUint(body.Reply.InReplyToTweetID, 10, 64)
	f.next++
	id := f.next
	f.replies = append(f.replies, platformtest.Received{ParentID: body.Reply.InReplyToTweetID, Text: body.Text})
	// X prefixes the handle it answers and escapes &, < and >.
	stored := "@sitirahma " + strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(body.Text)
	f.own = append(f.own, fakeTweet{id: id, author: fakeMe, conv: parent, parent: parent, text: stored, created: time.Now()})
	w.WriteHeader(201)
	fmt.Fprintf(w, `{"data":{"id":"%d","text":%q}}`, id, stored)
}

// addMention stores a citizen's mention and returns its id.
func (f *fakeX) addMention(text string) string {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.next++
	f.mentions = append(f.mentions, fakeTweet{id: f.next, author: "2001", conv: f.next, text: text, created: time.Now()})
	return strconv.FormatUint(f.next, 10)
}

// contract adapts fakeX to platformtest.Fake.
type contract struct {
	f *fakeX
}

func (c contract) Connector(t *testing.T) platforms.Connector { return c.f.conn(t) }

func (c contract) AddInbound(t *testing.T, texts ...string) []string {
	var ids []string
	for _, s := range texts {
		// X escapes these on the wire; the connector must undo it.
		ids = append(ids, c.f.addMention(strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)))
	}
	return ids
}

func (c contract) PageSize() int { return c.f.pageSize }

func (c contract) Redeliver(t *testing.T) {
	c.f.mu.Lock()
	c.f.redeliver = true
	c.f.mu.Unlock()
}

func (c contract) RateLimitNext(t *testing.T, d time.Duration) {
	c.f.mu.Lock()
	c.f.limitNext = d
	c.f.mu.Unlock()
}

func (c contract) RevokeAuth(t *testing.T) {
	c.f.mu.Lock()
	c.f.revoked = true
	c.f.mu.Unlock()
}

func (c contract) MalformedNext(t *testing.T) []string {
	good := []string{"lampu jalan mati", "sampah belum diangkut"}
	c.AddInbound(t, good[0])
	c.f.mu.Lock()
	c.f.next++
	c.f.mentions = append(c.f.mentions, fakeTweet{id: c.f.next, created: time.Now(),
		raw: json.RawMessage(`{"id": 42, "text": ["not", "a", "string"]}`)})
	c.f.mu.Unlock()
	c.AddInbound(t, good[1])
	return good
}

func (c contract) Replies(t *testing.T) []platformtest.Received {
	c.f.mu.Lock()
	defer c.f.mu.Unlock()
	return append([]platformtest.Received(nil), c.f.replies...)
}
