package store

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"sapa/inbox"
)

// MarkSent records the platform's receipt: the outbox row becomes sent and the
// reply becomes a message of the conversation.
func (s *Store) MarkSent(ctx context.Context, outboxID int64, sent inbox.Sent) error {
	now := ms(s.now())
	at := ms(sent.SentAt)
	if at == 0 {
		at = now
	}
	return s.write(ctx, func(tx *sql.Tx) error {
		var convID, accountID, queued int64
		var admin, text, parent, then string
		// A cancelled reply the platform turns out to have received is still
		// recorded: who answered what must not lose a reply that went out.
		err := tx.QueryRow(`UPDATE outbox SET state = 'sent', external_id = ?, last_error = '', updated_at = ?
			WHERE id = ? AND state IN ('sending', 'unknown', 'cancelled')
			RETURNING conversation_id, account_id, admin, text, in_reply_to, then_status, created_at`,
			sent.ExternalID, now, outboxID).
			Scan(&convID, &accountID, &admin, &text, &parent, &then, &queued)
		if err == sql.ErrNoRows {
			return nil // already settled
		} else if err != nil {
			return err
		}
		ext := sent.ExternalID
		if ext == "" {
			ext = "outbox:" + itoa(outboxID)
		}
		id, err := nextID(tx, convID)
		if err != nil {
			return err
		}
		var got int64
		if err := tx.QueryRow(`INSERT INTO messages (id, conversation_id, account_id, external_id, parent_external_id,
				direction, author_name, text, sent_at, sent_by, outbox_id)
			VALUES (?, ?, ?, ?, ?, 'out', ?, ?, ?, ?, ?)
			ON CONFLICT (account_id, external_id) DO UPDATE SET sent_by = excluded.sent_by, outbox_id = excluded.outbox_id
			RETURNING id`, id, convID, accountID, ext, parent, admin, text, at, admin, outboxID).Scan(&got); err != nil {
			return err
		}
		if got == id { // new, not a reply a fetch already brought
			if err := indexMessages(tx, []indexed{{id, admin, text}}); err != nil {
				return err
			}
		}
		if _, err := tx.Exec(`UPDATE conversations SET last_message_at = MAX(last_message_at, ?1), snippet = ?2,
				first_response_at = CASE WHEN first_response_at = 0 THEN ?1 ELSE first_response_at END,
				waiting_since = CASE WHEN ?1 >= waiting_since THEN 0 ELSE waiting_since END,
				version = version + 1 WHERE id = ?3`, at, snippetOf(text), convID); err != nil {
			return err
		}
		if err := logAudit(tx, now, admin, inbox.AuditSent, convID, "outbox "+itoa(outboxID)+" as "+ext); err != nil {
			return err
		}
		if err := restoreChosenStatus(tx, now, convID, outboxID, then, queued); err != nil {
			return err
		}
		return s.stampDue(tx, convID)
	})
}

// RelayActor signs the audit entries of status changes the relay makes on
// its own (reopening a conversation whose reply failed, restoring the
// admin's choice when it went out after all). The parentheses keep it apart
// from every login name.
const RelayActor = "(relay)"

// reopenNote is the detail of the relay's audit entry when a reply's
// failure reopens its conversation.
func reopenNote(outboxID int64, state string) string {
	return "open (reply outbox " + itoa(outboxID) + " " + state + ")"
}

// restoreChosenStatus gives a conversation the status the admin chose when
// queueing the reply (then), now that the reply turned out to be sent, but
// only when the last status change was this reply's failure reopening it:
// a status an admin set since (pressing o while the send was under way,
// say) stands. Nor when the citizen wrote since the reply was queued. The
// change is audited as the relay's.
func restoreChosenStatus(tx *sql.Tx, now, convID, outboxID int64, then string, queued int64) error {
	if then == "" {
		return nil
	}
	var who, detail string
	err := tx.QueryRow(`SELECT admin, detail FROM audit_log WHERE conversation_id = ? AND action = 'status'
		ORDER BY id DESC LIMIT 1`, convID).Scan(&who, &detail)
	if err == sql.ErrNoRows {
		return nil
	} else if err != nil {
		return err
	}
	if who != RelayActor || !strings.HasPrefix(detail, "open (reply outbox "+itoa(outboxID)+" ") {
		return nil
	}
	res, err := tx.Exec(`UPDATE conversations SET status = ?, version = version + 1 WHERE id = ? AND status = 'open'
		AND last_inbound_at <= ?`, then, convID, queued)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return nil
	}
	return logAudit(tx, now, RelayActor, inbox.AuditStatus, convID, then+" (reply outbox "+itoa(outboxID)+" sent after all)")
}

// MarkRetry puts a reply that surely did not reach the platform back in the
// queue, to be tried again at next.
func (s *Store) MarkRetry(ctx context.Context, outboxID int64, reason string, next time.Time) error {
	return s.settle(ctx, outboxID, "queued", reason, ms(next), "", "")
}

// MarkFailed records a reply the platform refused for good; the conversation
// returns to open so the refusal is not lost from view.
func (s *Store) MarkFailed(ctx context.Context, outboxID int64, reason string) error {
	return s.settle(ctx, outboxID, "failed", reason, 0, inbox.AuditFailed, "sending")
}

// MarkUnknown records a reply that may have been sent: the admin is told
// "may have been sent" and decides; it is never resent automatically.
func (s *Store) MarkUnknown(ctx context.Context, outboxID int64, reason string) error {
	return s.settle(ctx, outboxID, "unknown", reason, 0, inbox.AuditUnknown, "sending")
}

func (s *Store) settle(ctx context.Context, id int64, state, reason string, next int64, action inbox.AuditAction, from string) error {
	now := ms(s.now())
	if from == "" {
		from = "sending"
	}
	return s.write(ctx, func(tx *sql.Tx) error {
		var convID int64
		var admin string
		err := tx.QueryRow(`UPDATE outbox SET state = ?, last_error = ?, next_attempt_at = ?, updated_at = ?
			WHERE id = ? AND state = ? RETURNING conversation_id, admin`, state, reason, next, now, id, from).Scan(&convID, &admin)
		if err == sql.ErrNoRows {
			return nil
		} else if err != nil {
			return err
		}
		if action == "" {
			return nil
		}
		res, err := tx.Exec(`UPDATE conversations SET status = 'open', version = version + 1
			WHERE id = ? AND status IN ('pending', 'done')`, convID)
		if err != nil {
			return err
		}
		if err := logAudit(tx, now, admin, action, convID, "outbox "+itoa(id)+": "+reason); err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return nil
		}
		if err := logAudit(tx, now, RelayActor, inbox.AuditStatus, convID, reopenNote(id, state)); err != nil {
			return err
		}
		return s.stampDue(tx, convID) // the citizen waits again, since they wrote
	})
}

// RecoverInterrupted runs when a relay takes the lease: replies left in
// sending by a relay that died mid-call may have been sent, so they become
// unknown rather than queued.
func (s *Store) RecoverInterrupted(ctx context.Context) (int, error) {
	ids, err := s.outboxIDs(ctx, `SELECT id FROM outbox WHERE state = 'sending'`)
	if err != nil {
		return 0, err
	}
	for _, id := range ids {
		if err := s.MarkUnknown(ctx, id, "relay stopped during the send"); err != nil {
			return 0, err
		}
	}
	return len(ids), nil
}

// Resend queues a failed or unknown reply again, on an admin's decision. The
// idempotency key stays, so platforms that honour it still dedupe.
func (s *Store) Resend(ctx context.Context, outboxID int64, admin string) error {
	return s.adminSettle(ctx, outboxID, admin, "queued", inbox.AuditResend, "'failed', 'unknown'")
}

// Cancel withdraws a reply that is queued, failed or unknown.
func (s *Store) Cancel(ctx context.Context, outboxID int64, admin string) error {
	return s.adminSettle(ctx, outboxID, admin, "cancelled", inbox.AuditCancel, "'queued', 'failed', 'unknown'")
}

func (s *Store) adminSettle(ctx context.Context, id int64, admin, state string, action inbox.AuditAction, from string) error {
	return s.adminSettleGuarded(ctx, id, admin, state, action, from, nil)
}

func (s *Store) adminSettleGuarded(ctx context.Context, id int64, admin, state string, action inbox.AuditAction, from string, g guard) error {
	now := ms(s.now())
	return s.write(ctx, func(tx *sql.Tx) error {
		var convID int64
		if err := tx.QueryRow(`SELECT conversation_id FROM outbox WHERE id = ?`, id).Scan(&convID); err == sql.ErrNoRows {
			return ErrNotFound
		} else if err != nil {
			return err
		}
		if err := g.check(tx, convID); err != nil {
			return err
		}
		err := tx.QueryRow(`UPDATE outbox SET state = ?, next_attempt_at = ?, updated_at = ?
			WHERE id = ? AND state IN (`+from+`) RETURNING conversation_id`, state, now, now, id).Scan(&convID)
		if err == sql.ErrNoRows {
			return ErrNotFound
		} else if err != nil {
			return err
		}
		return logAudit(tx, now, admin, action, convID, "outbox "+itoa(id))
	})
}

// OutboxCounts returns how many replies are in each unsettled state.
func (s *Store) OutboxCounts(ctx context.Context) (map[inbox.Delivery]int, error) {
	return s.outboxCounts(ctx, nil)
}

func (s *Store) outboxCounts(ctx context.Context, q *Scoped) (map[inbox.Delivery]int, error) {
	query := `SELECT state, COUNT(*) FROM outbox WHERE state IN ('queued', 'sending', 'failed', 'unknown') GROUP BY state`
	var args []any
	if q != nil {
		if term, targs := q.where(); term != "" {
			query = `SELECT o.state, COUNT(*) FROM outbox o JOIN conversations c ON c.id = o.conversation_id
				WHERE o.state IN ('queued', 'sending', 'failed', 'unknown') AND ` + term + ` GROUP BY o.state`
			args = targs
		}
	}
	rows, err := s.r.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[inbox.Delivery]int{}
	for rows.Next() {
		var st inbox.Delivery
		var n int
		if err := rows.Scan(&st, &n); err != nil {
			return nil, err
		}
		out[st] = n
	}
	return out, rows.Err()
}

// Unknown returns replies whose fate is unknown and whose next check is due,
// for reconciliation, the longest waiting first.
func (s *Store) Unknown(ctx context.Context, limit int) ([]Claim, error) {
	ids, err := s.outboxIDs(ctx, `SELECT id FROM outbox WHERE state = 'unknown' AND next_attempt_at <= `+
		itoa(ms(s.now()))+` ORDER BY next_attempt_at, id LIMIT `+itoa(int64(limit)))
	if err != nil {
		return nil, err
	}
	var out []Claim
	for _, id := range ids {
		c, err := s.claimOf(ctx, id)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, nil
}

func (s *Store) outboxIDs(ctx context.Context, q string) ([]int64, error) {
	rows, err := s.r.QueryContext(ctx, q)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// DeferUnknown puts off the next read-back of an unknown reply until until,
// so a reply the platform cannot find is not looked for on every pass (a
// read-back can cost quota, as on YouTube).
func (s *Store) DeferUnknown(ctx context.Context, outboxID int64, until time.Time) error {
	return s.writeQuiet(ctx, func(tx *sql.Tx) error {
		_, err := tx.Exec(`UPDATE outbox SET next_attempt_at = ? WHERE id = ? AND state = 'unknown'`, ms(until), outboxID)
		return err
	})
}
