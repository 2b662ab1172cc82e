package store

import (
	"context"
	"database/sql"
	"time"
)

// mergeStep is how many pages of the full-text index one merge step
// writes at most: a short transaction, so an ingest waits little for it.
const mergeStep = 256

// MergeIndex merges the full-text index's segments, a step of one short
// transaction at a time, until none is left to merge or budget is spent,
// and reports whether it finished. Every ingest commit adds a segment and
// a search reads each word's matches from every segment, so the relay's
// housekeeping calls it; ingest itself does not merge (migration 0090).
// Levels holding 8 segments are merged, as FTS4's automerge=8 did.
func (s *Store) MergeIndex(ctx context.Context, budget time.Duration) (bool, error) {
	start := time.Now()
	for time.Since(start) < budget {
		var merged bool
		err := s.writeOn(ctx, s.g, func(tx *sql.Tx) error {
			before, err := segmentState(tx)
			if err != nil {
				return err
			}
			if _, err := tx.Exec(`INSERT INTO messages_fts (messages_fts) VALUES (?)`, "merge="+itoa(mergeStep)+",8"); err != nil {
				return err
			}
			after, err := segmentState(tx)
			merged = after != before
			return err
		})
		if err != nil || !merged {
			return err == nil, err
		}
		if ctx.Err() != nil {
			return false, nil
		}
	}
	return false, nil
}

// segmentState describes the index's segments: a merge step that found
// nothing to merge leaves it as it was.
func segmentState(tx *sql.Tx) (string, error) {
	var st string
	err := tx.QueryRow(`SELECT COALESCE(group_concat(level || ':' || idx || ':' || end_block || ':' || length(root), ' '), '')
		FROM messages_fts_segdir`).Scan(&st)
	return st, err
}
