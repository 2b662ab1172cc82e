package facebook

import (
	"context"
	"errors"
	"net/url"
	"strings"

	"sapa/inbox"
	"sapa/platforms"
	"sapa/platforms/meta"
)

// target says where a reply goes and with what text. Facebook comment
// threads are two levels deep: a reply to a reply is posted under the
// top-level comment and @mentions the person answered (the Page-scoped id
// syntax of Meta's "Comments and @mentions" guide), as Facebook itself does.
func (c *Connector) target(r inbox.Reply) (target, text string) {
	_, top, ok := strings.Cut(r.Thread.ExternalKey, "/")
	parent := r.InReplyTo
	if parent == "" {
		parent = top
	}
	if !ok || top == "" || parent == top {
		return parent, r.Text
	}
	text = r.Text
	if id := r.Recipient.ExternalID; id != "" && id != c.pageID {
		text = "@[" + id + "] " + text
	}
	return top, text
}

// Send implements platforms.Connector: POST /{comment-id}/comments.
func (c *Connector) Send(ctx context.Context, r inbox.Reply) (inbox.Sent, error) {
	target, text := c.target(r)
	id, err := c.c.ReplyToComment(ctx, meta.CommentReply{Target: target, Edge: "comments", Typed: r.Text, Text: text,
		Kind: "a Facebook comment", MaxLength: MaxLength})
	if err != nil {
		return inbox.Sent{}, err
	}
	return inbox.Sent{ExternalID: id, SentAt: c.now()}, nil
}

// FindSent implements platforms.Reconciler: it reads the replies under the
// target comment, newest first, for one by the Page with the same text that
// is not older than the citizen's last message.
func (c *Connector) FindSent(ctx context.Context, r inbox.Reply) (inbox.Sent, bool, error) {
	target, text := c.target(r)
	if target == "" {
		return inbox.Sent{}, false, nil
	}
	q := url.Values{"filter": {"stream"}, "order": {"reverse_chronological"}, "fields": {"id,message,from{id},created_time"}, "limit": {"50"}}
	var page meta.Page
	if err := c.c.Get(ctx, "/"+target+"/comments", q, &page); err != nil {
		return inbox.Sent{}, false, err
	}
	for _, cm := range meta.Decode(c.log, page.Data, "facebook comment", validComment) {
		if cm.From.ID == c.pageID && sameText(cm.Message, text, r.Text) && meta.NotBefore(cm.CreatedTime.Time, r.LastInboundAt) {
			return inbox.Sent{ExternalID: cm.ID, SentAt: cm.CreatedTime.Time}, true, nil
		}
	}
	return inbox.Sent{}, false, nil
}

// sameText reports whether a comment read back is the reply sent. Facebook
// renders an @[id] mention as the person's name, so a reply that mentioned
// someone comes back as "<name> <text>".
func sameText(got, sent, typed string) bool {
	if got == sent || got == typed {
		return true
	}
	return sent != typed && strings.HasSuffix(got, " "+typed)
}

// Hide implements platforms.Hider: POST /{comment-id}?is_hidden=true. A
// hidden comment stays visible to its author and their friends.
func (c *Connector) Hide(ctx context.Context, externalID string, hidden bool) error {
	return c.c.SetHidden(ctx, externalID, "is_hidden", "Facebook", hidden)
}

// Check implements platforms.Checker for `sapa doctor`.
func (c *Connector) Check(ctx context.Context) []platforms.Finding {
	var page struct {
		ID   string `json:"id"`
		Name string `json:"name"`
	}
	err := c.c.Get(ctx, "/"+c.pageID, url.Values{"fields": {"id,name"}}, &page)
	if err == nil && page.ID != c.pageID {
		err = errors.New("Graph API returned another object for page_id")
	}
	out := []platforms.Finding{meta.Finding("token accepted and Page "+c.pageID+" readable at "+c.c.BaseURL(), err,
		"check page_id and base_url, and that the token belongs to this Page")}
	if err != nil {
		return out
	}
	err = c.c.Get(ctx, "/"+c.pageID+"/feed", url.Values{"fields": {"id"}, "limit": {"1"}}, &meta.Page{})
	out = append(out, meta.Finding("Page posts readable (pages_read_engagement, pages_read_user_content)", err,
		"grant pages_read_engagement and pages_read_user_content, then generate a new Page access token"))
	out = append(out, c.checkWebhook(ctx)...)
	return out
}

func (c *Connector) checkWebhook(ctx context.Context) []platforms.Finding {
	if !c.webhook {
		return nil
	}
	return []platforms.Finding{
		meta.CheckWebhookSecrets(c.hook),
		meta.CheckSubscription(ctx, c.c, c.pageID, "feed", c.WebhookPath()),
	}
}
