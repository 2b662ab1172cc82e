// Package messengertest is a fake Graph API host for a Facebook Page's
// Messenger inbox, for Sapa's tests: the Page's conversations edge and
// each conversation's messages with Graph's cursor paging, the Send API
// with reply_to, the Page object and subscribed_apps. It is built on
// metatest's Graph host and Inbox. The connector's own tests and the
// end-to-end tests of main both use it.
package messengertest

import (
	"net/http"
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
	Token = "EAAMessengerPageToken0123456789"
	// PageSize is how many conversations or messages one page carries.
	PageSize = 3
)

// Server is the fake Graph host of one Page's inbox.
type Server struct {
	// Knobs are the Graph host's: RateLimitNext, RevokeAuth, FailNext, Requests.
	*platformtest.Knobs

	g      *metatest.Graph
	box    *metatest.Inbox
	pageID string

	mu sync.Mutex
	n  int
}

// Option changes a Server before it starts.
type Option func(*Server)

// WithPageID makes the fake serve the Page id.
func WithPageID(id string) Option { return func(s *Server) { s.pageID = id } }

// New starts a fake Graph host for a Page's inbox, closed when t ends.
func New(t testing.TB, opts ...Option) *Server {
	g := metatest.New(t, Token)
	s := &Server{g: g, Knobs: g.Knobs, pageID: PageID}
	for _, o := range opts {
		o(s)
	}
	page := metatest.Person{ID: s.pageID, Name: "Pemkab Sukamaju"}
	s.box = metatest.NewInbox(s.g, page, "/v23.0/"+s.pageID+"/conversations", "/v23.0/"+s.pageID+"/messages", PageSize)
	s.g.Mux.HandleFunc("GET /v23.0/{id}", func(w http.ResponseWriter, r *http.Request) {
		metatest.WriteJSON(w, 200, map[string]string{"id": r.PathValue("id"), "name": "Pemkab Sukamaju"})
	})
	s.g.Mux.HandleFunc("GET /v23.0/{id}/subscribed_apps", func(w http.ResponseWriter, r *http.Request) {
		metatest.WriteJSON(w, 200, map[string]any{"data": []any{map[string]any{"subscribed_fields": []string{"messages", "message_echoes"}}}})
	})
	return s
}

// BaseURL is what an account's base_url is set to.
func (s *Server) BaseURL() string { return s.g.BaseURL() }

// Graph is the underlying fake Graph host (requests, throttling, revoked
// tokens, failures).
func (s *Server) Graph() *metatest.Graph { return s.g }

// Inbox is the Page's conversations and Send API.
func (s *Server) Inbox() *metatest.Inbox { return s.box }

// NextCitizen returns the next of three citizens, in turn, so both
// conversations and messages page.
func (s *Server) NextCitizen() metatest.Person {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.n++
	i := s.n % 3
	return metatest.Person{ID: "62345678901234" + strconv.Itoa(i), Name: "Warga " + strconv.Itoa(i)}
}

// AddInbound adds one message per text, spread over three citizens, and
// returns their mids.
func (s *Server) AddInbound(texts ...string) []string {
	var ids []string
	for _, text := range texts {
		ids = append(ids, s.box.Add(s.NextCitizen(), text, time.Now()))
	}
	return ids
}

// Replies lists the messages sent through the Send API with the mid each
// answers (reply_to).
func (s *Server) Replies() []platformtest.Received { return s.box.Replies() }
