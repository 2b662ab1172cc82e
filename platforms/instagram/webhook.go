package instagram

import (
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"

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
	if handled, err := c.hook.Verify(w, r, body); handled || err != nil {
		return nil, handled, err
	}
	env, err := meta.ParseEnvelope(body)
	if err != nil {
		return nil, false, err
	}
	if env.Object != "instagram" {
		return nil, false, nil
	}
	var items []inbox.Inbound
	for _, e := range env.Entry {
		if e.ID != c.igID {
			continue
		}
		for _, ch := range e.Changes {
			if ch.Field != "comments" {
				continue
			}
			if it, ok := c.fromChange(ch.Value, e.Time); ok {
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
// time stands for it. The media caption is not in the event: polling fills
// the thread's context.
func (c *Connector) fromChange(raw json.RawMessage, at meta.Time) (inbox.Inbound, bool) {
	var v commentValue
	err := json.Unmarshal(raw, &v)
	if err == nil && (v.ID == "" || v.Media.ID == "" || at.IsZero()) {
		err = errors.New("comment without id, media or time")
	}
	if err != nil {
		slog.Warn("instagram: skipping malformed comments change", "account", c.name, "err", err)
		return inbox.Inbound{}, false
	}
	top := v.ID
	if v.ParentID != "" {
		top = v.ParentID
	}
	cm := wireComment{ID: v.ID, Text: v.Text, Timestamp: at, From: v.From, Username: v.From.Username}
	return c.inbound(medium{ID: v.Media.ID}, cm, top), true
}
