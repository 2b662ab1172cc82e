// Package messenger connects Sapa to a Facebook Page's Messenger inbox: the
// Page's conversations (/{page-id}/conversations?platform=messenger) read
// incrementally, replies through the Send API inside Meta's messaging
// windows, read-back of the Page's own messages for reconciliation, and the
// optional Page "messages" webhook.
package messenger

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"net/url"

	"sapa/config"
	"sapa/inbox"
	"sapa/platforms"
	"sapa/platforms/meta"
)

// MaxLength is the Send API's text limit ("UTF-8 and less than 2000
// characters").
const MaxLength = 2000

// TokenFix tells the admin what to do when Meta rejects the token.
const TokenFix = "generate a new Page access token (Meta Business Suite → Settings → System users, or Graph API Explorer → Get Page Access Token) with pages_messaging, pages_manage_metadata and pages_read_engagement, and update this account's token"

// Connector is one Page's Messenger inbox.
type Connector struct {
	log     *slog.Logger
	name    string
	pageID  string
	c       *meta.Client
	dm      *meta.DM
	hook    meta.Webhook
	webhook bool
}

// New builds the connector for a messenger account; it is a
// platforms.Factory.
func New(acct config.Account, log *slog.Logger) (platforms.Connector, error) {
	o, err := platforms.OptionsOf[*Options](acct)
	if err != nil {
		return nil, err
	}
	if o.PageID == "" {
		return nil, errors.New("page_id is required")
	}
	c, hook, err := meta.Open(acct.BaseURL, o.Options, platforms.Quiet(log), TokenFix,
		"grant the app the %s permission for this Page (App Review, Advanced Access), then generate a new Page access token")
	if err != nil {
		return nil, err
	}
	return &Connector{
		log:    platforms.Quiet(log),
		name:   acct.Name,
		pageID: o.PageID,
		c:      c,
		dm: &meta.DM{
			Client:      c,
			Platform:    "messenger",
			Owner:       o.PageID,
			List:        "/" + o.PageID + "/conversations",
			SendPath:    "/" + o.PageID + "/messages",
			MaxLength:   MaxLength,
			HistoryDays: acct.HistoryDays,
		},
		hook:    hook,
		webhook: o.Webhook,
	}, nil
}

// Platform implements platforms.Connector.
func (c *Connector) Platform() inbox.Platform { return inbox.Messenger }

// Capabilities implements platforms.Connector. Past the 24-hour window a
// reply still goes out, tagged HUMAN_AGENT, for up to 7 days.
func (c *Connector) Capabilities() inbox.Capabilities { return Descriptor().Capabilities }

// Fetch implements platforms.Connector: one Graph request per call. The
// cursor lists no conversation ids past a finished pass.
func (c *Connector) Fetch(ctx context.Context, cursor string) (platforms.Batch, error) {
	var cur meta.DMCursor
	if cursor != "" {
		if err := json.Unmarshal([]byte(cursor), &cur); err != nil {
			c.log.Warn("messenger: unreadable cursor, starting over", "account", c.name, "err", err)
			cur = meta.DMCursor{}
		}
	}
	items, done, err := c.dm.Step(ctx, &cur)
	if err != nil {
		return platforms.Batch{}, err
	}
	b, _ := json.Marshal(cur)
	return platforms.Batch{Items: items, Cursor: string(b), More: !done}, nil
}

// Send implements platforms.Connector: POST /{page-id}/messages to the
// person (PSID), as a RESPONSE within 24 hours of their last message, tagged
// HUMAN_AGENT up to 7 days, refused after.
func (c *Connector) Send(ctx context.Context, r inbox.Reply) (inbox.Sent, error) {
	return c.dm.Send(ctx, r)
}

// FindSent implements platforms.Reconciler.
func (c *Connector) FindSent(ctx context.Context, r inbox.Reply) (inbox.Sent, bool, error) {
	return c.dm.FindSent(ctx, r)
}

// WebhookPath implements platforms.WebhookReceiver.
func (c *Connector) WebhookPath() string { return meta.WebhookPath("messenger", c.name) }

// ServeWebhook implements platforms.WebhookReceiver: entry[].messaging[]
// events of the Page; message echoes (the Page's own messages, also those
// sent from Meta Business Suite) come back as outbound.
func (c *Connector) ServeWebhook(w http.ResponseWriter, r *http.Request, body []byte) ([]inbox.Inbound, bool, error) {
	entries, handled, err := c.hook.Receive(w, r, body, "page", c.pageID)
	if handled || err != nil {
		return nil, handled, err
	}
	var items []inbox.Inbound
	for _, e := range entries {
		for _, raw := range e.Messaging {
			if it, ok := c.dm.FromEvent(raw); ok {
				items = append(items, it)
			}
		}
	}
	return items, false, nil
}

// Check implements platforms.Checker for `sapa doctor`.
func (c *Connector) Check(ctx context.Context) []platforms.Finding {
	var page struct {
		ID string `json:"id"`
	}
	err := c.c.Get(ctx, "/"+c.pageID, url.Values{"fields": {"id,name"}}, &page)
	if err == nil && page.ID != c.pageID {
		err = errors.New("Graph API returned another object for page_id")
	}
	out := []platforms.Finding{meta.Finding("token accepted and Page "+c.pageID+" readable at "+c.c.BaseURL(), err,
		"check page_id and base_url, and that the token belongs to this Page")}
	if err != nil {
		return out
	}
	err = c.c.Get(ctx, "/"+c.pageID+"/conversations", url.Values{"platform": {"messenger"}, "fields": {"id"}, "limit": {"1"}}, &meta.Page{})
	out = append(out, meta.Finding("Messenger conversations readable (pages_messaging, pages_manage_metadata)", err,
		"grant pages_messaging and pages_manage_metadata, give the token's user the MESSAGING task on the Page, then generate a new Page access token"))
	if c.webhook {
		out = append(out, meta.CheckWebhookSecrets(c.hook), meta.CheckSubscription(ctx, c.c, c.pageID, "messages", c.WebhookPath()))
	}
	return out
}
