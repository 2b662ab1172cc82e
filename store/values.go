package store

import "sapa/inbox"

// The values the store exchanges with the screen are defined in inbox, so the
// screen builds without cgo; these names keep the store's own code readable.
type (
	// Page asks for one window of the list.
	Page = inbox.Page
	// Change is one triage action on a conversation.
	Change = inbox.Change
	// ErrAssigned is returned when someone else took the conversation first.
	ErrAssigned = inbox.ErrAssigned
	// Draft is an unsent reply, kept per conversation and admin.
	Draft = inbox.Draft
	// CollisionError says someone else replied after the draft was started.
	CollisionError = inbox.CollisionError
	// AccountInfo is an account with its declared capabilities.
	AccountInfo = inbox.AccountInfo
)

// CursorOf returns the keyset position of a conversation in the list.
func CursorOf(c inbox.Conversation) inbox.Cursor { return inbox.CursorOf(c) }
