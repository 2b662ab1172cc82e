// Package xtest is a fake X API v2 for Sapa's tests: the mentions timeline
// with since_id, start_time and pagination tokens, the account's own
// tweets, users/me, and POST /2/tweets for replies, with x-rate-limit-*
// headers and problem+json errors. The connector's own tests and the
// end-to-end tests of main both use it.
package xtest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"sapa/platforms/platformtest"
)

const (
	// UserID is the account whose mentions the fake serves.
	UserID = "1500000000000000001"
	// Token is the bearer token the fake accepts.
	Token = "tok-SECRET-abcdef0123456789"
	// ClientID is the OAuth client the fake's token endpoint knows.
	ClientID = "sapa-client"
	// RefreshToken is the token endpoint's first refresh token; each
	// refresh replaces it (see platformtest.OAuth).
	RefreshToken = "refresh-SECRET-0"
	// PageSize is the most tweets one timeline page carries.
	PageSize = 5
	// CitizenID is the author of the mentions AddMention adds.
	CitizenID = "2001"
)

// tweet is a tweet in the fake's store; raw overrides the encoding so a
// test can plant an item the connector cannot parse.
type tweet struct {
	id      uint64
	author  string
	conv    uint64
	parent  uint64
	text    string
	created time.Time
	raw     json.RawMessage
}

func (t tweet) wire() any {
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
		m["in_reply_to_user_id"] = UserID
	}
	return m
}

// Server is the fake X API.
type Server struct {
	platformtest.Knobs // RateLimitNext, RevokeAuth, Redeliver, SetOverride, Bodies of POST /2/tweets

	// OAuth is the token endpoint, at TokenURL.
	OAuth *platformtest.OAuth

	srv      *httptest.Server
	mu       sync.Mutex
	next     uint64
	mentions []tweet
	own      []tweet
	replies  []platformtest.Received
	queries  []string // raw query strings of mentions requests
	pageSize int

	rateHeader func(h http.Header)
}

// New starts a fake X API, closed when t ends.
func New(t testing.TB) *Server {
	s := &Server{next: 1600000000000000000, pageSize: PageSize}
	s.OAuth = platformtest.NewOAuth(ClientID, RefreshToken)
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.srv.Close)
	return s
}

// URL is what an account's base_url is set to.
func (s *Server) URL() string { return s.srv.URL }

// TokenURL is what an account's token_url is set to.
func (s *Server) TokenURL() string { return s.srv.URL + "/2/oauth2/token" }

// Close stops the server: connections are refused from then on.
func (s *Server) Close() { s.srv.Close() }

// ProblemBody is an X API problem+json error body.
func ProblemBody(status int, title, detail, typ string) string {
	b, _ := json.Marshal(map[string]any{"title": title, "detail": detail, "type": typ, "status": status})
	return string(b)
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("x-rate-limit-limit", "450")
	w.Header().Set("x-rate-limit-remaining", "449")
	w.Header().Set("x-rate-limit-reset", strconv.FormatInt(time.Now().Add(15*time.Minute).Unix(), 10))
	if s.rateHeader != nil {
		s.rateHeader(w.Header())
	}
	if r.URL.Path == "/2/oauth2/token" {
		s.OAuth.ServeHTTP(w, r)
		return
	}
	shot, done := s.Begin(w, r)
	if done {
		return
	}
	if shot.Revoked || (r.Header.Get("Authorization") != "Bearer "+Token && !s.OAuth.Accepts(r.Header.Get("Authorization"))) {
		w.WriteHeader(401)
		fmt.Fprint(w, ProblemBody(401, "Unauthorized", "Unauthorized", "about:blank"))
		return
	}
	if shot.RateLimit > 0 {
		w.Header().Set("x-rate-limit-remaining", "0")
		w.Header().Set("x-rate-limit-reset", strconv.FormatInt(time.Now().Add(shot.RateLimit).Unix(), 10))
		w.WriteHeader(429)
		fmt.Fprint(w, ProblemBody(429, "Too Many Requests", "Too Many Requests", "about:blank"))
		return
	}
	switch {
	case r.Method == "GET" && r.URL.Path == "/2/users/"+UserID+"/mentions":
		s.queries = append(s.queries, r.URL.RawQuery)
		s.timeline(w, r, s.mentions, true)
	case r.Method == "GET" && r.URL.Path == "/2/users/"+UserID+"/tweets":
		s.timeline(w, r, s.own, false)
	case r.Method == "GET" && r.URL.Path == "/2/users/me":
		fmt.Fprintf(w, `{"data":{"id":%q,"name":"Humas Kabupaten","username":"humaskab"}}`, UserID)
	case r.Method == "POST" && r.URL.Path == "/2/tweets":
		s.create(w, r)
	default:
		w.WriteHeader(404)
		fmt.Fprint(w, ProblemBody(404, "Not Found Error", "no such endpoint", "about:blank"))
	}
}

func (s *Server) timeline(w http.ResponseWriter, r *http.Request, src []tweet, withRedeliver bool) {
	q := r.URL.Query()
	max, err := strconv.Atoi(q.Get("max_results"))
	if q.Get("max_results") != "" && (err != nil || max < 5 || max > 100) {
		w.WriteHeader(400)
		fmt.Fprint(w, ProblemBody(400, "Invalid Request", "max_results out of range", "https://api.twitter.com/2/problems/invalid-request"))
		return
	}
	if max == 0 || max > s.pageSize {
		max = s.pageSize
	}
	since, _ := strconv.ParseUint(q.Get("since_id"), 10, 64)
	if withRedeliver && s.TakeRedeliver() {
		since = 0
	}
	var start time.Time
	if v := q.Get("start_time"); v != "" {
		start, _ = time.Parse(time.RFC3339, v)
	}
	var until uint64
	if tok := q.Get("pagination_token"); tok != "" {
		until, _ = strconv.ParseUint(strings.TrimPrefix(tok, "pg"), 10, 64)
	}
	var sel []tweet
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
		{"id": CitizenID, "name": "Siti Rahma", "username": "sitirahma"},
		{"id": UserID, "name": "Humas Kabupaten", "username": "humaskab"},
	}
	out := map[string]any{"data": data, "includes": map[string]any{"users": users}, "meta": meta}
	json.NewEncoder(w).Encode(out)
}

func (s *Server) create(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Text  string `json:"text"`
		Reply struct {
			InReplyToTweetID string `json:"in_reply_to_tweet_id"`
		} `json:"reply"`
	}
	raw := s.ReadBody(r)
	if err := json.Unmarshal(raw, &body); err != nil || body.Reply.InReplyToTweetID == "" {
		w.WriteHeader(400)
		fmt.Fprint(w, ProblemBody(400, "Invalid Request", "$.reply.in_reply_to_tweet_id: is missing but it is required", "https://api.twitter.com/2/problems/invalid-request"))
		return
	}
	parent, _ := strconv.ParseUint(body.Reply.InReplyToTweetID, 10, 64)
	s.next++
	id := s.next
	s.replies = append(s.replies, platformtest.Received{ParentID: body.Reply.InReplyToTweetID, Text: body.Text})
	// X prefixes the handle it answers and escapes &, < and >.
	stored := "@sitirahma " + strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(body.Text)
	s.own = append(s.own, tweet{id: id, author: UserID, conv: parent, parent: parent, text: stored, created: time.Now()})
	w.WriteHeader(201)
	fmt.Fprintf(w, `{"data":{"id":"%d","text":%q}}`, id, stored)
}

// AddMention stores a citizen's mention, its text as X sends it (with &, <
// and > escaped), and returns its id.
func (s *Server) AddMention(text string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.next++
	s.mentions = append(s.mentions, tweet{id: s.next, author: CitizenID, conv: s.next, text: text, created: time.Now()})
	return strconv.FormatUint(s.next, 10)
}

// AddRawMention stores a mention encoded as raw (perhaps malformed).
func (s *Server) AddRawMention(raw json.RawMessage) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.next++
	s.mentions = append(s.mentions, tweet{id: s.next, created: time.Now(), raw: raw})
}

// RewriteLastOwn replaces old with new in the text of the account's newest
// tweet, as X does when it shortens links.
func (s *Server) RewriteLastOwn(old, new string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	last := &s.own[len(s.own)-1]
	last.text = strings.Replace(last.text, old, new, 1)
}

// SetRateHeader installs extra headers for every answer.
func (s *Server) SetRateHeader(f func(h http.Header)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.rateHeader = f
}

// Queries lists the raw query of every mentions request.
func (s *Server) Queries() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.queries...)
}

// Replies lists the tweets created, with the tweet each answers.
func (s *Server) Replies() []platformtest.Received {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]platformtest.Received(nil), s.replies...)
}
