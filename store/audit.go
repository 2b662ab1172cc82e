package store

import (
	"context"
	"database/sql"
	"time"

	"sapa/inbox"
)

// AuditEntry is one line of the append-only audit log: who did what, when.
type AuditEntry = inbox.AuditEntry

// auditLine is an audit entry a change will write once its row is updated.
type auditLine struct {
	action inbox.AuditAction
	detail string
}

func logAudit(tx *sql.Tx, at int64, admin string, action inbox.AuditAction, convID int64, detail string) error {
	var conv any
	if convID != 0 {
		conv = convID
	}
	_, err := tx.Exec(`INSERT INTO audit_log (at, admin, action, conversation_id, detail) VALUES (?, ?, ?, ?, ?)`,
		at, admin, string(action), conv, detail)
	return err
}

// Audit returns the audit entries of a conversation (0: every entry), oldest
// first, at most limit of the newest.
func (s *Store) Audit(ctx context.Context, convID int64, limit int) ([]AuditEntry, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT at, admin, action, COALESCE(conversation_id, 0), detail FROM (
			SELECT * FROM audit_log WHERE ? = 0 OR conversation_id = ? ORDER BY id DESC LIMIT ?
		) ORDER BY id`, convID, convID, limit)
	if err != nil {
		return nil, err
	}
	var out []AuditEntry
	err = eachAuditRow(rows, func(e AuditEntry) error { out = append(out, e); return nil })
	return out, err
}

// AuditQuery selects audit entries for an export: a time range (zero ends
// are open) and, when set, one admin.
type AuditQuery struct {
	From, To time.Time
	Admin    string
}

// EachAudit calls fn for every audit entry q selects, oldest first, reading
// row by row so an export of years of entries holds one row in memory.
func (s *Store) EachAudit(ctx context.Context, q AuditQuery, fn func(AuditEntry) error) error {
	from, to := int64(0), int64(1<<62)
	if !q.From.IsZero() {
		from = ms(q.From)
	}
	if !q.To.IsZero() {
		to = ms(q.To)
	}
	rows, err := s.r.QueryContext(ctx, `SELECT at, admin, action, COALESCE(conversation_id, 0), detail
		FROM audit_log WHERE at >= ? AND at < ? AND (? = '' OR admin = ?) ORDER BY at, id`, from, to, q.Admin, q.Admin)
	if err != nil {
		return err
	}
	return eachAuditRow(rows, fn)
}

// eachAuditRow scans rows of (at, admin, action, conversation, detail) into
// entries, one at a time, and closes rows.
func eachAuditRow(rows *sql.Rows, fn func(AuditEntry) error) error {
	defer rows.Close()
	for rows.Next() {
		var e AuditEntry
		var at int64
		if err := rows.Scan(&at, &e.Admin, &e.Action, &e.ConversationID, &e.Detail); err != nil {
			return err
		}
		e.At = fromMS(at)
		if err := fn(e); err != nil {
			return err
		}
	}
	return rows.Err()
}
