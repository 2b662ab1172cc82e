package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"sapa/inbox"
)

// The errors of handoffs, notes and unit changes (see inbox).
var (
	ErrNoUnit    = inbox.ErrNoUnit
	ErrHandoff   = inbox.ErrHandoff
	ErrEmptyNote = inbox.ErrEmptyNote
)

// unitRefSQL reads units (alias u) with their parent's name.
const unitRefSQL = `SELECT u.code, u.level, u.name, COALESCE(p.name, '') FROM units u LEFT JOIN units p ON p.code = u.parent`

// unitRef reads one unit; a code the tree does not have is ErrNoUnit.
func unitRef(db queryRower, code string) (inbox.UnitRef, error) {
	var u inbox.UnitRef
	err := db.QueryRow(unitRefSQL+` WHERE u.code = ?`, code).Scan(&u.Code, &u.Level, &u.Name, &u.Parent)
	if errors.Is(err, sql.ErrNoRows) {
		return inbox.UnitRef{Code: code}, fmt.Errorf("%q: %w", code, ErrNoUnit)
	}
	return u, err
}

// unitRefs reads the units a query selects.
func unitRefs(rows *sql.Rows, err error) ([]inbox.UnitRef, error) {
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []inbox.UnitRef
	for rows.Next() {
		var u inbox.UnitRef
		if err := rows.Scan(&u.Code, &u.Level, &u.Name, &u.Parent); err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

// Handoff sends a conversation from its unit to another by admin, with a
// note: up to the parent unit, down to a unit below, or across to an
// agency. The receiving unit finds it unread and unassigned (a done or
// snoozed conversation is open again); the unit it left keeps reading it.
func (s *Store) Handoff(ctx context.Context, convID int64, admin, to, note string) (inbox.Handoff, error) {
	return s.handoff(ctx, convID, admin, to, note, nil)
}

func (s *Store) handoff(ctx context.Context, convID int64, admin, to, note string, guard func(*sql.Tx, int64) error) (inbox.Handoff, error) {
	var h inbox.Handoff
	note = strings.TrimSpace(note)
	err := s.write(ctx, func(tx *sql.Tx) error {
		if guard != nil {
			if err := guard(tx, convID); err != nil {
				return err
			}
		}
		from, err := convUnit(tx, convID)
		if err != nil {
			return err
		}
		h = inbox.Handoff{At: fromMS(ms(s.now())), Admin: admin, Note: note}
		if h.From, err = unitRef(tx, from); err != nil {
			return err
		}
		if h.To, err = unitRef(tx, to); err != nil {
			return err
		}
		if h.Way, err = direction(tx, h.From, h.To); err != nil {
			return err
		}
		now := ms(h.At)
		if _, err := tx.Exec(`INSERT INTO handoffs (conversation_id, at, admin, from_unit, to_unit, direction, note)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, convID, now, admin, h.From.Code, h.To.Code, string(h.Way), note); err != nil {
			return err
		}
		if err := unreadAfterHandoff(tx, convID, admin, h.To.Code); err != nil {
			return err
		}
		if _, err := tx.Exec(`UPDATE conversations SET unit = ?, unit_set_by = ?, assignee = '',
				status = CASE WHEN status IN ('done', 'snoozed') THEN 'open' ELSE status END,
				snooze_until = CASE WHEN status IN ('done', 'snoozed') THEN 0 ELSE snooze_until END,
				version = version + 1
			WHERE id = ?`, h.To.Code, admin, convID); err != nil {
			return err
		}
		action := inbox.AuditDelegate
		if h.Way == inbox.Up {
			action = inbox.AuditEscalate
		}
		detail := h.From.Short() + " → " + h.To.Short()
		if note != "" {
			detail += ": " + note
		}
		return logAudit(tx, now, admin, action, convID, detail)
	})
	return h, err
}

// unreadAfterHandoff makes a conversation unread for the admins of unit and its
// subtree (every admin but the sender while none is registered): their read
// marks go, and a conversation nobody had unread gets its first message's
// mark.
func unreadAfterHandoff(tx *sql.Tx, convID int64, sender, unit string) error {
	if _, err := tx.Exec(`UPDATE conversations SET unread = 1 WHERE id = ? AND unread = 0`, convID); err != nil {
		return err
	}
	_, err := tx.Exec(`WITH RECURSIVE sub(code) AS (SELECT ?3 UNION SELECT u.code FROM units u JOIN sub ON u.parent = sub.code)
		DELETE FROM read_marks WHERE conversation_id = ?1 AND admin != ?2
			AND (admin IN (SELECT name FROM admins WHERE unit IN (SELECT code FROM sub)) OR NOT EXISTS (SELECT 1 FROM admins))`,
		convID, sender, unit)
	return err
}

// convUnit is a conversation's unit; a missing conversation is ErrNotFound.
func convUnit(tx *sql.Tx, convID int64) (string, error) {
	var unit string
	err := tx.QueryRow(`SELECT unit FROM conversations WHERE id = ?`, convID).Scan(&unit)
	if errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("conversation %d: %w", convID, ErrNotFound)
	}
	return unit, err
}

// direction says how from → to goes in the tree, or ErrHandoff.
func direction(tx *sql.Tx, from, to inbox.UnitRef) (inbox.Way, error) {
	if from.Code == to.Code {
		return "", fmt.Errorf("already at %s: %w", to.Label(), ErrHandoff)
	}
	var parent string
	if err := tx.QueryRow(`SELECT parent FROM units WHERE code = ?`, from.Code).Scan(&parent); err != nil && !errors.Is(err, sql.ErrNoRows) {
		return "", err
	}
	switch {
	case to.Code == parent:
		return inbox.Up, nil
	case to.Level == "opd":
		return inbox.Across, nil
	}
	var below int
	err := tx.QueryRow(`WITH RECURSIVE up(code) AS (
			SELECT parent FROM units WHERE code = ?
			UNION SELECT u.parent FROM units u JOIN up ON u.code = up.code)
		SELECT EXISTS (SELECT 1 FROM up WHERE code = ?)`, to.Code, from.Code).Scan(&below)
	if err != nil {
		return "", err
	}
	if below == 1 {
		return inbox.Down, nil
	}
	return "", fmt.Errorf("%s → %s: %w", from.Label(), to.Label(), ErrHandoff)
}

// SetUnit places a conversation in a unit by admin: the correction of a
// route, audited. It is not a handoff: nobody follows it from the old unit.
func (s *Store) SetUnit(ctx context.Context, convID int64, admin, unit string) error {
	return s.setUnit(ctx, convID, admin, unit, nil)
}

func (s *Store) setUnit(ctx context.Context, convID int64, admin, unit string, guard func(*sql.Tx, int64) error) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		if guard != nil {
			if err := guard(tx, convID); err != nil {
				return err
			}
		}
		was, err := convUnit(tx, convID)
		if err != nil {
			return err
		}
		from, _ := unitRef(tx, was) // a unit gone from the tree still shows its code
		to, err := unitRef(tx, unit)
		if err != nil {
			return err
		}
		if _, err := tx.Exec(`UPDATE conversations SET unit = ?, unit_set_by = ?, version = version + 1 WHERE id = ?`,
			unit, admin, convID); err != nil {
			return err
		}
		return logAudit(tx, ms(s.now()), admin, inbox.AuditUnit, convID, from.Short()+" → "+to.Short())
	})
}

// AddNote keeps an internal note by admin on a conversation: admins read it
// in the thread; it is no message, so nothing sends it anywhere.
func (s *Store) AddNote(ctx context.Context, convID int64, admin, text string) error {
	return s.addNote(ctx, convID, admin, text, nil)
}

func (s *Store) addNote(ctx context.Context, convID int64, admin, text string, guard func(*sql.Tx, int64) error) error {
	text = strings.TrimSpace(text)
	if text == "" {
		return ErrEmptyNote
	}
	return s.write(ctx, func(tx *sql.Tx) error {
		if guard != nil {
			if err := guard(tx, convID); err != nil {
				return err
			}
		}
		if _, err := convUnit(tx, convID); err != nil {
			return err
		}
		now := ms(s.now())
		if _, err := tx.Exec(`INSERT INTO notes (conversation_id, at, admin, text) VALUES (?, ?, ?, ?)`,
			convID, now, admin, text); err != nil {
			return err
		}
		if _, err := tx.Exec(`UPDATE conversations SET version = version + 1 WHERE id = ?`, convID); err != nil {
			return err
		}
		return logAudit(tx, now, admin, inbox.AuditNote, convID, text)
	})
}
