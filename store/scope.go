package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"time"

	"sapa/inbox"
)

// ErrReadOnly: a viewer tried to change something.
var ErrReadOnly = inbox.ErrReadOnly

// ErrFollowing: a write on a conversation the admin's unit handed on to
// another unit; it may still read it.
var ErrFollowing = inbox.ErrFollowing

// ErrNotAssignable: the assignee is not an active admin who can see the conversation.
var ErrNotAssignable = inbox.ErrNotAssignable

// Scope is what one admin may see and do: the conversations of the admin's
// unit and its subtree. It is built by As from the registered admin, never
// from what a session types.
type Scope struct {
	Admin    string   // signs audit rows, drafts and replies
	Units    []string // the unit codes the admin sees; nil: every conversation (the kabupaten)
	ReadOnly bool     // viewers
	// Supervisor: approves replies held for approval within the scope.
	Supervisor bool
	// NeedsApproval: the admin's replies wait for a supervisor's approval.
	NeedsApproval bool
}

// Scoped is the store as one admin sees it. Every read is confined to the
// scope and every write checks, inside its transaction, that the
// conversation is in it; a conversation outside is ErrNotFound, exactly as
// if it did not exist. The admin arguments of its methods are ignored: the
// scope's admin signs everything.
type Scoped struct {
	s     *Store
	sc    Scope
	units string // JSON array of sc.Units; "" when sc.Units is nil
}

// Scope builds the scope of a registered admin from the unit tree kept in
// the store (SyncUnits): the admin's unit and everything under it; the
// root's admin sees every conversation.
func (s *Store) Scope(ctx context.Context, a inbox.Admin) (Scope, error) {
	sc := Scope{Admin: a.Name, ReadOnly: a.Role == inbox.Viewer, Supervisor: a.Role == inbox.Supervisor,
		NeedsApproval: a.NeedsApproval}
	var isRoot int
	if err := s.r.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM units WHERE code = ? AND parent NOT IN (SELECT code FROM units))`,
		a.Unit).Scan(&isRoot); err != nil {
		return sc, err
	}
	if isRoot == 1 {
		return sc, nil
	}
	rows, err := s.r.QueryContext(ctx, `WITH RECURSIVE sub(code) AS (
			SELECT ? UNION SELECT u.code FROM units u JOIN sub ON u.parent = sub.code)
		SELECT code FROM sub`, a.Unit)
	if err != nil {
		return sc, err
	}
	defer rows.Close()
	sc.Units = []string{}
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			return sc, err
		}
		sc.Units = append(sc.Units, c)
	}
	return sc, rows.Err()
}

// As returns the store as the scope's admin sees it.
func (s *Store) As(sc Scope) *Scoped {
	q := &Scoped{s: s, sc: sc}
	if sc.Units != nil {
		b, _ := json.Marshal(sc.Units)
		q.units = string(b)
	}
	return q
}

// Scope is the scope this view was made with.
func (q *Scoped) Scope() Scope { return q.sc }

// where is the WHERE term that confines the conversations (alias c) read to
// the scope: those of its units, and those its units handed on to another
// (followed read only; writes check guard, which ignores handoffs).
func (q *Scoped) where() (string, []any) {
	if !q.confined() {
		return "", nil
	}
	return `(c.unit IN (SELECT value FROM json_each(?)) OR c.id IN (SELECT conversation_id FROM handoffs
		WHERE from_unit IN (SELECT value FROM json_each(?))))`, []any{q.units, q.units}
}

// members is the subquery of the ids of the conversations in the scope
// (as where() reads them), through the unit index; "" for the kabupaten.
func (q *Scoped) members() (string, []any) {
	if q == nil || q.units == "" {
		return "", nil
	}
	return `SELECT id FROM conversations WHERE unit IN (SELECT value FROM json_each(?))
		UNION SELECT conversation_id FROM handoffs WHERE from_unit IN (SELECT value FROM json_each(?))`, []any{q.units, q.units}
}

// ReadOnly reports that the admin may only read (a viewer), so the screen
// can refuse a change at its key rather than after its prompt.
func (q *Scoped) ReadOnly() bool { return q.sc.ReadOnly }

// guard checks inside a write transaction that the admin may write and that
// the conversation is in scope. A conversation the scope only follows (its
// unit handed it on) is read only: ErrFollowing.
func (q *Scoped) guard(tx *sql.Tx, convID int64) error {
	if q.sc.ReadOnly {
		return ErrReadOnly
	}
	return q.owns(tx, convID)
}

// queryRower is a transaction or the read pool.
type queryRower interface {
	QueryRow(string, ...any) *sql.Row
}

// owns checks that the conversation exists and lies in the scope's units.
func (q *Scoped) owns(db queryRower, convID int64) error {
	var unit string
	err := db.QueryRow(`SELECT unit FROM conversations WHERE id = ?`, convID).Scan(&unit)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("conversation %d: %w", convID, ErrNotFound)
	}
	if err != nil || q.sees(unit) {
		return err
	}
	following, err := q.follows(db, convID)
	if err == nil && following {
		return fmt.Errorf("conversation %d: %w", convID, ErrFollowing)
	}
	if err == nil {
		err = fmt.Errorf("conversation %d: %w", convID, ErrNotFound)
	}
	return err
}

// visible checks that the conversation exists and the scope may read it:
// it is in the scope's units, or one of them handed it on.
func (q *Scoped) visible(db queryRower, convID int64) error {
	err := q.owns(db, convID)
	if errors.Is(err, ErrFollowing) {
		return nil
	}
	return err
}

// follows reports whether one of the scope's units handed the conversation on.
func (q *Scoped) follows(db queryRower, convID int64) (bool, error) {
	if q.units == "" {
		return false, nil
	}
	var ok int
	err := db.QueryRow(`SELECT EXISTS (SELECT 1 FROM handoffs WHERE conversation_id = ?
		AND from_unit IN (SELECT value FROM json_each(?)))`, convID, q.units).Scan(&ok)
	return ok == 1, err
}

func (q *Scoped) sees(unit string) bool {
	if q.sc.Units == nil {
		return true
	}
	for _, u := range q.sc.Units {
		if u == unit {
			return true
		}
	}
	return false
}

// List is Store.List within the scope.
func (q *Scoped) List(ctx context.Context, f inbox.Filter, pg Page) ([]inbox.Conversation, error) {
	return q.s.list(ctx, f, pg, q)
}

// Count is Store.Count within the scope.
func (q *Scoped) Count(ctx context.Context, f inbox.Filter) (int, error) {
	return q.s.count(ctx, f, q)
}

// Conversation returns one conversation in scope.
func (q *Scoped) Conversation(ctx context.Context, id int64) (inbox.Conversation, error) {
	c, err := q.s.conversation(ctx, q.sc.Admin, id)
	if err == nil && !q.sees(c.Unit) {
		if following, ferr := q.follows(readRow{ctx, q.s.r}, id); ferr != nil || !following {
			return inbox.Conversation{}, errors.Join(fmt.Errorf("conversation %d: %w", id, ErrNotFound), ferr)
		}
	}
	return c, err
}

// Thread returns a conversation's messages, if it is in scope.
func (q *Scoped) Thread(ctx context.Context, convID int64, limit int) ([]inbox.Message, error) {
	if err := q.visible(readRow{ctx, q.s.r}, convID); err != nil {
		return nil, err
	}
	return q.s.Thread(ctx, convID, limit)
}

// readRow adapts the read pool to visible's QueryRow.
type readRow struct {
	ctx context.Context
	db  *sql.DB
}

func (r readRow) QueryRow(query string, args ...any) *sql.Row {
	return r.db.QueryRowContext(r.ctx, query, args...)
}

// Apply is Store.Apply by the scope's admin, on a conversation in scope; an
// assignee must be an active admin (not a viewer) who can see it.
func (q *Scoped) Apply(ctx context.Context, id int64, _ string, ch Change) (inbox.Conversation, error) {
	err := q.s.write(ctx, func(tx *sql.Tx) error {
		if err := q.guard(tx, id); err != nil {
			return err
		}
		if ch.Assign != nil && *ch.Assign != "" {
			if err := assignable(tx, *ch.Assign, id); err != nil {
				return err
			}
		}
		return q.s.applyTx(tx, id, q.sc.Admin, q.sc.Admin, ch)
	})
	if err != nil {
		return inbox.Conversation{}, err
	}
	return q.Conversation(ctx, id)
}

// ApplyMany is Store.ApplyMany by the scope's admin: every conversation must
// be in scope and every assignee assignable, or nothing changes.
func (q *Scoped) ApplyMany(ctx context.Context, _ string, changes []IDChange) error {
	return q.s.applyMany(ctx, q.sc.Admin, q.sc.Admin, changes, func(tx *sql.Tx, id int64) error {
		if err := q.guard(tx, id); err != nil {
			return err
		}
		for _, c := range changes {
			if c.ID == id && c.Change.Assign != nil && *c.Change.Assign != "" {
				return assignable(tx, *c.Change.Assign, id)
			}
		}
		return nil
	})
}

// assignable checks that name is an active, non-viewer admin whose unit is
// the conversation's or one of its ancestors.
func assignable(tx *sql.Tx, name string, convID int64) error {
	var ok int
	err := tx.QueryRow(`WITH RECURSIVE up(code) AS (
			SELECT unit FROM conversations WHERE id = ?
			UNION SELECT u.parent FROM units u JOIN up ON u.code = up.code)
		SELECT EXISTS (SELECT 1 FROM admins WHERE name = ? AND disabled_at = 0 AND role != 'viewer'
			AND unit IN (SELECT code FROM up))`, convID, name).Scan(&ok)
	if err != nil {
		return err
	}
	if ok == 0 {
		return &inbox.NotAssignableError{Name: name}
	}
	return nil
}

// AssignTargets lists the active admins (not viewers) a conversation of the
// scope can go to: those of the admin's own unit, the units above it and the
// units below it. Completion offers these names.
func (q *Scoped) AssignTargets(ctx context.Context) ([]string, error) {
	query := `SELECT name FROM admins WHERE disabled_at = 0 AND role != 'viewer' ORDER BY name`
	var args []any
	if q.units != "" {
		query = `WITH RECURSIVE up(code) AS (
				SELECT unit FROM admins WHERE name = ?
				UNION SELECT u.parent FROM units u JOIN up ON u.code = up.code)
			SELECT name FROM admins WHERE disabled_at = 0 AND role != 'viewer'
				AND (unit IN (SELECT code FROM up) OR unit IN (SELECT value FROM json_each(?))) ORDER BY name`
		args = []any{q.sc.Admin, q.units}
	}
	rows, err := q.s.r.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, rows.Err()
}

// MarkRead clears the scope's admin's own unread mark of a conversation in
// scope; every other admin's stays. Viewers read too, so they mark too.
func (q *Scoped) MarkRead(ctx context.Context, id int64) error {
	return q.s.writeQuiet(ctx, func(tx *sql.Tx) error {
		if err := q.visible(tx, id); err != nil {
			return err
		}
		return markRead(tx, q.sc.Admin, id)
	})
}

// SaveDraft saves the scope's admin's draft on a conversation in scope.
func (q *Scoped) SaveDraft(ctx context.Context, convID int64, _ string, text string) error {
	return q.s.saveDraft(ctx, convID, q.sc.Admin, text, q.guard)
}

// LoadDraft returns the scope's admin's draft on a conversation in scope.
func (q *Scoped) LoadDraft(ctx context.Context, convID int64, _ string) (Draft, error) {
	if err := q.visible(readRow{ctx, q.s.r}, convID); err != nil {
		return Draft{}, err
	}
	return q.s.LoadDraft(ctx, convID, q.sc.Admin)
}

// Resend requeues a failed reply of a conversation in scope.
func (q *Scoped) Resend(ctx context.Context, outboxID int64, _ string) error {
	return q.s.adminSettleGuarded(ctx, outboxID, q.sc.Admin, "queued", inbox.AuditResend, "'failed', 'unknown'", q.guard)
}

// Cancel cancels an unsent reply of a conversation in scope.
func (q *Scoped) Cancel(ctx context.Context, outboxID int64, _ string) error {
	return q.s.adminSettleGuarded(ctx, outboxID, q.sc.Admin, "cancelled", inbox.AuditCancel, "'queued', 'failed', 'unknown'", q.guard)
}

// OutboxCounts counts the replies in flight of the scope's conversations.
func (q *Scoped) OutboxCounts(ctx context.Context) (map[inbox.Delivery]int, error) {
	return q.s.outboxCounts(ctx, q)
}

// Accounts lists the accounts and their health: names and limits only, no
// conversations, so every admin sees them.
func (q *Scoped) Accounts(ctx context.Context) ([]AccountInfo, error) { return q.s.Accounts(ctx) }

// Lease reports the relay's lease.
func (q *Scoped) Lease(ctx context.Context) (string, time.Time, error) { return q.s.Lease(ctx) }

// ChangeCounter is the store's change counter as the scope's admin sees it:
// every change, and the admin's own read marks (from any of their screens).
func (q *Scoped) ChangeCounter(ctx context.Context) (uint64, error) {
	return q.s.counterFor(ctx, q.sc.Admin)
}

// WaitChange waits for ChangeCounter to move from last (see
// Store.WaitChange): changes anywhere wake the screen, read marks only the
// same admin's.
func (q *Scoped) WaitChange(ctx context.Context, last uint64) (uint64, error) {
	return q.s.waitChange(ctx, q.sc.Admin, last)
}

// KnownAssignees offers, for completion, the admins a conversation of the
// scope can be assigned to; before any admin is registered (a single-user
// setup) the names already in use.
func (q *Scoped) KnownAssignees(ctx context.Context) ([]string, error) {
	if any, err := q.s.HasAdmins(ctx); err != nil || !any {
		if err != nil {
			return nil, err
		}
		return q.s.KnownAssignees(ctx)
	}
	return q.AssignTargets(ctx)
}

// KnownLabels returns the labels in use within the scope, for completion.
func (q *Scoped) KnownLabels(ctx context.Context) ([]string, error) {
	if q.units == "" {
		return q.s.KnownLabels(ctx)
	}
	rows, err := q.s.r.QueryContext(ctx, `SELECT DISTINCT labels FROM conversations c
		WHERE labels != '' AND c.unit IN (SELECT value FROM json_each(?)) LIMIT ?`, q.units, namesLimit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	seen := map[string]bool{}
	var out []string
	for rows.Next() {
		var set string
		if err := rows.Scan(&set); err != nil {
			return nil, err
		}
		for _, l := range splitLabels(set) {
			if !seen[l] && len(out) < namesLimit {
				seen[l] = true
				out = append(out, l)
			}
		}
	}
	sort.Strings(out)
	return out, rows.Err()
}

// Audit returns the audit entries of a conversation in scope; with convID
// 0, the entries of every conversation in scope (a kabupaten admin: every
// entry).
func (q *Scoped) Audit(ctx context.Context, convID int64, limit int) ([]AuditEntry, error) {
	if convID != 0 {
		if err := q.visible(readRow{ctx, q.s.r}, convID); err != nil {
			return nil, err
		}
		return q.s.Audit(ctx, convID, limit)
	}
	if q.units == "" {
		return q.s.Audit(ctx, 0, limit)
	}
	rows, err := q.s.r.QueryContext(ctx, `SELECT at, admin, action, conversation_id, detail FROM (
			SELECT l.* FROM audit_log l JOIN conversations c ON c.id = l.conversation_id
			WHERE c.unit IN (SELECT value FROM json_each(?)) ORDER BY l.id DESC LIMIT ?
		) ORDER BY id`, q.units, limit)
	if err != nil {
		return nil, err
	}
	var out []AuditEntry
	err = eachAuditRow(rows, func(e AuditEntry) error { out = append(out, e); return nil })
	return out, err
}

// SavedViews are the scope's admin's own views; admin is ignored.
func (q *Scoped) SavedViews(ctx context.Context, _ string) ([]inbox.SavedView, error) {
	return q.s.SavedViews(ctx, q.sc.Admin)
}

// SaveView keeps f as the scope's admin's own view. Opening it later lists
// through the scope, so a view naming a unit outside it shows nothing.
func (q *Scoped) SaveView(ctx context.Context, _ string, name string, f inbox.Filter) error {
	return q.s.SaveView(ctx, q.sc.Admin, name, f)
}

// Handoff is Store.Handoff by the scope's admin, of a conversation in scope
// (not one it only follows). The receiving unit may lie outside the scope:
// escalating sends work up, out of it.
func (q *Scoped) Handoff(ctx context.Context, convID int64, _ string, to, note string) (inbox.Handoff, error) {
	return q.s.handoff(ctx, convID, q.sc.Admin, to, note, q.guard)
}

// SetUnit is Store.SetUnit by the scope's admin, within the scope: both the
// conversation and its new unit are the scope's.
func (q *Scoped) SetUnit(ctx context.Context, convID int64, _ string, unit string) error {
	if !q.sees(unit) {
		return fmt.Errorf("%q: %w", unit, ErrNoUnit)
	}
	return q.s.setUnit(ctx, convID, q.sc.Admin, unit, q.guard)
}

// AddNote is Store.AddNote by the scope's admin on a conversation in scope.
func (q *Scoped) AddNote(ctx context.Context, convID int64, _ string, text string) error {
	return q.s.addNote(ctx, convID, q.sc.Admin, text, q.guard)
}

// Trail is Store.Trail of a conversation the scope may read; Following says
// whether the scope only follows it.
func (q *Scoped) Trail(ctx context.Context, convID int64) (inbox.Trail, error) {
	err := q.owns(readRow{ctx, q.s.r}, convID)
	following := errors.Is(err, ErrFollowing)
	if err != nil && !following {
		return inbox.Trail{}, err
	}
	t, err := q.s.Trail(ctx, convID)
	t.Following = following
	return t, err
}

// Targets is Store.Targets of a conversation in scope, its places limited
// to the scope's units.
func (q *Scoped) Targets(ctx context.Context, convID int64) (inbox.Targets, error) {
	if err := q.owns(readRow{ctx, q.s.r}, convID); err != nil {
		return inbox.Targets{}, err
	}
	return q.s.targets(ctx, convID, q.units)
}
