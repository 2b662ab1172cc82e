package instagram

import (
	"context"
	"errors"
	"net/url"
	"strings"

	"sapa/inbox"
	"sapa/platforms"
	"sapa/platforms/meta"
)

func isDM(r inbox.Reply) bool {
	return r.Thread.Kind == inbox.KindDM || strings.HasPrefix(r.Thread.ExternalKey, "dm:")
}

// target says where a comment reply goes and with what text. Only
// top-level comments take replies ("replies to a reply will be added to the
// top-level comment"), so a reply to a reply goes to its top-level comment
// and starts with the @username answered, as the Instagram app writes it.
func (c *Connector) target(r inbox.Reply) (target, text string) {
	_, top, ok := strings.Cut(r.Thread.ExternalKey, "/")
	if !ok || top == "" {
		return r.InReplyTo, r.Text
	}
	if r.InReplyTo == "" || r.InReplyTo == top {
		return top, r.Text
	}
	text = r.Text
	if h := r.Recipient.Handle; strings.HasPrefix(h, "@") && len(h) > 1 && r.Recipient.ExternalID != c.igID && !strings.HasPrefix(text, h) {
		text = h + " " + text
	}
	return top, text
}

// Send implements platforms.Connector: POST /{ig-comment-id}/replies for
// comments, the Send API for direct messages.
func (c *Connector) Send(ctx context.Context, r inbox.Reply) (inbox.Sent, error) {
	if isDM(r) {
		return c.dm.Send(ctx, r)
	}
	target, text := c.target(r)
	id, err := c.c.ReplyToComment(ctx, meta.CommentReply{Target: target, Edge: "replies", Typed: r.Text, Text: text,
		Kind: "an Instagram comment", MaxLength: MaxLength})
	if err != nil {
		return inbox.Sent{}, err
	}
	return inbox.Sent{ExternalID: id, SentAt: c.now()}, nil
}

// FindSent implements platforms.Reconciler: the replies under the
// top-level comment, or the conversation with the person, are read for one
// by the account with the same text, not older than the person's last
// message.
func (c *Connector) FindSent(ctx context.Context, r inbox.Reply) (inbox.Sent, bool, error) {
	if isDM(r) {
		return c.dm.FindSent(ctx, r)
	}
	target, text := c.target(r)
	if target == "" {
		return inbox.Sent{}, false, nil
	}
	// Replies come oldest first, so the newest are on the last pages.
	var page meta.Page
	err := c.c.Get(ctx, "/"+target+"/replies", url.Values{"fields": {replyFields}, "limit": {"50"}}, &page)
	for pages := 0; err == nil; pages++ {
		for _, cm := range meta.Decode(c.log, page.Data, "instagram reply", validComment) {
			if cm.From.ID == c.igID && (cm.Text == text || cm.Text == r.Text) && meta.NotBefore(cm.Timestamp.Time, r.LastInboundAt) {
				return inbox.Sent{ExternalID: cm.ID, SentAt: cm.Timestamp.Time}, true, nil
			}
		}
		if page.Paging.Next == "" {
			return inbox.Sent{}, false, nil
		}
		if pages == maxReadBackPages {
			// Not surely absent: leave the reply's fate to the admin.
			return inbox.Sent{}, false, platforms.Errorf(platforms.KindAmbiguous, "too many replies under the comment to read back")
		}
		next := page.Paging.Next
		page = meta.Page{}
		err = c.c.Next(ctx, next, &page)
	}
	return inbox.Sent{}, false, err
}

// maxReadBackPages bounds reconciliation on a comment with a huge thread.
const maxReadBackPages = 20

// Hide implements platforms.Hider: POST /{ig-comment-id}?hide=true.
func (c *Connector) Hide(ctx context.Context, externalID string, hidden bool) error {
	return c.c.SetHidden(ctx, externalID, "hide", "Instagram", hidden)
}

// Check implements platforms.Checker for `sapa doctor`.
func (c *Connector) Check(ctx context.Context) []platforms.Finding {
	var acct struct {
		ID       string `json:"id"`
		Username string `json:"username"`
	}
	err := c.c.Get(ctx, "/"+c.igID, url.Values{"fields": {"id,username"}}, &acct)
	if err == nil && acct.ID != c.igID {
		err = errors.New("Graph API returned another object for ig_user_id")
	}
	out := []platforms.Finding{meta.Finding("token accepted and Instagram account "+c.igID+" readable at "+c.c.BaseURL(), err,
		"check ig_user_id and base_url (graph.facebook.com for a Page token, graph.instagram.com for an Instagram token)")}
	if err != nil {
		return out
	}
	err = c.c.Get(ctx, "/"+c.igID+"/media", url.Values{"fields": {"id"}, "limit": {"1"}}, &meta.Page{})
	out = append(out, meta.Finding("media and comments readable (instagram_basic, instagram_manage_comments)", err,
		"grant instagram_basic and instagram_manage_comments (or instagram_business_basic and instagram_business_manage_comments), then generate a new token"))
	err = c.c.Get(ctx, "/me/conversations", url.Values{"platform": {"instagram"}, "fields": {"id"}, "limit": {"1"}}, &meta.Page{})
	out = append(out, meta.Finding("direct messages readable (instagram_manage_messages)", err,
		"grant instagram_manage_messages (or instagram_business_manage_messages), allow access to messages in the Instagram app's settings, then generate a new token"))
	if c.webhook {
		out = append(out, meta.CheckWebhookSecrets(c.hook))
	}
	return out
}
