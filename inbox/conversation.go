package inbox

import "time"

// Account is a configured platform account as the store and UI see it.
type Account struct {
	ID        int64
	Name      string
	Platform  Platform
	Healthy   bool
	LastError string // the platform's message and the fix, when unhealthy
	LastSync  time.Time
}

// Conversation is the unit of triage.
type Conversation struct {
	ID              int64
	AccountID       int64
	AccountName     string
	Platform        Platform
	Kind            Kind
	ExternalKey     string
	Title           string // post caption, video title or email subject
	ContextText     string
	ContextURL      string
	Contact         Contact
	Status          Status
	Assignee        string
	Unit            string
	Priority        int // 0 normal, 1 high, 2 urgent
	Labels          []string
	SnoozeUntil     time.Time
	LastInboundAt   time.Time
	LastMessageAt   time.Time
	FirstResponseAt time.Time
	Snippet         string // text of the newest message
	Unread          bool   // inbound messages arrived since anyone opened it
	Version         int64  // bumped on every change
	// HandedFrom is the unit that last escalated or delegated it here (Code
	// empty); zero when nobody handed it on.
	HandedFrom UnitRef
	// Hiding is how the newest request to hide or unhide the
	// conversation's comments on the platform stands.
	Hiding HideState
	// DueAt is when the office's answer is due by the response-time
	// targets; zero while no clock runs (pending, snoozed, done, or nothing
	// of the citizen's waits).
	DueAt time.Time
}

// HideState is how a request to hide or unhide comments on the platform
// stands: the screen asks, the relay performs it.
type HideState string

// Hide states.
const (
	HideNone     HideState = ""         // never hidden, or shown again
	HideHidden   HideState = "hidden"   // hidden on the platform
	HideHiding   HideState = "hiding"   // asked, the relay has not done it yet
	HideUnhiding HideState = "unhiding" // asked to show again, not done yet
	HideFailed   HideState = "failed"   // the platform refused
)

// View names a saved view of the inbox list.
type View string

// Inbox views.
const (
	ViewOpen       View = "open"       // new + open: what needs an answer
	ViewBreaches   View = "breaches"   // open past its response target, longest overdue first
	ViewMine       View = "mine"       // assigned to me, not done
	ViewUnassigned View = "unassigned" // nobody's, not done
	ViewPending    View = "pending"
	ViewSnoozed    View = "snoozed"
	ViewDone       View = "done"
	ViewAll        View = "all"
)

// Views lists the views in the order the UI cycles through them.
func Views() []View {
	return []View{ViewOpen, ViewMine, ViewUnassigned, ViewPending, ViewSnoozed, ViewDone, ViewAll, ViewBreaches}
}

// Filter selects conversations for the list.
type Filter struct {
	View     View
	Platform Platform // empty: every platform
	Me       string   // the admin, for ViewMine
	Search   string   // full-text query; empty: none
	Label    string
	// Unit keeps a unit's whole subtree (Kemendagri codes nest by prefix:
	// 32.01.01 holds 32.01.01.2001); empty: every unit.
	Unit string
	// Assignee keeps one admin's conversations; "-" those of nobody.
	Assignee string
	// Waiting keeps conversations whose citizen has waited at least this
	// long since their last message with no answer after it; 0: any.
	Waiting time.Duration
	// Now is when Waiting is measured from; zero: the store's clock.
	Now time.Time
	// IDs keeps only these conversations (the suggested-spam view, which
	// the store cannot compute); nil: any. Never saved with a view.
	IDs []int64
}

// Narrowed reports whether f selects by more than its view and platform,
// which the store's per-view totals cannot count.
func (f Filter) Narrowed() bool {
	return f.Label != "" || f.Unit != "" || f.Assignee != "" || f.Waiting > 0 || f.IDs != nil
}

// SavedView is a named filter: one of the config's shared [[view]]s or
// one an admin saved for themselves. Its Filter's Me and Now are left
// empty; the session fills them when the view is used.
type SavedView struct {
	Name   string
	Filter Filter
	Shared bool // from the config, the same for every admin
}

// Cursor is a keyset position in the list: the sort key of a row.
type Cursor struct {
	Priority      int
	LastMessageAt time.Time
	ID            int64
	DueAt         time.Time // the breach view's order
}

// Capabilities declares what a platform account allows, so the composer can
// show limits and refuse what the platform would.
type Capabilities struct {
	Reply          bool          // replies are possible at all
	DirectMessages bool          // the account receives private messages
	PublicComments bool          // the account receives public comments
	MaxLength      int           // longest reply; 0 means no limit
	Counting       Counting      // how the platform counts length
	ReplyWindow    time.Duration // 0: none; WhatsApp and Messenger: 24 h
	// TaggedWindow is how long after the person's last message the platform
	// still takes a reply sent with WindowTag once ReplyWindow has run out
	// (Messenger: HUMAN_AGENT, 7 days); 0: no such window.
	TaggedWindow time.Duration
	// WindowTag names the tag such a reply carries ("HUMAN_AGENT").
	WindowTag string
	// MentionsAuthor: the connector puts "@handle " of the author answered
	// in front of the reply, and the platform counts it toward MaxLength
	// (Mastodon). See ReplyLength.
	MentionsAuthor bool
	TopLevelOnly   bool // only top-level comments take replies (Instagram)
	Moderation     bool // comments can be hidden
	ReadBack       bool // own recent replies can be read back to reconcile
	// IdempotencyWindow is how long the platform remembers an idempotency
	// key, so that a reply whose fate is unknown may be sent again with the
	// same key; 0: the platform has no such key.
	IdempotencyWindow time.Duration
	// WindowTemplate names the approved message template that carries a
	// reply sent after ReplyWindow has run out (WhatsApp: the reply text is
	// the template's one body variable). Empty: such replies are refused.
	WindowTemplate string
	// WindowMaxLength is the longest reply that fits the template outside
	// ReplyWindow, counted like MaxLength; 0 means MaxLength applies.
	WindowMaxLength int
}

// Counting names how a platform counts the length of a text.
type Counting string

// Length counting rules.
const (
	CountRunes     Counting = "runes"      // Unicode code points
	CountUTF16     Counting = "utf16"      // UTF-16 code units (Telegram, Meta)
	CountXWeighted Counting = "x-weighted" // X: most CJK and emoji weigh 2, URLs 23
	CountMastodon  Counting = "mastodon"   // grapheme clusters; URLs 23; a remote mention counts its local part
)
