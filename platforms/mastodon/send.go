package mastodon

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"unicode"

	"sapa/inbox"
	"sapa/platforms"
)

// Send implements platforms.Connector: POST /api/v1/statuses answering
// exactly r.InReplyTo, with the author mentioned in front (a direct status
// reaches only the accounts it mentions), the parent's visibility (a DM
// stays direct, a followers-only post is not answered in public) and
// r.IdempotencyKey as Idempotency-Key, which the instance honours for an
// hour: a resend after an ambiguous failure cannot publish twice.
func (c *Connector) Send(ctx context.Context, r inbox.Reply) (inbox.Sent, error) {
	max := c.Capabilities().MaxLength
	if strings.TrimSpace(r.Text) == "" {
		return inbox.Sent{}, platforms.Errorf(platforms.KindPermanent, "mastodon: the reply is empty")
	}
	if n := inbox.Length(inbox.CountMastodon, r.Text); n > max {
		return inbox.Sent{}, platforms.Errorf(platforms.KindPermanent, "mastodon: the reply is %d characters, the instance allows %d; shorten it by %d", n, max, n-max)
	}
	if r.InReplyTo == "" {
		return inbox.Sent{}, platforms.Errorf(platforms.KindPermanent, "mastodon: no status to reply to")
	}
	parent, err := c.parentInfo(ctx, r)
	if err != nil {
		return inbox.Sent{}, err
	}
	visibility := parent.visibility
	if r.Thread.Kind == inbox.KindDM || visibility == "" {
		visibility = "direct" // never wider than we know the parent to be
	}
	text := inbox.WithMention(parent.acct, r.Text)
	if n := inbox.Length(inbox.CountMastodon, text); n > max {
		return inbox.Sent{}, platforms.Errorf(platforms.KindPermanent,
			"mastodon: with the mention of @%s the reply is %d characters, the instance allows %d; shorten it by %d", parent.acct, n, max, n-max)
	}
	now := c.now()
	for _, b := range []*budget{&c.reads, &c.posts} {
		if at, ok := b.allow(now, 0); !ok {
			return inbox.Sent{}, platforms.RateLimited(at, "mastodon: rate limit reached; the reply waits for the reset")
		}
	}
	var s status
	_, err = c.do(ctx, request{
		method:  http.MethodPost,
		path:    "/api/v1/statuses",
		body:    postStatus{Status: text, InReplyToID: r.InReplyTo, Visibility: visibility},
		idemKey: r.IdempotencyKey,
		sending: true,
		bucket:  &c.posts,
	}, &s)
	if err != nil {
		return inbox.Sent{}, err
	}
	if s.ID == "" {
		return inbox.Sent{}, &platforms.Error{Kind: platforms.KindAmbiguous, Message: "mastodon: the instance accepted the status but named no id"}
	}
	meAcct := s.Account.Acct
	c.memo.put(s.ID, memoEntry{root: rootKey(r, parent), rootURL: parent.rootURL, visibility: s.Visibility, acct: meAcct})
	sentAt := s.CreatedAt
	if sentAt.IsZero() {
		sentAt = now
	}
	return inbox.Sent{ExternalID: s.ID, SentAt: sentAt}, nil
}

// rootKey is the conversation a sent reply belongs to, so answers to it stay
// in the same thread.
func rootKey(r inbox.Reply, parent memoEntry) string {
	if r.Thread.ExternalKey != "" {
		return r.Thread.ExternalKey
	}
	if parent.root != "" {
		return parent.root
	}
	return r.InReplyTo
}

// parentInfo returns the visibility and author of the status answered, from
// memory or from the instance.
func (c *Connector) parentInfo(ctx context.Context, r inbox.Reply) (memoEntry, error) {
	if e, ok := c.memo.get(r.InReplyTo); ok && e.visibility != "" && e.acct != "" {
		return e, nil
	}
	if err := c.ensureMe(ctx); err != nil {
		return memoEntry{}, err
	}
	var s status
	if _, err := c.do(ctx, request{method: http.MethodGet, path: "/api/v1/statuses/" + url.PathEscape(r.InReplyTo), bucket: &c.reads}, &s); err != nil {
		if pe, ok := err.(*platforms.Error); ok && pe.Kind == platforms.KindPermanent {
			pe.Message = "mastodon: the status being answered is gone or not visible: " + pe.Message
		}
		return memoEntry{}, err
	}
	e := memoEntry{visibility: s.Visibility, acct: s.Account.Acct, root: r.Thread.ExternalKey}
	c.memo.put(s.ID, e)
	return e, nil
}

// FindSent implements platforms.Reconciler. It reads back the account's own
// recent statuses (direct ones included: the author sees them all) for one
// answering r.InReplyTo with r's text, then, to be sure of a "no", the
// replies under the parent itself.
func (c *Connector) FindSent(ctx context.Context, r inbox.Reply) (inbox.Sent, bool, error) {
	if err := c.ensureMe(ctx); err != nil {
		return inbox.Sent{}, false, err
	}
	meID, _ := c.me()
	match := func(s status) bool {
		return s.Account.ID == meID && s.InReplyToID == r.InReplyTo && sameText(htmlToText(s.Content), r.Text)
	}
	q := url.Values{"limit": {"40"}, "exclude_reblogs": {"true"}}
	for page := 0; page < 3; page++ {
		var list []status
		h, err := c.do(ctx, request{method: http.MethodGet, path: "/api/v1/accounts/" + url.PathEscape(meID) + "/statuses", query: q, bucket: &c.reads}, &list)
		if err != nil {
			return inbox.Sent{}, false, err
		}
		for _, s := range list {
			if match(s) {
				return inbox.Sent{ExternalID: s.ID, SentAt: s.CreatedAt}, true, nil
			}
		}
		next := linkParam(h, "next", "max_id")
		if next == "" && len(list) > 0 {
			next = list[len(list)-1].ID
		}
		if len(list) < 40 || next == "" {
			break
		}
		q.Set("max_id", next)
	}
	var sc statusContext
	_, err := c.do(ctx, request{method: http.MethodGet, path: "/api/v1/statuses/" + url.PathEscape(r.InReplyTo) + "/context", bucket: &c.reads}, &sc)
	if pe, ok := err.(*platforms.Error); ok && pe.Kind == platforms.KindPermanent {
		// The parent is gone, so nothing can answer it now.
		return inbox.Sent{}, false, nil
	}
	if err != nil {
		return inbox.Sent{}, false, err
	}
	for _, s := range sc.Descendants {
		if match(s) {
			return inbox.Sent{ExternalID: s.ID, SentAt: s.CreatedAt}, true, nil
		}
	}
	return inbox.Sent{}, false, nil
}

// sameText compares a read-back status with the text Sapa sent, ignoring the
// leading mentions (the instance renders @user@domain as @user) and
// differences in white space.
func sameText(got, sent string) bool {
	return normalize(got) == normalize(sent)
}

func normalize(s string) string {
	f := strings.FieldsFunc(s, unicode.IsSpace)
	for len(f) > 0 && strings.HasPrefix(f[0], "@") {
		f = f[1:]
	}
	return strings.Join(f, " ")
}
