package youtube

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"sapa/inbox"
	"sapa/platforms"
)

// Send posts r under the thread's top-level comment (comments.insert, 50
// units). YouTube nests replies one level deep, so an answer to a reply goes
// to the same top-level comment.
func (c *Connector) Send(ctx context.Context, r inbox.Reply) (inbox.Sent, error) {
	parent := topLevelID(r)
	switch {
	case strings.TrimSpace(r.Text) == "":
		return inbox.Sent{}, platforms.Errorf(platforms.KindPermanent, "the reply is empty")
	case inbox.Length(inbox.CountUTF16, r.Text) > MaxLength:
		return inbox.Sent{}, &platforms.Error{Kind: platforms.KindPermanent,
			Message: fmt.Sprintf("the reply is %d characters; YouTube allows %d", inbox.Length(inbox.CountUTF16, r.Text), MaxLength),
			Fix:     "shorten the reply"}
	case parent == "":
		return inbox.Sent{}, platforms.Errorf(platforms.KindPermanent, "no comment to reply to")
	}
	var out comment
	err := c.do(ctx, call{method: http.MethodPost, path: "/comments", query: url.Values{"part": {"snippet"}},
		body: insertRequest{Snippet: insertSnippet{ParentID: parent, TextOriginal: r.Text}}, cost: costInsert, send: true}, &out)
	if err != nil {
		return inbox.Sent{}, err
	}
	if out.ID == "" {
		return inbox.Sent{}, platforms.Errorf(platforms.KindAmbiguous, "YouTube accepted the reply but returned no comment id")
	}
	at, err := out.published()
	if err != nil {
		at = c.now()
	}
	return inbox.Sent{ExternalID: out.ID, SentAt: at}, nil
}

// readBackPages bounds the read-back: 1,000 replies under one comment.
const readBackPages = 10

// FindSent looks under the thread's top-level comment for a reply by our
// channel with r's text (comments.list, 1 unit a page). YouTube has no
// idempotency key, so channel, parent and text are the match.
func (c *Connector) FindSent(ctx context.Context, r inbox.Reply) (inbox.Sent, bool, error) {
	parent := topLevelID(r)
	if parent == "" {
		return inbox.Sent{}, false, platforms.Errorf(platforms.KindPermanent, "no comment to look for replies under")
	}
	q := url.Values{"part": {"snippet"}, "parentId": {parent}, "maxResults": {"100"}, "textFormat": {"plainText"}}
	for i := 0; i < readBackPages; i++ {
		var list commentList
		if err := c.do(ctx, call{method: http.MethodGet, path: "/comments", query: q, cost: costList}, &list); err != nil {
			return inbox.Sent{}, false, err
		}
		for _, raw := range list.Items {
			var cm comment
			if json.Unmarshal(raw, &cm) != nil || cm.Snippet.AuthorChannelID.Value != c.channel {
				continue
			}
			if sameText(cm.text(), r.Text) {
				at, _ := cm.published()
				return inbox.Sent{ExternalID: cm.ID, SentAt: at}, true, nil
			}
		}
		if list.NextPageToken == "" {
			return inbox.Sent{}, false, nil
		}
		q.Set("pageToken", list.NextPageToken)
	}
	return inbox.Sent{}, false, platforms.Errorf(platforms.KindPermanent,
		"more than %d replies under the comment; cannot tell whether ours was posted", readBackPages*100)
}

// sameText compares a comment as YouTube returns it with the text we sent;
// YouTube trims surrounding space and may normalise line breaks.
func sameText(got, sent string) bool {
	norm := func(s string) string { return strings.TrimSpace(strings.ReplaceAll(s, "\r\n", "\n")) }
	return norm(got) == norm(sent)
}

// Hide moves a comment to the held-for-review queue (hidden) or publishes it
// again (comments.setModerationStatus, 50 units). Holding rather than
// rejecting keeps the comment where any admin can review it in YouTube
// Studio, and both are undone the same way.
func (c *Connector) Hide(ctx context.Context, externalID string, hidden bool) error {
	if externalID == "" {
		return platforms.Errorf(platforms.KindPermanent, "no comment to moderate")
	}
	status := "published"
	if hidden {
		status = "heldForReview"
	}
	q := url.Values{"id": {externalID}, "moderationStatus": {status}}
	return c.do(ctx, call{method: http.MethodPost, path: "/comments/setModerationStatus", query: q, cost: costModify, send: true}, nil)
}

// Check reports, for `sapa doctor`, whether YouTube is reachable, the token
// is accepted and belongs to the configured channel, and how much of today's
// quota this process has spent.
func (c *Connector) Check(ctx context.Context) []platforms.Finding {
	var cl channelList
	err := c.do(ctx, call{method: http.MethodGet, path: "/channels",
		query: url.Values{"part": {"id,snippet"}, "mine": {"true"}}, cost: costList}, &cl)
	reach := platforms.Finding{Check: "YouTube API reachable at " + c.api.Base, OK: true}
	if k := platforms.KindOf(err); err != nil && (k == platforms.KindTransient || k == platforms.KindAmbiguous) {
		reach.OK = false
		reach.Fix = "check the network and base_url (" + err.Error() + ")"
		return []platforms.Finding{reach}
	}
	found := []platforms.Finding{reach}
	if k := platforms.KindOf(err); err != nil && k != platforms.KindRateLimited {
		return append(found, platforms.Finding{Check: "token accepted", Fix: fixOf(err)})
	}
	if err == nil {
		found = append(found, platforms.Finding{Check: "token accepted", OK: true})
		owner := platforms.Finding{Check: "token belongs to channel_id " + c.channel}
		for _, it := range cl.Items {
			owner.OK = owner.OK || it.ID == c.channel
		}
		if !owner.OK {
			owner.Fix = "the token is for another channel or a Google account without one"
			if len(cl.Items) > 0 {
				owner.Fix = fmt.Sprintf("the token is for channel %q (%s): set channel_id = %q or authorise the office's channel",
					cl.Items[0].Snippet.Title, cl.Items[0].ID, cl.Items[0].ID)
			}
		}
		found = append(found, owner)
	}
	day, used := c.quota.snapshot(c.now())
	q := platforms.Finding{
		Check: fmt.Sprintf("quota: %d of %d units spent by this process on %s (Pacific)", used, DailyQuota, day),
		OK:    used+costInsert <= DailyQuota,
	}
	if !q.OK {
		q.Fix = "wait for the reset at " + nextReset(c.now()).Format(time.RFC3339) + " or ask Google for a larger quota"
	}
	return append(found, q)
}

// fixOf is the advice an error carries, or its text when it has none.
func fixOf(err error) string {
	var pe *platforms.Error
	if errors.As(err, &pe) && pe.Fix != "" {
		return pe.Fix + " (" + pe.Message + ")"
	}
	return err.Error()
}
