package whatsapp

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"sapa/inbox"
	"sapa/platforms/meta"
)

// WebhookPath implements platforms.WebhookReceiver.
func (c *Connector) WebhookPath() string { return meta.WebhookPath("whatsapp", c.name) }

// value is the value of a "messages" change.
type value struct {
	Metadata struct {
		DisplayPhoneNumber string `json:"display_phone_number"`
		PhoneNumberID      string `json:"phone_number_id"`
	} `json:"metadata"`
	Contacts []struct {
		Profile struct {
			Name string `json:"name"`
		} `json:"profile"`
		WaID string `json:"wa_id"`
	} `json:"contacts"`
	Messages []json.RawMessage `json:"messages"`
	Statuses []status          `json:"statuses"`
}

type status struct {
	ID     string `json:"id"`
	Status string `json:"status"` // sent, delivered, read, failed
	Errors []struct {
		Code  int    `json:"code"`
		Title string `json:"title"`
	} `json:"errors"`
}

type caption struct {
	Caption  string `json:"caption"`
	Filename string `json:"filename"`
}

// message is one inbound message; the field named by Type holds its content.
type message struct {
	From      string    `json:"from"`
	ID        string    `json:"id"`
	Timestamp meta.Time `json:"timestamp"`
	Type      string    `json:"type"`
	Text      *struct {
		Body string `json:"body"`
	} `json:"text"`
	Image    *caption `json:"image"`
	Video    *caption `json:"video"`
	Document *caption `json:"document"`
	Location *struct {
		Latitude  float64 `json:"latitude"`
		Longitude float64 `json:"longitude"`
		Name      string  `json:"name"`
		Address   string  `json:"address"`
	} `json:"location"`
	Contacts []struct {
		Name struct {
			FormattedName string `json:"formatted_name"`
		} `json:"name"`
	} `json:"contacts"`
	Reaction *struct {
		MessageID string `json:"message_id"`
		Emoji     string `json:"emoji"`
	} `json:"reaction"`
	Button *struct {
		Text string `json:"text"`
	} `json:"button"`
	Interactive *struct {
		ButtonReply *struct{ Title string } `json:"button_reply"`
		ListReply   *struct{ Title string } `json:"list_reply"`
	} `json:"interactive"`
	System *struct {
		Body string `json:"body"`
	} `json:"system"`
	Context *struct {
		ID string `json:"id"`
	} `json:"context"`
}

// ServeWebhook implements platforms.WebhookReceiver: the messages of this
// phone number. Status updates of our own messages are not messages; failed
// deliveries are logged so an admin can see them in the relay's log.
func (c *Connector) ServeWebhook(w http.ResponseWriter, r *http.Request, body []byte) ([]inbox.Inbound, bool, error) {
	entries, handled, err := c.hook.Receive(w, r, body, "whatsapp_business_account", "")
	if handled || err != nil {
		return nil, handled, err
	}
	var items []inbox.Inbound
	for _, e := range entries {
		for _, ch := range e.Changes {
			if ch.Field != "messages" {
				continue
			}
			var v value
			if err := json.Unmarshal(ch.Value, &v); err != nil {
				c.log.Warn("whatsapp: skipping malformed change", "account", c.name, "err", err)
				continue
			}
			if v.Metadata.PhoneNumberID != c.phoneID {
				continue // another number of the same business account
			}
			items = append(items, c.messages(v)...)
			c.noteStatuses(v.Statuses)
		}
	}
	return items, false, nil
}

func (c *Connector) messages(v value) []inbox.Inbound {
	names := map[string]string{}
	for _, ct := range v.Contacts {
		names[ct.WaID] = ct.Profile.Name
	}
	var items []inbox.Inbound
	for i, raw := range v.Messages {
		var m message
		err := json.Unmarshal(raw, &m)
		if err == nil && (m.ID == "" || m.From == "" || m.Timestamp.IsZero()) {
			err = errors.New("message without id, from or timestamp")
		}
		if err != nil {
			c.log.Warn("whatsapp: skipping malformed message", "account", c.name, "index", i, "err", err)
			continue
		}
		text, parent, ok := content(m)
		if !ok {
			continue
		}
		items = append(items, inbox.Inbound{
			Thread: inbox.Thread{ExternalKey: m.From, Kind: inbox.KindDM},
			Message: inbox.Message{
				ExternalID: m.ID,
				ParentID:   parent,
				Direction:  inbox.In,
				Author:     inbox.Contact{ExternalID: m.From, Name: names[m.From], Handle: "+" + m.From},
				Text:       text,
				SentAt:     m.Timestamp.Time,
			},
		})
	}
	return items
}

// content renders a message as text; ok is false for events that are not
// worth a message (a reaction withdrawn).
func content(m message) (text, parent string, ok bool) {
	if m.Context != nil {
		parent = m.Context.ID
	}
	switch {
	case m.Type == "text" && m.Text != nil:
		return m.Text.Body, parent, true
	case m.Type == "image" && m.Image != nil:
		return meta.WithCaption(meta.Placeholder("image"), m.Image.Caption), parent, true
	case m.Type == "video" && m.Video != nil:
		return meta.WithCaption(meta.Placeholder("video"), m.Video.Caption), parent, true
	case m.Type == "document" && m.Document != nil:
		c := m.Document.Caption
		if c == "" {
			c = m.Document.Filename
		}
		return meta.WithCaption(meta.Placeholder("document"), c), parent, true
	case m.Type == "location" && m.Location != nil:
		l := m.Location
		var parts []string
		for _, p := range []string{l.Name, l.Address} {
			if p != "" {
				parts = append(parts, p)
			}
		}
		parts = append(parts, fmt.Sprintf("(%.6f, %.6f)", l.Latitude, l.Longitude))
		return meta.WithCaption(meta.Placeholder("location"), strings.Join(parts, ", ")), parent, true
	case m.Type == "contacts":
		var names []string
		for _, ct := range m.Contacts {
			names = append(names, ct.Name.FormattedName)
		}
		return meta.WithCaption(meta.Placeholder("contacts"), strings.Join(names, ", ")), parent, true
	case m.Type == "reaction" && m.Reaction != nil:
		if m.Reaction.Emoji == "" {
			return "", "", false // the reaction was withdrawn
		}
		return meta.WithCaption(meta.Placeholder("reaction"), m.Reaction.Emoji), m.Reaction.MessageID, true
	case m.Type == "button" && m.Button != nil:
		return m.Button.Text, parent, true
	case m.Type == "interactive" && m.Interactive != nil:
		if b := m.Interactive.ButtonReply; b != nil {
			return b.Title, parent, true
		}
		if l := m.Interactive.ListReply; l != nil {
			return l.Title, parent, true
		}
	case m.Type == "system" && m.System != nil:
		return "[sistem] " + m.System.Body, parent, true
	case m.Type == "order":
		return "[pesanan]", parent, true
	case m.Type == "unsupported", m.Type == "unknown":
		return "[pesan tidak didukung]", parent, true
	}
	return meta.Placeholder(m.Type), parent, true
}

func (c *Connector) noteStatuses(sts []status) {
	for _, s := range sts {
		if s.Status != "failed" {
			continue
		}
		code, title := 0, ""
		if len(s.Errors) > 0 {
			code, title = s.Errors[0].Code, s.Errors[0].Title
		}
		c.log.Warn("whatsapp: a sent message was not delivered", "account", c.name, "wamid", s.ID, "code", code, "title", title)
	}
}
