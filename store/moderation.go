package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"sapa/inbox"
)

// ErrCannotHide: the platform cannot hide this conversation's comments.
var ErrCannotHide = inbox.ErrCannotHide

// hideStateSQL is how the newest moderation row of the rows h stands, as an
// inbox.HideState.
const hideStateSQL = `CASE WHEN h.state IN ('queued', 'sending') THEN CASE h.hide WHEN 1 THEN 'hiding' ELSE 'unhiding' END
	WHEN h.state = 'failed' THEN 'failed' WHEN h.hide = 1 THEN 'hidden' ELSE '' END`

// convHidingSQL is a conversation's (alias c) hide state: that of its
// newest request. It reads one index entry per row of a page.
const convHidingSQL = `COALESCE((SELECT ` + hideStateSQL + ` FROM moderation h
	WHERE h.conversation_id = c.id ORDER BY h.id DESC LIMIT 1), '')`

// Moderated is the outcome of a hide or unhide request over conversations.
type Moderated = inbox.Moderated

// Moderate asks the relay to hide (or show again) the citizens' comments of
// each conversation on the platform, in one transaction, audited per
// conversation. A conversation whose platform cannot hide comments, or that
// is not a public comment thread, is counted as refused and left alone;
// when every one is refused the error is ErrCannotHide.
func (s *Store) Moderate(ctx context.Context, ids []int64, admin string, hide bool) (Moderated, error) {
	return s.moderate(ctx, ids, admin, hide, nil)
}

func (s *Store) moderate(ctx context.Context, ids []int64, admin string, hide bool, g guard) (Moderated, error) {
	now := ms(s.now())
	var out Moderated
	err := s.write(ctx, func(tx *sql.Tx) error {
		out = Moderated{}
		for _, id := range ids {
			if err := g.check(tx, id); err != nil {
				return err
			}
			n, err := moderateOne(tx, now, id, admin, hide)
			if err == ErrCannotHide {
				out.Refused++
				continue
			} else if err != nil {
				return err
			}
			out.Queued += n
		}
		if out.Refused > 0 && out.Refused == len(ids) {
			return ErrCannotHide
		}
		return nil
	})
	return out, err
}

// moderateOne queues a request for every inbound message of the conversation
// not already in the wanted state nor on its way there.
func moderateOne(tx *sql.Tx, now, convID int64, admin string, hide bool) (int, error) {
	var kind string
	var can bool
	err := tx.QueryRow(`SELECT c.kind, COALESCE(json_extract(a.capabilities, '$.Moderation'), 0)
		FROM conversations c JOIN accounts a ON a.id = c.account_id WHERE c.id = ?`, convID).Scan(&kind, &can)
	if err == sql.ErrNoRows {
		return 0, fmt.Errorf("conversation %d: %w", convID, ErrNotFound)
	} else if err != nil {
		return 0, err
	}
	if !can || (kind != string(inbox.KindComment) && kind != string(inbox.KindMention)) {
		return 0, ErrCannotHide
	}
	res, err := tx.Exec(`INSERT INTO moderation (conversation_id, account_id, message_id, external_id, hide, admin,
			state, next_attempt_at, created_at, updated_at)
		SELECT m.conversation_id, m.account_id, m.id, m.external_id, ?2, ?3, 'queued', ?4, ?4, ?4
		FROM messages m WHERE m.conversation_id = ?1 AND m.direction = 'in'
			AND COALESCE((SELECT CASE WHEN h.state = 'failed' THEN NOT h.hide ELSE h.hide END
				FROM moderation h WHERE h.message_id = m.id ORDER BY h.id DESC LIMIT 1), m.hidden) != ?2`,
		convID, hide, admin, now)
	if err != nil {
		return 0, err
	}
	n, _ := res.RowsAffected()
	if n == 0 {
		return 0, nil
	}
	if _, err := tx.Exec(`UPDATE conversations SET version = version + 1 WHERE id = ?`, convID); err != nil {
		return 0, err
	}
	action := inbox.AuditHide
	if !hide {
		action = inbox.AuditUnhide
	}
	return int(n), logAudit(tx, now, admin, action, convID, fmt.Sprintf("%d comments queued", n))
}

// HideClaim is a hide or unhide request the relay has marked sending.
type HideClaim struct {
	ID         int64
	AccountID  int64
	ExternalID string
	Hide       bool
	Attempts   int // including this one
}

// ClaimHides marks up to limit due hide requests as sending and returns
// them, only while holder holds the relay lease (holder "" skips the check)
// and only for the given accounts (nil: every account).
func (s *Store) ClaimHides(ctx context.Context, holder string, accounts []int64, limit int) ([]HideClaim, error) {
	now := ms(s.now())
	var due int
	if err := s.r.QueryRowContext(ctx, `SELECT COUNT(*) FROM (SELECT 1 FROM moderation
		WHERE state = 'queued' AND next_attempt_at <= ? LIMIT 1)`, now).Scan(&due); err != nil || due == 0 {
		return nil, err
	}
	where := `WHERE state = 'queued' AND next_attempt_at <= ?`
	args := []any{now}
	if accounts != nil {
		where += " AND account_id IN (SELECT value FROM json_each(?))"
		args = append(args, jsonIDs(accounts))
	}
	var out []HideClaim
	err := s.write(ctx, func(tx *sql.Tx) error {
		out = nil
		if held, err := leaseHeld(tx, holder, now); err != nil || !held {
			return err
		}
		rows, err := tx.Query(`SELECT id, account_id, external_id, hide, attempts + 1 FROM moderation `+where+
			` ORDER BY next_attempt_at, id LIMIT ?`, append(args, limit)...)
		if err != nil {
			return err
		}
		if out, err = collect(rows, func(r *sql.Rows) (c HideClaim, err error) {
			return c, r.Scan(&c.ID, &c.AccountID, &c.ExternalID, &c.Hide, &c.Attempts)
		}); err != nil {
			return err
		}
		for _, c := range out {
			if _, err := tx.Exec(`UPDATE moderation SET state = 'sending', attempts = ?, updated_at = ? WHERE id = ?`,
				c.Attempts, now, c.ID); err != nil {
				return err
			}
		}
		return nil
	})
	return out, err
}

// MarkHidden records that the platform performed the request: the message
// is hidden (or shown) and the conversation's rows redraw.
func (s *Store) MarkHidden(ctx context.Context, id int64) error {
	now := ms(s.now())
	return s.write(ctx, func(tx *sql.Tx) error {
		var convID, msgID int64
		var hide bool
		err := tx.QueryRow(`UPDATE moderation SET state = 'done', last_error = '', updated_at = ?
			WHERE id = ? AND state = 'sending' RETURNING conversation_id, message_id, hide`, now, id).
			Scan(&convID, &msgID, &hide)
		if err == sql.ErrNoRows {
			return nil // already settled
		} else if err != nil {
			return err
		}
		if _, err := tx.Exec(`UPDATE messages SET hidden = ? WHERE id = ?`, hide, msgID); err != nil {
			return err
		}
		_, err = tx.Exec(`UPDATE conversations SET version = version + 1 WHERE id = ?`, convID)
		return err
	})
}

// MarkHideRetry puts a request that surely did not reach the platform back
// in the queue, to be tried at next.
func (s *Store) MarkHideRetry(ctx context.Context, id int64, reason string, next time.Time) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.Exec(`UPDATE moderation SET state = 'queued', last_error = ?, next_attempt_at = ?, updated_at = ?
			WHERE id = ? AND state = 'sending'`, reason, ms(next), ms(s.now()), id)
		return err
	})
}

// MarkHideFailed records a request the platform refused: the thread and
// the row show it, and the admin may ask again.
func (s *Store) MarkHideFailed(ctx context.Context, id int64, reason string) error {
	now := ms(s.now())
	return s.write(ctx, func(tx *sql.Tx) error {
		var convID int64
		var admin string
		err := tx.QueryRow(`UPDATE moderation SET state = 'failed', last_error = ?, updated_at = ?
			WHERE id = ? AND state = 'sending' RETURNING conversation_id, admin`, reason, now, id).Scan(&convID, &admin)
		if err == sql.ErrNoRows {
			return nil
		} else if err != nil {
			return err
		}
		if _, err := tx.Exec(`UPDATE conversations SET version = version + 1 WHERE id = ?`, convID); err != nil {
			return err
		}
		return logAudit(tx, now, admin, inbox.AuditHideFailed, convID, "moderation "+itoa(id)+": "+reason)
	})
}

// RecoverHides runs when a relay takes the lease: requests left sending by a
// relay that died mid-call are queued again. Unlike a reply, hiding is a
// state set on the platform, so asking twice leaves one hidden comment.
func (s *Store) RecoverHides(ctx context.Context) (int, error) {
	var n int64
	var any int
	if err := s.r.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM moderation WHERE state = 'sending')`).Scan(&any); err != nil || any == 0 {
		return 0, err
	}
	err := s.write(ctx, func(tx *sql.Tx) error {
		res, err := tx.Exec(`UPDATE moderation SET state = 'queued', updated_at = ? WHERE state = 'sending'`, ms(s.now()))
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	})
	return int(n), err
}

// Moderate is Store.Moderate by the scope's admin, on conversations in scope.
func (q *Scoped) Moderate(ctx context.Context, ids []int64, _ string, hide bool) (Moderated, error) {
	return q.s.moderate(ctx, ids, q.sc.Admin, hide, q.guard)
}
