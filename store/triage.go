package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"sapa/inbox"
)

// Apply performs a triage change by admin and returns the updated conversation.
func (s *Store) Apply(ctx context.Context, id int64, admin string, ch Change) (inbox.Conversation, error) {
	err := s.write(ctx, func(tx *sql.Tx) error { return s.applyTx(tx, id, admin, storeReader, ch) })
	if err != nil {
		return inbox.Conversation{}, err
	}
	return s.Conversation(ctx, id)
}

// IDChange is one conversation's change in a batch.
type IDChange = inbox.IDChange

// ApplyMany performs triage changes on many conversations by admin in one
// transaction, as Apply would one by one (version bumps, audit entries), for
// bulk actions such as "mark these done". If one change fails — a conversation
// is missing or an ExpectAssignee guard trips — none is applied.
func (s *Store) ApplyMany(ctx context.Context, admin string, changes []IDChange) error {
	return s.applyMany(ctx, admin, storeReader, changes, nil)
}

// applyMany is ApplyMany with every conversation checked by g (the scope)
// inside the same transaction; reader is whose read marks a MarkRead sets.
func (s *Store) applyMany(ctx context.Context, admin, reader string, changes []IDChange, g guard) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		for _, c := range changes {
			if err := g.check(tx, c.ID); err != nil {
				return err
			}
			if err := s.applyTx(tx, c.ID, admin, reader, c.Change); err != nil {
				return err
			}
		}
		return nil
	})
}

// applyTx applies one change by admin; a MarkRead sets reader's read mark.
func (s *Store) applyTx(tx *sql.Tx, id int64, admin, reader string, ch Change) error {
	var assignee, labels string
	err := tx.QueryRow(`SELECT assignee, labels FROM conversations WHERE id = ?`, id).Scan(&assignee, &labels)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("conversation %d: %w", id, ErrNotFound)
	} else if err != nil {
		return err
	}
	if ch.ExpectAssignee != "" && ch.Assign != nil {
		want := ch.ExpectAssignee
		if want == "-" {
			want = ""
		}
		if assignee != want && assignee != *ch.Assign {
			return &ErrAssigned{Who: assignee}
		}
	}
	if ch.MarkRead {
		if err := markRead(tx, reader, id); err != nil {
			return err
		}
	}
	now := ms(s.now())
	sets, args, audit := changeSQL(ch, labels, now)
	if len(sets) == 0 {
		return nil
	}
	args = append(args, id)
	if _, err := tx.Exec(`UPDATE conversations SET `+strings.Join(sets, ", ")+`, version = version + 1 WHERE id = ?`, args...); err != nil {
		return err
	}
	if ch.Status != "" || !ch.SnoozeUntil.IsZero() || ch.Priority != nil {
		if err := s.stampDue(tx, id); err != nil {
			return err
		}
	}
	for _, a := range audit {
		if err := logAudit(tx, now, admin, a.action, id, a.detail); err != nil {
			return err
		}
	}
	return nil
}

// changeSQL builds the SET terms of a change and the audit entries it makes.
func changeSQL(ch Change, labels string, now int64) (sets []string, args []any, audit []auditLine) {
	set := func(term string, v any, action inbox.AuditAction, detail string) {
		sets = append(sets, term)
		args = append(args, v)
		if action != "" {
			audit = append(audit, auditLine{action, detail})
		}
	}
	if !ch.SnoozeUntil.IsZero() {
		set("status = 'snoozed', snooze_until = ?", ms(ch.SnoozeUntil), inbox.AuditSnooze, ch.SnoozeUntil.Format(time.RFC3339))
	} else if ch.Status == inbox.StatusOpen || ch.Status == inbox.StatusNew {
		// Reopening a paused conversation whose newest message is the
		// citizen's starts its clock again from now: the time it was paused
		// (pending, snoozed, done) does not count against the office.
		set("status = ?, snooze_until = 0", string(ch.Status), inbox.AuditStatus, string(ch.Status))
		sets = append(sets, `waiting_since = CASE WHEN status IN ('done', 'pending', 'snoozed')
			THEN (CASE WHEN last_inbound_at > 0 AND last_inbound_at >= last_message_at THEN ? ELSE 0 END)
			ELSE waiting_since END`)
		args = append(args, now)
	} else if ch.Status != "" {
		set("status = ?, snooze_until = 0", string(ch.Status), inbox.AuditStatus, string(ch.Status))
	}
	if ch.Assign != nil {
		set("assignee = ?", *ch.Assign, inbox.AuditAssign, *ch.Assign)
	}
	if ch.Priority != nil {
		set("priority = ?", *ch.Priority, inbox.AuditPriority, fmt.Sprint(*ch.Priority))
	}
	if ch.AddLabel != "" || ch.RemoveLabel != "" {
		set("labels = ?", editLabels(labels, ch.AddLabel, ch.RemoveLabel), inbox.AuditLabels, "+"+ch.AddLabel+" -"+ch.RemoveLabel)
	}
	return sets, args, audit
}

func editLabels(labels, add, remove string) string {
	set := map[string]bool{}
	for _, l := range splitLabels(labels) {
		set[l] = true
	}
	if add = strings.ReplaceAll(strings.TrimSpace(add), ",", " "); add != "" {
		set[add] = true
	}
	delete(set, strings.TrimSpace(remove))
	var out []string
	for l := range set {
		out = append(out, l)
	}
	if len(out) == 0 {
		return ""
	}
	sort.Strings(out)
	return "," + strings.Join(out, ",") + ","
}

// MarkRead clears the unread mark of the unscoped store's reader (a
// single-user setup). It writes no audit entry, does not bump the
// conversation's version and does not move the change counter: the mark is
// one admin's, so no other session has anything to reload.
func (s *Store) MarkRead(ctx context.Context, id int64) error {
	return s.writeQuiet(ctx, func(tx *sql.Tx) error { return markRead(tx, storeReader, id) })
}

// markRead records that reader has read conversation id up to its newest
// inbound message. A mark never moves back. A mark that moves tells the
// reader's other screens (their unread mark goes), and nobody else's.
func markRead(tx *sql.Tx, reader string, id int64) error {
	res, err := tx.Exec(`INSERT INTO read_marks (admin, conversation_id, seq)
			SELECT ?, id, unread FROM conversations WHERE id = ? AND unread > 0
		ON CONFLICT (admin, conversation_id) DO UPDATE SET seq = excluded.seq WHERE excluded.seq > seq`, reader, id)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return nil
	}
	if _, err := tx.Exec(`INSERT INTO read_changes (admin, seq) VALUES (?, 1)
		ON CONFLICT (admin) DO UPDATE SET seq = seq + 1`, reader); err != nil {
		return err
	}
	_, err = tx.Exec(`UPDATE change_seq SET reads = reads + 1 WHERE id = 1`)
	return err
}
