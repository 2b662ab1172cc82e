// Package youtubetest is a fake YouTube Data API v3 for Sapa's tests: the
// channel's commentThreads (published or held for review) with page tokens,
// replies through comments.list, comments.insert, setModerationStatus,
// videos.list and channels.list, with Google's error bodies. The
// connector's own tests and the end-to-end tests of main both use it.
package youtubetest

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
	// ChannelID is the channel the fake serves unless WithChannelID sets
	// another.
	ChannelID = "UCkabupatenHumas0000001"
	// CitizenID is the channel of the citizen who writes the comments.
	CitizenID = "UCwarga000000000000001"
	// VideoID is the video every comment is on.
	VideoID = "dQw4w9WgXcQ"
	// VideoTitle is that video's title.
	VideoTitle = "Sosialisasi Program Jalan Mulus 2026"
	// Token is the OAuth access token the fake accepts.
	Token = "ya29.SECRET-token-abcdef0123456789"
	// ClientID is the OAuth client the fake's token endpoint knows.
	ClientID = "sapa-client"
	// RefreshToken is the token endpoint's first refresh token; each
	// refresh replaces it (see platformtest.OAuth).
	RefreshToken = "refresh-SECRET-0"
	// PageSize is the most items one page carries unless SetPageSize
	// changes it.
	PageSize = 4
)

// comment is a comment in the fake's store; raw overrides the encoding so
// a test can plant a thread the connector cannot parse.
type comment struct {
	id, parent, author, text, status string
	at                               time.Time
	raw                              json.RawMessage
}

func (s *Server) wire(c comment) map[string]any {
	name := "@wargacibadak"
	if c.author == s.channel {
		name = "@humaskabupaten"
	}
	sn := map[string]any{
		"channelId": s.channel, "videoId": VideoID,
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

// Server is the fake YouTube Data API.
type Server struct {
	platformtest.Knobs // RateLimitNext, RevokeAuth, SetOverride, Requests, Bodies of comments.insert

	// OAuth is the token endpoint, at TokenURL.
	OAuth *platformtest.OAuth

	srv     *httptest.Server
	channel string

	mu       sync.Mutex
	seq      int
	base     time.Time
	top      []comment // top-level comments, one per thread
	replies  []comment
	received []platformtest.Received
	pageSize int
}

// Option changes a Server before it starts.
type Option func(*Server)

// WithChannelID makes the fake serve the channel id.
func WithChannelID(id string) Option { return func(s *Server) { s.channel = id } }

// New starts a fake YouTube Data API, closed when t ends.
func New(t testing.TB, opts ...Option) *Server {
	s := &Server{channel: ChannelID, pageSize: PageSize, base: time.Now().UTC().Truncate(time.Second)}
	for _, o := range opts {
		o(s)
	}
	s.OAuth = platformtest.NewOAuth(ClientID, RefreshToken)
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.srv.Close)
	return s
}

// BaseURL is what an account's base_url is set to (it includes
// /youtube/v3).
func (s *Server) BaseURL() string { return s.srv.URL + "/youtube/v3" }

// TokenURL is what an account's token_url is set to.
func (s *Server) TokenURL() string { return s.srv.URL + "/token" }

// Close stops the server: connections are refused from then on.
func (s *Server) Close() { s.srv.Close() }

// Base is the time comments added with Add are stamped after.
func (s *Server) Base() time.Time { return s.base }

// GoogleErr is a Google API error body.
func GoogleErr(code int, reason, message string) string {
	b, _ := json.Marshal(map[string]any{"error": map[string]any{"code": code, "message": message,
		"errors": []map[string]string{{"message": message, "domain": "youtube.api", "reason": reason}}}})
	return string(b)
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	w.Header().Set("Content-Type", "application/json; charset=UTF-8")
	if r.URL.Path == "/token" {
		s.OAuth.ServeHTTP(w, r)
		return
	}
	shot, done := s.Begin(w, r)
	if done {
		return
	}
	if shot.Revoked || (r.Header.Get("Authorization") != "Bearer "+Token && !s.OAuth.Accepts(r.Header.Get("Authorization"))) {
		w.WriteHeader(401)
		fmt.Fprint(w, GoogleErr(401, "authError", "Request had invalid authentication credentials. Expected OAuth 2 access token."))
		return
	}
	if shot.RateLimit > 0 {
		w.Header().Set("Retry-After", strconv.Itoa(int(shot.RateLimit.Seconds())))
		w.WriteHeader(403)
		fmt.Fprint(w, GoogleErr(403, "rateLimitExceeded", "The request cannot be completed because you have exceeded your quota."))
		return
	}
	q := r.URL.Query()
	switch r.Method + " " + strings.TrimPrefix(r.URL.Path, "/youtube/v3") {
	case "GET /commentThreads":
		s.threads(w, q)
	case "GET /videos":
		var items []any
		for _, id := range strings.Split(q.Get("id"), ",") {
			if id == VideoID {
				items = append(items, map[string]any{"kind": "youtube#video", "id": id, "snippet": map[string]any{
					"title": VideoTitle, "description": "Kanal resmi Pemerintah Kabupaten."}})
			}
		}
		json.NewEncoder(w).Encode(map[string]any{"kind": "youtube#videoListResponse", "items": items})
	case "POST /comments":
		s.insert(w, r)
	case "GET /comments":
		var sel []comment
		for _, c := range s.replies {
			if c.parent == q.Get("parentId") {
				sel = append(sel, c)
			}
		}
		s.page(w, q, sel, func(c comment) any { return s.wire(c) })
	case "POST /comments/setModerationStatus":
		for i := range s.top {
			if s.top[i].id == q.Get("id") {
				s.top[i].status = q.Get("moderationStatus")
			}
		}
		w.WriteHeader(204)
	case "GET /channels":
		fmt.Fprintf(w, `{"kind":"youtube#channelListResponse","items":[{"kind":"youtube#channel","id":%q,"snippet":{"title":"Pemkab Humas","customUrl":"@humaskabupaten"}}]}`, s.channel)
	default:
		w.WriteHeader(404)
		fmt.Fprint(w, GoogleErr(404, "notFound", "Not Found"))
	}
}

func (s *Server) threads(w http.ResponseWriter, q map[string][]string) {
	get := func(k string) string {
		if v := q[k]; len(v) > 0 {
			return v[0]
		}
		return ""
	}
	if get("allThreadsRelatedToChannelId") != s.channel {
		w.WriteHeader(404)
		fmt.Fprint(w, GoogleErr(404, "channelNotFound", "The channel identified by the allThreadsRelatedToChannelId parameter could not be found."))
		return
	}
	want := get("moderationStatus")
	if want == "" {
		want = "published"
	}
	var sel []comment
	for _, c := range s.top {
		st := c.status
		if st == "" {
			st = "published"
		}
		if st == want {
			sel = append(sel, c)
		}
	}
	sort.SliceStable(sel, func(i, j int) bool { return sel[i].at.After(sel[j].at) })
	s.page(w, q, sel, func(c comment) any {
		if c.raw != nil {
			return c.raw
		}
		var reps []any
		for _, rc := range s.replies {
			if rc.parent == c.id && len(reps) < 5 {
				reps = append(reps, s.wire(rc))
			}
		}
		th := map[string]any{"kind": "youtube#commentThread", "etag": "t-" + c.id, "id": c.id,
			"snippet": map[string]any{"channelId": s.channel, "videoId": VideoID, "topLevelComment": s.wire(c),
				"canReply": true, "totalReplyCount": len(reps), "isPublic": true}}
		if len(reps) > 0 {
			th["replies"] = map[string]any{"comments": reps}
		}
		return th
	})
}

// page serves sel in pages of min(maxResults, pageSize) with offset tokens.
func (s *Server) page(w http.ResponseWriter, q map[string][]string, sel []comment, enc func(comment) any) {
	n := s.pageSize
	if v := q["maxResults"]; len(v) > 0 {
		if m, _ := strconv.Atoi(v[0]); m > 0 && m < n {
			n = m
		}
	}
	off := 0
	if v := q["pageToken"]; len(v) > 0 && v[0] != "" {
		if !strings.HasPrefix(v[0], "QURT") {
			w.WriteHeader(400)
			fmt.Fprint(w, GoogleErr(400, "invalidPageToken", "The request specifies an invalid page token."))
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

func (s *Server) insert(w http.ResponseWriter, r *http.Request) {
	raw := s.ReadBody(r)
	var body struct {
		Snippet struct {
			ParentID     string `json:"parentId"`
			TextOriginal string `json:"textOriginal"`
		} `json:"snippet"`
	}
	if json.Unmarshal(raw, &body) != nil || body.Snippet.ParentID == "" {
		w.WriteHeader(400)
		fmt.Fprint(w, GoogleErr(400, "parentIdMissing", "No parent ID was specified."))
		return
	}
	found := false
	for _, c := range s.top {
		found = found || c.id == body.Snippet.ParentID
	}
	if !found {
		w.WriteHeader(404)
		fmt.Fprint(w, GoogleErr(404, "parentNotFound", "The parent comment could not be found."))
		return
	}
	s.seq++
	rc := comment{id: body.Snippet.ParentID + ".9Reply" + strconv.Itoa(s.seq), parent: body.Snippet.ParentID,
		author: s.channel, text: body.Snippet.TextOriginal, at: s.base.Add(time.Duration(s.seq) * time.Second)}
	s.replies = append(s.replies, rc)
	s.received = append(s.received, platformtest.Received{ParentID: body.Snippet.ParentID, Text: body.Snippet.TextOriginal})
	json.NewEncoder(w).Encode(s.wire(rc))
}

// Add stores a citizen's top-level comment (a new thread) one second after
// the last, with a moderation status ("" is published), and returns its id.
func (s *Server) Add(text, status string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.seq++
	id := fmt.Sprintf("UgzThread%04dAaABAg", s.seq)
	s.top = append(s.top, comment{id: id, author: CitizenID, text: text, status: status,
		at: s.base.Add(time.Duration(s.seq) * time.Second)})
	return id
}

// AddAt stores a citizen's top-level comment with the given id and time.
func (s *Server) AddAt(id, text string, at time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.top = append(s.top, comment{id: id, author: CitizenID, text: text, at: at})
}

// AddCitizenReply stores a citizen's reply under the top-level comment top.
func (s *Server) AddCitizenReply(id, top, text string, at time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.replies = append(s.replies, comment{id: id, parent: top, author: CitizenID, text: text, at: at})
}

// AddRawThread stores a thread encoded as raw (perhaps malformed), one
// second after the last comment.
func (s *Server) AddRawThread(id string, raw json.RawMessage) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.seq++
	s.top = append(s.top, comment{id: id, at: s.base.Add(time.Duration(s.seq) * time.Second), raw: raw})
}

// Status is a top-level comment's moderation status ("" if never set).
func (s *Server) Status(id string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, c := range s.top {
		if c.id == id {
			return c.status
		}
	}
	return ""
}

// SetPageSize changes how many items one page carries.
func (s *Server) SetPageSize(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.pageSize = n
}

// Replies lists the replies inserted, with the top-level comment each
// answers.
func (s *Server) Replies() []platformtest.Received {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]platformtest.Received(nil), s.received...)
}
