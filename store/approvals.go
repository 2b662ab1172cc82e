package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"sapa/inbox"
)

// ErrNotApprover: only a supervisor whose subtree holds the reply's
// approving unit, and not its author, decides on it.
var ErrNotApprover = inbox.ErrNotApprover

// holdReply keeps a reply for approval: the nearest unit up the tree from
// the author's with an active supervisor other than the author approves it
// (the tree's root when none has one).
func holdReply(tx *sql.Tx, now, convID int64, author, text string, then inbox.Status) (int64, error) {
	var unit string
	err := tx.QueryRow(`WITH RECURSIVE up(code, depth) AS (
			SELECT unit, 0 FROM admins WHERE name = ?1
			UNION SELECT u.parent, up.depth + 1 FROM units u JOIN up ON u.code = up.code)
		SELECT COALESCE((SELECT up.code FROM up WHERE EXISTS (SELECT 1 FROM admins a WHERE a.unit = up.code
				AND a.role = 'supervisor' AND a.disabled_at = 0 AND a.name != ?1) ORDER BY up.depth LIMIT 1),
			(SELECT code FROM units WHERE parent NOT IN (SELECT code FROM units) LIMIT 1), '')`, author).Scan(&unit)
	if err != nil {
		return 0, err
	}
	var id int64
	if err := tx.QueryRow(`INSERT INTO approvals (conversation_id, author, text, then_status, approver_unit, state, created_at)
		VALUES (?, ?, ?, ?, ?, 'awaiting', ?) RETURNING id`, convID, author, text, then, unit, now).Scan(&id); err != nil {
		return 0, err
	}
	if _, err := tx.Exec(`UPDATE conversations SET version = version + 1 WHERE id = ?`, convID); err != nil {
		return 0, err
	}
	return id, logAudit(tx, now, author, inbox.AuditApprovalWait, convID, fmt.Sprintf("approval %d for unit %s", id, unit))
}

// approvalThread lists a conversation's replies waiting for approval or
// rejected, for the thread (ids far below the outbox's negative ids).
const approvalThread = `SELECT -(1 << 40) - a.id, '', '', 'out', '', '', '', a.text, a.created_at, a.author,
		CASE a.state WHEN 'awaiting' THEN 'awaiting' ELSE 'rejected' END,
		CASE a.state WHEN 'rejected' THEN a.decided_by || ': ' || a.note ELSE '' END, 0, 2, '', ''
	FROM approvals a WHERE a.conversation_id = ?1 AND (a.state = 'awaiting'
		OR (a.state = 'rejected' AND a.id = (SELECT MAX(id) FROM approvals WHERE conversation_id = ?1)))`

// Enqueue queues a reply by the scope's admin on a conversation in scope;
// an admin registered with needs_approval has it wait for a supervisor
// instead, and gets the approval's id negated.
func (q *Scoped) Enqueue(ctx context.Context, convID int64, _ string, text string, seen time.Time, then inbox.Status, force bool) (int64, error) {
	return q.s.enqueueHeld(ctx, convID, q.sc.Admin, q.sc.Admin, text, seen, then, force, q.guard, q.sc.NeedsApproval)
}

// Approvals lists the conversations in scope holding a reply that waits for
// this admin's approval: a supervisor's subtree holds its approving unit.
// Others have none to give.
func (q *Scoped) Approvals(ctx context.Context) ([]int64, error) {
	if !q.sc.Supervisor || q.sc.ReadOnly {
		return []int64{}, nil
	}
	query := `SELECT DISTINCT a.conversation_id FROM approvals a JOIN conversations c ON c.id = a.conversation_id
		WHERE a.state = 'awaiting' AND a.author != ?`
	args := []any{q.sc.Admin}
	if term, targs := q.where(); term != "" {
		query += ` AND ` + term + ` AND a.approver_unit IN (SELECT value FROM json_each(?))`
		args = append(append(args, targs...), q.units)
	}
	rows, err := q.s.r.QueryContext(ctx, query+` ORDER BY a.conversation_id`, args...)
	if err != nil {
		return nil, q.s.noteErr(err)
	}
	defer rows.Close()
	out := []int64{}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, q.s.noteErr(rows.Err())
}

// Approve sends the conversation's oldest reply waiting for approval:
// it goes into the outbox (with text instead, when text is not empty: the
// supervisor edited it) in the same transaction that settles it, so it is
// queued exactly once. Audited as the approver's; the reply stays the
// author's.
func (q *Scoped) Approve(ctx context.Context, convID int64, _ string, text string) error {
	now := ms(q.s.now())
	return q.s.write(ctx, func(tx *sql.Tx) error {
		a, err := q.awaiting(tx, convID)
		if err != nil {
			return err
		}
		edited := strings.TrimSpace(text) != "" && text != a.text
		if !edited {
			text = a.text
		}
		outID, err := q.s.queueReply(tx, now, convID, a.author, text, inbox.Status(a.then))
		if err != nil {
			return err
		}
		if _, err := tx.Exec(`UPDATE approvals SET state = 'approved', decided_by = ?, decided_at = ?, outbox_id = ?, text = ?
			WHERE id = ?`, q.sc.Admin, now, outID, text, a.id); err != nil {
			return err
		}
		detail := fmt.Sprintf("approval %d by %s: outbox %d", a.id, a.author, outID)
		if edited {
			detail += " (edited)"
		}
		return logAudit(tx, now, q.sc.Admin, inbox.AuditApprove, convID, detail)
	})
}

// Reject turns down the conversation's oldest reply waiting for approval,
// with a note the author reads in the thread; the text goes back to the
// author as a draft when they have none, so nothing typed is lost.
func (q *Scoped) Reject(ctx context.Context, convID int64, _ string, note string) error {
	now := ms(q.s.now())
	return q.s.write(ctx, func(tx *sql.Tx) error {
		a, err := q.awaiting(tx, convID)
		if err != nil {
			return err
		}
		if _, err := tx.Exec(`UPDATE approvals SET state = 'rejected', decided_by = ?, decided_at = ?, note = ?
			WHERE id = ?`, q.sc.Admin, now, note, a.id); err != nil {
			return err
		}
		if _, err := tx.Exec(`INSERT INTO drafts (conversation_id, admin, text, started_at, updated_at)
			VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`, convID, a.author, a.text, now, now); err != nil {
			return err
		}
		if _, err := tx.Exec(`UPDATE conversations SET version = version + 1 WHERE id = ?`, convID); err != nil {
			return err
		}
		return logAudit(tx, now, q.sc.Admin, inbox.AuditReject, convID, fmt.Sprintf("approval %d by %s: %s", a.id, a.author, note))
	})
}

type heldReply struct {
	id                 int64
	author, text, then string
}

// awaiting finds the reply the scope's admin may decide on: a supervisor
// (not a viewer, not its author) whose subtree holds both the conversation
// and the approving unit.
func (q *Scoped) awaiting(tx *sql.Tx, convID int64) (heldReply, error) {
	if err := q.guard(tx, convID); err != nil {
		return heldReply{}, err
	}
	var a heldReply
	var unit string
	err := tx.QueryRow(`SELECT id, author, text, then_status, approver_unit FROM approvals
		WHERE conversation_id = ? AND state = 'awaiting' ORDER BY id LIMIT 1`, convID).Scan(&a.id, &a.author, &a.text, &a.then, &unit)
	if errors.Is(err, sql.ErrNoRows) {
		return a, fmt.Errorf("approval in conversation %d: %w", convID, ErrNotFound)
	} else if err != nil {
		return a, err
	}
	if !q.sc.Supervisor || a.author == q.sc.Admin || !q.sees(unit) {
		return a, ErrNotApprover
	}
	return a, nil
}

// all is the store as an admin who sees everything and supervises it: a
// single-user setup, where whoever runs Sapa decides.
func (s *Store) all(admin string) *Scoped { return s.As(Scope{Admin: admin, Supervisor: true}) }

// Approvals lists every conversation holding a reply that waits for approval.
func (s *Store) Approvals(ctx context.Context) ([]int64, error) { return s.all("").Approvals(ctx) }

// Approve is Scoped.Approve by admin, over every conversation.
func (s *Store) Approve(ctx context.Context, convID int64, admin, text string) error {
	return s.all(admin).Approve(ctx, convID, admin, text)
}

// Reject is Scoped.Reject by admin, over every conversation.
func (s *Store) Reject(ctx context.Context, convID int64, admin, note string) error {
	return s.all(admin).Reject(ctx, convID, admin, note)
}
