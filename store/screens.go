package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"sapa/inbox"
)

// SaveScreen keeps where admin is in the inbox, replacing what was kept.
// Like a draft it goes through the drafts connection and moves no change
// counter: no other session shows it.
func (s *Store) SaveScreen(ctx context.Context, admin string, sc inbox.Screen) error {
	js, err := encodeFilter(sc.Filter)
	if err != nil {
		return err
	}
	var top inbox.Cursor
	if sc.Top != nil {
		top = *sc.Top
	}
	now := ms(s.now())
	return s.writeOn(ctx, s.d, func(tx *sql.Tx) error {
		_, err := tx.Exec(`INSERT INTO admin_screens (admin, filter, top_priority, top_at, top_id, selected, open, composing, saved_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (admin) DO UPDATE SET filter = excluded.filter, top_priority = excluded.top_priority,
				top_at = excluded.top_at, top_id = excluded.top_id, selected = excluded.selected, open = excluded.open,
				composing = excluded.composing, saved_at = excluded.saved_at`,
			admin, js, top.Priority, ms(top.LastMessageAt), top.ID, sc.Selected, sc.Open, sc.Composing, now)
		return err
	})
}

// LoadScreen returns where admin was; ok is false when nothing is kept.
func (s *Store) LoadScreen(ctx context.Context, admin string) (sc inbox.Screen, ok bool, err error) {
	var js string
	var top inbox.Cursor
	var topAt int64
	err = s.r.QueryRowContext(ctx, `SELECT filter, top_priority, top_at, top_id, selected, open, composing
		FROM admin_screens WHERE admin = ?`, admin).Scan(&js, &top.Priority, &topAt, &top.ID, &sc.Selected, &sc.Open, &sc.Composing)
	if errors.Is(err, sql.ErrNoRows) {
		return inbox.Screen{}, false, nil
	} else if err != nil {
		return inbox.Screen{}, false, err
	}
	if sc.Filter, err = decodeFilter(js); err != nil {
		return inbox.Screen{}, false, fmt.Errorf("screen of %s: %w", admin, err)
	}
	if top.ID != 0 {
		top.LastMessageAt = fromMS(topAt)
		sc.Top = &top
	}
	return sc, true, nil
}

// SaveScreen keeps where the scope's admin is; admin is ignored.
func (q *Scoped) SaveScreen(ctx context.Context, _ string, sc inbox.Screen) error {
	return q.s.SaveScreen(ctx, q.sc.Admin, sc)
}

// LoadScreen returns where the scope's admin was; admin is ignored. What it
// names is opened through the scope later, so a conversation that has left
// the scope since is not found then.
func (q *Scoped) LoadScreen(ctx context.Context, _ string) (inbox.Screen, bool, error) {
	return q.s.LoadScreen(ctx, q.sc.Admin)
}
