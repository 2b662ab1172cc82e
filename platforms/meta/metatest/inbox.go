package metatest

import (
	"encoding/json"
	"net/http"
	"sort"
	"strconv"
	"sync"
	"time"

	"sapa/platforms/platformtest"
)

// Person is a participant of a fake conversation.
type Person struct {
	ID       string `json:"id"`
	Name     string `json:"name,omitempty"`
	Username string `json:"username,omitempty"`
}

// Inbox fakes the conversations edge and the Send API of a Page (Messenger)
// or an Instagram account: conversations sorted by updated_time, newest
// first; messages newest first; sends recorded with their reply_to mid.
type Inbox struct {
	g        *Graph
	owner    Person
	pageSize int

	mu      sync.Mutex
	convs   map[string]*fakeConv // by person id
	seq     int
	replies []platformtest.Received
	// Sends holds each send's messaging_type and tag, in order.
	sends []string
}

type fakeConv struct {
	id      string
	person  Person
	updated time.Time
	msgs    []fakeMsg // chronological
}

type fakeMsg struct {
	raw     json.RawMessage
	created time.Time
}

// NewInbox registers the conversations edge at listPath, messages at
// /{conversation-id}/messages and the Send API at sendPath (paths under
// Version, e.g. "/v23.0/123/conversations").
func NewInbox(g *Graph, owner Person, listPath, sendPath string, pageSize int) *Inbox {
	b := &Inbox{g: g, owner: owner, pageSize: pageSize, convs: map[string]*fakeConv{}}
	g.Mux.HandleFunc("GET "+listPath, b.list)
	g.Mux.HandleFunc("GET "+Version+"/{conv}/messages", b.messages)
	g.Mux.HandleFunc("POST "+sendPath, b.send)
	return b
}

func (b *Inbox) conv(p Person) *fakeConv {
	c, ok := b.convs[p.ID]
	if !ok {
		c = &fakeConv{id: "t_" + p.ID, person: p}
		b.convs[p.ID] = c
	}
	return c
}

func (b *Inbox) addLocked(c *fakeConv, from, to Person, text string, at time.Time) string {
	b.seq++
	id := "m_" + strconv.Itoa(b.seq)
	raw := Raw(map[string]any{
		"id": id, "message": text, "from": from,
		"to":           map[string]any{"data": []Person{to}},
		"created_time": GraphTime(at),
	})
	c.msgs = append(c.msgs, fakeMsg{raw: raw, created: at})
	if at.After(c.updated) {
		c.updated = at
	}
	return id
}

// Add records a message from person at time at and returns its id.
func (b *Inbox) Add(person Person, text string, at time.Time) string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.addLocked(b.conv(person), person, b.owner, text, at)
}

// AddRaw puts an arbitrary (perhaps malformed) message into person's
// conversation.
func (b *Inbox) AddRaw(person Person, raw json.RawMessage, at time.Time) {
	b.mu.Lock()
	defer b.mu.Unlock()
	c := b.conv(person)
	c.msgs = append(c.msgs, fakeMsg{raw: raw, created: at})
	c.updated = at
}

// Touch moves every conversation's updated_time to now, so all are listed
// again, as after a redelivery.
func (b *Inbox) Touch() {
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, c := range b.convs {
		c.updated = time.Now()
	}
}

// Replies lists what was sent, in order.
func (b *Inbox) Replies() []platformtest.Received {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]platformtest.Received(nil), b.replies...)
}

// Sends lists each send's messaging_type (and tag), in order.
func (b *Inbox) Sends() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]string(nil), b.sends...)
}

func (b *Inbox) list(w http.ResponseWriter, r *http.Request) {
	b.mu.Lock()
	defer b.mu.Unlock()
	var convs []*fakeConv
	for _, c := range b.convs {
		if u := r.URL.Query().Get("user_id"); u == "" || u == c.person.ID {
			convs = append(convs, c)
		}
	}
	sort.Slice(convs, func(i, j int) bool {
		if !convs[i].updated.Equal(convs[j].updated) {
			return convs[i].updated.After(convs[j].updated)
		}
		return convs[i].id < convs[j].id
	})
	var items []json.RawMessage
	for _, c := range convs {
		items = append(items, Raw(map[string]any{
			"id": c.id, "updated_time": GraphTime(c.updated),
			"participants": map[string]any{"data": []Person{c.person, b.owner}},
		}))
	}
	b.g.WritePage(w, r, items, b.pageSize)
}

func (b *Inbox) messages(w http.ResponseWriter, r *http.Request) {
	b.mu.Lock()
	defer b.mu.Unlock()
	var conv *fakeConv
	for _, c := range b.convs {
		if c.id == r.PathValue("conv") {
			conv = c
		}
	}
	if conv == nil {
		WriteError(w, http.StatusBadRequest, 100, 33, "GraphMethodException", "Unsupported get request. Object does not exist")
		return
	}
	var items []json.RawMessage
	for i := len(conv.msgs) - 1; i >= 0; i-- {
		items = append(items, conv.msgs[i].raw)
	}
	b.g.WritePage(w, r, items, b.pageSize)
}

func (b *Inbox) send(w http.ResponseWriter, r *http.Request) {
	var req struct {
		Recipient     Person `json:"recipient"`
		MessagingType string `json:"messaging_type"`
		Tag           string `json:"tag"`
		Message       struct {
			Text string `json:"text"`
		} `json:"message"`
		ReplyTo struct {
			Mid string `json:"mid"`
		} `json:"reply_to"`
	}
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil || req.Recipient.ID == "" || req.MessagingType == "" {
		WriteError(w, http.StatusBadRequest, 100, 0, "OAuthException", "(#100) The parameter recipient is required")
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	b.replies = append(b.replies, platformtest.Received{ParentID: req.ReplyTo.Mid, Text: req.Message.Text})
	kind := req.MessagingType
	if req.Tag != "" {
		kind += " " + req.Tag
	}
	b.sends = append(b.sends, kind)
	c := b.conv(Person{ID: req.Recipient.ID})
	id := b.addLocked(c, b.owner, c.person, req.Message.Text, time.Now())
	WriteJSON(w, http.StatusOK, map[string]string{"recipient_id": req.Recipient.ID, "message_id": id})
}
