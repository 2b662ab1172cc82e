// Package inbox holds the domain types every layer of Sapa shares: platforms,
// accounts, conversations, messages, statuses and filters. It imports nothing
// of Sapa's own, so store, platforms, relay and ui can all depend on it.
package inbox

import "time"

// Platform names a kind of channel a citizen writes through. The value is the
// name used in config files and in the store.
type Platform string

// The platform kinds Sapa knows.
const (
	Facebook  Platform = "facebook"  // Facebook Page comments
	Messenger Platform = "messenger" // Facebook Messenger conversations
	Instagram Platform = "instagram" // Instagram comments and DMs
	WhatsApp  Platform = "whatsapp"  // WhatsApp Business Cloud API
	X         Platform = "x"         // X (Twitter) mentions
	YouTube   Platform = "youtube"   // YouTube comment threads
	Telegram  Platform = "telegram"  // Telegram bot chats
	Mastodon  Platform = "mastodon"  // Mastodon mentions and direct conversations
	Email     Platform = "email"     // IMAP + SMTP mailbox
)

// Platforms lists every platform kind in display order.
func Platforms() []Platform {
	return []Platform{Facebook, Messenger, Instagram, WhatsApp, X, YouTube, Telegram, Mastodon, Email}
}

// Valid reports whether p is a known platform kind.
func (p Platform) Valid() bool {
	for _, q := range Platforms() {
		if p == q {
			return true
		}
	}
	return false
}

// Kind says what shape of conversation a thread is.
type Kind string

// Conversation kinds.
const (
	KindComment Kind = "comment" // a public comment thread under a post or video
	KindDM      Kind = "dm"      // a private conversation
	KindMention Kind = "mention" // a public mention thread (X, Mastodon)
	KindEmail   Kind = "email"   // an email thread
)

// Status is a conversation's place in triage.
type Status string

// Conversation statuses.
const (
	StatusNew     Status = "new"
	StatusOpen    Status = "open"
	StatusPending Status = "pending"
	StatusDone    Status = "done"
	StatusSnoozed Status = "snoozed"
)

// Valid reports whether s is a known status.
func (s Status) Valid() bool {
	switch s {
	case StatusNew, StatusOpen, StatusPending, StatusDone, StatusSnoozed:
		return true
	}
	return false
}

// Direction says whether a message came from a citizen or from the office.
type Direction string

// Message directions.
const (
	In  Direction = "in"
	Out Direction = "out"
)

// Delivery is the state of an outbound reply in the outbox.
type Delivery string

// Outbox states. A reply moves queued → sending → sent | failed | unknown.
const (
	DeliveryQueued  Delivery = "queued"
	DeliverySending Delivery = "sending"
	DeliverySent    Delivery = "sent"
	DeliveryFailed  Delivery = "failed"
	DeliveryUnknown Delivery = "unknown" // may have been sent; the admin decides
	// DeliveryAwaiting: the author needs approval; the reply waits for a
	// supervisor and is not in the outbox.
	DeliveryAwaiting Delivery = "awaiting"
	// DeliveryRejected: a supervisor turned the reply down (LastError says
	// who and why); it was never sent.
	DeliveryRejected Delivery = "rejected"
)

// Contact is a person on a platform.
type Contact struct {
	ExternalID string // the platform's id for the person
	Name       string // display name
	Handle     string // @handle, phone number or email address
}

// Thread describes the conversation a fetched message belongs to, as the
// platform sees it. ExternalKey is unique within an account.
type Thread struct {
	ExternalKey string // post id + root comment id, chat id, email thread root
	Kind        Kind
	Title       string // the post caption, video title or email subject
	ContextText string // the post or video text shown above a comment thread
	ContextURL  string // a link to the post or video
}

// Message is one message in a conversation, in or out.
type Message struct {
	ID             int64 // store id; zero before ingest
	ConversationID int64
	ExternalID     string // unique within the account
	ParentID       string // external id of the message this one answers, if any
	Direction      Direction
	Author         Contact
	Text           string // as received, never altered; sanitize before drawing
	SentAt         time.Time
	Delivery       Delivery // outbound only
	SentBy         string   // admin who sent an outbound message
	LastError      string   // outbound only: why the last attempt failed
	Hidden         bool     // hidden by moderation on the platform
	// Hiding is how the newest request to hide or unhide this message
	// stands; HideError is why it failed.
	Hiding    HideState
	HideError string
}

// Inbound is one fetched item: a message and the thread it belongs to.
type Inbound struct {
	Thread  Thread
	Message Message
}

// Reply is what the relay asks a connector to send.
type Reply struct {
	OutboxID        int64
	IdempotencyKey  string // stable across retries of the same reply
	Thread          Thread
	InReplyTo       string  // external id of the message being answered
	Recipient       Contact // the citizen (DMs, WhatsApp, email)
	Text            string
	Subject         string    // email only
	LastInboundAt   time.Time // for reply windows
	PreviousAttempt bool      // the reply was tried before and its fate is unknown
}

// Sent is the platform's receipt for a reply.
type Sent struct {
	ExternalID string
	SentAt     time.Time
}
