package store

import (
	"context"
	"database/sql"
	"fmt"
	"net/mail"
	"strconv"
	"time"

	"sapa/inbox"
)

// NudgeEvery is the least time between two nudges of one admin.
const NudgeEvery = time.Hour

// SetNudge opts an admin in to nudges (n.Via "telegram" with a chat id, or
// "email" with an address) or out (n.Via ""); actor signs the audit row.
func (s *Store) SetNudge(ctx context.Context, actor, name string, n inbox.Nudge) error {
	switch n.Via {
	case "":
		n.To = ""
	case "telegram":
		if id, err := strconv.ParseInt(n.To, 10, 64); err != nil || id == 0 {
			return fmt.Errorf("nudge: %q is not a Telegram chat id (a number, as the bot sees the chat)", n.To)
		}
	case "email":
		a, err := mail.ParseAddress(n.To)
		if err != nil {
			return fmt.Errorf("nudge: %q is not an email address", n.To)
		}
		n.To = a.Address
	default:
		return fmt.Errorf("nudge: via %q: want telegram or email", n.Via)
	}
	now := ms(s.now())
	return s.write(ctx, func(tx *sql.Tx) error {
		id, err := adminID(tx, name)
		if err != nil {
			return err
		}
		if _, err := tx.Exec(`UPDATE admins SET nudge_via = ?, nudge_to = ? WHERE id = ?`, n.Via, n.To, id); err != nil {
			return err
		}
		detail := name + " off"
		if n.Via != "" {
			detail = name + " " + n.Via + " " + n.To
		}
		return logAudit(tx, now, actor, inbox.AuditAdminNudge, 0, detail)
	})
}

// NudgeSummary is what one nudge tells an admin (the screen's locale words it).
type NudgeSummary = inbox.NudgeSummary

// nudgeWork selects the conversations an admin is nudged about: not done,
// theirs or nobody's, in their units (?1: JSON array; NULL: every unit), and
// arrived or handed on since the last nudge (?2) or due before ?3.
const nudgeWork = `FROM conversations c LEFT JOIN contacts p ON p.id = c.contact_id
	WHERE c.status NOT IN ('done', 'snoozed') AND (c.assignee = '' OR c.assignee = ?4)
	  AND (?1 IS NULL OR c.unit IN (SELECT value FROM json_each(?1)))
	  AND ((c.waiting_since > 0 AND c.last_inbound_at > ?2)
	    OR (c.due_at > 0 AND c.due_at <= ?3)
	    OR c.id IN (SELECT conversation_id FROM handoffs WHERE at > ?2))`

// QueueNudges queues one nudge for each admin who opted in, is not online,
// was not nudged in the last NudgeEvery, and has work (nudgeWork) with
// deadlines within before. text words the message. It returns how many
// nudges it queued.
func (s *Store) QueueNudges(ctx context.Context, before time.Duration, online func(admin string) bool, text func(NudgeSummary) string) (int, error) {
	now := s.now()
	rows, err := s.r.QueryContext(ctx, `SELECT name FROM admins
		WHERE disabled_at = 0 AND nudge_via != '' AND nudged_at <= ?`, ms(now.Add(-NudgeEvery)))
	if err != nil {
		return 0, err
	}
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			rows.Close()
			return 0, err
		}
		names = append(names, n)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, err
	}
	queued := 0
	for _, name := range names {
		if online != nil && online(name) {
			continue
		}
		ok, err := s.queueNudge(ctx, name, now, before, text)
		if err != nil {
			return queued, fmt.Errorf("nudging %s: %w", name, err)
		}
		if ok {
			queued++
		}
	}
	return queued, nil
}

// queueNudge queues one admin's nudge if there is work, in one transaction
// with the admin's nudged_at, so two relays never nudge twice.
func (s *Store) queueNudge(ctx context.Context, name string, now time.Time, before time.Duration, text func(NudgeSummary) string) (bool, error) {
	a, err := s.Admin(ctx, name)
	if err != nil {
		return false, err
	}
	sc, err := s.Scope(ctx, a)
	if err != nil {
		return false, err
	}
	var units any // NULL: the kabupaten sees every unit
	if sc.Units != nil {
		units = s.As(sc).units
	}
	queued := false
	// Tried every few seconds for an admin with nothing waiting: only a
	// queued nudge (audited) moves the change counter, so idle sessions stay idle.
	err = s.writeQuiet(ctx, func(tx *sql.Tx) error {
		var last int64
		if err := tx.QueryRow(`SELECT nudged_at FROM admins WHERE name = ?`, name).Scan(&last); err != nil {
			return err
		}
		if last > ms(now.Add(-NudgeEvery)) {
			return nil // another relay just did
		}
		sum := NudgeSummary{Admin: name}
		args := []any{units, last, ms(now.Add(before)), name}
		if err := tx.QueryRow(`SELECT COUNT(*) `+nudgeWork, args...).Scan(&sum.Count); err != nil || sum.Count == 0 {
			return err
		}
		var due int64
		if err := tx.QueryRow(`SELECT c.id, CASE WHEN c.title != '' THEN c.title ELSE COALESCE(p.name, '') END, c.due_at `+nudgeWork+`
			ORDER BY c.due_at = 0, c.due_at, c.last_inbound_at DESC LIMIT 1`, args...).Scan(&sum.ID, &sum.Title, &due); err != nil {
			return err
		}
		sum.Due = fromMS(due)
		at := ms(now)
		if _, err := tx.Exec(`UPDATE admins SET nudged_at = ? WHERE name = ?`, at, name); err != nil {
			return err
		}
		if _, err := tx.Exec(`INSERT INTO nudges (admin, via, recipient, text, state, created_at, updated_at)
			VALUES (?, ?, ?, ?, 'queued', ?, ?)`, name, a.Nudge.Via, a.Nudge.To, text(sum), at, at); err != nil {
			return err
		}
		queued = true
		if err := logAudit(tx, at, "sapa", inbox.AuditNudge, sum.ID, fmt.Sprintf("%s via %s: %d waiting", name, a.Nudge.Via, sum.Count)); err != nil {
			return err
		}
		return bumpChanges(tx)
	})
	return queued, err
}

// NudgeClaim is a queued nudge the relay has marked sending and must send.
type NudgeClaim struct {
	ID        int64
	Admin     string
	Via       string // telegram or email
	Recipient string // a chat id or an address
	Text      string
	Queued    time.Time // when it was queued: with ID, its idempotency key
	Attempts  int       // this one included
}

// ClaimNudges marks the queued nudges that are due sending — durably,
// before any network call — and returns them.
func (s *Store) ClaimNudges(ctx context.Context) ([]NudgeClaim, error) {
	now := ms(s.now())
	var n int
	if err := s.r.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM nudges WHERE state = 'queued' AND next_attempt_at <= ?)`,
		now).Scan(&n); err != nil || n == 0 {
		return nil, err
	}
	var out []NudgeClaim
	err := s.writeQuiet(ctx, func(tx *sql.Tx) error {
		rows, err := tx.Query(`UPDATE nudges SET state = 'sending', attempts = attempts + 1, updated_at = ?1
			WHERE state = 'queued' AND next_attempt_at <= ?1
			RETURNING id, admin, via, recipient, text, created_at, attempts`, now)
		if err != nil {
			return err
		}
		out, err = collect(rows, func(r *sql.Rows) (c NudgeClaim, err error) {
			var at int64
			err = r.Scan(&c.ID, &c.Admin, &c.Via, &c.Recipient, &c.Text, &at, &c.Attempts)
			c.Queued = fromMS(at)
			return c, err
		})
		return err
	})
	return out, err
}

// MarkNudgeSent records a claimed nudge the platform took.
func (s *Store) MarkNudgeSent(ctx context.Context, id int64) error {
	return s.settleNudge(ctx, id, `UPDATE nudges SET state = 'sent', last_error = '', updated_at = ?
		WHERE id = ? AND state = 'sending'`, ms(s.now()), id)
}

// MarkNudgeRetry queues a claimed nudge that surely did not reach the
// platform again, to be tried at next.
func (s *Store) MarkNudgeRetry(ctx context.Context, id int64, reason string, next time.Time) error {
	return s.settleNudge(ctx, id, `UPDATE nudges SET state = 'queued', last_error = ?, next_attempt_at = ?, updated_at = ?
		WHERE id = ? AND state = 'sending'`, reason, ms(next), ms(s.now()), id)
}

// settleNudge runs one outcome's update of a nudge in sending; a nudge not
// in sending is ErrNotFound.
func (s *Store) settleNudge(ctx context.Context, id int64, update string, args ...any) error {
	return s.writeQuiet(ctx, func(tx *sql.Tx) error {
		r, err := tx.Exec(update, args...)
		if err != nil {
			return err
		}
		if n, _ := r.RowsAffected(); n == 0 {
			return fmt.Errorf("nudge %d: %w", id, ErrNotFound)
		}
		return nil
	})
}

// MarkNudgeFailed records a claimed nudge that will not go out (refused, or
// out of attempts), in the nudges and in the audit log.
func (s *Store) MarkNudgeFailed(ctx context.Context, id int64, reason string) error {
	return s.writeQuiet(ctx, func(tx *sql.Tx) error {
		n, err := failNudges(tx, ms(s.now()), reason, `id = ?`, id)
		if err == nil && n == 0 {
			err = fmt.Errorf("nudge %d: %w", id, ErrNotFound)
		}
		return err
	})
}

// failNudges marks the nudges in sending that match where failed for reason
// and audits each as the relay's: whose, by which way, after how many tries,
// why. It returns how many it marked.
func failNudges(tx *sql.Tx, now int64, reason, where string, args ...any) (int, error) {
	rows, err := tx.Query(`UPDATE nudges SET state = 'failed', last_error = ?, updated_at = ?
		WHERE state = 'sending' AND `+where+` RETURNING admin, via, attempts`, append([]any{reason, now}, args...)...)
	if err != nil {
		return 0, err
	}
	details, err := collect(rows, func(r *sql.Rows) (string, error) {
		var admin, via string
		var attempts int
		err := r.Scan(&admin, &via, &attempts)
		return fmt.Sprintf("%s via %s, attempt %d: %s", admin, via, attempts, reason), err
	})
	if err != nil {
		return 0, err
	}
	for _, d := range details {
		if err := logAudit(tx, now, RelayActor, inbox.AuditNudgeFailed, 0, d); err != nil {
			return 0, err
		}
	}
	return len(details), nil
}

// NudgeRow is one nudge as recorded, for tests and the audit.
type NudgeRow struct {
	Admin, Via, Recipient, Text, State string
}

// Nudges lists the nudges recorded, oldest first.
func (s *Store) Nudges(ctx context.Context) ([]NudgeRow, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT admin, via, recipient, text, state FROM nudges ORDER BY id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []NudgeRow
	for rows.Next() {
		var n NudgeRow
		if err := rows.Scan(&n.Admin, &n.Via, &n.Recipient, &n.Text, &n.State); err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, rows.Err()
}

// RecoverNudges settles the nudges a crashed relay left sending: they may
// have gone out, so they are marked failed (and audited) and never sent again.
func (s *Store) RecoverNudges(ctx context.Context) (int, error) {
	var n int
	err := s.writeQuiet(ctx, func(tx *sql.Tx) (err error) {
		n, err = failNudges(tx, ms(s.now()), "interrupted: may have been sent; not sent again", "1")
		return err
	})
	return n, err
}
