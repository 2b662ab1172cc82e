package facebook

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"

	"sapa/inbox"
	"sapa/platforms/meta"
)

// WebhookPath implements platforms.WebhookReceiver.
func (c *Connector) WebhookPath() string { return meta.WebhookPath("facebook", c.name) }

// feedValue is the value of a Page "feed" change for a comment.
type feedValue struct {
	Item        string       `json:"item"` // comment, post, reaction…
	Verb        string       `json:"verb"` // add, edited, remove, hide, unhide
	CommentID   string       `json:"comment_id"`
	PostID      string       `json:"post_id"`
	ParentID    string       `json:"parent_id"` // the post for a top-level comment
	Message     string       `json:"message"`
	From        meta.Profile `json:"from"`
	CreatedTime meta.Time    `json:"created_time"`
	Photo       string       `json:"photo"`
	Video       string       `json:"video"`
	Post        *struct {
		PermalinkURL string `json:"permalink_url"`
	} `json:"post"`
}

// ServeWebhook implements platforms.WebhookReceiver: new comments from the
// Page "feed" field. Edits, removals and other items are ignored. The event
// does not carry the post's text: it is read once per post (cached), within
// meta.ContextTimeout, and left empty if Graph does not answer in time.
func (c *Connector) ServeWebhook(w http.ResponseWriter, r *http.Request, body []byte) ([]inbox.Inbound, bool, error) {
	entries, handled, err := c.hook.Receive(w, r, body, "page", c.pageID)
	if handled || err != nil {
		return nil, handled, err
	}
	var items []inbox.Inbound
	for _, e := range entries {
		for _, ch := range e.Changes {
			if ch.Field != "feed" {
				continue
			}
			if it, ok := c.fromChange(r.Context(), ch.Value); ok {
				items = append(items, it)
			}
		}
	}
	return items, false, nil
}

func (c *Connector) fromChange(ctx context.Context, raw json.RawMessage) (inbox.Inbound, bool) {
	var v feedValue
	err := json.Unmarshal(raw, &v)
	if err == nil && v.Item == "comment" && v.Verb == "add" && (v.CommentID == "" || v.PostID == "" || v.CreatedTime.IsZero()) {
		err = errors.New("comment without comment_id, post_id or created_time")
	}
	if err != nil {
		c.log.Warn("facebook: skipping malformed feed change", "account", c.name, "err", err)
		return inbox.Inbound{}, false
	}
	if v.Item != "comment" || v.Verb != "add" {
		return inbox.Inbound{}, false
	}
	top, parent := v.CommentID, ""
	if v.ParentID != "" && v.ParentID != v.PostID {
		top, parent = v.ParentID, v.ParentID // replies hang under a top-level comment
	}
	cm := wireComment{ID: v.CommentID, Message: v.Message, From: v.From, CreatedTime: v.CreatedTime}
	if cm.Message == "" && (v.Photo != "" || v.Video != "") {
		kind := "photo"
		if v.Video != "" {
			kind = "video"
		}
		cm.Attachment = &struct {
			Type string `json:"type"`
		}{kind}
	}
	pc := c.posts.Get(ctx, v.PostID, c.loadPost)
	p := post{ID: v.PostID, Message: pc.Text, URL: pc.URL}
	if p.URL == "" && v.Post != nil {
		p.URL = v.Post.PermalinkURL
	}
	return c.inbound(p, cm, parent, top), true
}

// loadPost reads the text a comment thread shows above itself; the feed
// event does not carry it.
func (c *Connector) loadPost(ctx context.Context, id string) (meta.PostContext, error) {
	var p wirePost
	if err := c.c.Get(ctx, "/"+id, url.Values{"fields": {"id,message,story,permalink_url"}}, &p); err != nil {
		c.log.Warn("facebook: post text unavailable for a webhook comment", "account", c.name, "err", err)
		return meta.PostContext{}, err
	}
	text := p.Message
	if text == "" {
		text = p.Story
	}
	return meta.PostContext{Text: meta.Clip(text, MaxContext), URL: p.PermalinkURL}, nil
}
