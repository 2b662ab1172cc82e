package telegram

import (
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf16"

	"sapa/inbox"
)

// maxRoots bounds the reply-chain memory carried in the cursor.
const maxRoots = 256

// convert maps one update onto an inbound item. It reports false for updates
// Sapa does not handle: group messages that neither mention the bot nor
// answer it, channel posts, and anything older than cutoff (zero: no bound).
func (c *Connector) convert(u update, cutoff time.Time) (inbox.Inbound, bool) {
	m, edited := u.Message, false
	if m == nil {
		m, edited = u.EditedMessage, true
	}
	if m == nil || m.MessageID == 0 || m.Chat.ID == 0 {
		return inbox.Inbound{}, false
	}
	sent := time.Unix(m.Date, 0)
	if edited && m.EditDate != 0 {
		sent = time.Unix(m.EditDate, 0)
	}
	if !cutoff.IsZero() && sent.Before(cutoff) {
		return inbox.Inbound{}, false
	}
	botID, _ := c.identity()
	var th inbox.Thread
	switch m.Chat.Type {
	case "private":
		th = inbox.Thread{ExternalKey: chatKey(m.Chat.ID), Kind: inbox.KindDM}
	case "group", "supergroup":
		if !c.addressed(m) {
			return inbox.Inbound{}, false
		}
		root := c.rootOf(m)
		c.roots.put(msgKey(m.Chat.ID, m.MessageID), root)
		th = inbox.Thread{
			ExternalKey: msgKey(m.Chat.ID, root),
			Kind:        inbox.KindMention,
			Title:       m.Chat.Title,
			ContextURL:  messageURL(m.Chat, root),
		}
		if rt := m.ReplyToMessage; rt != nil && rt.MessageID == root && (rt.From == nil || rt.From.ID != botID) {
			// A mention answering someone else's message is about that message.
			th.ContextText = messageText(rt)
		}
	default:
		return inbox.Inbound{}, false
	}
	msg := inbox.Message{
		ExternalID: msgKey(m.Chat.ID, m.MessageID),
		Direction:  inbox.In,
		Author:     author(m),
		Text:       messageText(m),
		SentAt:     sent,
	}
	if m.From != nil && botID != 0 && m.From.ID == botID {
		msg.Direction = inbox.Out
	}
	if m.ReplyToMessage != nil {
		msg.ParentID = msgKey(m.Chat.ID, m.ReplyToMessage.MessageID)
	}
	if edited {
		// An edit keeps the message id; it becomes a message of its own so
		// the citizen's correction is seen, pointing at the original.
		msg.ParentID = msg.ExternalID
		msg.ExternalID += "#edit" + strconv.FormatInt(m.EditDate, 10)
	}
	return inbox.Inbound{Thread: th, Message: msg}, true
}

// addressed reports whether a group message is meant for the bot: it
// mentions the bot, or answers one of the bot's messages.
func (c *Connector) addressed(m *message) bool {
	botID, name := c.identity()
	if rt := m.ReplyToMessage; rt != nil && rt.From != nil {
		if (botID != 0 && rt.From.ID == botID) || (rt.From.IsBot && name != "" && strings.EqualFold(rt.From.Username, name)) {
			return true
		}
	}
	return mentions(m.Text, m.Entities, botID, name) || mentions(m.Caption, m.CaptionEntities, botID, name)
}

// mentions looks for the bot among the entities of text. Entity offsets count
// UTF-16 code units, so the text is cut in that unit.
func mentions(text string, ents []entity, botID int64, name string) bool {
	if len(ents) == 0 {
		return false
	}
	units := utf16.Encode([]rune(text))
	for _, e := range ents {
		if e.Type == "text_mention" {
			if e.User != nil && botID != 0 && e.User.ID == botID {
				return true
			}
			continue
		}
		if name == "" || e.Offset < 0 || e.Length <= 0 || e.Offset+e.Length > len(units) {
			continue
		}
		s := string(utf16.Decode(units[e.Offset : e.Offset+e.Length]))
		switch e.Type {
		case "mention":
			if strings.EqualFold(s, "@"+name) {
				return true
			}
		case "bot_command":
			// "/lapor@pemkab_bot" is addressed to this bot in a group.
			if strings.HasSuffix(strings.ToLower(s), "@"+strings.ToLower(name)) {
				return true
			}
		}
	}
	return false
}

// rootOf finds the first message of the reply chain m belongs to. Telegram
// nests only one level of reply_to_message, so deeper chains come from the
// memory of messages seen and sent; an unknown parent starts the chain.
func (c *Connector) rootOf(m *message) int64 {
	if r, ok := c.roots.get(msgKey(m.Chat.ID, m.MessageID)); ok {
		return r // an edit of a message already placed
	}
	if m.ReplyToMessage == nil {
		return m.MessageID
	}
	if r, ok := c.roots.get(msgKey(m.Chat.ID, m.ReplyToMessage.MessageID)); ok {
		return r
	}
	return m.ReplyToMessage.MessageID
}

func author(m *message) inbox.Contact {
	if sc := m.SenderChat; sc != nil {
		// Anonymous group admins and channels speak as a chat.
		return inbox.Contact{ExternalID: strconv.FormatInt(sc.ID, 10), Name: sc.Title, Handle: handle(sc.Username)}
	}
	if f := m.From; f != nil {
		return inbox.Contact{
			ExternalID: strconv.FormatInt(f.ID, 10),
			Name:       strings.TrimSpace(f.FirstName + " " + f.LastName),
			Handle:     handle(f.Username),
		}
	}
	return inbox.Contact{}
}

func handle(username string) string {
	if username == "" {
		return ""
	}
	return "@" + username
}

// messageText is the text or caption as received; a message without either
// (a sticker, a voice note) gets a bracketed name of what it carries so the
// admin sees that something arrived.
func messageText(m *message) string {
	switch {
	case m.Text != "":
		return m.Text
	case m.Caption != "":
		return m.Caption
	case m.Sticker != nil:
		return strings.TrimSpace("[sticker " + m.Sticker.Emoji + "]")
	case len(m.Photo) > 0:
		return "[photo]"
	case m.Video != nil:
		return "[video]"
	case m.VideoNote != nil:
		return "[video note]"
	case m.Voice != nil:
		return "[voice message]"
	case m.Audio != nil:
		return "[audio]"
	case m.Animation != nil:
		return "[animation]"
	case m.Document != nil:
		return "[document]"
	case m.Location != nil:
		return fmt.Sprintf("[location %.5f,%.5f]", m.Location.Latitude, m.Location.Longitude)
	case m.Contact != nil:
		return "[contact " + m.Contact.FirstName + " " + m.Contact.PhoneNumber + "]"
	case m.Poll != nil:
		return "[poll " + m.Poll.Question + "]"
	}
	return "[unsupported message]"
}

// messageURL links to a message in a supergroup; basic groups have no links.
func messageURL(ch chat, id int64) string {
	if ch.Type != "supergroup" {
		return ""
	}
	if ch.Username != "" {
		return fmt.Sprintf("https://t.me/%s/%d", ch.Username, id)
	}
	// Private supergroup ids are -100<n>; t.me/c/<n> opens them for members.
	if s := strconv.FormatInt(ch.ID, 10); strings.HasPrefix(s, "-100") {
		return fmt.Sprintf("https://t.me/c/%s/%d", s[4:], id)
	}
	return ""
}

func chatKey(chatID int64) string { return strconv.FormatInt(chatID, 10) }

// msgKey names a message: message ids are unique only inside a chat.
func msgKey(chatID, msgID int64) string {
	return strconv.FormatInt(chatID, 10) + ":" + strconv.FormatInt(msgID, 10)
}

// parseMsgKey reads "chat:message" (an "#edit…" suffix is ignored: an edit is
// the same Telegram message).
func parseMsgKey(s string) (chatID, msgID int64, ok bool) {
	s, _, _ = strings.Cut(s, "#")
	a, b, found := strings.Cut(s, ":")
	if !found {
		return 0, 0, false
	}
	chatID, err1 := strconv.ParseInt(a, 10, 64)
	msgID, err2 := strconv.ParseInt(b, 10, 64)
	return chatID, msgID, err1 == nil && err2 == nil && chatID != 0 && msgID != 0
}

// rootEntry is one remembered message → chain root, as stored in the cursor.
type rootEntry struct {
	Msg  string `json:"m"`
	Root int64  `json:"r"`
}

// rootMemo remembers the chain root of recent group messages, oldest evicted
// first.
type rootMemo struct {
	mu    sync.Mutex
	max   int
	m     map[string]int64
	order []string
}

func newRootMemo(max int) *rootMemo { return &rootMemo{max: max, m: map[string]int64{}} }

func (r *rootMemo) put(key string, root int64) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if _, ok := r.m[key]; !ok {
		r.order = append(r.order, key)
	}
	r.m[key] = root
	for len(r.order) > r.max {
		delete(r.m, r.order[0])
		r.order = r.order[1:]
	}
}

func (r *rootMemo) get(key string) (int64, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	v, ok := r.m[key]
	return v, ok
}

// merge adds entries from a stored cursor; what this process learned since
// takes precedence.
func (r *rootMemo) merge(entries []rootEntry) {
	for _, e := range entries {
		if _, ok := r.get(e.Msg); !ok && e.Msg != "" {
			r.put(e.Msg, e.Root)
		}
	}
}

func (r *rootMemo) snapshot() []rootEntry {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := make([]rootEntry, 0, len(r.order))
	for _, k := range r.order {
		out = append(out, rootEntry{Msg: k, Root: r.m[k]})
	}
	return out
}
