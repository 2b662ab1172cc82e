package store

import (
	"context"
	"database/sql"
	"errors"
)

// SaveDraft stores the admin's draft as typed so far. An empty text deletes it.
// The start time is kept from the first save. The screen saves on every few
// keys, so drafts go through their own connection with synchronous=NORMAL
// (no fsync per save; in WAL that survives a crash of the process) and do
// not move the change counter: no other session shows another's draft.
func (s *Store) SaveDraft(ctx context.Context, convID int64, admin, text string) error {
	return s.saveDraft(ctx, convID, admin, text, nil)
}

// guard checks, inside a write transaction, that a conversation may be
// written by the session (see Scoped); nil allows everything.
type guard func(tx *sql.Tx, convID int64) error

func (g guard) check(tx *sql.Tx, convID int64) error {
	if g == nil {
		return nil
	}
	return g(tx, convID)
}

func (s *Store) saveDraft(ctx context.Context, convID int64, admin, text string, g guard) error {
	now := ms(s.now())
	return s.writeOn(ctx, s.d, func(tx *sql.Tx) error {
		if err := g.check(tx, convID); err != nil {
			return err
		}
		if text == "" {
			_, err := tx.Exec(`DELETE FROM drafts WHERE conversation_id = ? AND admin = ?`, convID, admin)
			return err
		}
		_, err := tx.Exec(`INSERT INTO drafts (conversation_id, admin, text, started_at, updated_at) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (conversation_id, admin) DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at`,
			convID, admin, text, now, now)
		return err
	})
}

// LoadDraft returns the admin's draft for a conversation, or a zero Draft.
func (s *Store) LoadDraft(ctx context.Context, convID int64, admin string) (Draft, error) {
	var d Draft
	var started, updated int64
	err := s.r.QueryRowContext(ctx, `SELECT text, started_at, updated_at FROM drafts WHERE conversation_id = ? AND admin = ?`,
		convID, admin).Scan(&d.Text, &started, &updated)
	if errors.Is(err, sql.ErrNoRows) {
		return Draft{}, nil
	}
	d.StartedAt, d.UpdatedAt = fromMS(started), fromMS(updated)
	return d, err
}
