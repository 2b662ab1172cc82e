package youtube

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"time"

	"sapa/inbox"
	"sapa/platforms"
)

// The two passes of a poll: what the public sees, then what YouTube holds
// back for the owner to review (often the complaints that matter most).
const (
	passPublished = "published"
	passHeld      = "heldForReview"
)

// mark is a position in time: everything published before Since, and the
// comments in IDs published exactly at Since, are already ingested. YouTube
// has no since parameter and stamps whole seconds, so the ids settle ties.
type mark struct {
	Since string   `json:"since,omitempty"` // RFC 3339
	IDs   []string `json:"ids,omitempty"`
}

func (m mark) time() time.Time {
	t, _ := time.Parse(time.RFC3339Nano, m.Since)
	return t
}

// covers reports whether a comment published at at with id is already in.
func (m mark) covers(at time.Time, id string) bool {
	since := m.time()
	return at.Before(since) || at.Equal(since) && contains(m.IDs, id)
}

// add takes note of an ingested comment, keeping the newest instant only.
func (m *mark) add(at time.Time, id string) {
	switch since := m.time(); {
	case m.Since == "" || at.After(since):
		m.Since, m.IDs = at.UTC().Format(time.RFC3339Nano), []string{id}
	case at.Equal(since) && !contains(m.IDs, id):
		m.IDs = append(m.IDs, id)
	}
}

// cursor is what Fetch hands the relay to store with each batch. Threads come
// newest first, so a pass's mark moves only when its last page is in; a
// restart mid-pass resumes at Page with the old mark.
type cursor struct {
	Published mark   `json:"published"`
	Held      mark   `json:"held"`
	Start     string `json:"start,omitempty"` // history bound until both passes have a mark
	Pass      string `json:"pass,omitempty"`  // the pass in progress; "" is published
	Page      string `json:"page,omitempty"`  // pageToken within the pass
	Newest    mark   `json:"newest"`          // newest ingested in the pass so far
	QuotaDay  string `json:"quota_day,omitempty"`
	QuotaUsed int    `json:"quota_used,omitempty"`
}

func (c *Connector) parseCursor(s string) cursor {
	var cur cursor
	if s == "" {
		return cur
	}
	if err := json.Unmarshal([]byte(s), &cur); err != nil {
		// A stored cursor we cannot read must not wedge the account: start
		// over within the history window; the store dedupes on ids.
		c.log.Warn("youtube: unreadable cursor, starting over within the history window", "err", err)
		return cursor{}
	}
	return cur
}

func (cur *cursor) mark(pass string) *mark {
	if pass == passHeld {
		return &cur.Held
	}
	return &cur.Published
}

// Fetch returns one page of one pass. Batch.More stays true until both
// passes have reached comments already ingested.
func (c *Connector) Fetch(ctx context.Context, cursorStr string) (platforms.Batch, error) {
	cur := c.parseCursor(cursorStr)
	now := c.now()
	c.quota.restore(now, cur.QuotaDay, cur.QuotaUsed)
	if cur.Start == "" && (cur.Published.Since == "" || cur.Held.Since == "") {
		cur.Start = now.UTC().Add(-time.Duration(c.days) * 24 * time.Hour).Format(time.RFC3339)
	}
	pass := cur.Pass
	if pass != passHeld {
		pass = passPublished
	}
	m := cur.mark(pass)
	from := *m
	if from.Since == "" {
		from = mark{Since: cur.Start}
	}
	list, err := c.listThreads(ctx, pass, cur.Page)
	if err != nil && cur.Page != "" && invalidPageToken(err) {
		// Page tokens expire; the pass starts again from its newest page
		// (the mark has not moved, so nothing is skipped).
		c.log.Warn("youtube: page token refused, restarting the pass", "pass", pass)
		cur.Page, cur.Newest = "", mark{}
		list, err = c.listThreads(ctx, pass, "")
	}
	if err != nil {
		return platforms.Batch{}, err
	}
	threads := c.decodeThreads(list.Items)
	c.loadVideos(ctx, threads)
	items, reachedOld := c.convert(threads, pass == passHeld, from, &cur.Newest)

	if list.NextPageToken != "" && !reachedOld {
		cur.Page = list.NextPageToken
		return c.batch(items, cur, true), nil
	}
	// The pass is complete: its mark moves to the newest comment seen.
	*m = from
	for _, id := range cur.Newest.IDs {
		m.add(cur.Newest.time(), id)
	}
	cur.Page, cur.Newest = "", mark{}
	more := pass == passPublished
	if more {
		cur.Pass = passHeld
	} else {
		cur.Pass = ""
	}
	if cur.Published.Since != "" && cur.Held.Since != "" {
		cur.Start = ""
	}
	return c.batch(items, cur, more), nil
}

// batch seals the cursor with today's quota count, so a restart keeps it.
func (c *Connector) batch(items []inbox.Inbound, cur cursor, more bool) platforms.Batch {
	cur.QuotaDay, cur.QuotaUsed = c.quota.snapshot(c.now())
	b, _ := json.Marshal(cur)
	return platforms.Batch{Items: items, Cursor: string(b), More: more}
}

func (c *Connector) listThreads(ctx context.Context, pass, page string) (threadList, error) {
	q := url.Values{
		"part":                         {"snippet,replies"},
		"allThreadsRelatedToChannelId": {c.channel},
		"moderationStatus":             {pass},
		"order":                        {"time"},
		"textFormat":                   {"plainText"},
		"maxResults":                   {"100"},
	}
	if page != "" {
		q.Set("pageToken", page)
	}
	var list threadList
	err := c.do(ctx, call{method: http.MethodGet, path: "/commentThreads", query: q, cost: costList}, &list)
	return list, err
}

// decodeThreads keeps the items that parse, logging the rest.
func (c *Connector) decodeThreads(raw []json.RawMessage) []commentThread {
	var out []commentThread
	bad := 0
	for _, r := range raw {
		var th commentThread
		if err := json.Unmarshal(r, &th); err != nil || th.ID == "" {
			bad++
			continue
		}
		out = append(out, th)
	}
	if bad > 0 {
		c.log.Warn("youtube: skipped undecodable comment threads", "count", bad)
	}
	return out
}

// convert maps the threads' comments that are not yet ingested. reachedOld
// reports a thread with no activity since the mark: the threads after it are
// older still, so paging can stop.
func (c *Connector) convert(threads []commentThread, held bool, from mark, newest *mark) (items []inbox.Inbound, reachedOld bool) {
	since := from.time()
	for _, th := range threads {
		top := th.Snippet.TopLevelComment
		topAt, err := top.published()
		if err != nil {
			c.log.Warn("youtube: skipping malformed comment thread", "thread", th.ID, "err", err)
			continue
		}
		thread := c.threadOf(th, held)
		latest := topAt
		if !from.covers(topAt, top.ID) {
			// In the held pass the thread is listed for its top comment.
			items = append(items, inbox.Inbound{Thread: thread, Message: c.messageOf(top, "", topAt, held)})
			newest.add(topAt, top.ID)
		}
		for _, raw := range th.Replies.Comments {
			var rc comment
			if err := json.Unmarshal(raw, &rc); err != nil {
				c.log.Warn("youtube: skipping malformed reply", "thread", th.ID)
				continue
			}
			at, err := rc.published()
			if err != nil {
				c.log.Warn("youtube: skipping malformed reply", "thread", th.ID, "err", err)
				continue
			}
			if at.After(latest) {
				latest = at
			}
			if from.covers(at, rc.ID) {
				continue
			}
			parent := rc.Snippet.ParentID
			if parent == "" {
				parent = top.ID
			}
			items = append(items, inbox.Inbound{Thread: thread, Message: c.messageOf(rc, parent, at, false)})
			newest.add(at, rc.ID)
		}
		if latest.Before(since) {
			reachedOld = true
		}
	}
	return items, reachedOld
}

// loadVideos fills the title cache for the page's videos, 50 per call. It is
// best effort: a thread without a title is better than no thread.
func (c *Connector) loadVideos(ctx context.Context, threads []commentThread) {
	var missing []string
	c.mu.Lock()
	for _, th := range threads {
		id := th.Snippet.VideoID
		if _, ok := c.videos[id]; id != "" && !ok && !contains(missing, id) {
			missing = append(missing, id)
		}
	}
	c.mu.Unlock()
	for len(missing) > 0 {
		n := min(len(missing), 50)
		chunk := missing[:n]
		missing = missing[n:]
		var vl videoList
		q := url.Values{"part": {"snippet"}, "id": {strings.Join(chunk, ",")}, "maxResults": {"50"}}
		if err := c.do(ctx, call{method: http.MethodGet, path: "/videos", query: q, cost: costList}, &vl); err != nil {
			c.log.Warn("youtube: video titles unavailable", "err", err)
			return
		}
		c.mu.Lock()
		for _, id := range chunk {
			c.videos[id] = video{} // private or deleted videos are not asked again
		}
		for _, it := range vl.Items {
			c.videos[it.ID] = video{title: it.Snippet.Title, description: it.Snippet.Description}
		}
		c.mu.Unlock()
	}
}

func contains(s []string, v string) bool {
	for _, e := range s {
		if e == v {
			return true
		}
	}
	return false
}
