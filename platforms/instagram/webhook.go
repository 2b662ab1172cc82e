package instagram

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
func (c *Connector) WebhookPath() string { return meta.WebhookPath("instagram", c.name) }

// commentValue is the value of an Instagram "comments" change.
type commentValue struct {
	ID       string       `json:"id"`
	Text     string       `json:"text"`
	ParentID string       `json:"parent_id"`
	From     meta.Profile `json:"from"`
	Media    struct {
		ID string `json:"id"`
	} `json:"media"`
}

// ServeWebhook implements platforms.WebhookReceiver: "comments" changes and
// "messages" events of the account (object "instagram").
func (c *Connector) ServeWebhook(w http.ResponseWriter, r *http.Request, body []byte) ([]inbox.Inbound, bool, error) {
	entries, handled, err := c.hook.Receive(w, r, body, "instagram", c.igID)
	if handled || err != nil {
		return nil, handled, err
	}
	var items []inbox.Inbound
	for _, e := range entries {
		for _, ch := range e.Changes {
			if ch.Field != "comments" {
				continue
			}
			if it, ok := c.fromChange(r.Context(), ch.Value, e.Time); ok {
				items = append(items, it)
			}
		}
		for _, raw := range e.Messaging {
			if it, ok := c.dm.FromEvent(raw); ok {
				items = append(items, it)
			}
		}
	}
	return items, false, nil
}

// fromChange maps a comment; the event has no time of its own, the entry's
// time stands for it. The caption is not in the event: it is read once per
// medium (cached), within meta.ContextTimeout.
func (c *Connector) fromChange(ctx context.Context, raw json.RawMessage, at meta.Time) (inbox.Inbound, bool) {
	var v commentValue
	err := json.Unmarshal(raw, &v)
	if err == nil && (v.ID == "" || v.Media.ID == "" || at.IsZero()) {
		err = errors.New("comment without id, media or time")
	}
	if err != nil {
		c.log.Warn("instagram: skipping malformed comments change", "account", c.name, "err", err)
		return inbox.Inbound{}, false
	}
	top := v.ID
	if v.ParentID != "" {
		top = v.ParentID
	}
	cm := wireComment{ID: v.ID, Text: v.Text, Timestamp: at, From: v.From, Username: v.From.Username}
	pc := c.media.Get(ctx, v.Media.ID, c.loadMedium)
	return c.inbound(medium{ID: v.Media.ID, Caption: pc.Text, URL: pc.URL}, cm, top), true
}

// loadMedium reads the caption a comment thread shows above itself.
func (c *Connector) loadMedium(ctx context.Context, id string) (meta.PostContext, error) {
	var m wireMedium
	if err := c.c.Get(ctx, "/"+id, url.Values{"fields": {"id,caption,permalink"}}, &m); err != nil {
		c.log.Warn("instagram: caption unavailable for a webhook comment", "account", c.name, "err", err)
		return meta.PostContext{}, err
	}
	return meta.PostContext{Text: m.Caption, URL: m.Permalink}, nil
}
