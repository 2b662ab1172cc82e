package mastodon

import (
	"encoding/json"
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"sapa/config"
	"sapa/platforms"
	"sapa/platforms/platformtest"
)

const (
	fakeToken    = "mstdn-Zq8vT3xW9yFakeAccessToken0123456789"
	fakeMeID     = "109000000000000001"
	fakePageSize = 3
)

// fakeInstance is a Mastodon server speaking the documented REST API: the
// few endpoints Sapa uses, Link headers, X-RateLimit-* headers, the error
// bodies and Idempotency-Key.
type fakeInstance struct {
	t   *testing.T
	srv *httptest.Server

	mu        sync.Mutex
	notifs    []map[string]any // ascending by id
	statuses  map[string]map[string]any
	contexts  map[string]json.RawMessage // fixture contexts by status id
	nextNotif int64
	nextStat  int64
	posts     []fakePost
	idem      map[string]map[string]any
	requests  []string
	remaining int
	rateLimit time.Duration // the next request gets a 429 asking to wait this long
	revoked   bool
	redeliver bool
	fail      int    // the next request answers this status
	policy    string // for_private_mentions
	maxChars  int
}

type fakePost struct {
	Key  string
	Body postStatus
}

func newFakeInstance(t *testing.T) *fakeInstance {
	f := &fakeInstance{t: t, statuses: map[string]map[string]any{}, contexts: map[string]json.RawMessage{},
		nextNotif: 34980000, nextStat: 113000000000001000, idem: map[string]map[string]any{}, remaining: 300,
		policy: "accept", maxChars: 500}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fakeInstance) account() config.Account {
	return config.Account{Name: "pemkab-mastodon", Platform: "mastodon", BaseURL: f.srv.URL, Token: config.Secret{Value: fakeToken}}
}

func (f *fakeInstance) connectorFor(t *testing.T, acct config.Account) *Connector {
	t.Helper()
	c, err := New(acct)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	mc := c.(*Connector)
	mc.limit = fakePageSize
	return mc
}

func (f *fakeInstance) set(change func()) {
	f.mu.Lock()
	defer f.mu.Unlock()
	change()
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func idLess(a, b string) bool { return compareIDs(a, b) < 0 }

func (f *fakeInstance) serve(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.requests = append(f.requests, r.Method+" "+r.URL.RequestURI())
	reset := time.Now().Add(5 * time.Minute)
	if f.rateLimit > 0 {
		reset = time.Now().Add(f.rateLimit)
		f.rateLimit, f.remaining = 0, 0
		w.Header().Set("X-RateLimit-Limit", "300")
		w.Header().Set("X-RateLimit-Remaining", "0")
		w.Header().Set("X-RateLimit-Reset", reset.UTC().Format("2006-01-02T15:04:05.000000Z"))
		writeJSON(w, http.StatusTooManyRequests, map[string]string{"error": "Too many requests"})
		return
	}
	if f.remaining > 0 {
		f.remaining--
	}
	w.Header().Set("X-RateLimit-Limit", "300")
	w.Header().Set("X-RateLimit-Remaining", strconv.Itoa(f.remaining))
	w.Header().Set("X-RateLimit-Reset", reset.UTC().Format("2006-01-02T15:04:05.000000Z"))
	switch {
	case r.Header.Get("Authorization") != "Bearer "+fakeToken || f.revoked:
		writeJSON(w, http.StatusUnauthorized, map[string]string{"error": "The access token is invalid"})
		return
	case f.fail != 0:
		writeJSON(w, f.fail, map[string]string{"error": "We're sorry, but something went wrong on our end."})
		f.fail = 0
		return
	}
	p := r.URL.Path
	switch {
	case p == "/api/v1/accounts/verify_credentials":
		serveFile(w, "testdata/verify_credentials.json")
	case p == "/api/v2/instance":
		writeJSON(w, 200, map[string]any{"domain": "mastodon.example", "configuration": map[string]any{
			"statuses": map[string]any{"max_characters": f.maxChars, "characters_reserved_per_url": 23}}})
	case p == "/api/v2/notifications/policy":
		writeJSON(w, 200, map[string]any{"for_not_following": "accept", "for_not_followers": "accept",
			"for_new_accounts": "accept", "for_private_mentions": f.policy, "for_limited_accounts": "filter"})
	case p == "/api/v1/notifications":
		f.notifications(w, r.URL.Query())
	case p == "/api/v1/statuses" && r.Method == http.MethodPost:
		f.post(w, r)
	case strings.HasPrefix(p, "/api/v1/accounts/") && strings.HasSuffix(p, "/statuses"):
		f.accountStatuses(w, r.URL.Query())
	case strings.HasPrefix(p, "/api/v1/statuses/") && strings.HasSuffix(p, "/context"):
		id := strings.TrimSuffix(strings.TrimPrefix(p, "/api/v1/statuses/"), "/context")
		f.context(w, id)
	case strings.HasPrefix(p, "/api/v1/statuses/"):
		if s, ok := f.statuses[strings.TrimPrefix(p, "/api/v1/statuses/")]; ok {
			writeJSON(w, 200, s)
			return
		}
		writeJSON(w, 404, map[string]string{"error": "Record not found"})
	default:
		writeJSON(w, 404, map[string]string{"error": "Record not found"})
	}
}

func serveFile(w http.ResponseWriter, path string) {
	b, err := os.ReadFile(path)
	if err != nil {
		writeJSON(w, 500, map[string]string{"error": err.Error()})
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write(b)
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

func (f *fakeInstance) linkHeader(w http.ResponseWriter, path string, out []string) {
	if len(out) == 0 {
		return
	}
	base := "https://mastodon.example" + path
	w.Header().Set("Link", fmt.Sprintf(`<%s?max_id=%s>; rel="next", <%s?min_id=%s>; rel="prev"`, base, out[len(out)-1], base, out[0]))
}

func (f *fakeInstance) notifications(w http.ResponseWriter, q url.Values) {
	if f.redeliver {
		q.Del("min_id")
		q.Del("since_id")
		f.redeliver = false
	}
	types := q["types[]"]
	var ids []string
	byID := map[string]map[string]any{}
	for _, n := range f.notifs {
		if len(types) > 0 && !contains(types, fmt.Sprint(n["type"])) {
			continue
		}
		id := fmt.Sprint(n["id"])
		ids = append(ids, id)
		byID[id] = n
	}
	out := page(ids, q, queryLimit(q))
	f.linkHeader(w, "/api/v1/notifications", out)
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

func (f *fakeInstance) accountStatuses(w http.ResponseWriter, q url.Values) {
	var ids []string
	for id, s := range f.statuses {
		if acc, _ := s["account"].(map[string]any); acc["id"] == fakeMeID {
			ids = append(ids, id)
		}
	}
	sort.Slice(ids, func(i, j int) bool { return idLess(ids[i], ids[j]) })
	out := page(ids, q, queryLimit(q))
	f.linkHeader(w, "/api/v1/accounts/"+fakeMeID+"/statuses", out)
	list := []map[string]any{}
	for _, id := range out {
		list = append(list, f.statuses[id])
	}
	writeJSON(w, 200, list)
}

func (f *fakeInstance) context(w http.ResponseWriter, id string) {
	if raw, ok := f.contexts[id]; ok {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(raw)
		return
	}
	s, ok := f.statuses[id]
	if !ok {
		writeJSON(w, 404, map[string]string{"error": "Record not found"})
		return
	}
	anc := []map[string]any{}
	for p, _ := s["in_reply_to_id"].(string); p != ""; {
		ps, ok := f.statuses[p]
		if !ok {
			break
		}
		anc = append([]map[string]any{ps}, anc...)
		p, _ = ps["in_reply_to_id"].(string)
	}
	desc := []map[string]any{}
	for _, d := range f.statuses {
		for p, _ := d["in_reply_to_id"].(string); p != ""; {
			if p == id {
				desc = append(desc, d)
				break
			}
			ps, ok := f.statuses[p]
			if !ok {
				break
			}
			p, _ = ps["in_reply_to_id"].(string)
		}
	}
	writeJSON(w, 200, map[string]any{"ancestors": anc, "descendants": desc})
}

func (f *fakeInstance) post(w http.ResponseWriter, r *http.Request) {
	var body postStatus
	if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
		writeJSON(w, 422, map[string]string{"error": "Validation failed: Text can't be blank"})
		return
	}
	key := r.Header.Get("Idempotency-Key")
	if s, ok := f.idem[key]; ok && key != "" {
		writeJSON(w, 200, s) // the same status again: nothing new is published
		return
	}
	if len([]rune(body.Status)) > f.maxChars {
		writeJSON(w, 422, map[string]string{"error": fmt.Sprintf("Validation failed: Text character limit of %d exceeded", f.maxChars)})
		return
	}
	if _, ok := f.statuses[body.InReplyToID]; body.InReplyToID != "" && !ok {
		writeJSON(w, 404, map[string]string{"error": "Record not found"})
		return
	}
	f.posts = append(f.posts, fakePost{Key: key, Body: body})
	me := map[string]any{"id": fakeMeID, "username": "pemkab", "acct": "pemkab", "display_name": "Pemkab Sukabumi"}
	s := f.newStatus(me, body.Status, body.InReplyToID, body.Visibility)
	if key != "" {
		f.idem[key] = s
	}
	writeJSON(w, 200, s)
}

// newStatus stores a status rendered the way Mastodon renders plain text.
func (f *fakeInstance) newStatus(acc map[string]any, text, replyTo, visibility string) map[string]any {
	f.nextStat++
	id := strconv.FormatInt(f.nextStat, 10)
	var reply any
	if replyTo != "" {
		reply = replyTo
	}
	paras := strings.Split(html.EscapeString(text), "\n\n")
	for i, p := range paras {
		paras[i] = "<p>" + strings.ReplaceAll(p, "\n", "<br />") + "</p>"
	}
	s := map[string]any{
		"id": id, "created_at": time.Now().UTC().Format("2006-01-02T15:04:05.000Z"),
		"in_reply_to_id": reply, "visibility": visibility, "spoiler_text": "",
		"url":     "https://mastodon.example/@" + fmt.Sprint(acc["username"]) + "/" + id,
		"content": strings.Join(paras, ""), "account": acc, "mentions": []any{},
	}
	f.statuses[id] = s
	return s
}

// mentionFrom queues a citizen's status mentioning the account and its
// notification; it returns the status id.
func (f *fakeInstance) mentionFrom(acct, text, replyTo, visibility string) string {
	f.mu.Lock()
	defer f.mu.Unlock()
	user, _, _ := strings.Cut(acct, "@")
	acc := map[string]any{"id": "88" + strconv.Itoa(len(user)), "username": user, "acct": acct, "display_name": strings.ToUpper(user[:1]) + user[1:]}
	s := f.newStatus(acc, text, replyTo, visibility)
	f.nextNotif++
	f.notifs = append(f.notifs, map[string]any{"id": strconv.FormatInt(f.nextNotif, 10), "type": "mention",
		"created_at": s["created_at"], "account": acc, "status": s})
	return s["id"].(string)
}

// contractFake adapts fakeInstance to platformtest.Fake.
type contractFake struct{ *fakeInstance }

func (f contractFake) Connector(t *testing.T) platforms.Connector {
	return f.connectorFor(t, f.account())
}

func (f contractFake) AddInbound(t *testing.T, texts ...string) []string {
	var ids []string
	for i, s := range texts {
		vis := "public"
		if i%2 == 1 {
			vis = "direct"
		}
		ids = append(ids, f.mentionFrom("warga@desa.social", s, "", vis))
	}
	return ids
}

func (f contractFake) PageSize() int { return fakePageSize }

func (f contractFake) Redeliver(t *testing.T) { f.set(func() { f.redeliver = true }) }

func (f contractFake) RateLimitNext(t *testing.T, d time.Duration) { f.set(func() { f.rateLimit = d }) }

func (f contractFake) RevokeAuth(t *testing.T) { f.set(func() { f.revoked = true }) }

func (f contractFake) MalformedNext(t *testing.T) []string {
	good := []string{"sebelum yang rusak", "sesudah yang rusak"}
	f.mentionFrom("warga", good[0], "", "public")
	f.set(func() {
		f.nextNotif++
		f.notifs = append(f.notifs, map[string]any{"id": strconv.FormatInt(f.nextNotif, 10), "type": "mention",
			"created_at": 12345, "status": "bukan status"})
	})
	f.mentionFrom("warga", good[1], "", "public")
	return good
}

// Replies reports each post as the citizen reads it: Mastodon shows the
// leading mention of the author answered as the reply's addressing, so it
// is left out here; the wire text is checked in TestSendWireShape.
func (f contractFake) Replies(t *testing.T) []platformtest.Received {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []platformtest.Received
	for _, p := range f.posts {
		text := p.Body.Status
		if parent, ok := f.statuses[p.Body.InReplyToID]; ok {
			acc, _ := parent["account"].(map[string]any)
			text = strings.TrimPrefix(text, "@"+fmt.Sprint(acc["acct"])+" ")
		}
		out = append(out, platformtest.Received{ParentID: p.Body.InReplyToID, Text: text, Key: p.Key})
	}
	return out
}

func TestContract(t *testing.T) {
	platformtest.Run(t, func(t *testing.T) platformtest.Fake { return contractFake{newFakeInstance(t)} })
}
