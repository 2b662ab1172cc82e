// Package facebooktest is a fake Graph API host for one Facebook Page, for
// Sapa's tests: the Page's feed (/{page-id}/feed) and each post's comments
// (/{post-id}/comments?filter=stream) with Graph's cursor paging, replies
// posted under a comment, hiding, the post object, subscribed_apps, and
// the Page "feed" webhook event of a comment, signed as Meta signs it.
// The connector's own tests and the end-to-end tests of main both use it.
package facebooktest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"sync"
	"testing"
	"time"

	"sapa/platforms/meta/metatest"
	"sapa/platforms/platformtest"
)

const (
	// PageID is the Page the fake serves unless WithPageID sets another.
	PageID = "100064123456789"
	// Token is the Page access token the fake accepts.
	Token = "EAAFBtestPageToken0123456789abcdef"
	// PageSize is how many comments one comments page carries.
	PageSize = 3
)

// Server is the fake Graph host of one Page.
type Server struct {
	// Knobs are the Graph host's: RateLimitNext, RevokeAuth, FailNext, Requests.
	*platformtest.Knobs

	g        *metatest.Graph
	pageID   string
	pageSize int

	mu          sync.Mutex
	posts       []*fakePost
	seq         int
	ignoreSince bool
	replies     []platformtest.Received
	hidden      map[string]bool
}

type fakePost struct {
	id       string
	message  string
	created  time.Time
	updated  time.Time
	comments []fakeComment // chronological
}

type fakeComment struct {
	raw     json.RawMessage
	created time.Time
}

// Option changes a Server before it starts.
type Option func(*Server)

// WithPageID makes the fake serve the Page id.
func WithPageID(id string) Option { return func(s *Server) { s.pageID = id } }

// New starts a fake Graph host for a Page, closed when t ends.
func New(t testing.TB, opts ...Option) *Server {
	g := metatest.New(t, Token)
	s := &Server{g: g, Knobs: g.Knobs, pageID: PageID, pageSize: PageSize, hidden: map[string]bool{}}
	for _, o := range opts {
		o(s)
	}
	s.g.Mux.HandleFunc("GET /v23.0/{id}/feed", s.feed)
	s.g.Mux.HandleFunc("GET /v23.0/{id}/comments", s.listComments)
	s.g.Mux.HandleFunc("POST /v23.0/{id}/comments", s.postComment)
	s.g.Mux.HandleFunc("POST /v23.0/{id}", s.hide)
	s.g.Mux.HandleFunc("GET /v23.0/{id}", s.object)
	s.g.Mux.HandleFunc("GET /v23.0/{id}/subscribed_apps", func(w http.ResponseWriter, r *http.Request) {
		metatest.WriteJSON(w, 200, map[string]any{"data": []any{map[string]any{"name": "Sapa", "id": "42", "subscribed_fields": []string{"feed"}}}})
	})
	return s
}

// BaseURL is what an account's base_url is set to.
func (s *Server) BaseURL() string { return s.g.BaseURL() }

// Graph is the underlying fake Graph host (requests, throttling, revoked
// tokens).
func (s *Server) Graph() *metatest.Graph { return s.g }

// PageID is the Page the fake serves.
func (s *Server) PageID() string { return s.pageID }

// DefaultPostID is the post AddInbound comments on.
func (s *Server) DefaultPostID() string { return s.pageID + "_900" }

// post returns the newest post, making one the first time.
func (s *Server) post() *fakePost {
	if len(s.posts) == 0 {
		now := time.Now().Add(-time.Hour)
		s.posts = append(s.posts, &fakePost{id: s.DefaultPostID(), message: "Info layanan KTP keliling", created: now, updated: now})
	}
	return s.posts[0]
}

func (s *Server) find(id string) *fakePost {
	for _, p := range s.posts {
		if p.id == id {
			return p
		}
	}
	return nil
}

func (s *Server) addComment(p *fakePost, v map[string]any, created time.Time) string {
	s.seq++
	id := p.id[len(s.pageID)+1:] + "_" + strconv.Itoa(s.seq)
	v["id"] = id
	v["created_time"] = metatest.GraphTime(created)
	p.comments = append(p.comments, fakeComment{raw: metatest.Raw(v), created: created})
	if created.After(p.updated) {
		p.updated = created
	}
	return id
}

// AddPost adds a post of the Page; id is the full "{page-id}_{post}" id.
func (s *Server) AddPost(id, message string, created time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.posts = append(s.posts, &fakePost{id: id, message: message, created: created, updated: created})
}

// BackdatePost moves a post's created_time (the default post when id is "").
func (s *Server) BackdatePost(id string, created time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p := s.post()
	if id != "" {
		p = s.find(id)
	}
	p.created = created
}

// Comment is a comment to add. PostID "" is the default post; ParentID ""
// makes a top-level comment.
type Comment struct {
	PostID   string
	Text     string
	FromID   string
	FromName string
	ParentID string
	At       time.Time
}

// AddComment adds a comment and returns its id.
func (s *Server) AddComment(c Comment) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	p := s.post()
	if c.PostID != "" {
		p = s.find(c.PostID)
	}
	from := map[string]string{"id": c.FromID}
	if c.FromName != "" {
		from["name"] = c.FromName
	}
	v := map[string]any{"message": c.Text, "from": from}
	if c.ParentID != "" {
		v["parent"] = map[string]string{"id": c.ParentID}
	}
	return s.addComment(p, v, c.At)
}

// AddInbound adds one top-level comment per text, from different citizens,
// on the default post, and returns their ids.
func (s *Server) AddInbound(texts ...string) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	p := s.post()
	var ids []string
	for i, text := range texts {
		from := map[string]string{"id": fmt.Sprint(7000 + s.seq + i), "name": "Warga " + strconv.Itoa(i)}
		ids = append(ids, s.addComment(p, map[string]any{"message": text, "from": from}, time.Now()))
	}
	return ids
}

// AddRawComment puts an arbitrary (perhaps malformed) comment on the
// default post.
func (s *Server) AddRawComment(raw json.RawMessage) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p := s.post()
	p.comments = append(p.comments, fakeComment{raw: raw, created: time.Now()})
}

// Redeliver makes the next listing of each post's comments ignore since, so
// everything comes back once, as after a Graph hiccup.
func (s *Server) Redeliver() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.ignoreSince = true
}

// Replies lists the comments posted through the API, with the comment each
// answers.
func (s *Server) Replies() []platformtest.Received {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]platformtest.Received(nil), s.replies...)
}

// Hidden tells whether a comment was hidden through the API.
func (s *Server) Hidden(id string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hidden[id]
}

// CommentEvent is the Page "feed" webhook payload Meta sends for comments
// the fake holds: one change (item comment, verb add) per id.
func (s *Server) CommentEvent(ids ...string) []byte {
	s.mu.Lock()
	defer s.mu.Unlock()
	var changes []any
	for _, id := range ids {
		for _, p := range s.posts {
			for _, c := range p.comments {
				var v struct {
					ID      string              `json:"id"`
					Message string              `json:"message"`
					From    map[string]string   `json:"from"`
					Parent  struct{ ID string } `json:"parent"`
				}
				if json.Unmarshal(c.raw, &v) != nil || v.ID != id {
					continue
				}
				parent := v.Parent.ID
				if parent == "" {
					parent = p.id
				}
				changes = append(changes, map[string]any{"field": "feed", "value": map[string]any{
					"from": v.From, "post_id": p.id, "comment_id": id, "parent_id": parent,
					"created_time": c.created.Unix(), "item": "comment", "verb": "add", "message": v.Message,
					"post": map[string]any{"id": p.id, "permalink_url": "https://www.facebook.com/" + p.id,
						"status_type": "mobile_status_update", "is_published": true},
				}})
			}
		}
	}
	return metatest.Raw(map[string]any{"object": "page", "entry": []any{map[string]any{
		"id": s.pageID, "time": time.Now().Unix(), "changes": changes}}})
}

// Deliver POSTs a webhook payload to url signed with appSecret, as Meta
// does, and returns the HTTP status of the answer.
func Deliver(url, appSecret string, body []byte) (int, error) {
	req, err := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return 0, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Hub-Signature-256", metatest.Sign(appSecret, body))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, err
	}
	resp.Body.Close()
	return resp.StatusCode, nil
}

func (s *Server) feed(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if r.PathValue("id") != s.pageID {
		metatest.WriteError(w, 400, 100, 33, "GraphMethodException", "Unsupported get request.")
		return
	}
	posts := append([]*fakePost(nil), s.posts...)
	sort.SliceStable(posts, func(i, j int) bool { return posts[i].created.After(posts[j].created) })
	var items []json.RawMessage
	for _, p := range posts {
		items = append(items, metatest.Raw(map[string]string{
			"id": p.id, "message": p.message, "permalink_url": "https://www.facebook.com/" + p.id,
			"created_time": metatest.GraphTime(p.created), "updated_time": metatest.GraphTime(p.updated),
		}))
	}
	s.g.WritePage(w, r, items, 25)
}

func (s *Server) listComments(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	id := r.PathValue("id")
	var list []fakeComment
	if p := s.find(id); p != nil {
		list = p.comments
	} else {
		// Replies of one comment (read back by FindSent).
		for _, p := range s.posts {
			for _, c := range p.comments {
				var v struct{ Parent struct{ ID string } }
				_ = json.Unmarshal(c.raw, &v)
				if v.Parent.ID == id {
					list = append(list, c)
				}
			}
		}
	}
	since := int64(0)
	if v := r.URL.Query().Get("since"); v != "" && !s.ignoreSince {
		since, _ = strconv.ParseInt(v, 10, 64)
	}
	if r.URL.Query().Get("after") == "" {
		s.ignoreSince = false // one redelivery per listing
	}
	var items []json.RawMessage
	for _, c := range list {
		if c.created.Unix() >= since {
			items = append(items, c.raw)
		}
	}
	if r.URL.Query().Get("order") == "reverse_chronological" {
		for i, j := 0, len(items)-1; i < j; i, j = i+1, j-1 {
			items[i], items[j] = items[j], items[i]
		}
	}
	s.g.WritePage(w, r, items, s.pageSize)
}

func (s *Server) postComment(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	parent := r.PathValue("id")
	msg := r.PostFormValue("message")
	s.replies = append(s.replies, platformtest.Received{ParentID: parent, Text: msg})
	p := s.post()
	id := s.addComment(p, map[string]any{"message": msg, "from": map[string]string{"id": s.pageID, "name": "Pemkab Sukamaju"}, "parent": map[string]string{"id": parent}}, time.Now())
	metatest.WriteJSON(w, 200, map[string]string{"id": id})
}

func (s *Server) hide(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.hidden[r.PathValue("id")] = r.PostFormValue("is_hidden") == "true"
	metatest.WriteJSON(w, 200, map[string]bool{"success": true})
}

func (s *Server) object(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if p := s.find(r.PathValue("id")); p != nil {
		metatest.WriteJSON(w, 200, map[string]string{"id": p.id, "message": p.message, "permalink_url": "https://www.facebook.com/" + p.id})
		return
	}
	metatest.WriteJSON(w, 200, map[string]string{"id": r.PathValue("id"), "name": "Pemkab Sukamaju"})
}
