// Package instagram connects Sapa to an Instagram professional account:
// comments on its media (/{ig-user-id}/media, /comments, /replies) and its
// direct messages through the Instagram messaging API (/me/conversations,
// /me/messages), replies to the exact comment or person, hiding comments,
// read-back for reconciliation, and the optional "comments"/"messages"
// webhook. Both Instagram hosts work: graph.facebook.com with a Page token
// (Instagram API with Facebook Login, the default) and graph.instagram.com
// with an Instagram user token (set base_url).
package instagram

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"strings"
	"time"

	"sapa/config"
	"sapa/inbox"
	"sapa/platforms"
	"sapa/platforms/meta"
)

// Text limits: a comment takes 2,200 characters, a direct message 1,000.
const (
	MaxLength   = 2200
	DMMaxLength = 1000
)

// WatchDays is how far back polling looks at media for new comments.
const WatchDays = 30

// TokenFix tells the admin what to do when Meta rejects the token.
const TokenFix = "generate a new access token for the Instagram account (a Page token of the linked Page with instagram_basic, instagram_manage_comments and instagram_manage_messages, or an Instagram user token with instagram_business_basic, instagram_business_manage_comments and instagram_business_manage_messages) and update this account's token"

// Connector is one Instagram professional account.
type Connector struct {
	log         *slog.Logger
	name        string
	igID        string
	c           *meta.Client
	dm          *meta.DM
	hook        meta.Webhook
	webhook     bool
	historyDays int
	now         func() time.Time

	media meta.ContextCache // captions for webhook comments
}

// New builds the connector for an instagram account; it is a
// platforms.Factory.
func New(acct config.Account, log *slog.Logger) (platforms.Connector, error) {
	o, err := platforms.OptionsOf[*Options](acct)
	if err != nil {
		return nil, err
	}
	if o.IGUserID == "" {
		return nil, errors.New("ig_user_id is required")
	}
	c, hook, err := meta.Open(acct.BaseURL, o.Options, platforms.Quiet(log), TokenFix,
		"grant the app the %s permission (App Review), then generate a new access token")
	if err != nil {
		return nil, err
	}
	return &Connector{
		log:  platforms.Quiet(log),
		name: acct.Name,
		igID: o.IGUserID,
		c:    c,
		dm: &meta.DM{
			Client:   c,
			Platform: "instagram",
			Owner:    o.IGUserID,
			// /me is the Page with a Page token and the Instagram account
			// with an Instagram token: both serve its conversations.
			List:        "/me/conversations",
			SendPath:    "/me/messages",
			KeyPrefix:   "dm:",
			MaxLength:   DMMaxLength,
			HistoryDays: acct.HistoryDays,
		},
		hook:        hook,
		webhook:     o.Webhook,
		historyDays: acct.HistoryDays,
		now:         time.Now,
	}, nil
}

// Platform implements platforms.Connector.
func (c *Connector) Platform() inbox.Platform { return inbox.Instagram }

// Capabilities implements platforms.Connector. MaxLength is the comment
// limit; direct messages take DMMaxLength and only within 7 days of the
// person's last message, which Send enforces (ReplyWindow stays 0 because it
// would wrongly apply to comments).
func (c *Connector) Capabilities() inbox.Capabilities { return Descriptor().Capabilities }

// cursor alternates two feeds: comments on media, then direct messages.
// Each has its own position and its own health, so a feed that fails
// (messaging not granted, an app without DM access answering code 100)
// degrades only itself: the other keeps flowing, the cursor is saved, and
// a restart resumes both where they were.
type cursor struct {
	Comments     commentCursor `json:"comments"`
	DMs          meta.DMCursor `json:"dms"`
	InDMs        bool          `json:"in_dms,omitempty"` // the comments pass is done; reading DMs
	CommentsFeed feed          `json:"comments_feed,omitzero"`
	DMFeed       feed          `json:"dm_feed,omitzero"`
}

// feed is one feed's health: why it last failed, how often in a row, and
// not before when it is tried again.
type feed struct {
	Err   string `json:"err,omitempty"`
	Fails int    `json:"fails,omitempty"`
	Next  int64  `json:"next,omitempty"` // unix seconds
}

// Feed retry: a refused feed is tried again after feedRetry, doubling up
// to feedRetryMax — a missing permission is not granted in minutes, but
// once it is, the feed comes back by itself.
const (
	feedRetry    = 10 * time.Minute
	feedRetryMax = 6 * time.Hour
)

func (f feed) resting(now time.Time) bool { return f.Fails > 0 && now.Unix() < f.Next }

func (f *feed) fail(err error, now time.Time) {
	f.Fails++
	f.Err = platforms.Describe(err)
	wait := feedRetry
	for i := 1; i < f.Fails && wait < feedRetryMax; i++ {
		wait *= 2
	}
	f.Next = now.Add(min(wait, feedRetryMax)).Unix()
}

// ownFailure reports an error that belongs to one feed (a permission or
// an endpoint refused), not to the whole account: a bad token, a rate
// limit or an unreachable Graph API stop every feed alike.
func ownFailure(err error) bool {
	switch platforms.KindOf(err) {
	case platforms.KindAuth:
		return !isTokenCode(err)
	case platforms.KindPermanent, platforms.KindMalformed, platforms.KindUnsupported:
		return true
	}
	return false
}

// Fetch implements platforms.Connector: one Graph request per call.
func (c *Connector) Fetch(ctx context.Context, cursorText string) (platforms.Batch, error) {
	var cur cursor
	if cursorText != "" {
		if err := json.Unmarshal([]byte(cursorText), &cur); err != nil {
			c.log.Warn("instagram: unreadable cursor, starting over", "account", c.name, "err", err)
			cur = cursor{}
		}
	}
	now := c.now()
	if !cur.InDMs && cur.CommentsFeed.resting(now) {
		cur.InDMs = true
	}
	if !cur.InDMs {
		items, done, err := c.commentStep(ctx, &cur.Comments)
		switch {
		case err != nil && !ownFailure(err):
			return platforms.Batch{}, err
		case err != nil:
			cur.CommentsFeed.fail(err, now)
			c.log.Warn("instagram: comments unavailable", "account", c.name, "err", err)
			done = true
		default:
			cur.CommentsFeed = feed{}
		}
		if done {
			// On to direct messages, unless that feed is resting.
			cur.InDMs = !cur.DMFeed.resting(now)
		}
		return c.batch(items, cur, !done || cur.InDMs), nil
	}
	cur.InDMs = false
	if cur.DMFeed.resting(now) {
		return c.batch(nil, cur, false), nil
	}
	items, done, err := c.dm.Step(ctx, &cur.DMs)
	switch {
	case err != nil && !ownFailure(err):
		return platforms.Batch{}, err
	case err != nil:
		cur.DMFeed.fail(err, now)
		c.log.Warn("instagram: direct messages unavailable", "account", c.name, "err", err)
		return c.batch(nil, cur, false), nil
	}
	cur.DMFeed = feed{}
	cur.InDMs = !done
	return c.batch(items, cur, !done), nil
}

// batch packs a step's items with the cursor and says which feed is
// failing, if one is.
func (c *Connector) batch(items []inbox.Inbound, cur cursor, more bool) platforms.Batch {
	b, _ := json.Marshal(cur)
	var bad []string
	if cur.CommentsFeed.Fails > 0 {
		bad = append(bad, "comments: "+cur.CommentsFeed.Err)
	}
	if cur.DMFeed.Fails > 0 {
		bad = append(bad, "direct messages: "+cur.DMFeed.Err)
	}
	return platforms.Batch{Items: items, Cursor: string(b), More: more, Degraded: strings.Join(bad, "; ")}
}

func isTokenCode(err error) bool {
	code, _ := meta.CodeOf(err)
	return code == 190 || code == 102 || code == 104 || code == 463 || code == 467
}
