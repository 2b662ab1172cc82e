// Package instagramtest is a fake Graph API host for an Instagram
// professional account, for Sapa's tests: its media, each medium's
// comments with a few replies inline and the rest paged through
// /{comment-id}/replies, replies posted under a comment, hiding, the
// medium object, and (unless WithoutDMs) the direct messages inbox and
// Send API of metatest.Inbox. The connector's own tests and the end-to-end
// tests of main both use it.
package instagramtest

import (
	"encoding/base64"
	"encoding/json"
	"net/http"
	"strconv"
	"sync"
	"testing"
	"time"

	"sapa/platforms/meta/metatest"
	"sapa/platforms/platformtest"
)

const (
	// IGUserID is the professional account's id.
	IGUserID = "17841400000000001"
	// Username is the professional account's username.
	Username = "pemkab.sukamaju"
	// Token is the access token the fake accepts.
	Token = "IGQVJInstagramToken0123456789abc"
	// PageSize is how many comments (or DMs) one page carries.
	PageSize = 3
	// inlineReplies is how many replies a comments page carries per
	// comment; more are paged through /{comment-id}/replies.
	inlineReplies = 2
)

// Owner is the professional account as a participant.
var Owner = metatest.Person{ID: IGUserID, Username: Username}

// Server is the fake Graph host of one Instagram account.
type Server struct {
	// Knobs are the Graph host's: RateLimitNext, RevokeAuth, FailNext, Requests.
	*platformtest.Knobs

	g        *metatest.Graph
	box      *metatest.Inbox
	pageSize int
	dmErr    *graphErr // how the conversations edge fails; nil: it works

	mu      sync.Mutex
	media   []*fakeMedium
	seq     int
	replies []platformtest.Received
	hidden  map[string]bool
}

type fakeMedium struct {
	id       string
	caption  string
	posted   time.Time
	comments []*fakeComment // top-level, chronological
}

type fakeComment struct {
	raw     json.RawMessage
	id      string
	replies []json.RawMessage
}

// Option changes a Server before it starts.
type Option func(*Server)

// graphErr is a Graph error answer.
type graphErr struct {
	status, code, subcode int
	message               string
}

// WithoutDMs makes the conversations edge answer as for a token without
// instagram_manage_messages.
func WithoutDMs() Option {
	return WithDMListError(403, 10, 0, "(#10) Requires instagram_manage_messages permission to manage the object")
}

// WithDMListError makes the conversations edge answer with this Graph
// error, e.g. code 100 subcode 33 for an app without DM access.
func WithDMListError(status, code, subcode int, message string) Option {
	return func(s *Server) { s.dmErr = &graphErr{status, code, subcode, message} }
}

// New starts a fake Graph host for an Instagram account, closed when t ends.
func New(t testing.TB, opts ...Option) *Server {
	g := metatest.New(t, Token)
	s := &Server{g: g, Knobs: g.Knobs, pageSize: PageSize, hidden: map[string]bool{}}
	for _, o := range opts {
		o(s)
	}
	if e := s.dmErr; e == nil {
		s.box = metatest.NewInbox(s.g, Owner, "/v23.0/me/conversations", "/v23.0/me/messages", PageSize)
	} else {
		s.g.Mux.HandleFunc("GET /v23.0/me/conversations", func(w http.ResponseWriter, r *http.Request) {
			metatest.WriteError(w, e.status, e.code, e.subcode, "OAuthException", e.message)
		})
	}
	s.g.Mux.HandleFunc("GET /v23.0/{id}/media", s.listMedia)
	s.g.Mux.HandleFunc("GET /v23.0/{id}/comments", s.listComments)
	s.g.Mux.HandleFunc("GET /v23.0/{id}/replies", s.listReplies)
	s.g.Mux.HandleFunc("POST /v23.0/{id}/replies", s.reply)
	s.g.Mux.HandleFunc("POST /v23.0/{id}", func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.hidden[r.PathValue("id")] = r.PostFormValue("hide") == "true"
		s.mu.Unlock()
		metatest.WriteJSON(w, 200, map[string]bool{"success": true})
	})
	s.g.Mux.HandleFunc("GET /v23.0/{id}", func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		defer s.mu.Unlock()
		for _, m := range s.media {
			if m.id == r.PathValue("id") {
				metatest.WriteJSON(w, 200, map[string]string{"id": m.id, "caption": m.caption, "permalink": "https://www.instagram.com/p/" + m.id})
				return
			}
		}
		metatest.WriteJSON(w, 200, map[string]string{"id": r.PathValue("id"), "username": Username})
	})
	return s
}

// BaseURL is what an account's base_url is set to.
func (s *Server) BaseURL() string { return s.g.BaseURL() }

// Graph is the underlying fake Graph host (requests, throttling, revoked
// tokens).
func (s *Server) Graph() *metatest.Graph { return s.g }

// Inbox is the direct messages inbox; nil WithoutDMs.
func (s *Server) Inbox() *metatest.Inbox { return s.box }

// DefaultMediumID is the medium AddInbound comments on.
const DefaultMediumID = "1789560000000001"

func (s *Server) medium() *fakeMedium {
	if len(s.media) == 0 {
		s.media = append(s.media, &fakeMedium{id: DefaultMediumID, caption: "Posyandu serentak", posted: time.Now().Add(-time.Hour)})
	}
	return s.media[0]
}

func (s *Server) nextID() string {
	s.seq++
	return "1787344045914" + strconv.Itoa(1000+s.seq)
}

func comment(id, text string, from metatest.Person, parent string, at time.Time) json.RawMessage {
	v := map[string]any{"id": id, "text": text, "username": from.Username, "from": from, "timestamp": metatest.GraphTime(at), "hidden": false}
	if parent != "" {
		v["parent_id"] = parent
	}
	return metatest.Raw(v)
}

func (s *Server) addTop(m *fakeMedium, text string, from metatest.Person, at time.Time) string {
	id := s.nextID()
	m.comments = append(m.comments, &fakeComment{id: id, raw: comment(id, text, from, "", at)})
	return id
}

func (s *Server) addReply(top, text string, from metatest.Person, at time.Time) string {
	for _, m := range s.media {
		for _, c := range m.comments {
			if c.id == top {
				id := s.nextID()
				c.replies = append(c.replies, comment(id, text, from, top, at))
				return id
			}
		}
	}
	return ""
}

// AddMedium adds a post of the account.
func (s *Server) AddMedium(id, caption string, posted time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.media = append(s.media, &fakeMedium{id: id, caption: caption, posted: posted})
}

// AddComment adds a top-level comment on the default medium and returns
// its id.
func (s *Server) AddComment(text string, from metatest.Person, at time.Time) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.addTop(s.medium(), text, from, at)
}

// AddReply adds a reply under the top-level comment top and returns its id
// ("" if there is no such comment).
func (s *Server) AddReply(top, text string, from metatest.Person, at time.Time) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.addReply(top, text, from, at)
}

// AddRawComment puts an arbitrary (perhaps malformed) top-level comment on
// the default medium.
func (s *Server) AddRawComment(id string, raw json.RawMessage) {
	s.mu.Lock()
	defer s.mu.Unlock()
	m := s.medium()
	m.comments = append(m.comments, &fakeComment{id: id, raw: raw})
}

// AddInbound adds one top-level comment per text, from different citizens,
// on the default medium, and returns their ids.
func (s *Server) AddInbound(texts ...string) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var ids []string
	for i, text := range texts {
		from := metatest.Person{ID: "178414058223" + strconv.Itoa(10000+s.seq), Username: "warga" + strconv.Itoa(i)}
		ids = append(ids, s.addTop(s.medium(), text, from, time.Now()))
	}
	return ids
}

// Redeliver lists every DM conversation again (comments need nothing: the
// connector's window does the filtering).
func (s *Server) Redeliver() {
	if s.box != nil {
		s.box.Touch()
	}
}

// Replies lists the comment replies posted, then the DMs sent, each with
// the id it answers.
func (s *Server) Replies() []platformtest.Received {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := append([]platformtest.Received(nil), s.replies...)
	if s.box != nil {
		out = append(out, s.box.Replies()...)
	}
	return out
}

// Hidden tells whether a comment was hidden through the API.
func (s *Server) Hidden(id string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hidden[id]
}

func (s *Server) count(m *fakeMedium) int {
	n := 0
	for _, c := range m.comments {
		n += 1 + len(c.replies)
	}
	return n
}

func (s *Server) listMedia(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var items []json.RawMessage
	for i := len(s.media) - 1; i >= 0; i-- { // newest first
		m := s.media[i]
		items = append(items, metatest.Raw(map[string]any{
			"id": m.id, "caption": m.caption, "permalink": "https://www.instagram.com/p/" + m.id,
			"timestamp": metatest.GraphTime(m.posted), "comments_count": s.count(m),
		}))
	}
	s.g.WritePage(w, r, items, 25)
}

func (s *Server) listComments(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var items []json.RawMessage
	for _, m := range s.media {
		if m.id != r.PathValue("id") {
			continue
		}
		for _, c := range m.comments {
			var v map[string]any
			if json.Unmarshal(c.raw, &v) != nil || len(c.replies) == 0 {
				items = append(items, c.raw)
				continue
			}
			rep := map[string]any{"data": c.replies[:min(inlineReplies, len(c.replies))]}
			if len(c.replies) > inlineReplies {
				after := base64.RawURLEncoding.EncodeToString([]byte(strconv.Itoa(inlineReplies)))
				rep["paging"] = map[string]any{"next": s.g.Server.URL + "/v23.0/" + c.id + "/replies?limit=" + strconv.Itoa(inlineReplies) + "&after=" + after + "&access_token=" + Token}
			}
			v["replies"] = rep
			items = append(items, metatest.Raw(v))
		}
	}
	s.g.WritePage(w, r, items, s.pageSize)
}

func (s *Server) listReplies(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, m := range s.media {
		for _, c := range m.comments {
			if c.id == r.PathValue("id") {
				s.g.WritePage(w, r, c.replies, inlineReplies)
				return
			}
		}
	}
	metatest.WriteError(w, 400, 100, 33, "GraphMethodException", "Unsupported get request.")
}

func (s *Server) reply(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	top, msg := r.PathValue("id"), r.PostFormValue("message")
	id := s.addReply(top, msg, Owner, time.Now())
	if id == "" {
		metatest.WriteError(w, 400, 100, 33, "GraphMethodException", "Unsupported post request.")
		return
	}
	s.replies = append(s.replies, platformtest.Received{ParentID: top, Text: msg})
	metatest.WriteJSON(w, 200, map[string]string{"id": id})
}
