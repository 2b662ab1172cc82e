package meta

import (
	"context"
	"encoding/json"
	"errors"
	"net/url"
	"strconv"
	"strings"
	"time"

	"sapa/inbox"
	"sapa/platforms"
)

// DM reads and answers private conversations through the Graph
// conversations edge and the Send API: Messenger conversations of a Page,
// and Instagram direct messages. Meta allows a free reply within 24 hours of
// the person's last message, and a human agent's reply (tag HUMAN_AGENT) up
// to 7 days after it; later, nothing.
type DM struct {
	Client      *Client
	Platform    string // conversations "platform" parameter: "messenger" or "instagram"
	Owner       string // the Page or Instagram account id: its messages are Out
	List        string // conversations edge, e.g. "/{page-id}/conversations" or "/me/conversations"
	SendPath    string // Send API, e.g. "/{page-id}/messages" or "/me/messages"
	KeyPrefix   string // thread key = KeyPrefix + the person's id
	MaxLength   int    // longest text the Send API takes
	HistoryDays int
	PageSize    int // items asked per page; 0: 25
	Now         func() time.Time
}

// Messaging windows of the Send API.
const (
	ResponseWindow   = 24 * time.Hour
	HumanAgentWindow = 7 * 24 * time.Hour
	// HumanAgentTag is the message tag a person's reply carries between
	// ResponseWindow and HumanAgentWindow.
	HumanAgentTag = "HUMAN_AGENT"
)

// Windows are the Send API's windows as capabilities: the composer shows
// and enforces them by inbox.Capabilities.WindowAt, and DM.Send chooses the
// messaging type by the same rule.
func Windows(c inbox.Capabilities) inbox.Capabilities {
	c.ReplyWindow, c.TaggedWindow, c.WindowTag = ResponseWindow, HumanAgentWindow, HumanAgentTag
	return c
}

// DMCursor is DM's resumable state, kept inside a connector's cursor.
type DMCursor struct {
	Sweep
	Convs    string `json:"convs,omitempty"`     // next page of conversations
	ConvDone bool   `json:"conv_done,omitempty"` // conversations listed for this pass
	Pending  []Conv `json:"pending,omitempty"`   // conversations still to read
	Messages string `json:"messages,omitempty"`  // next messages page of Pending[0]
}

// Conv is a conversation waiting to be read.
type Conv struct {
	ID     string  `json:"id"`
	Person Profile `json:"person"`
}

// Profile is a person or Page as Graph names it.
type Profile struct {
	ID       string `json:"id"`
	Name     string `json:"name,omitempty"`
	Username string `json:"username,omitempty"`
}

// Contact turns a profile into an inbox contact.
func (p Profile) Contact() inbox.Contact {
	c := inbox.Contact{ExternalID: p.ID, Name: p.Name}
	if p.Username != "" {
		c.Handle = "@" + p.Username
		if c.Name == "" {
			c.Name = p.Username
		}
	}
	return c
}

type graphConv struct {
	ID           string `json:"id"`
	UpdatedTime  Time   `json:"updated_time"`
	Participants struct {
		Data []Profile `json:"data"`
	} `json:"participants"`
}

type graphMessage struct {
	ID          string  `json:"id"`
	Message     string  `json:"message"`
	From        Profile `json:"from"`
	CreatedTime Time    `json:"created_time"`
	To          struct {
		Data []Profile `json:"data"`
	} `json:"to"`
}

func (d *DM) now() time.Time {
	if d.Now != nil {
		return d.Now()
	}
	return time.Now()
}

func (d *DM) limit() string {
	if d.PageSize > 0 {
		return strconv.Itoa(d.PageSize)
	}
	return "25"
}

// Step does one request of a pass and reports whether the pass finished.
func (d *DM) Step(ctx context.Context, cur *DMCursor) (items []inbox.Inbound, done bool, err error) {
	if cur.Begin(d.now(), d.HistoryDays) {
		cur.Convs, cur.ConvDone, cur.Pending, cur.Messages = "", false, nil, ""
	}
	switch {
	case len(cur.Pending) > 0:
		items, err = d.readMessages(ctx, cur)
	case !cur.ConvDone:
		err = d.listConvs(ctx, cur)
	}
	if err != nil {
		return nil, false, err
	}
	if len(cur.Pending) == 0 && cur.ConvDone {
		cur.End()
		cur.Convs, cur.ConvDone = "", false
		return items, true, nil
	}
	return items, false, nil
}

// listConvs reads one page of conversations, newest activity first, and
// queues those active since the pass window opened.
func (d *DM) listConvs(ctx context.Context, cur *DMCursor) error {
	var page Page
	var err error
	if cur.Convs != "" {
		err = d.Client.Next(ctx, cur.Convs, &page)
	} else {
		q := url.Values{"platform": {d.Platform}, "fields": {"id,updated_time,participants"}, "limit": {d.limit()}}
		err = d.Client.Get(ctx, d.List, q, &page)
	}
	if err != nil {
		return err
	}
	older := false
	for _, c := range Decode(d.Client.Log(), page.Data, d.Platform+" conversation", validConv) {
		if cur.Old(c.UpdatedTime.Time) {
			older = true // the list is sorted by activity: the rest are older
			continue
		}
		cur.Pending = append(cur.Pending, Conv{ID: c.ID, Person: d.person(c.Participants.Data)})
	}
	cur.Convs = CleanNext(page.Paging.Next)
	if cur.Convs == "" || older {
		cur.Convs, cur.ConvDone = "", true
	}
	return nil
}

func validConv(c *graphConv) error {
	if c.ID == "" || c.UpdatedTime.IsZero() {
		return errors.New("conversation without id or updated_time")
	}
	return nil
}

// person picks the participant who is not the account itself.
func (d *DM) person(ps []Profile) Profile {
	for _, p := range ps {
		if p.ID != "" && p.ID != d.Owner {
			return p
		}
	}
	return Profile{}
}

// readMessages reads one page of the first queued conversation, newest
// first, stopping at the pass window.
func (d *DM) readMessages(ctx context.Context, cur *DMCursor) ([]inbox.Inbound, error) {
	conv := cur.Pending[0]
	var page Page
	var err error
	if cur.Messages != "" {
		err = d.Client.Next(ctx, cur.Messages, &page)
	} else {
		q := url.Values{"fields": {"id,message,from,to,created_time"}, "limit": {d.limit()}}
		err = d.Client.Get(ctx, "/"+conv.ID+"/messages", q, &page)
	}
	if platforms.KindOf(err) == platforms.KindPermanent {
		// A conversation that vanished must not wedge the pass.
		d.Client.Log().Warn("meta: skipping unreadable conversation", "platform", d.Platform, "err", err)
		cur.Pending, cur.Messages = cur.Pending[1:], ""
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var items []inbox.Inbound
	older := false
	for _, m := range Decode(d.Client.Log(), page.Data, d.Platform+" message", validMessage) {
		if cur.Old(m.CreatedTime.Time) {
			older = true
			continue
		}
		if !cur.Take(m.ID, m.CreatedTime.Time) {
			continue
		}
		items = append(items, d.inbound(conv.Person, m))
	}
	cur.Messages = CleanNext(page.Paging.Next)
	if cur.Messages == "" || older {
		cur.Pending, cur.Messages = cur.Pending[1:], ""
	}
	return items, nil
}

func validMessage(m *graphMessage) error {
	if m.ID == "" || m.CreatedTime.IsZero() {
		return errors.New("message without id or created_time")
	}
	return nil
}

func (d *DM) inbound(person Profile, m graphMessage) inbox.Inbound {
	dir := inbox.In
	if m.From.ID == d.Owner {
		dir = inbox.Out
		if person.ID == "" && len(m.To.Data) > 0 {
			person = m.To.Data[0]
		}
	} else if person.ID == "" {
		person = m.From
	}
	text := m.Message
	if text == "" {
		text = Placeholder("") // an attachment or sticker without words
	}
	return inbox.Inbound{
		Thread: inbox.Thread{ExternalKey: d.KeyPrefix + person.ID, Kind: inbox.KindDM},
		Message: inbox.Message{
			ExternalID: m.ID,
			Direction:  dir,
			Author:     m.From.Contact(),
			Text:       text,
			SentAt:     m.CreatedTime.Time,
		},
	}
}

// Recipient is the person a DM reply goes to.
func (d *DM) Recipient(r inbox.Reply) string {
	if r.Recipient.ExternalID != "" {
		return r.Recipient.ExternalID
	}
	return strings.TrimPrefix(r.Thread.ExternalKey, d.KeyPrefix)
}

// Send answers a person, choosing the messaging type by the window.
func (d *DM) Send(ctx context.Context, r inbox.Reply) (inbox.Sent, error) {
	if n := inbox.Length(inbox.CountUTF16, r.Text); n > d.MaxLength {
		return inbox.Sent{}, platforms.Errorf(platforms.KindPermanent, "reply is %d characters; %s takes at most %d", n, d.Platform, d.MaxLength)
	}
	if strings.TrimSpace(r.Text) == "" {
		return inbox.Sent{}, platforms.Errorf(platforms.KindPermanent, "reply is empty")
	}
	body := map[string]any{
		"recipient": map[string]string{"id": d.Recipient(r)},
		"message":   map[string]string{"text": r.Text},
	}
	now := d.now()
	age := now.Sub(r.LastInboundAt)
	switch w := Windows(inbox.Capabilities{}).WindowAt(r.LastInboundAt, now); {
	case r.LastInboundAt.IsZero():
		return inbox.Sent{}, &platforms.Error{Kind: platforms.KindPermanent,
			Message: "tidak ada pesan warga yang diketahui: Meta hanya mengizinkan balasan setelah warga menulis (no message from this person is known)",
			Fix:     "wait for the person to write to the account"}
	case w.Kind == inbox.WindowOpen:
		body["messaging_type"] = "RESPONSE"
	case w.Kind == inbox.WindowTagged:
		// Past 24 hours only a person may answer, with the HUMAN_AGENT tag.
		body["messaging_type"] = "MESSAGE_TAG"
		body["tag"] = HumanAgentTag
	default:
		return inbox.Sent{}, &platforms.Error{Kind: platforms.KindPermanent,
			Message: "di luar jendela 7 hari: pesan terakhir warga " + age.Round(time.Hour).String() + " lalu (outside the 7-day human agent window)",
			Fix:     "wait for the person to write again, or answer through another channel"}
	}
	if r.InReplyTo != "" {
		body["reply_to"] = map[string]string{"mid": r.InReplyTo}
	}
	var resp struct {
		RecipientID string `json:"recipient_id"`
		MessageID   string `json:"message_id"`
	}
	if err := d.Client.PostJSON(ctx, d.SendPath, body, &resp); err != nil {
		var pe *platforms.Error
		if body["tag"] != nil && errors.As(err, &pe) && pe.Kind == platforms.KindAuth {
			if code, ok := CodeOf(err); ok && !isTokenError(code) {
				// The app lacks the Human Agent feature: this reply cannot go
				// out, but the account itself is fine.
				return inbox.Sent{}, &platforms.Error{Kind: platforms.KindPermanent, Message: pe.Message, Err: pe.Err,
					Fix: "past 24 hours only the HUMAN_AGENT tag may be used: request the Human Agent feature in App Review, or answer through another channel"}
			}
		}
		return inbox.Sent{}, err
	}
	if resp.MessageID == "" {
		// Meta took the request but named no message: it may exist.
		return inbox.Sent{}, platforms.Errorf(platforms.KindAmbiguous, "Send API answered without a message_id")
	}
	return inbox.Sent{ExternalID: resp.MessageID, SentAt: d.now()}, nil
}

// FindSent looks for r among the account's recent messages to the person:
// same text, from the account, not older than the person's last message.
func (d *DM) FindSent(ctx context.Context, r inbox.Reply) (inbox.Sent, bool, error) {
	var convs Page
	q := url.Values{"platform": {d.Platform}, "user_id": {d.Recipient(r)}, "fields": {"id"}}
	if err := d.Client.Get(ctx, d.List, q, &convs); err != nil {
		return inbox.Sent{}, false, err
	}
	for _, c := range Decode[graphConv](d.Client.Log(), convs.Data, d.Platform+" conversation", nil) {
		var page Page
		mq := url.Values{"fields": {"id,message,from,created_time"}, "limit": {"25"}}
		if err := d.Client.Get(ctx, "/"+c.ID+"/messages", mq, &page); err != nil {
			return inbox.Sent{}, false, err
		}
		for _, m := range Decode(d.Client.Log(), page.Data, d.Platform+" message", validMessage) {
			if m.From.ID == d.Owner && m.Message == r.Text && NotBefore(m.CreatedTime.Time, r.LastInboundAt) {
				return inbox.Sent{ExternalID: m.ID, SentAt: m.CreatedTime.Time}, true, nil
			}
		}
	}
	return inbox.Sent{}, false, nil
}

// NotBefore reports whether a reply created at t can answer a message that
// arrived at inbound (zero: unknown), allowing for clock skew.
func NotBefore(t, inbound time.Time) bool {
	return inbound.IsZero() || !t.Before(inbound.Add(-Overlap))
}

// messagingEvent is one entry.messaging[] item of a page or instagram webhook.
type messagingEvent struct {
	Sender    Profile `json:"sender"`
	Recipient Profile `json:"recipient"`
	Timestamp Time    `json:"timestamp"`
	Message   *struct {
		Mid         string                `json:"mid"`
		Text        string                `json:"text"`
		IsEcho      bool                  `json:"is_echo"`
		IsDeleted   bool                  `json:"is_deleted"`
		ReplyTo     *struct{ Mid string } `json:"reply_to"`
		Attachments []struct {
			Type string `json:"type"`
		} `json:"attachments"`
	} `json:"message"`
}

// FromEvent maps one webhook messaging event. ok is false for events that
// carry no message (reads, deliveries, reactions, deletions) and for
// malformed ones, which are logged.
func (d *DM) FromEvent(raw json.RawMessage) (inbox.Inbound, bool) {
	var ev messagingEvent
	if err := json.Unmarshal(raw, &ev); err != nil {
		d.Client.Log().Warn("meta: skipping malformed messaging event", "platform", d.Platform, "err", err)
		return inbox.Inbound{}, false
	}
	m := ev.Message
	if m == nil || m.IsDeleted {
		return inbox.Inbound{}, false
	}
	if m.Mid == "" || ev.Sender.ID == "" || ev.Timestamp.IsZero() {
		d.Client.Log().Warn("meta: skipping messaging event without mid, sender or timestamp", "platform", d.Platform)
		return inbox.Inbound{}, false
	}
	person, dir := ev.Sender, inbox.In
	if m.IsEcho || ev.Sender.ID == d.Owner {
		person, dir = ev.Recipient, inbox.Out
	}
	text := m.Text
	if text == "" {
		kind := ""
		if len(m.Attachments) > 0 {
			kind = m.Attachments[0].Type
		}
		text = Placeholder(kind)
	}
	msg := inbox.Message{
		ExternalID: m.Mid,
		Direction:  dir,
		Author:     ev.Sender.Contact(),
		Text:       text,
		SentAt:     ev.Timestamp.Time,
	}
	if m.ReplyTo != nil {
		msg.ParentID = m.ReplyTo.Mid
	}
	return inbox.Inbound{Thread: inbox.Thread{ExternalKey: d.KeyPrefix + person.ID, Kind: inbox.KindDM}, Message: msg}, true
}
