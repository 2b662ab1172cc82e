package x

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"sapa/inbox"
	"sapa/platforms"
	"sapa/platforms/httpapi"
)

// Send posts r as a reply to the exact tweet r.InReplyTo.
func (c *Connector) Send(ctx context.Context, r inbox.Reply) (inbox.Sent, error) {
	if err := checkReply(r); err != nil {
		return inbox.Sent{}, err
	}
	var out createResponse
	err := c.do(ctx, call{method: http.MethodPost, path: "/2/tweets", bucket: "POST /2/tweets", send: true,
		body: createRequest{Text: r.Text, Reply: replyInfo{InReplyToTweetID: r.InReplyTo}}}, &out)
	if err != nil {
		return inbox.Sent{}, err
	}
	if !validID(out.Data.ID) {
		if len(out.Errors) > 0 {
			return inbox.Sent{}, &platforms.Error{Kind: platforms.KindPermanent,
				Message: "X refused the reply: " + c.tok.Redact(httpapi.Truncate(out.Errors[0].message(), 300))}
		}
		// A 2xx without an id: X may well have posted it.
		return inbox.Sent{}, platforms.Errorf(platforms.KindAmbiguous, "X accepted the reply but returned no tweet id")
	}
	return inbox.Sent{ExternalID: out.Data.ID, SentAt: c.now()}, nil
}

// checkReply refuses, before any request, what X would refuse.
func checkReply(r inbox.Reply) error {
	if strings.TrimSpace(r.Text) == "" {
		return platforms.Errorf(platforms.KindPermanent, "the reply is empty")
	}
	if n := inbox.Length(inbox.CountXWeighted, r.Text); n > MaxLength {
		return &platforms.Error{Kind: platforms.KindPermanent,
			Message: fmt.Sprintf("the reply is %d weighted characters; X allows %d", n, MaxLength),
			Fix:     "shorten the reply (links count 23, emoji and CJK characters count 2)"}
	}
	if !validID(r.InReplyTo) {
		return platforms.Errorf(platforms.KindPermanent, "no tweet to reply to (in-reply-to %q is not a tweet id)", r.InReplyTo)
	}
	return nil
}

// readBackPages bounds the read-back: 500 of our own tweets after the parent.
const readBackPages = 5

// FindSent looks among the account's own tweets newer than the parent for a
// reply to r.InReplyTo with r's text. X has no idempotency key, so text and
// parent are the match.
func (c *Connector) FindSent(ctx context.Context, r inbox.Reply) (inbox.Sent, bool, error) {
	if !validID(r.InReplyTo) {
		return inbox.Sent{}, false, platforms.Errorf(platforms.KindPermanent, "no tweet id to look for replies to")
	}
	q := url.Values{
		"since_id":     {r.InReplyTo}, // our reply is necessarily newer than its parent
		"max_results":  {strconv.Itoa(maxResults)},
		"tweet.fields": {"created_at,referenced_tweets,conversation_id,author_id,note_tweet"},
	}
	for i := 0; i < readBackPages; i++ {
		var raw json.RawMessage
		err := c.do(ctx, call{method: http.MethodGet, path: "/2/users/" + c.userID + "/tweets", query: q,
			bucket: "GET /2/users/:id/tweets"}, &raw)
		if err != nil {
			return inbox.Sent{}, false, err
		}
		p, err := decodePage(raw)
		if err != nil {
			return inbox.Sent{}, false, &platforms.Error{Kind: platforms.KindMalformed, Message: "X sent a timeline that is not the documented shape", Err: c.api.Clean(err)}
		}
		for _, t := range p.tweets {
			if t.repliedTo() == r.InReplyTo && sameText(t.fullText(), r.Text) {
				at, _ := parseTime(t.CreatedAt)
				return inbox.Sent{ExternalID: t.ID, SentAt: at}, true, nil
			}
		}
		if p.next == "" {
			return inbox.Sent{}, false, nil
		}
		q.Set("pagination_token", p.next)
	}
	return inbox.Sent{}, false, platforms.Errorf(platforms.KindPermanent,
		"more than %d of our tweets since the parent; cannot tell whether the reply was posted", readBackPages*maxResults)
}

var (
	linkPattern    = regexp.MustCompile(`(?i)https?://\S+`)
	leadingMention = regexp.MustCompile(`^(?:@\w+\s+)+`)
)

// sameText compares a tweet as X returns it with the text we sent: X wraps
// links in t.co, may prefix the reply with the @handles it answers, and
// trims surrounding space.
func sameText(got, sent string) bool {
	norm := func(s string) string {
		return strings.TrimSpace(linkPattern.ReplaceAllString(s, "<link>"))
	}
	g, s := norm(got), norm(sent)
	return g == s || norm(leadingMention.ReplaceAllString(g, "")) == s
}

// Check reports, for `sapa doctor`, whether X is reachable, the token is
// accepted and belongs to the configured user, and mentions can be read.
func (c *Connector) Check(ctx context.Context) []platforms.Finding {
	var me meResponse
	err := c.do(ctx, call{method: http.MethodGet, path: "/2/users/me", query: url.Values{"user.fields": {userFields}},
		bucket: "GET /2/users/me"}, &me)
	reach := platforms.Finding{Check: "X API reachable at " + c.api.Base, OK: true}
	if k := platforms.KindOf(err); err != nil && (k == platforms.KindTransient || k == platforms.KindAmbiguous) {
		reach.OK = false
		reach.Fix = "check the network and base_url (" + err.Error() + ")"
		return []platforms.Finding{reach}
	}
	found := []platforms.Finding{reach}
	tok := platforms.Finding{Check: "token accepted", OK: err == nil}
	if err != nil {
		tok.Fix = fixOf(err)
		return append(found, tok)
	}
	found = append(found, tok)
	owner := platforms.Finding{Check: fmt.Sprintf("token belongs to user_id %s", c.userID), OK: me.Data.ID == c.userID}
	if !owner.OK {
		owner.Fix = fmt.Sprintf("the token is @%s (id %s): set user_id = %q or use that account's token", me.Data.Username, me.Data.ID, me.Data.ID)
	}
	found = append(found, owner)
	var raw json.RawMessage
	err = c.do(ctx, call{method: http.MethodGet, path: "/2/users/" + c.userID + "/mentions",
		query: url.Values{"max_results": {"5"}}, bucket: "GET /2/users/:id/mentions"}, &raw)
	read := platforms.Finding{Check: "mentions readable", OK: err == nil}
	if err != nil {
		read.Fix = fixOf(err)
	}
	return append(found, read)
}

// fixOf is the advice an error carries, or its text when it has none.
func fixOf(err error) string {
	var pe *platforms.Error
	if errors.As(err, &pe) && pe.Fix != "" {
		return pe.Fix + " (" + pe.Message + ")"
	}
	return err.Error()
}
