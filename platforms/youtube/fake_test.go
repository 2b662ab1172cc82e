package youtube

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
	fakeChannel = "UCkabupatenHumas0000001"
	fakeCitizen = "UCwarga000000000000001"
	fakeVideo   = "dQw4w9WgXcQ"
	fakeToken   = "ya29.SECRET-token-abcdef0123456789"
)

// fakeComment is a comment in the fake's store; raw overrides the encoding
// so a test can plant a thread the connector cannot parse.
type fakeComment struct {
	id, parent, author, text, status string
	at                               time.Time
	raw                              json.RawMessage
}

func (c fakeComment) wire() map[string]any {
	name := "@wargacibadak"
	if c.author == fakeChannel {
		name = "@humaskabupaten"
	}
	sn := map[string]any{
		"channelId": fakeChannel, "videoId": fakeVideo,
		"textDisplay": c.text, "textOriginal": c.text,
		"authorDisplayName": name, "authorChannelUrl": "http://www.youtube.com/" + name,
		"authorChannelId": map[string]string{"value": c.author},
		"canRate":         true, "viewerRating": "none", "likeCount": 0,
		"publishedAt": c.at.UTC().Format(time.RFC3339), "updatedAt": c.at.UTC().Format(time.RFC3339),
	}
	if c.parent != "" {
		sn["parentId"] = c.parent
	}
	if c.status != "" {
		sn["moderationStatus"] = c.status
	}
	return map[string]any{"kind": "youtube#comment", "etag": "e-" + c.id, "id": c.id, "snippet": sn}
}

// fakeYT speaks the YouTube Data API v3 wire format for the calls Sapa makes.
type fakeYT struct {
	srv      *httptest.Server
	mu       sync.Mutex
	seq      int
	base     time.Time
	top      []fakeComment // top-level comments, one per thread
	replies  []fakeComment
	received []platformtest.Received
	bodies   []string
	requests []string // "METHOD path?query" of every request
	pageSize int

	limitNext time.Duration
	revoked   bool
	override  func(w http.ResponseWriter, r *http.Request) bool
}

func newFakeYT(t *testing.T) *fakeYT {
	f := &fakeYT{pageSize: 4, base: time.Now().UTC().Truncate(time.Second)}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fakeYT) account() config.Account {
	return config.Account{Name: "humas-yt", Platform: inbox.YouTube, BaseURL: f.srv.URL + "/youtube/v3",
		ChannelID: fakeChannel, Token: config.Secret{Value: fakeToken}}
}

func (f *fakeYT) conn(t *testing.T) *Connector {
	t.Helper()
	c, err := New(f.account())
	if err != nil {
		t.Fatal(err)
	}
	return c.(*Connector)
}

func googleErr(code int, reason, message string) string {
	b, _ := json.Marshal(map[string]any{"error": map[string]any{"code": code, "message": message,
		"errors": []map[string]string{{"message": message, "domain": "youtube.api", "reason": reason}}}})
	return string(b)
}

func (f *fakeYT) serve(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.requests = append(f.requests, r.Method+" "+r.URL.Path+"?"+r.URL.RawQuery)
	w.Header().Set("Content-Type", "application/json; charset=UTF-8")
	if f.override != nil && f.override(w, r) {
		return
	}
	if f.revoked || r.Header.Get("Authorization") != "Bearer "+fakeToken {
		w.WriteHeader(401)
		fmt.Fprint(w, googleErr(401, "authError", "Request had invalid authentication credentials. Expected OAuth 2 access token."))
		return
	}
	if f.limitNext > 0 {
		w.Header().Set("Retry-After", strconv.Itoa(int(f.limitNext.Seconds())))
		f.limitNext = 0
		w.WriteHeader(403)
		fmt.Fprint(w, googleErr(403, "rateLimitExceeded", "The request cannot be completed because you have exceeded your quota."))
		return
	}
	q := r.URL.Query()
	switch r.Method + " " + strings.TrimPrefix(r.URL.Path, "/youtube/v3") {
	case "GET /commentThreads":
		f.threads(w, q)
	case "GET /videos":
		var items []any
		for _, id := range strings.Split(q.Get("id"), ",") {
			if id == fakeVideo {
				items = append(items, map[string]any{"kind": "youtube#video", "id": id, "snippet": map[string]any{
					"title": "Sosialisasi Program Jalan Mulus 2026", "description": "Kanal resmi Pemerintah Kabupaten."}})
			}
		}
		json.NewEncoder(w).Encode(map[string]any{"kind": "youtube#videoListResponse", "items": items})
	case "POST /comments":
		f.insert(w, r)
	case "GET /comments":
		var sel []fakeComment
		for _, c := range f.replies {
			if c.parent == q.Get("parentId") {
				sel = append(sel, c)
			}
		}
		f.page(w, q, sel, func(c fakeComment) any { return c.wire() })
	case "POST /comments/setModerationStatus":
		for i := range f.top {
			if f.top[i].id == q.Get("id") {
				f.top[i].status = q.Get("moderationStatus")
			}
		}
		w.WriteHeader(204)
	case "GET /channels":
		fmt.Fprintf(w, `{"kind":"youtube#channelListResponse","items":[{"kind":"youtube#channel","id":%q,"snippet":{"title":"Pemkab Humas","customUrl":"@humaskabupaten"}}]}`, fakeChannel)
	default:
		w.WriteHeader(404)
		fmt.Fprint(w, googleErr(404, "notFound", "Not Found"))
	}
}

func (f *fakeYT) threads(w http.ResponseWriter, q map[string][]string) {
	get := func(k string) string {
		if v := q[k]; len(v) > 0 {
			return v[0]
		}
		return ""
	}
	if get("allThreadsRelatedToChannelId") != fakeChannel {
		w.WriteHeader(404)
		fmt.Fprint(w, googleErr(404, "channelNotFound", "The channel identified by the allThreadsRelatedToChannelId parameter could not be found."))
		return
	}
	want := get("moderationStatus")
	if want == "" {
		want = "published"
	}
	var sel []fakeComment
	for _, c := range f.top {
		st := c.status
		if st == "" {
			st = "published"
		}
		if st == want {
			sel = append(sel, c)
		}
	}
	sort.SliceStable(sel, func(i, j int) bool { return sel[i].at.After(sel[j].at) })
	f.page(w, q, sel, func(c fakeComment) any {
		if c.raw != nil {
			return c.raw
		}
		var reps []any
		for _, rc := range f.replies {
			if rc.parent == c.id && len(reps) < 5 {
				reps = append(reps, rc.wire())
			}
		}
		th := map[string]any{"kind": "youtube#commentThread", "etag": "t-" + c.id, "id": c.id,
			"snippet": map[string]any{"channelId": fakeChannel, "videoId": fakeVideo, "topLevelComment": c.wire(),
				"canReply": true, "totalReplyCount": len(reps), "isPublic": true}}
		if len(reps) > 0 {
			th["replies"] = map[string]any{"comments": reps}
		}
		return th
	})
}

// page serves sel in pages of min(maxResults, pageSize) with offset tokens.
func (f *fakeYT) page(w http.ResponseWriter, q map[string][]string, sel []fakeComment, enc func(fakeComment) any) {
	n := f.pageSize
	if v := q["maxResults"]; len(v) > 0 {
		if m, _ := strconv.Atoi(v[0]); m > 0 && m < n {
			n = m
		}
	}
	off := 0
	if v := q["pageToken"]; len(v) > 0 && v[0] != "" {
		if !strings.HasPrefix(v[0], "QURT") {
			w.WriteHeader(400)
			fmt.Fprint(w, googleErr(400, "invalidPageToken", "The request specifies an invalid page token."))
			return
		}
		off, _ = strconv.Atoi(strings.TrimPrefix(v[0], "QURT"))
	}
	out := map[string]any{"kind": "youtube#commentThreadListResponse", "pageInfo": map[string]int{"resultsPerPage": n}}
	items := []any{}
	for i := off; i < len(sel) && i < off+n; i++ {
		items = append(items, enc(sel[i]))
	}
	out["items"] = items
	if off+n < len(sel) {
		out["nextPageToken"] = "QURT" + strconv.Itoa(off+n)
	}
	json.NewEncoder(w).Encode(out)
}

func (f *fakeYT) insert(w http.ResponseWriter, r *http.Request) {
	raw, _ := io.ReadAll(r.Body)
	f.bodies = append(f.bodies, string(raw))
	var body insertRequest
	if json.Unmarshal(raw, &body) != nil || body.Snippet.ParentID == "" {
		w.WriteHeader(400)
		fmt.Fprint(w, googleErr(400, "parentIdMissing", "No parent ID was specified."))
		return
	}
	found := false
	for _, c := range f.top {
		found = found || c.id == body.Snippet.ParentID
	}
	if !found {
		w.WriteHeader(404)
		fmt.Fprint(w, googleErr(404, "parentNotFound", "The parent comment could not be found."))
		return
	}
	f.seq++
	rc := fakeComment{id: body.Snippet.ParentID + ".9Reply" + strconv.Itoa(f.seq), parent: body.Snippet.ParentID,
		author: fakeChannel, text: body.Snippet.TextOriginal, at: f.base.Add(time.Duration(f.seq) * time.Second)}
	f.replies = append(f.replies, rc)
	f.received = append(f.received, platformtest.Received{ParentID: body.Snippet.ParentID, Text: body.Snippet.TextOriginal})
	json.NewEncoder(w).Encode(rc.wire())
}

// add stores a top-level comment (a new thread) one second after the last.
func (f *fakeYT) add(text, status string) string {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.seq++
	id := fmt.Sprintf("UgzThread%04dAaABAg", f.seq)
	f.top = append(f.top, fakeComment{id: id, author: fakeCitizen, text: text, status: status,
		at: f.base.Add(time.Duration(f.seq) * time.Second)})
	return id
}

// contract adapts fakeYT to platformtest.Fake.
type contract struct{ f *fakeYT }

func (c contract) Connector(t *testing.T) platforms.Connector { return c.f.conn(t) }

func (c contract) AddInbound(t *testing.T, texts ...string) []string {
	var ids []string
	for _, s := range texts {
		ids = append(ids, c.f.add(s, ""))
	}
	return ids
}

func (c contract) PageSize() int { return c.f.pageSize }

// Redeliver needs nothing: YouTube has no server-side cursor, every list
// returns everything again, and the connector's marks do the filtering.
func (c contract) Redeliver(t *testing.T) {}

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
	c.f.add(good[0], "")
	c.f.mu.Lock()
	c.f.seq++
	c.f.top = append(c.f.top, fakeComment{id: "UgzBroken", at: c.f.base.Add(time.Duration(c.f.seq) * time.Second),
		raw: json.RawMessage(`{"kind":"youtube#commentThread","id":"UgzBroken","snippet":"not an object"}`)})
	c.f.mu.Unlock()
	c.f.add(good[1], "")
	return good
}

func (c contract) Replies(t *testing.T) []platformtest.Received {
	c.f.mu.Lock()
	defer c.f.mu.Unlock()
	return append([]platformtest.Received(nil), c.f.received...)
}
