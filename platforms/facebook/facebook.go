// Package facebook connects Sapa to the comments on a Facebook Page: the
// Page's posts and visitor posts (/{page-id}/feed) and their comments, read
// incrementally, answered as the Page under the exact comment, hidden on
// request, and optionally received by the Page "feed" webhook.
package facebook

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"time"

	"sapa/config"
	"sapa/inbox"
	"sapa/platforms"
	"sapa/platforms/meta"
)

// MaxLength is the longest comment Sapa sends. Meta documents no comment
// limit; 8,000 characters is the limit comments are known to have.
const MaxLength = 8000

// MaxContext bounds the post text shown above a comment thread.
const MaxContext = 4000

// WatchDays is how far back polling looks for posts that received new
// comments. Older posts are covered by the webhook, when configured.
const WatchDays = 30

// TokenFix tells the admin what to do when Meta rejects the token.
const TokenFix = "generate a new Page access token (Meta Business Suite → Settings → System users, or Graph API Explorer → Get Page Access Token) with pages_read_engagement, pages_read_user_content and pages_manage_engagement, and update this account's token"

// Connector is one Facebook Page.
type Connector struct {
	log         *slog.Logger
	name        string
	pageID      string
	c           *meta.Client
	hook        meta.Webhook
	webhook     bool
	historyDays int
	now         func() time.Time
	posts       meta.ContextCache // post texts for webhook comments
}

// New builds the connector for a facebook account; it is a platforms.Factory.
func New(acct config.Account, log *slog.Logger) (platforms.Connector, error) {
	o, err := platforms.OptionsOf[*Options](acct)
	if err != nil {
		return nil, err
	}
	if o.PageID == "" {
		return nil, errors.New("page_id is required")
	}
	c, hook, err := meta.Open(acct.BaseURL, o.Options, platforms.Quiet(log), TokenFix,
		"grant the app the %s permission for this Page (App Review), then generate a new Page access token")
	if err != nil {
		return nil, err
	}
	return &Connector{
		log:         platforms.Quiet(log),
		name:        acct.Name,
		pageID:      o.PageID,
		c:           c,
		hook:        hook,
		webhook:     o.Webhook,
		historyDays: acct.HistoryDays,
		now:         time.Now,
	}, nil
}

// Platform implements platforms.Connector.
func (c *Connector) Platform() inbox.Platform { return inbox.Facebook }

// Capabilities implements platforms.Connector.
func (c *Connector) Capabilities() inbox.Capabilities { return Descriptor().Capabilities }

// cursor is the resumable state of polling: a pass lists the feed, keeps
// the posts whose updated_time (which moves on every new comment) falls in
// the pass window, then reads each one's comments since the window opened.
type cursor struct {
	meta.Sweep
	Feed     string            `json:"feed,omitempty"`      // next feed page
	FeedDone bool              `json:"feed_done,omitempty"` // feed listed for this pass
	Posts    []post            `json:"posts,omitempty"`     // posts whose comments are still to read
	Comments string            `json:"comments,omitempty"`  // next comments page of Posts[0]
	Tops     map[string]string `json:"tops,omitempty"`      // recent comment → its top-level comment
}

type post struct {
	ID      string `json:"id"`
	Message string `json:"message,omitempty"`
	URL     string `json:"url,omitempty"`
}

type wirePost struct {
	ID           string    `json:"id"`
	Message      string    `json:"message"`
	Story        string    `json:"story"`
	PermalinkURL string    `json:"permalink_url"`
	CreatedTime  meta.Time `json:"created_time"`
	UpdatedTime  meta.Time `json:"updated_time"`
}

type wireComment struct {
	ID          string       `json:"id"`
	Message     string       `json:"message"`
	From        meta.Profile `json:"from"`
	CreatedTime meta.Time    `json:"created_time"`
	Parent      *struct {
		ID string `json:"id"`
	} `json:"parent"`
	IsHidden   bool `json:"is_hidden"`
	Attachment *struct {
		Type string `json:"type"`
	} `json:"attachment"`
}

const (
	feedFields    = "id,message,story,permalink_url,created_time,updated_time"
	commentFields = "id,message,from{id,name},created_time,parent{id},is_hidden,attachment{type}"
)

func decodeCursor(log *slog.Logger, s string) cursor {
	var cur cursor
	if s != "" {
		if err := json.Unmarshal([]byte(s), &cur); err != nil {
			// A damaged cursor must not stop the account for good; the
			// store drops what is fetched twice.
			log.Warn("facebook: unreadable cursor, starting over", "err", err)
			cur = cursor{}
		}
	}
	return cur
}

func (cur cursor) encode() string {
	b, _ := json.Marshal(cur)
	return string(b)
}

// Fetch implements platforms.Connector: one Graph request per call.
func (c *Connector) Fetch(ctx context.Context, cursorText string) (platforms.Batch, error) {
	cur := decodeCursor(c.log, cursorText)
	if cur.Begin(c.now(), c.historyDays) {
		cur.Feed, cur.FeedDone, cur.Posts, cur.Comments = "", false, nil, ""
	}
	var items []inbox.Inbound
	var err error
	switch {
	case len(cur.Posts) > 0:
		items, err = c.readComments(ctx, &cur)
	case !cur.FeedDone:
		err = c.readFeed(ctx, &cur)
	}
	if err != nil {
		return platforms.Batch{}, err
	}
	more := true
	if len(cur.Posts) == 0 && cur.FeedDone {
		cur.End()
		for id := range cur.Tops {
			if _, ok := cur.Seen[id]; !ok {
				delete(cur.Tops, id)
			}
		}
		cur.FeedDone, more = false, false
	}
	return platforms.Batch{Items: items, Cursor: cur.encode(), More: more}, nil
}

func (c *Connector) readFeed(ctx context.Context, cur *cursor) error {
	var page meta.Page
	var err error
	if cur.Feed != "" {
		err = c.c.Next(ctx, cur.Feed, &page)
	} else {
		q := url.Values{"fields": {feedFields}, "limit": {"25"}}
		err = c.c.Get(ctx, "/"+c.pageID+"/feed", q, &page)
	}
	if err != nil {
		return err
	}
	posts := meta.Decode(c.log, page.Data, "facebook post", func(p *wirePost) error {
		if p.ID == "" || p.CreatedTime.IsZero() {
			return errors.New("post without id or created_time")
		}
		return nil
	})
	for _, p := range posts {
		if cur.Old(p.UpdatedTime.Time) && !p.UpdatedTime.IsZero() {
			continue // no comment since the window opened
		}
		msg := p.Message
		if msg == "" {
			msg = p.Story
		}
		// The post text rides in the cursor until its comments are read: a
		// 60,000-character post would bloat every stored cursor of the pass.
		cur.Posts = append(cur.Posts, post{ID: p.ID, Message: meta.Clip(msg, MaxContext), URL: p.PermalinkURL})
	}
	cutoff := c.now().AddDate(0, 0, -max(WatchDays, c.historyDays))
	// Posts come newest first, but a pinned post may lead the first page:
	// only the last post of a page says whether older pages still matter.
	old := len(posts) > 0 && posts[len(posts)-1].CreatedTime.Before(cutoff)
	cur.Feed = meta.CleanNext(page.Paging.Next)
	if cur.Feed == "" || old {
		cur.Feed, cur.FeedDone = "", true
	}
	return nil
}

func (c *Connector) readComments(ctx context.Context, cur *cursor) ([]inbox.Inbound, error) {
	p := cur.Posts[0]
	var page meta.Page
	var err error
	if cur.Comments != "" {
		err = c.c.Next(ctx, cur.Comments, &page)
	} else {
		q := url.Values{
			"filter": {"stream"}, "order": {"chronological"},
			"since":  {fmt.Sprint(cur.Since)},
			"fields": {commentFields}, "limit": {"25"},
		}
		err = c.c.Get(ctx, "/"+p.ID+"/comments", q, &page)
	}
	if platforms.KindOf(err) == platforms.KindPermanent {
		// A post deleted since it was listed must not wedge the pass.
		c.log.Warn("facebook: skipping unreadable post", "account", c.name, "err", err)
		cur.Posts, cur.Comments = cur.Posts[1:], ""
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var items []inbox.Inbound
	for _, cm := range meta.Decode(c.log, page.Data, "facebook comment", validComment) {
		top := cm.ID
		parent := ""
		if cm.Parent != nil && cm.Parent.ID != "" {
			parent, top = cm.Parent.ID, cm.Parent.ID
			if t, ok := cur.Tops[parent]; ok {
				top = t
			}
		}
		if cur.Tops == nil {
			cur.Tops = map[string]string{}
		}
		cur.Tops[cm.ID] = top
		if !cur.Take(cm.ID, cm.CreatedTime.Time) {
			continue
		}
		items = append(items, c.inbound(p, cm, parent, top))
	}
	cur.Comments = meta.CleanNext(page.Paging.Next)
	if cur.Comments == "" {
		cur.Posts = cur.Posts[1:]
	}
	return items, nil
}

func validComment(cm *wireComment) error {
	if cm.ID == "" || cm.CreatedTime.IsZero() {
		return errors.New("comment without id or created_time")
	}
	return nil
}

func (c *Connector) inbound(p post, cm wireComment, parent, top string) inbox.Inbound {
	dir := inbox.In
	if cm.From.ID == c.pageID {
		dir = inbox.Out
	}
	text := cm.Message
	if text == "" && cm.Attachment != nil {
		text = meta.Placeholder(cm.Attachment.Type)
	}
	return inbox.Inbound{
		Thread: inbox.Thread{
			ExternalKey: threadKey(p.ID, top),
			Kind:        inbox.KindComment,
			Title:       meta.TitleOf(p.Message),
			ContextText: p.Message,
			ContextURL:  p.URL,
		},
		Message: inbox.Message{
			ExternalID: cm.ID,
			ParentID:   parent,
			Direction:  dir,
			Author:     cm.From.Contact(),
			Text:       text,
			SentAt:     cm.CreatedTime.Time,
			Hidden:     cm.IsHidden,
		},
	}
}

// threadKey names a comment thread: the post and its top-level comment.
func threadKey(postID, topID string) string { return postID + "/" + topID }
