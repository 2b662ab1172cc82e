package instagram

import (
	"context"
	"encoding/json"
	"errors"
	"net/url"

	"sapa/inbox"
	"sapa/platforms"
	"sapa/platforms/meta"
)

// commentCursor is the state of a comments pass. Media are listed newest
// first; a medium is read only when its comments_count (which counts
// replies too) differs from the count when it was last read completely, so
// quiet posts cost nothing. A deletion and an addition between two passes
// leave the count unchanged: the webhook covers that case.
type commentCursor struct {
	meta.Sweep
	Media     string           `json:"media,omitempty"`      // next media page
	MediaDone bool             `json:"media_done,omitempty"` // media listed for this pass
	Queue     []medium         `json:"queue,omitempty"`      // media whose comments are to read
	Comments  string           `json:"comments,omitempty"`   // next comments page of Queue[0]
	Read      bool             `json:"read,omitempty"`       // Queue[0]'s top-level comments are read
	Replies   []replyPage      `json:"replies,omitempty"`    // further reply pages under Queue[0]
	Counts    map[string]count `json:"counts,omitempty"`     // medium → comments_count last read
}

type medium struct {
	ID      string `json:"id"`
	Caption string `json:"caption,omitempty"`
	URL     string `json:"url,omitempty"`
	Count   int    `json:"count"`
	Posted  int64  `json:"posted"`
}

type count struct {
	N      int   `json:"n"`
	Posted int64 `json:"t"` // to forget media that left the watch window
}

type replyPage struct {
	Top  string `json:"top"`
	Next string `json:"next"`
}

type wireMedium struct {
	ID            string    `json:"id"`
	Caption       string    `json:"caption"`
	Permalink     string    `json:"permalink"`
	Timestamp     meta.Time `json:"timestamp"`
	CommentsCount int       `json:"comments_count"`
}

type wireComment struct {
	ID        string       `json:"id"`
	Text      string       `json:"text"`
	Timestamp meta.Time    `json:"timestamp"`
	Username  string       `json:"username"`
	From      meta.Profile `json:"from"`
	Hidden    bool         `json:"hidden"`
	ParentID  string       `json:"parent_id"`
	Replies   *struct {
		Data   []json.RawMessage `json:"data"`
		Paging meta.Paging       `json:"paging"`
	} `json:"replies"`
}

const (
	mediaFields   = "id,caption,permalink,timestamp,comments_count"
	replyFields   = "id,text,timestamp,username,from,hidden,parent_id"
	commentFields = replyFields + ",replies{" + replyFields + "}"
)

func validComment(cm *wireComment) error {
	if cm.ID == "" || cm.Timestamp.IsZero() {
		return errors.New("comment without id or timestamp")
	}
	return nil
}

// commentStep does one request of the comments pass.
func (c *Connector) commentStep(ctx context.Context, cur *commentCursor) ([]inbox.Inbound, bool, error) {
	if cur.Begin(c.now(), c.historyDays) {
		cur.Media, cur.MediaDone, cur.Queue, cur.Comments, cur.Read, cur.Replies = "", false, nil, "", false, nil
	}
	var items []inbox.Inbound
	var err error
	switch {
	case len(cur.Queue) > 0 && !cur.Read:
		items, err = c.readComments(ctx, cur)
	case len(cur.Queue) > 0 && len(cur.Replies) > 0:
		items, err = c.readReplies(ctx, cur)
	case !cur.MediaDone:
		err = c.listMedia(ctx, cur)
	}
	if err != nil {
		return nil, false, err
	}
	if len(cur.Queue) > 0 && cur.Read && len(cur.Replies) == 0 {
		m := cur.Queue[0]
		if cur.Counts == nil {
			cur.Counts = map[string]count{}
		}
		cur.Counts[m.ID] = count{N: m.Count, Posted: m.Posted}
		cur.Queue, cur.Read = cur.Queue[1:], false
	}
	if len(cur.Queue) > 0 || !cur.MediaDone {
		return items, false, nil
	}
	cur.End()
	cutoff := c.cutoff()
	for id, n := range cur.Counts {
		if n.Posted < cutoff {
			delete(cur.Counts, id)
		}
	}
	cur.MediaDone = false
	return items, true, nil
}

func (c *Connector) cutoff() int64 {
	return c.now().AddDate(0, 0, -max(WatchDays, c.historyDays)).Unix()
}

func (c *Connector) listMedia(ctx context.Context, cur *commentCursor) error {
	var page meta.Page
	var err error
	if cur.Media != "" {
		err = c.c.Next(ctx, cur.Media, &page)
	} else {
		err = c.c.Get(ctx, "/"+c.igID+"/media", url.Values{"fields": {mediaFields}, "limit": {"25"}}, &page)
	}
	if err != nil {
		return err
	}
	media := meta.Decode(c.log, page.Data, "instagram media", func(m *wireMedium) error {
		if m.ID == "" || m.Timestamp.IsZero() {
			return errors.New("media without id or timestamp")
		}
		return nil
	})
	for _, m := range media {
		if m.CommentsCount == 0 || cur.Counts[m.ID].N == m.CommentsCount {
			continue
		}
		cur.Queue = append(cur.Queue, medium{ID: m.ID, Caption: m.Caption, URL: m.Permalink, Count: m.CommentsCount, Posted: m.Timestamp.Unix()})
	}
	// Newest first, but a pinned post may lead: the last one decides.
	old := len(media) > 0 && media[len(media)-1].Timestamp.Unix() < c.cutoff()
	cur.Media = meta.CleanNext(page.Paging.Next)
	if cur.Media == "" || old {
		cur.Media, cur.MediaDone = "", true
	}
	return nil
}

func (c *Connector) readComments(ctx context.Context, cur *commentCursor) ([]inbox.Inbound, error) {
	m := cur.Queue[0]
	var page meta.Page
	var err error
	if cur.Comments != "" {
		err = c.c.Next(ctx, cur.Comments, &page)
	} else {
		err = c.c.Get(ctx, "/"+m.ID+"/comments", url.Values{"fields": {commentFields}, "limit": {"25"}}, &page)
	}
	if platforms.KindOf(err) == platforms.KindPermanent {
		c.log.Warn("instagram: skipping unreadable media", "account", c.name, "err", err)
		cur.Queue, cur.Comments, cur.Replies = cur.Queue[1:], "", nil
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var items []inbox.Inbound
	for _, cm := range meta.Decode(c.log, page.Data, "instagram comment", validComment) {
		if cur.Take(cm.ID, cm.Timestamp.Time) {
			items = append(items, c.inbound(m, cm, cm.ID))
		}
		if cm.Replies == nil {
			continue
		}
		items = append(items, c.replies(cur, m, cm.ID, cm.Replies.Data)...)
		if next := meta.CleanNext(cm.Replies.Paging.Next); next != "" {
			cur.Replies = append(cur.Replies, replyPage{Top: cm.ID, Next: next})
		}
	}
	cur.Comments = meta.CleanNext(page.Paging.Next)
	if cur.Comments == "" {
		cur.Read = true
	}
	return items, nil
}

func (c *Connector) readReplies(ctx context.Context, cur *commentCursor) ([]inbox.Inbound, error) {
	rp := cur.Replies[0]
	var page meta.Page
	err := c.c.Next(ctx, rp.Next, &page)
	if platforms.KindOf(err) == platforms.KindPermanent {
		c.log.Warn("instagram: skipping unreadable replies", "account", c.name, "err", err)
		cur.Replies = cur.Replies[1:]
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	items := c.replies(cur, cur.Queue[0], rp.Top, page.Data)
	if next := meta.CleanNext(page.Paging.Next); next != "" {
		cur.Replies[0].Next = next
	} else {
		cur.Replies = cur.Replies[1:]
	}
	return items, nil
}

func (c *Connector) replies(cur *commentCursor, m medium, top string, raw []json.RawMessage) []inbox.Inbound {
	var items []inbox.Inbound
	for _, r := range meta.Decode(c.log, raw, "instagram reply", validComment) {
		if cur.Take(r.ID, r.Timestamp.Time) {
			items = append(items, c.inbound(m, r, top))
		}
	}
	return items
}

func (c *Connector) inbound(m medium, cm wireComment, top string) inbox.Inbound {
	author := cm.From
	if author.Username == "" {
		author.Username = cm.Username
	}
	dir := inbox.In
	if author.ID == c.igID {
		dir = inbox.Out
	}
	parent := ""
	if top != cm.ID {
		parent = top // Instagram threads are one level deep
	}
	return inbox.Inbound{
		Thread: inbox.Thread{
			ExternalKey: m.ID + "/" + top,
			Kind:        inbox.KindComment,
			Title:       meta.TitleOf(m.Caption),
			ContextText: m.Caption,
			ContextURL:  m.URL,
		},
		Message: inbox.Message{
			ExternalID: cm.ID,
			ParentID:   parent,
			Direction:  dir,
			Author:     author.Contact(),
			Text:       cm.Text,
			SentAt:     cm.Timestamp.Time,
			Hidden:     cm.Hidden,
		},
	}
}
