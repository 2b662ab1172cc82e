package inbox

import (
	"errors"
	"fmt"
	"time"
)

// The values the screen exchanges with the store live here rather than in
// package store, so the screen builds without cgo (store links SQLite).

// Errors callers test for with errors.Is.
var (
	// ErrNotFound: the conversation, reply or draft asked for does not exist.
	ErrNotFound = errors.New("not found")
	// ErrCollision: someone else replied after this draft was started.
	ErrCollision = errors.New("someone else replied after this draft was started")
	// ErrDamaged: the store file is damaged; Sapa has stopped writing to it
	// (`sapa doctor` says how to recover).
	ErrDamaged = errors.New("the store is damaged")
	// ErrCannotHide: the conversation's platform cannot hide comments, or
	// it is not a public comment at all.
	ErrCannotHide = errors.New("this platform cannot hide this conversation's comments")
	// ErrNotApprover: only a supervisor above the author, not the author,
	// approves or rejects a reply.
	ErrNotApprover = errors.New("only a supervisor above the author may decide on this reply")
	// ErrReadOnly: a viewer tried to change something.
	ErrReadOnly = errors.New("this admin may only read")
	// ErrNotAssignable: the assignee is not an active admin who can see the
	// conversation (NotAssignableError names them).
	ErrNotAssignable = errors.New("not an active admin who can see this conversation")
)

// NotAssignableError names the admin a conversation cannot be assigned to;
// it is ErrNotAssignable to errors.Is.
type NotAssignableError struct{ Name string }

func (e *NotAssignableError) Error() string { return e.Name + ": " + ErrNotAssignable.Error() }

// Is makes errors.Is(err, ErrNotAssignable) hold.
func (e *NotAssignableError) Is(target error) bool { return target == ErrNotAssignable }

// Page asks for one window of the list. With neither After nor Before it
// returns the first rows; After continues below a row, Before above one;
// Last returns the final rows of the list.
type Page struct {
	After  *Cursor
	Before *Cursor
	Last   bool
	Limit  int
}

// CursorOf returns the keyset position of a conversation in the list.
func CursorOf(c Conversation) Cursor {
	return Cursor{Priority: c.Priority, LastMessageAt: c.LastMessageAt, ID: c.ID, DueAt: c.DueAt}
}

// Change is one triage action on a conversation. Only the fields that are set
// change; every change bumps the version and is written to the audit log.
type Change struct {
	Status      Status // "" keeps it
	Assign      *string
	Priority    *int
	AddLabel    string
	RemoveLabel string
	SnoozeUntil time.Time // sets status snoozed
	MarkRead    bool
	// ExpectAssignee guards an assignment: when set, the change applies only if
	// the conversation is still assigned to this value ("-" means nobody).
	ExpectAssignee string
}

// ErrAssigned is returned when someone else took the conversation first.
type ErrAssigned struct{ Who string }

func (e *ErrAssigned) Error() string { return "already assigned to " + e.Who }

// Draft is an unsent reply, kept per conversation and admin.
type Draft struct {
	Text      string
	StartedAt time.Time // when the admin began it; guards against collisions
	UpdatedAt time.Time
}

// Screen is where an admin was in the inbox, kept in the store so that a
// session reconnecting after a dropped link resumes there. The draft of the
// open conversation is kept with the drafts.
type Screen struct {
	Filter    Filter  // the list's filter; Me and Now are not kept
	Top       *Cursor // the first row of the list's window; nil: the top of the list
	Selected  int64   // the selected conversation; 0: none
	Open      int64   // the open conversation; 0: the list had the screen
	Composing bool    // the composer had the keyboard
}

// Present is an admin in a conversation: reading it, or writing a reply.
type Present struct {
	Admin   string
	ConvID  int64
	Writing bool
}

// CollisionError says someone else replied after the draft was started. The
// admin sees who and chooses whether to send anyway.
type CollisionError struct {
	Who string
	At  time.Time
}

func (e *CollisionError) Error() string {
	return fmt.Sprintf("%s replied at %s, after this draft was started", e.Who, e.At.Format("15:04"))
}

// Is makes errors.Is(err, ErrCollision) true.
func (e *CollisionError) Is(target error) bool { return target == ErrCollision }

// AccountInfo is an account with its declared capabilities.
type AccountInfo struct {
	Account
	Caps Capabilities
}

// AuditEntry is one line of the append-only audit log: who did what, when.
type AuditEntry struct {
	At             time.Time
	Admin          string
	Action         string // status, assign, labels, priority, snooze, reply, sent, …
	ConversationID int64
	Detail         string
}

// Moderated is the outcome of a hide or unhide request over conversations.
type Moderated struct {
	Queued  int // requests queued for the relay, one per comment
	Refused int // conversations whose platform cannot hide (or not comments)
}

// IDChange is one conversation's change in a batch (a bulk action over
// marked conversations).
type IDChange struct {
	ID     int64
	Change Change
}

// Judged is a conversation's citizen text with the admins' judgement: a
// training example for the spam suggestion, or (Spam unset) a candidate
// for it.
type Judged struct {
	ConvID int64
	Text   string
	Spam   bool
}

// SpamLabel is the label that marks a conversation as spam; the spam
// suggestion learns from it.
const SpamLabel = "spam"
