package store

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"sapa/inbox"
)

// Deadlines is the office's response-time policy as the store needs it to
// stamp each conversation's due time (main builds it from [hours]).
type Deadlines interface {
	// Due returns when the office's answer is due for a conversation of
	// this priority and platform whose citizen has waited since since;
	// answered: the office has replied before, so the next-response target
	// applies. False: no target applies.
	Due(priority int, platform inbox.Platform, since time.Time, answered bool) (time.Time, bool)
	// Policy names the policy (targets, working days and hours, holidays).
	// A store opened with a policy other than the one its due times were
	// stamped with stamps them all again.
	Policy() string
}

// dueFacts are what a conversation's due time depends on.
type dueFacts struct {
	status       inbox.Status
	priority     int
	platform     inbox.Platform
	waitingSince int64
	firstReply   int64
	dueAt        int64
}

// due computes a conversation's due time in ms; 0 while no clock runs: the
// office waits for the citizen (pending), the conversation is snoozed or
// done, or nothing of the citizen's waits for an answer.
func (s *Store) due(f dueFacts) int64 {
	if s.deadlines == nil || f.waitingSince == 0 || (f.status != inbox.StatusNew && f.status != inbox.StatusOpen) {
		return 0
	}
	t, ok := s.deadlines.Due(f.priority, f.platform, fromMS(f.waitingSince), f.firstReply != 0)
	if !ok {
		return 0
	}
	return ms(t)
}

const dueFactsColumns = `id, status, priority, platform, waiting_since, first_response_at, due_at`

func scanDueFacts(sc interface{ Scan(...any) error }) (int64, dueFacts, error) {
	var id int64
	var f dueFacts
	err := sc.Scan(&id, &f.status, &f.priority, &f.platform, &f.waitingSince, &f.firstReply, &f.dueAt)
	return id, f, err
}

// stampDue recomputes the due time of conversations whose status, priority,
// messages or first response changed in tx. A store opened without a
// policy leaves due times as they are.
func (s *Store) stampDue(tx *sql.Tx, ids ...int64) error {
	if s.deadlines == nil {
		return nil
	}
	for _, id := range ids {
		_, f, err := scanDueFacts(tx.QueryRow(`SELECT `+dueFactsColumns+` FROM conversations WHERE id = ?`, id))
		if errors.Is(err, sql.ErrNoRows) {
			continue
		} else if err != nil {
			return err
		}
		if d := s.due(f); d != f.dueAt {
			if _, err := tx.Exec(`UPDATE conversations SET due_at = ? WHERE id = ?`, d, id); err != nil {
				return err
			}
		}
	}
	return nil
}

// restampDue stamps every due time again when the store's policy is not the
// one they were stamped with (first open after an upgrade, or the targets,
// hours or holidays changed). Only conversations whose clock may run and
// those with a stamped due time are read.
func (s *Store) restampDue(ctx context.Context) error {
	if s.deadlines == nil {
		return nil
	}
	policy := s.deadlines.Policy()
	var have string
	err := s.r.QueryRowContext(ctx, `SELECT policy FROM due_policy WHERE id = 1`).Scan(&have)
	if err == nil && have == policy {
		return nil
	} else if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	return s.writeQuiet(ctx, func(tx *sql.Tx) error {
		rows, err := tx.Query(`SELECT ` + dueFactsColumns + ` FROM conversations
			WHERE (queue = 'open' AND waiting_since > 0) OR due_at > 0`)
		if err != nil {
			return err
		}
		type stamp struct{ id, due int64 }
		var changed []stamp
		for rows.Next() {
			id, f, err := scanDueFacts(rows)
			if err != nil {
				rows.Close()
				return err
			}
			if d := s.due(f); d != f.dueAt {
				changed = append(changed, stamp{id, d})
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		st, err := tx.Prepare(`UPDATE conversations SET due_at = ? WHERE id = ?`)
		if err != nil {
			return err
		}
		defer st.Close()
		for _, c := range changed {
			if _, err := st.Exec(c.due, c.id); err != nil {
				return err
			}
		}
		if _, err := tx.Exec(`INSERT INTO due_policy (id, policy) VALUES (1, ?)
			ON CONFLICT (id) DO UPDATE SET policy = excluded.policy`, policy); err != nil {
			return err
		}
		if len(changed) > 0 {
			return bumpChanges(tx)
		}
		return nil
	})
}
