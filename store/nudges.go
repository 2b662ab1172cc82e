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
	err = s.write(ctx, func(tx *sql.Tx) error {
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
		return logAudit(tx, at, "sapa", inbox.AuditNudge, sum.ID, fmt.Sprintf("%s via %s: %d waiting", name, a.Nudge.Via, sum.Count))
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
}

// ClaimNudges marks the queued nudges sending — durably, before any network
// call — and returns them.
func (s *Store) ClaimNudges(ctx context.Context) ([]NudgeClaim, error) {
	var n int
	if err := s.r.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM nudges WHERE state = 'queued')`).Scan(&n); err != nil || n == 0 {
		return nil, err
	}
	var out []NudgeClaim
	err := s.writeQuiet(ctx, func(tx *sql.Tx) error {
		out = nil
		rows, err := tx.Query(`UPDATE nudges SET state = 'sending', updated_at = ? WHERE state = 'queued'
			RETURNING id, admin, via, recipient, text, created_at`, ms(s.now()))
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var c NudgeClaim
			var at int64
			if err := rows.Scan(&c.ID, &c.Admin, &c.Via, &c.Recipient, &c.Text, &at); err != nil {
				return err
			}
			c.Queued = fromMS(at)
			out = append(out, c)
		}
		return rows.Err()
	})
	return out, err
}

// MarkNudge records a claimed nudge's outcome: sent when sendErr is nil,
// else failed (a nudge is never retried: the next one comes within the hour).
func (s *Store) MarkNudge(ctx context.Context, id int64, sendErr error) error {
	state, msg := "sent", ""
	if sendErr != nil {
		state, msg = "failed", sendErr.Error()
	}
	return s.writeQuiet(ctx, func(tx *sql.Tx) error {
		r, err := tx.Exec(`UPDATE nudges SET state = ?, last_error = ?, updated_at = ? WHERE id = ? AND state = 'sending'`,
			state, msg, ms(s.now()), id)
		if err != nil {
			return err
		}
		if n, _ := r.RowsAffected(); n == 0 {
			return fmt.Errorf("nudge %d: %w", id, ErrNotFound)
		}
		return nil
	})
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
// have gone out, so they are marked failed and never sent again.
func (s *Store) RecoverNudges(ctx context.Context) (int, error) {
	var n int64
	err := s.writeQuiet(ctx, func(tx *sql.Tx) error {
		r, err := tx.Exec(`UPDATE nudges SET state = 'failed', last_error = 'interrupted: may have been sent; not sent again',
			updated_at = ? WHERE state = 'sending'`, ms(s.now()))
		if err != nil {
			return err
		}
		n, err = r.RowsAffected()
		return err
	})
	return int(n), err
}
