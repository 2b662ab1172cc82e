package telegram

import (
	"context"
	"strconv"
	"strings"
	"sync"
	"time"

	"sapa/inbox"
	"sapa/platforms"
)

// Send implements platforms.Connector: sendMessage into the chat of the
// message answered, as a reply to exactly that message. Telegram has no
// idempotency key, so a timeout or 5xx after the request left is reported as
// ambiguous and the relay asks the admin instead of resending.
func (c *Connector) Send(ctx context.Context, r inbox.Reply) (inbox.Sent, error) {
	if strings.TrimSpace(r.Text) == "" {
		return inbox.Sent{}, platforms.Errorf(platforms.KindPermanent, "telegram: the reply is empty")
	}
	if n := inbox.Length(inbox.CountUTF16, r.Text); n > maxTextLength {
		return inbox.Sent{}, platforms.Errorf(platforms.KindPermanent,
			"telegram: the reply is %d characters (UTF-16 units), Telegram allows %d; shorten it by %d", n, maxTextLength, n-maxTextLength)
	}
	params := sendMessageParams{Text: r.Text}
	if chatID, msgID, ok := parseMsgKey(r.InReplyTo); ok {
		params.ChatID = chatID
		params.ReplyParameters = &replyParameters{MessageID: msgID}
	} else if r.InReplyTo != "" {
		return inbox.Sent{}, platforms.Errorf(platforms.KindPermanent, "telegram: %q is not a Telegram message id", r.InReplyTo)
	} else if chatID, ok := threadChat(r.Thread.ExternalKey); ok && r.Thread.Kind == inbox.KindDM {
		// A new message in a private chat needs no parent.
		params.ChatID = chatID
	} else {
		return inbox.Sent{}, &platforms.Error{Kind: platforms.KindPermanent, Message: "telegram: no message to reply to", Err: errNoTarget}
	}
	if at, ok := c.pace.reserve(params.ChatID, c.now()); !ok {
		return inbox.Sent{}, platforms.RateLimited(at, "telegram: pacing replies to this chat as Telegram asks")
	}
	var m message
	if err := c.call(ctx, "sendMessage", params, &m, true); err != nil {
		return inbox.Sent{}, err
	}
	if m.MessageID == 0 {
		// Telegram said ok; the reply exists even if we cannot name it.
		return inbox.Sent{}, &platforms.Error{Kind: platforms.KindAmbiguous, Message: "telegram: sendMessage returned no message id"}
	}
	chatID := m.Chat.ID
	if chatID == 0 {
		chatID = params.ChatID
	}
	if _, root, ok := parseMsgKey(r.Thread.ExternalKey); ok && r.Thread.Kind == inbox.KindMention {
		// Answers to this reply stay in the same group conversation.
		c.roots.put(msgKey(chatID, m.MessageID), root)
	}
	sentAt := time.Unix(m.Date, 0)
	if m.Date == 0 {
		sentAt = c.now()
	}
	return inbox.Sent{ExternalID: msgKey(chatID, m.MessageID), SentAt: sentAt}, nil
}

// threadChat reads the chat id at the start of a thread key.
func threadChat(key string) (int64, bool) {
	a, _, _ := strings.Cut(key, ":")
	id, err := strconv.ParseInt(a, 10, 64)
	return id, err == nil && id != 0
}

// pacer keeps replies under Telegram's documented flood limits (bots FAQ):
// about one message a second in a private chat and twenty a minute in a
// group. Going over earns a 429 whose wait can run to hours, so Sapa waits
// the seconds first.
type pacer struct {
	mu   sync.Mutex
	sent map[int64][]time.Time
}

func newPacer() *pacer { return &pacer{sent: map[int64][]time.Time{}} }

// reserve records a send to chatID at now, or reports when one is allowed.
func (p *pacer) reserve(chatID int64, now time.Time) (time.Time, bool) {
	limit, window := 1, time.Second
	if chatID < 0 { // groups and supergroups have negative ids
		limit, window = 20, time.Minute
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	recent := p.sent[chatID][:0]
	for _, t := range p.sent[chatID] {
		if now.Sub(t) < window {
			recent = append(recent, t)
		}
	}
	if len(recent) >= limit {
		p.sent[chatID] = recent
		return recent[0].Add(window), false
	}
	p.sent[chatID] = append(recent, now)
	// Forget quiet chats so the map does not grow with every citizen.
	if len(p.sent) > 1024 {
		for id, ts := range p.sent {
			if len(ts) == 0 || now.Sub(ts[len(ts)-1]) >= time.Minute {
				delete(p.sent, id)
			}
		}
	}
	return time.Time{}, true
}
