package x

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"sapa/inbox"
	"sapa/platforms"
)

// cursor is what Fetch hands the relay to store with each batch. X serves
// mentions newest first, so while paging back through older pages the
// resume point (Since) must not move: only when the last page is in does
// Newest become the new Since. A restart mid-paging resumes at Next.
type cursor struct {
	Since  string `json:"since,omitempty"`  // newest mention id fully ingested
	Start  string `json:"start,omitempty"`  // first run only: start_time bounding history
	Next   string `json:"next,omitempty"`   // pagination_token of the page to fetch next
	Newest string `json:"newest,omitempty"` // newest id seen since paging began
}

func (c *Connector) parseCursor(s string) cursor {
	var cur cursor
	if s == "" {
		return cur
	}
	if err := json.Unmarshal([]byte(s), &cur); err != nil || (cur.Since != "" && !validID(cur.Since)) {
		// A stored cursor we cannot read must not wedge the account: start
		// over within the history window; the store dedupes on ids.
		c.log.Warn("x: unreadable cursor, starting over within the history window", "err", err)
		return cursor{}
	}
	return cur
}

func (cur cursor) String() string {
	b, _ := json.Marshal(cur)
	return string(b)
}

// Fetch returns one page of mentions newer than cursor.
func (c *Connector) Fetch(ctx context.Context, cursorStr string) (platforms.Batch, error) {
	cur := c.parseCursor(cursorStr)
	if cur.Since == "" && cur.Start == "" {
		cur.Start = c.now().UTC().Add(-time.Duration(c.days) * 24 * time.Hour).Format(time.RFC3339)
	}
	p, err := c.fetchPage(ctx, cur)
	if platforms.KindOf(err) == platforms.KindPermanent && cur.Next != "" {
		// Pagination tokens do not last forever; start the run again from
		// the top (Since has not moved, so nothing is skipped).
		c.log.Warn("x: pagination token refused, restarting the page run", "err", err)
		cur.Next = ""
		p, err = c.fetchPage(ctx, cur)
	}
	if err != nil {
		return platforms.Batch{}, err
	}
	var items []inbox.Inbound
	for _, t := range p.tweets {
		it, err := p.toInbound(t, c.userID)
		if err != nil {
			c.log.Warn("x: skipping malformed mention", "id", t.ID, "err", err)
			continue
		}
		items = append(items, it)
	}
	if p.bad > 0 {
		c.log.Warn("x: skipped undecodable items in a mentions page", "count", p.bad)
	}
	for id, why := range p.skip {
		c.log.Warn("x: skipping mention X reported a problem with", "id", id, "problem", c.tok.Redact(why))
	}
	newest := cur.Newest
	for _, id := range append(p.allIDs, p.newest) {
		if validID(id) && (newest == "" || newerID(id, newest)) {
			newest = id
		}
	}
	if p.next != "" {
		return platforms.Batch{Items: items, More: true,
			Cursor: cursor{Since: cur.Since, Start: cur.Start, Next: p.next, Newest: newest}.String()}, nil
	}
	done := cursor{Since: cur.Since, Start: cur.Start}
	if newest != "" && (done.Since == "" || newerID(newest, done.Since)) {
		done.Since = newest
	}
	if done.Since != "" {
		done.Start = "" // since_id takes over from start_time for good
	}
	return platforms.Batch{Items: items, Cursor: done.String()}, nil
}

func (c *Connector) fetchPage(ctx context.Context, cur cursor) (*page, error) {
	q := url.Values{
		"max_results":  {strconv.Itoa(maxResults)},
		"expansions":   {expansions},
		"tweet.fields": {tweetFields},
		"user.fields":  {userFields},
	}
	if cur.Since != "" {
		q.Set("since_id", cur.Since)
	} else {
		q.Set("start_time", cur.Start)
	}
	if cur.Next != "" {
		q.Set("pagination_token", cur.Next)
	}
	var raw json.RawMessage
	err := c.do(ctx, call{method: http.MethodGet, path: "/2/users/" + c.userID + "/mentions", query: q,
		bucket: "GET /2/users/:id/mentions"}, &raw)
	if err != nil {
		return nil, err
	}
	p, err := decodePage(raw)
	if err != nil {
		return nil, &platforms.Error{Kind: platforms.KindMalformed, Message: "X sent a mentions page that is not the documented shape", Err: c.api.Clean(err)}
	}
	return p, nil
}
