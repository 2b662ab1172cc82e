package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"time"

	"sapa/inbox"
)

// Enqueue turns the admin's draft into an outbox row in one transaction: the
// draft is deleted and the reply queued, so a crash keeps exactly one of them.
// The conversation moves to then (pending or done) at once; if the reply later
// fails it comes back to open. Unless force is set, the send is refused with a
// *CollisionError when another admin replied after seen, the moment this admin
// opened the conversation and saw its thread (zero: when the draft was
// started, else now).
func (s *Store) Enqueue(ctx context.Context, convID int64, admin, text string, seen time.Time, then inbox.Status, force bool) (int64, error) {
	return s.enqueue(ctx, convID, admin, storeReader, text, seen, then, force, nil)
}

// enqueue is Enqueue; the reply marks the conversation read for reader.
func (s *Store) enqueue(ctx context.Context, convID int64, admin, reader, text string, seen time.Time, then inbox.Status, force bool, g guard) (int64, error) {
	return s.enqueueHeld(ctx, convID, admin, reader, text, seen, then, force, g, false)
}

// enqueueHeld is enqueue; with hold set the reply waits for a supervisor's
// approval instead of the outbox, and its id is returned negated.
func (s *Store) enqueueHeld(ctx context.Context, convID int64, admin, reader, text string, seen time.Time, then inbox.Status, force bool, g guard, hold bool) (int64, error) {
	now := ms(s.now())
	var id int64
	err := s.write(ctx, func(tx *sql.Tx) error {
		if err := g.check(tx, convID); err != nil {
			return err
		}
		var started int64
		err := tx.QueryRow(`SELECT started_at FROM drafts WHERE conversation_id = ? AND admin = ?`, convID, admin).Scan(&started)
		switch {
		case !seen.IsZero():
			started = ms(seen)
		case errors.Is(err, sql.ErrNoRows):
			started = now
		case err != nil:
			return err
		}
		if !force {
			if err := checkCollision(tx, convID, admin, started); err != nil {
				return err
			}
		}
		if _, err := tx.Exec(`DELETE FROM drafts WHERE conversation_id = ? AND admin = ?`, convID, admin); err != nil {
			return err
		}
		if err := markRead(tx, reader, convID); err != nil {
			return err
		}
		if hold {
			held, err := holdReply(tx, now, convID, admin, text, then)
			id = -held
			return err
		}
		id, err = s.queueReply(tx, now, convID, admin, text, then)
		return err
	})
	return id, err
}

// queueReply inserts a reply into the outbox, answering the conversation's
// newest citizen message, and moves the conversation to then; audited as
// admin's.
func (s *Store) queueReply(tx *sql.Tx, now, convID int64, admin, text string, then inbox.Status) (int64, error) {
	key, err := newKey()
	if err != nil {
		return 0, err
	}
	var accountID int64
	var inReplyTo string
	err = tx.QueryRow(`SELECT c.account_id, COALESCE((SELECT external_id FROM messages
			WHERE conversation_id = c.id AND direction = 'in' ORDER BY sent_at DESC, id DESC LIMIT 1), '')
		FROM conversations c WHERE c.id = ?`, convID).Scan(&accountID, &inReplyTo)
	if err != nil {
		return 0, fmt.Errorf("conversation %d: %w", convID, err)
	}
	var id int64
	err = tx.QueryRow(`INSERT INTO outbox (conversation_id, account_id, admin, text, in_reply_to, idempotency_key,
			state, next_attempt_at, created_at, updated_at, then_status)
		VALUES (?, ?, ?, ?, ?, ?, 'queued', ?, ?, ?, ?) RETURNING id`,
		convID, accountID, admin, text, inReplyTo, key, now, now, now, then).Scan(&id)
	if err != nil {
		return 0, err
	}
	if _, err := tx.Exec(`UPDATE conversations SET status = ?, snooze_until = 0, version = version + 1
		WHERE id = ?`, then, convID); err != nil {
		return 0, err
	}
	if err := logAudit(tx, now, admin, inbox.AuditReply, convID, fmt.Sprintf("outbox %d queued", id)); err != nil {
		return 0, err
	}
	if err := s.stampDue(tx, convID); err != nil {
		return 0, err
	}
	return id, logAudit(tx, now, admin, inbox.AuditStatus, convID, string(then))
}

// checkCollision refuses a send when another admin's reply (sent or queued)
// is newer than the draft.
func checkCollision(tx *sql.Tx, convID int64, admin string, since int64) error {
	var who string
	var at int64
	err := tx.QueryRow(`SELECT admin, created_at FROM outbox
			WHERE conversation_id = ?1 AND admin != ?2 AND created_at > ?3 AND state != 'cancelled'
		UNION ALL
		SELECT sent_by, sent_at FROM messages
			WHERE conversation_id = ?1 AND direction = 'out' AND sent_by != ?2 AND sent_at > ?3 AND outbox_id IS NULL
		ORDER BY 2 DESC LIMIT 1`, convID, admin, since).Scan(&who, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	if err != nil {
		return err
	}
	if who == "" {
		who = "?"
	}
	return &CollisionError{Who: who, At: fromMS(at)}
}

func newKey() (string, error) {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return hex.EncodeToString(b), nil
}

// Claim is an outbox row the relay has marked sending and must now send.
type Claim struct {
	OutboxID  int64
	AccountID int64
	Attempts  int       // including this one
	Queued    time.Time // when the admin sent it
	Reply     inbox.Reply
}

// claimSelect reads a reply to send. Its recipient is the author of the
// message it answers (for email, that message's Reply-To, which ingest
// stored as its author), not the conversation's first writer: in a thread
// where Siti wrote first and Budi answered, a reply to Budi goes to Budi.
// The conversation's contact is the fallback when that message is unknown
// or carries no author.
const claimSelect = `SELECT o.id, o.account_id, o.attempts + 1, o.created_at, o.idempotency_key, o.text, o.in_reply_to,
		c.external_key, c.kind, c.title, c.context_text, c.context_url, c.last_inbound_at,
		CASE WHEN m.author_external_id <> '' OR m.author_handle <> '' THEN m.author_external_id ELSE COALESCE(p.external_id, '') END,
		CASE WHEN m.author_external_id <> '' OR m.author_handle <> '' THEN m.author_name ELSE COALESCE(p.name, '') END,
		CASE WHEN m.author_external_id <> '' OR m.author_handle <> '' THEN m.author_handle ELSE COALESCE(p.handle, '') END
	FROM outbox o JOIN conversations c ON c.id = o.conversation_id LEFT JOIN contacts p ON p.id = c.contact_id
	LEFT JOIN messages m ON m.account_id = o.account_id AND m.external_id = o.in_reply_to AND o.in_reply_to <> '' AND m.direction = 'in' `

func scanClaim(sc interface{ Scan(...any) error }) (Claim, error) {
	var c Claim
	var lastIn, queued int64
	r := &c.Reply
	err := sc.Scan(&c.OutboxID, &c.AccountID, &c.Attempts, &queued, &r.IdempotencyKey, &r.Text, &r.InReplyTo,
		&r.Thread.ExternalKey, &r.Thread.Kind, &r.Thread.Title, &r.Thread.ContextText, &r.Thread.ContextURL,
		&lastIn, &r.Recipient.ExternalID, &r.Recipient.Name, &r.Recipient.Handle)
	r.OutboxID, r.LastInboundAt, r.PreviousAttempt = c.OutboxID, fromMS(lastIn), c.Attempts > 1
	c.Queued = fromMS(queued)
	if r.Thread.Title != "" {
		r.Subject = "Re: " + r.Thread.Title
	}
	return c, err
}

func (s *Store) claimOf(ctx context.Context, id int64) (Claim, error) {
	c, err := scanClaim(s.r.QueryRowContext(ctx, claimSelect+`WHERE o.id = ?`, id))
	c.Attempts-- // nothing is being attempted
	return c, err
}

// ClaimDue marks up to limit due replies as sending — durably, before any
// network call — and returns them. It claims only while holder holds a live
// relay lease (holder "" skips the check, for tools and tests), only for the
// given accounts (nil: every account), and at most the oldest unsettled reply
// of each conversation, so replies to one citizen go out in order.
func (s *Store) ClaimDue(ctx context.Context, holder string, accounts []int64, limit int) ([]Claim, error) {
	now := ms(s.now())
	var due int
	// A read first, so an idle relay polling the queue takes no write lock.
	if err := s.r.QueryRowContext(ctx, `SELECT COUNT(*) FROM (SELECT 1 FROM outbox
		WHERE state = 'queued' AND next_attempt_at <= ? LIMIT 1)`, now).Scan(&due); err != nil || due == 0 {
		return nil, err
	}
	where := `WHERE o.state = 'queued' AND o.next_attempt_at <= ?
		AND NOT EXISTS (SELECT 1 FROM outbox e WHERE e.conversation_id = o.conversation_id
			AND e.id < o.id AND e.state IN ('queued', 'sending'))`
	args := []any{now}
	if accounts != nil {
		where += " AND o.account_id IN (SELECT value FROM json_each(?))"
		args = append(args, jsonIDs(accounts))
	}
	var out []Claim
	err := s.write(ctx, func(tx *sql.Tx) error {
		out = nil
		if held, err := leaseHeld(tx, holder, now); err != nil || !held {
			return err // the lease was lost: another relay may be sending now
		}
		rows, err := tx.Query(claimSelect+where+` ORDER BY o.next_attempt_at, o.id LIMIT ?`, append(args, limit)...)
		if err != nil {
			return err
		}
		if out, err = collect(rows, func(r *sql.Rows) (Claim, error) { return scanClaim(r) }); err != nil {
			return err
		}
		for _, c := range out {
			if _, err := tx.Exec(`UPDATE outbox SET state = 'sending', attempts = ?, updated_at = ? WHERE id = ?`,
				c.Attempts, now, c.OutboxID); err != nil {
				return err
			}
		}
		return nil
	})
	return out, err
}

// jsonIDs is a JSON array of ids, for json_each, built in one buffer:
// ingest queues every page's new messages with it.
func jsonIDs(ids []int64) string {
	list := make([]byte, 0, 16*len(ids))
	list = append(list, '[')
	for i, id := range ids {
		if i > 0 {
			list = append(list, ',')
		}
		list = strconv.AppendInt(list, id, 10)
	}
	return string(append(list, ']'))
}

func itoa(v int64) string { return strconv.FormatInt(v, 10) }
