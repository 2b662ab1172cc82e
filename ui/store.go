package ui

import (
	"context"
	"time"

	"sapa/inbox"
)

// Store is the part of Sapa's store the UI uses; main hands it *store.Store.
// Every call runs inside a tea.Cmd, never in Update or View.
type Store interface {
	List(ctx context.Context, f inbox.Filter, pg inbox.Page) ([]inbox.Conversation, error)
	Count(ctx context.Context, f inbox.Filter) (int, error)
	Conversation(ctx context.Context, id int64) (inbox.Conversation, error)
	Thread(ctx context.Context, convID int64, limit int) ([]inbox.Message, error)
	Apply(ctx context.Context, id int64, admin string, ch inbox.Change) (inbox.Conversation, error)
	MarkRead(ctx context.Context, id int64) error
	SaveDraft(ctx context.Context, convID int64, admin, text string) error
	LoadDraft(ctx context.Context, convID int64, admin string) (inbox.Draft, error)
	Enqueue(ctx context.Context, convID int64, admin, text string, seen time.Time, then inbox.Status, force bool) (int64, error)
	Resend(ctx context.Context, outboxID int64, admin string) error
	Cancel(ctx context.Context, outboxID int64, admin string) error
	OutboxCounts(ctx context.Context) (map[inbox.Delivery]int, error)
	Accounts(ctx context.Context) ([]inbox.AccountInfo, error)
	Lease(ctx context.Context) (holder string, expires time.Time, err error)
	ChangeCounter(ctx context.Context) (uint64, error)
	Audit(ctx context.Context, convID int64, limit int) ([]inbox.AuditEntry, error)
	// KnownAssignees and KnownLabels feed tab completion.
	KnownAssignees(ctx context.Context) ([]string, error)
	KnownLabels(ctx context.Context) ([]string, error)
	// Trail is how a conversation was routed, handed on and noted; Targets
	// are the units it may go to from there.
	Trail(ctx context.Context, convID int64) (inbox.Trail, error)
	Targets(ctx context.Context, convID int64) (inbox.Targets, error)
	// Handoff escalates or delegates a conversation with a note; SetUnit
	// places it (the correction of a route); AddNote keeps an internal note.
	Handoff(ctx context.Context, convID int64, admin, to, note string) (inbox.Handoff, error)
	SetUnit(ctx context.Context, convID int64, admin, unit string) error
	AddNote(ctx context.Context, convID int64, admin, text string) error
	// SavedViews and SaveView keep an admin's own views.
	SavedViews(ctx context.Context, admin string) ([]inbox.SavedView, error)
	SaveView(ctx context.Context, admin, name string, f inbox.Filter) error
	// ApplyMany makes a bulk action's changes in one transaction.
	ApplyMany(ctx context.Context, admin string, changes []inbox.IDChange) error
	// Moderate asks the relay to hide or show the conversations' comments.
	Moderate(ctx context.Context, ids []int64, admin string, hide bool) (inbox.Moderated, error)
	// SpamCandidates are the open conversations the spam suggestion
	// weighs for its view, within the admin's scope.
	SpamCandidates(ctx context.Context, limit int) ([]inbox.Judged, error)
	// SaveScreen and LoadScreen keep where an admin is, so the next
	// session after a dropped link resumes there; ok is false when nothing
	// is kept.
	SaveScreen(ctx context.Context, admin string, s inbox.Screen) error
	LoadScreen(ctx context.Context, admin string) (s inbox.Screen, ok bool, err error)
	// ReportFacts are what :report computes the scope's report from.
	ReportFacts(ctx context.Context, q inbox.ReportQuery) (inbox.ReportFacts, error)
	// Approvals lists the conversations holding a reply that waits for this
	// admin's approval; Approve sends it (as text, when not empty: edited),
	// Reject turns it down with a note. Enqueue returns a negative id for a
	// reply that waits for approval.
	Approvals(ctx context.Context) ([]int64, error)
	Approve(ctx context.Context, convID int64, admin, text string) error
	Reject(ctx context.Context, convID int64, admin, note string) error
}

// Relay is the relay running in this process as the status bar follows it;
// *relay.Relay satisfies it.
type Relay interface {
	// State is the relay's lease state now and a channel closed at its
	// next change (never by a renewal that changes nothing).
	State() (inbox.RelayState, <-chan struct{})
}
