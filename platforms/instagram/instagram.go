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
	"sync"
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
	name        string
	igID        string
	c           *meta.Client
	dm          *meta.DM
	hook        meta.Webhook
	webhook     bool
	historyDays int
	now         func() time.Time

	media meta.ContextCache // captions for webhook comments

	mu    sync.Mutex
	dmErr error // why direct messages cannot be read; nil while they can
}

// New builds the connector for an instagram account; it is a
// platforms.Factory.
func New(acct config.Account) (platforms.Connector, error) {
	if acct.IGUserID == "" {
		return nil, errors.New("ig_user_id is required")
	}
	c, hook, err := meta.Open(acct, TokenFix,
		"grant the app the %s permission (App Review), then generate a new access token")
	if err != nil {
		return nil, err
	}
	return &Connector{
		name: acct.Name,
		igID: acct.IGUserID,
		c:    c,
		dm: &meta.DM{
			Client:   c,
			Platform: "instagram",
			Owner:    acct.IGUserID,
			// /me is the Page with a Page token and the Instagram account
			// with an Instagram token: both serve its conversations.
			List:        "/me/conversations",
			SendPath:    "/me/messages",
			KeyPrefix:   "dm:",
			MaxLength:   DMMaxLength,
			HistoryDays: acct.HistoryDays,
		},
		hook:        hook,
		webhook:     acct.Webhook,
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
func (c *Connector) Capabilities() inbox.Capabilities {
	return inbox.Capabilities{
		Reply:          true,
		DirectMessages: true,
		PublicComments: true,
		MaxLength:      MaxLength,
		Counting:       inbox.CountUTF16,
		TopLevelOnly:   true,
		Moderation:     true,
		ReadBack:       true,
	}
}

// cursor alternates two passes: comments on media, then direct messages.
type cursor struct {
	Comments commentCursor `json:"comments"`
	DMs      meta.DMCursor `json:"dms"`
	InDMs    bool          `json:"in_dms,omitempty"` // the comments pass is done; reading DMs
}

// Fetch implements platforms.Connector: one Graph request per call.
func (c *Connector) Fetch(ctx context.Context, cursorText string) (platforms.Batch, error) {
	var cur cursor
	if cursorText != "" {
		if err := json.Unmarshal([]byte(cursorText), &cur); err != nil {
			slog.Warn("instagram: unreadable cursor, starting over", "account", c.name, "err", err)
			cur = cursor{}
		}
	}
	var items []inbox.Inbound
	var done bool
	var err error
	if !cur.InDMs {
		items, done, err = c.commentStep(ctx, &cur.Comments)
		if err != nil {
			return platforms.Batch{}, err
		}
		if done {
			cur.InDMs = true
		}
		return platforms.Batch{Items: items, Cursor: encode(cur), More: true}, nil
	}
	if c.dmsOff() {
		cur.InDMs = false
		return platforms.Batch{Cursor: encode(cur)}, nil
	}
	items, done, err = c.dm.Step(ctx, &cur.DMs)
	if platforms.KindOf(err) == platforms.KindAuth {
		if _, isCode := meta.CodeOf(err); isCode && !isTokenCode(err) {
			// Messaging not granted: comments must keep flowing. Doctor
			// reports it; DMs stay off until the connector is rebuilt.
			c.mu.Lock()
			c.dmErr = err
			c.mu.Unlock()
			slog.Warn("instagram: direct messages unavailable", "account", c.name, "err", err)
			cur.InDMs = false
			return platforms.Batch{Cursor: encode(cur)}, nil
		}
	}
	if err != nil {
		return platforms.Batch{}, err
	}
	if done {
		cur.InDMs = false
	}
	return platforms.Batch{Items: items, Cursor: encode(cur), More: !done}, nil
}

func isTokenCode(err error) bool {
	code, _ := meta.CodeOf(err)
	return code == 190 || code == 102 || code == 104 || code == 463 || code == 467
}

func (c *Connector) dmsOff() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.dmErr != nil
}

func encode(cur cursor) string {
	b, _ := json.Marshal(cur)
	return string(b)
}
