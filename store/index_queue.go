package store

import (
	"context"
	"database/sql"
)

// indexChunk is how many queued messages one indexing transaction takes at
// most: about 35 ms of the write lock onto a million conversations, so a
// triage key or an ingest waits little behind it.
const indexChunk = 1000

// queueIndex puts a batch's new messages in the search index's queue
// (migration 0120), in one statement: the index itself is written by
// IndexPending, in larger batches, after the ingest has committed.
func queueIndex(tx *sql.Tx, ids []int64) error {
	if len(ids) == 0 {
		return nil
	}
	_, err := tx.Exec(`INSERT INTO index_queue (message_id) SELECT value FROM json_each(?)`, jsonIDs(ids))
	return err
}

// IndexPending adds every queued message to the full-text index and its
// conversation's word list, a transaction of at most indexChunk messages at
// a time, and reports how many it indexed. The relay calls it after each
// tick: a 100-message page's index written in its own ingest transaction
// cost as much as the page's rows (BENCHMARKS.md), and the FTS4 segment of
// a larger batch costs less per message. Nothing to do, and no statement,
// when this handle queued nothing since the queue was last found empty.
//
// A queue longer than a search indexes itself (a backfill) was searched as
// far as it was indexed; once it is indexed the change counter moves, so
// screens showing a search load it again, complete.
func (s *Store) IndexPending(ctx context.Context) (int, error) {
	total := 0
	for s.queued.Load() && ctx.Err() == nil {
		// Cleared before the read: an ingest that commits meanwhile sets
		// it again, so its messages are not left behind.
		s.queued.Store(false)
		n, err := s.indexSome(ctx, indexChunk)
		total += n
		if err != nil {
			s.queued.Store(true)
			return total, err
		}
		if n == indexChunk {
			s.queued.Store(true)
		}
	}
	if total > s.plan.CatchUp {
		return total, s.writeQuiet(ctx, bumpChanges)
	}
	return total, nil
}

// indexSome indexes the first max queued messages in one transaction.
func (s *Store) indexSome(ctx context.Context, max int) (int, error) {
	var n int
	err := s.writeOn(ctx, s.g, func(tx *sql.Tx) error {
		rows, err := tx.Query(`SELECT m.id, m.author_name, m.text FROM index_queue q JOIN messages m ON m.id = q.message_id
			ORDER BY q.message_id LIMIT ?`, max)
		if err != nil {
			return err
		}
		msgs, err := collect(rows, func(r *sql.Rows) (m indexed, err error) {
			err = r.Scan(&m.id, &m.author, &m.text)
			return m, err
		})
		if err != nil {
			return err
		}
		n = len(msgs)
		if n == 0 {
			return nil
		}
		if err := indexMessages(tx, msgs); err != nil {
			return err
		}
		// The n smallest ids were read: every queued id up to the last.
		_, err = tx.Exec(`DELETE FROM index_queue WHERE message_id <= ?`, msgs[n-1].id)
		return err
	})
	return n, err
}

// catchUpIndex indexes a short queue before a search, so that a search
// finds every message stored before it, whoever queued it. A long queue (a
// backfill the relay is indexing) is left to the relay: the search reads
// the index as it is rather than wait for thousands of messages. A failed
// write (a read-only file, a busy store) leaves the search the same choice.
func (s *Store) catchUpIndex(ctx context.Context) error {
	var n int
	err := s.r.QueryRowContext(ctx, `SELECT count(*) FROM (SELECT 1 FROM index_queue LIMIT ?)`, s.plan.CatchUp+1).Scan(&n)
	if err != nil || n == 0 || n > s.plan.CatchUp {
		return err
	}
	_, _ = s.indexSome(ctx, s.plan.CatchUp)
	return nil
}

// Unindexed counts the stored messages waiting for the search index.
func (s *Store) Unindexed(ctx context.Context) (int, error) {
	var n int
	err := s.r.QueryRowContext(ctx, `SELECT count(*) FROM index_queue`).Scan(&n)
	return n, err
}
