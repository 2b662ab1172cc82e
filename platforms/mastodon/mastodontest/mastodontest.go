// Package mastodontest is a fake Mastodon instance for Sapa's tests. It
// speaks the documented REST API for the endpoints Sapa uses: mention
// notifications paged with max_id/since_id/min_id and Link headers,
// statuses and their context, posting with Idempotency-Key, the
// notification policy, X-RateLimit-* headers and Mastodon's error bodies.
// The connector's own tests and the end-to-end tests of main both use it.
package mastodontest

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rivo/uniseg"

	"sapa/platforms/platformtest"
)

const (
	// Token is the access token the fake accepts.
	Token = "mstdn-Zq8vT3xW9yFakeAccessToken0123456789"
	// MeID is the id of the account the token belongs to (@pemkab).
	MeID = "109000000000000001"
)

//go:embed testdata/verify_credentials.json
var verifyCredentials []byte

// StatusBody is the body of POST /api/v1/statuses as Sapa sends it.
type StatusBody struct {
	Status      string `json:"status"`
	InReplyToID string `json:"in_reply_to_id,omitempty"`
	Visibility  string `json:"visibility"`
}

// Post is one status published through the API, with its Idempotency-Key.
type Post struct {
	Key  string
	Body StatusBody
}

// Server is the fake instance.
type Server struct {
	platformtest.Knobs // RateLimitNext, FailNext, RevokeAuth, Redeliver, Requests

	srv *httptest.Server

	mu        sync.Mutex
	notifs    []map[string]any // ascending by id
	statuses  map[string]map[string]any
	contexts  map[string]json.RawMessage // fixed contexts by status id
	nextNotif int64
	nextStat  int64
	posts     []Post
	idem      map[string]map[string]any
	remaining int
	policy    string // for_private_mentions
	maxChars  int
}

// New starts a fake instance, closed when t ends.
func New(t testing.TB) *Server {
	s := &Server{statuses: map[string]map[string]any{}, contexts: map[string]json.RawMessage{},
		nextNotif: 34980000, nextStat: 113000000000001000, idem: map[string]map[string]any{}, remaining: 300,
		policy: "accept", maxChars: 500}
	s.srv = httptest.NewServer(s)
	t.Cleanup(s.srv.Close)
	return s
}

// URL is what an account's base_url is set to.
func (s *Server) URL() string { return s.srv.URL }

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// Mastodon's StatusLengthValidator counts a link as 23 characters and a
// mention of a remote account by its local part, then grapheme clusters.
var (
	linkRE          = regexp.MustCompile(`https?://\S+`)
	remoteMentionRE = regexp.MustCompile(`(^|[^\w=/])@(\w+)@[\w.-]*\w`)
)

// countable is the length the instance gives a status's text.
func countable(text string) int {
	text = linkRE.ReplaceAllString(text, strings.Repeat("x", 23))
	text = remoteMentionRE.ReplaceAllString(text, "$1@$2")
	return uniseg.GraphemeClusterCount(text)
}

// idLess orders ids the way Mastodon does: numerically when both are
// digits, else as strings.
func idLess(a, b string) bool {
	if digits(a) && digits(b) {
		a, b = strings.TrimLeft(a, "0"), strings.TrimLeft(b, "0")
		if len(a) != len(b) {
			return len(a) < len(b)
		}
	}
	return a < b
}

func digits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// ServeHTTP answers one API request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	shot, done := s.Begin(w, r)
	if done {
		return
	}
	reset := time.Now().Add(5 * time.Minute)
	if shot.RateLimit > 0 {
		reset = time.Now().Add(shot.RateLimit)
		s.remaining = 0
		w.Header().Set("X-RateLimit-Limit", "300")
		w.Header().Set("X-RateLimit-Remaining", "0")
		w.Header().Set("X-RateLimit-Reset", reset.UTC().Format("2006-01-02T15:04:05.000000Z"))
		writeJSON(w, http.StatusTooManyRequests, map[string]string{"error": "Too many requests"})
		return
	}
	if s.remaining > 0 {
		s.remaining--
	}
	w.Header().Set("X-RateLimit-Limit", "300")
	w.Header().Set("X-RateLimit-Remaining", strconv.Itoa(s.remaining))
	w.Header().Set("X-RateLimit-Reset", reset.UTC().Format("2006-01-02T15:04:05.000000Z"))
	switch {
	case r.Header.Get("Authorization") != "Bearer "+Token || shot.Revoked:
		writeJSON(w, http.StatusUnauthorized, map[string]string{"error": "The access token is invalid"})
		return
	case shot.Fail != 0:
		writeJSON(w, shot.Fail, map[string]string{"error": "We're sorry, but something went wrong on our end."})
		return
	}
	p := r.URL.Path
	switch {
	case p == "/api/v1/accounts/verify_credentials":
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(verifyCredentials)
	case p == "/api/v2/instance":
		writeJSON(w, 200, map[string]any{"domain": "mastodon.example", "configuration": map[string]any{
			"statuses": map[string]any{"max_characters": s.maxChars, "characters_reserved_per_url": 23}}})
	case p == "/api/v2/notifications/policy":
		writeJSON(w, 200, map[string]any{"for_not_following": "accept", "for_not_followers": "accept",
			"for_new_accounts": "accept", "for_private_mentions": s.policy, "for_limited_accounts": "filter"})
	case p == "/api/v1/notifications":
		s.notifications(w, r.URL.Query())
	case p == "/api/v1/statuses" && r.Method == http.MethodPost:
		s.post(w, r)
	case strings.HasPrefix(p, "/api/v1/accounts/") && strings.HasSuffix(p, "/statuses"):
		s.accountStatuses(w, r.URL.Query())
	case strings.HasPrefix(p, "/api/v1/statuses/") && strings.HasSuffix(p, "/context"):
		id := strings.TrimSuffix(strings.TrimPrefix(p, "/api/v1/statuses/"), "/context")
		s.context(w, id)
	case strings.HasPrefix(p, "/api/v1/statuses/"):
		if st, ok := s.statuses[strings.TrimPrefix(p, "/api/v1/statuses/")]; ok {
			writeJSON(w, 200, st)
			return
		}
		writeJSON(w, 404, map[string]string{"error": "Record not found"})
	default:
		writeJSON(w, 404, map[string]string{"error": "Record not found"})
	}
}

// page applies Mastodon's paging to ids sorted ascending: max_id and
// since_id bound, min_id pages forward from just above it; the answer is
// newest first.
func page(ids []string, q url.Values, limit int) []string {
	var in []string
	for _, id := range ids {
		if v := q.Get("max_id"); v != "" && !idLess(id, v) {
			continue
		}
		if v := q.Get("since_id"); v != "" && !idLess(v, id) {
			continue
		}
		if v := q.Get("min_id"); v != "" && !idLess(v, id) {
			continue
		}
		in = append(in, id)
	}
	if q.Get("min_id") != "" {
		if len(in) > limit {
			in = in[:limit] // immediately newer than min_id
		}
	} else if len(in) > limit {
		in = in[len(in)-limit:]
	}
	sort.Slice(in, func(i, j int) bool { return idLess(in[j], in[i]) })
	return in
}

func queryLimit(q url.Values) int {
	n, err := strconv.Atoi(q.Get("limit"))
	if err != nil || n <= 0 || n > 80 {
		return 40
	}
	return n
}

func linkHeader(w http.ResponseWriter, path string, out []string) {
	if len(out) == 0 {
		return
	}
	base := "https://mastodon.example" + path
	w.Header().Set("Link", fmt.Sprintf(`<%s?max_id=%s>; rel="next", <%s?min_id=%s>; rel="prev"`, base, out[len(out)-1], base, out[0]))
}

func (s *Server) notifications(w http.ResponseWriter, q url.Values) {
	if s.TakeRedeliver() {
		q.Del("min_id")
		q.Del("since_id")
	}
	types := q["types[]"]
	var ids []string
	byID := map[string]map[string]any{}
	for _, n := range s.notifs {
		if len(types) > 0 && !contains(types, fmt.Sprint(n["type"])) {
			continue
		}
		id := fmt.Sprint(n["id"])
		ids = append(ids, id)
		byID[id] = n
	}
	out := page(ids, q, queryLimit(q))
	linkHeader(w, "/api/v1/notifications", out)
	list := []map[string]any{}
	for _, id := range out {
		list = append(list, byID[id])
	}
	writeJSON(w, 200, list)
}

func contains(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

func (s *Server) accountStatuses(w http.ResponseWriter, q url.Values) {
	var ids []string
	for id, st := range s.statuses {
		if acc, _ := st["account"].(map[string]any); acc["id"] == MeID {
			ids = append(ids, id)
		}
	}
	sort.Slice(ids, func(i, j int) bool { return idLess(ids[i], ids[j]) })
	out := page(ids, q, queryLimit(q))
	linkHeader(w, "/api/v1/accounts/"+MeID+"/statuses", out)
	list := []map[string]any{}
	for _, id := range out {
		list = append(list, s.statuses[id])
	}
	writeJSON(w, 200, list)
}

func (s *Server) context(w http.ResponseWriter, id string) {
	if raw, ok := s.contexts[id]; ok {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(raw)
		return
	}
	st, ok := s.statuses[id]
	if !ok {
		writeJSON(w, 404, map[string]string{"error": "Record not found"})
		return
	}
	anc := []map[string]any{}
	for p, _ := st["in_reply_to_id"].(string); p != ""; {
		ps, ok := s.statuses[p]
		if !ok {
			break
		}
		anc = append([]map[string]any{ps}, anc...)
		p, _ = ps["in_reply_to_id"].(string)
	}
	desc := []map[string]any{}
	for _, d := range s.statuses {
		for p, _ := d["in_reply_to_id"].(string); p != ""; {
			if p == id {
				desc = append(desc, d)
				break
			}
			ps, ok := s.statuses[p]
			if !ok {
				break
			}
			p, _ = ps["in_reply_to_id"].(string)
		}
	}
	writeJSON(w, 200, map[string]any{"ancestors": anc, "descendants": desc})
}

func (s *Server) post(w http.ResponseWriter, r *http.Request) {
	var body StatusBody
	if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
		writeJSON(w, 422, map[string]string{"error": "Validation failed: Text can't be blank"})
		return
	}
	key := r.Header.Get("Idempotency-Key")
	if st, ok := s.idem[key]; ok && key != "" {
		writeJSON(w, 200, st) // the same status again: nothing new is published
		return
	}
	if countable(body.Status) > s.maxChars {
		writeJSON(w, 422, map[string]string{"error": fmt.Sprintf("Validation failed: Text character limit of %d exceeded", s.maxChars)})
		return
	}
	if _, ok := s.statuses[body.InReplyToID]; body.InReplyToID != "" && !ok {
		writeJSON(w, 404, map[string]string{"error": "Record not found"})
		return
	}
	s.posts = append(s.posts, Post{Key: key, Body: body})
	st := s.newStatus(me(), body.Status, body.InReplyToID, body.Visibility)
	if key != "" {
		s.idem[key] = st
	}
	writeJSON(w, 200, st)
}

func me() map[string]any {
	return map[string]any{"id": MeID, "username": "pemkab", "acct": "pemkab", "display_name": "Pemkab Sukabumi"}
}

// newStatus stores a status rendered the way Mastodon renders plain text.
func (s *Server) newStatus(acc map[string]any, text, replyTo, visibility string) map[string]any {
	s.nextStat++
	id := strconv.FormatInt(s.nextStat, 10)
	var reply any
	if replyTo != "" {
		reply = replyTo
	}
	paras := strings.Split(html.EscapeString(text), "\n\n")
	for i, p := range paras {
		paras[i] = "<p>" + strings.ReplaceAll(p, "\n", "<br />") + "</p>"
	}
	st := map[string]any{
		"id": id, "created_at": time.Now().UTC().Format("2006-01-02T15:04:05.000Z"),
		"in_reply_to_id": reply, "visibility": visibility, "spoiler_text": "",
		"url":     "https://mastodon.example/@" + fmt.Sprint(acc["username"]) + "/" + id,
		"content": strings.Join(paras, ""), "account": acc, "mentions": []any{},
	}
	s.statuses[id] = st
	return st
}

// MentionFrom publishes a citizen's status mentioning the account, with its
// mention notification, and returns the status id. acct is the citizen's
// handle ("warga" or "warga@desa.social"); replyTo is the status it
// answers, or ""; visibility is public, unlisted, private or direct.
func (s *Server) MentionFrom(acct, text, replyTo, visibility string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	user, _, _ := strings.Cut(acct, "@")
	acc := map[string]any{"id": "88" + strconv.Itoa(len(user)), "username": user, "acct": acct, "display_name": strings.ToUpper(user[:1]) + user[1:]}
	st := s.newStatus(acc, text, replyTo, visibility)
	s.nextNotif++
	s.notifs = append(s.notifs, map[string]any{"id": strconv.FormatInt(s.nextNotif, 10), "type": "mention",
		"created_at": st["created_at"], "account": acc, "status": st})
	return st["id"].(string)
}

// AddOwnStatus publishes a status of the account itself, not a reply.
func (s *Server) AddOwnStatus(text string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.newStatus(me(), text, "", "public")["id"].(string)
}

// AddNotification appends a notification as given (a fixture's, or a
// malformed one); without an "id" it gets the next one. A status it carries
// becomes readable by id.
func (s *Server) AddNotification(n map[string]any) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := n["id"]; !ok {
		s.nextNotif++
		n["id"] = strconv.FormatInt(s.nextNotif, 10)
	}
	s.notifs = append(s.notifs, n)
	if st, ok := n["status"].(map[string]any); ok {
		if id, ok := st["id"].(string); ok {
			s.statuses[id] = st
		}
	}
}

// SetContext fixes what GET /api/v1/statuses/{id}/context answers.
func (s *Server) SetContext(id string, raw json.RawMessage) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.contexts[id] = raw
}

// Backdate moves a status, and the notifications about it, to at.
func (s *Server) Backdate(statusID string, at time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	v := at.UTC().Format(time.RFC3339)
	if st, ok := s.statuses[statusID]; ok {
		st["created_at"] = v
	}
	for _, n := range s.notifs {
		if st, ok := n["status"].(map[string]any); ok && st["id"] == statusID {
			n["created_at"] = v
		}
	}
}

// Posts lists what was published through the API, in order.
func (s *Server) Posts() []Post {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Post(nil), s.posts...)
}

// Replies reports each post as the citizen reads it: Mastodon shows the
// leading mention of the author answered as the reply's addressing, so it
// is left out of Text; ParentID is in_reply_to_id, Key the Idempotency-Key.
func (s *Server) Replies() []platformtest.Received {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []platformtest.Received
	for _, p := range s.posts {
		text := p.Body.Status
		if parent, ok := s.statuses[p.Body.InReplyToID]; ok {
			acc, _ := parent["account"].(map[string]any)
			text = strings.TrimPrefix(text, "@"+fmt.Sprint(acc["acct"])+" ")
		}
		out = append(out, platformtest.Received{ParentID: p.Body.InReplyToID, Text: text, Key: p.Key})
	}
	return out
}

// SetRemaining sets the X-RateLimit-Remaining budget.
func (s *Server) SetRemaining(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.remaining = n
}

// SetPolicy sets the notification policy's for_private_mentions.
func (s *Server) SetPolicy(p string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.policy = p
}

// SetMaxChars sets the instance's status length limit.
func (s *Server) SetMaxChars(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.maxChars = n
}
