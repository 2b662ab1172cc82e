package mastodon

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"sync"

	"sapa/inbox"
	"sapa/platforms"
)

// convert maps a mentioning status onto an inbound item. Its thread is the
// conversation root: the status itself when it answers nothing, else the
// first ancestor of its context.
func (c *Connector) convert(ctx context.Context, s *status) (inbox.Inbound, error) {
	root, err := c.rootOf(ctx, s)
	if err != nil {
		return inbox.Inbound{}, err
	}
	meID, _ := c.me()
	kind := inbox.KindMention
	if s.Visibility == "direct" {
		kind = inbox.KindDM
	}
	c.memo.put(s.ID, memoEntry{root: root.id, rootURL: root.url, rootText: root.text, visibility: s.Visibility, acct: s.Account.Acct})
	th := inbox.Thread{ExternalKey: root.id, Kind: kind, ContextURL: root.url}
	if root.id != s.ID {
		th.ContextText = root.text
	}
	msg := inbox.Message{
		ExternalID: s.ID,
		ParentID:   s.InReplyToID,
		Direction:  inbox.In,
		Author:     contact(s.Account),
		Text:       statusText(s),
		SentAt:     s.CreatedAt,
	}
	if meID != "" && s.Account.ID == meID {
		msg.Direction = inbox.Out
	}
	return inbox.Inbound{Thread: th, Message: msg}, nil
}

// statusText is the plain text of a status, its content warning first so the
// admin reads what the author chose to hide behind it.
func statusText(s *status) string {
	text := htmlToText(s.Content)
	if s.SpoilerText != "" {
		return "CW: " + s.SpoilerText + "\n\n" + text
	}
	return text
}

func contact(a account) inbox.Contact {
	name := a.DisplayName
	if name == "" {
		name = a.Username
	}
	h := ""
	if a.Acct != "" {
		h = "@" + a.Acct
	}
	return inbox.Contact{ExternalID: a.ID, Name: name, Handle: h}
}

// rootInfo names a conversation root.
type rootInfo struct{ id, url, text string }

// rootOf finds the conversation root of s: from memory when its parent was
// seen or sent by Sapa, else from the status context. A parent that cannot
// be read (deleted, or not visible to us) starts the conversation itself.
func (c *Connector) rootOf(ctx context.Context, s *status) (rootInfo, error) {
	if e, ok := c.memo.get(s.ID); ok {
		return rootInfo{e.root, e.rootURL, e.rootText}, nil
	}
	if s.InReplyToID == "" {
		return rootInfo{id: s.ID, url: s.URL}, nil
	}
	if e, ok := c.memo.get(s.InReplyToID); ok {
		return rootInfo{e.root, e.rootURL, e.rootText}, nil
	}
	if at, ok := c.reads.allow(c.now(), fetchReserve); !ok {
		return rootInfo{}, platforms.RateLimited(at, "mastodon: keeping the last requests of the rate limit for replies")
	}
	var sc statusContext
	_, err := c.do(ctx, request{method: http.MethodGet, path: "/api/v1/statuses/" + url.PathEscape(s.ID) + "/context", bucket: &c.reads}, &sc)
	var pe *platforms.Error
	switch {
	case errors.As(err, &pe) && pe.Kind == platforms.KindPermanent:
		return rootInfo{id: s.InReplyToID}, nil
	case err != nil:
		return rootInfo{}, err
	case len(sc.Ancestors) == 0:
		return rootInfo{id: s.InReplyToID}, nil
	}
	r := sc.Ancestors[0]
	info := rootInfo{id: r.ID, url: r.URL, text: statusText(&r)}
	for _, a := range sc.Ancestors {
		if _, ok := c.memo.get(a.ID); !ok {
			c.memo.put(a.ID, memoEntry{root: info.id, rootURL: info.url, rootText: info.text, visibility: a.Visibility, acct: a.Account.Acct})
		}
	}
	return info, nil
}

// memoEntry is what Sapa remembers of a status it has seen or posted.
type memoEntry struct {
	root, rootURL, rootText string
	visibility              string
	acct                    string // the author's acct, for the reply's mention
}

// statusMemo is a bounded memory of recent statuses, oldest evicted first.
// It only saves requests: everything in it can be read again from the
// instance, so it need not survive a restart.
type statusMemo struct {
	mu    sync.Mutex
	max   int
	m     map[string]memoEntry
	order []string
}

func newStatusMemo(max int) *statusMemo { return &statusMemo{max: max, m: map[string]memoEntry{}} }

func (s *statusMemo) put(id string, e memoEntry) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.m[id]; !ok {
		s.order = append(s.order, id)
	}
	// Root text is only context: keep the memory small.
	if len(e.rootText) > 500 {
		e.rootText = strings.ToValidUTF8(e.rootText[:500], "") + "…"
	}
	s.m[id] = e
	for len(s.order) > s.max {
		delete(s.m, s.order[0])
		s.order = s.order[1:]
	}
}

func (s *statusMemo) get(id string) (memoEntry, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	e, ok := s.m[id]
	return e, ok
}
