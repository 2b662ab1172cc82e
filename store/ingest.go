package store

import (
	"context"
	"database/sql"
	"errors"
	"io/fs"

	"sapa/inbox"
)

// IngestResult says what a batch changed.
type IngestResult struct {
	New           int // messages not seen before
	Conversations int // conversations created
	Skipped       int // items without an external id or thread key, left out
	// Inbound are the citizens' new messages, in order, for the router.
	Inbound []Ingested
}

// Ingested is one new citizen's message of a batch.
type Ingested struct {
	Conversation int64
	Text         string
}

// Ingest stores a fetched batch and the account's next cursor in one
// transaction. Messages are unique on (account, external id), so a redelivered
// item is ignored. A new inbound message reopens a done, pending or snoozed
// conversation and marks it unread; a reply the office made elsewhere (seen in
// a fetch) leaves the conversation pending, waiting for the citizen.
//
// The transaction commits without waiting for the disk (synchronous=NORMAL
// in WAL mode): it survives a crash of the process, and a power cut takes
// the batch and its cursor back together, never one without the other, so
// the relay fetches the batch again from the older cursor and the unique key
// drops what it had kept. What the platform would not send again needs the
// batch on disk first: Sync does that, and the relay calls it before a fetch
// that confirms a cursor to the platform (Telegram forgets updates before the
// offset it is asked for), at least every tick, and on the way out. Every
// synchronous=FULL commit (a reply queued, a status set) also carries the
// batches before it to the disk, so nothing an admin did refers to a
// message a power cut could take back. One fsync per page capped ingest at
// a few thousand messages a second (BENCHMARKS.md).
//
// Calls made at the same time (the relay fetches every account at once) are
// written together: the calls that arrive while one transaction runs share
// the next, each batch with its own account, cursor and result, in the order
// they came, with the same rows as one by one. A lone call is written at
// once. A batch that fails in a group is written again alone, so its error
// reaches its own caller only (see writeGroup).
func (s *Store) Ingest(ctx context.Context, accountID int64, items []inbox.Inbound, cursor string) (IngestResult, error) {
	res, err := s.ingestGrouped(ctx, &ingestCall{accountID: accountID, items: items, cursor: cursor})
	if err == nil {
		s.noteIngested()
	}
	return res, err
}

// IngestPushed stores items that arrived by webhook; the account's polling
// cursor is left as it is. The platform counts them delivered once the
// webhook answers, so they are on disk before it does (synchronous=FULL).
func (s *Store) IngestPushed(ctx context.Context, accountID int64, items []inbox.Inbound) (IngestResult, error) {
	return s.ingest(ctx, s.w, accountID, items, nil)
}

// Sync makes every batch Ingest committed so far durable: one fsync of the
// WAL file, where SQLite keeps committed transactions until a checkpoint
// copies them into the database file (and syncs that). Nothing to do when
// no ingest committed since the last Sync.
func (s *Store) Sync() error {
	if !s.unsynced.Swap(false) {
		return nil
	}
	err := syncFile(s.path + "-wal")
	if errors.Is(err, fs.ErrNotExist) {
		// The WAL is gone: the last connection closed checkpointed it into
		// the database file and synced that.
		err = nil
	}
	if err != nil {
		s.unsynced.Store(true)
	}
	return err
}

// Synced reports whether every batch Ingest committed is on disk.
func (s *Store) Synced() bool { return !s.unsynced.Load() }

func (s *Store) ingest(ctx context.Context, db *sql.DB, accountID int64, items []inbox.Inbound, cursor *string) (IngestResult, error) {
	var res IngestResult
	err := s.writeOn(ctx, db, func(tx *sql.Tx) error {
		res = IngestResult{}
		if err := s.ingestBatch(tx, accountID, items, cursor, &res); err != nil {
			return err
		}
		if res.New > 0 {
			return bumpChanges(tx)
		}
		return nil
	})
	if err == nil && res.New > 0 {
		s.queued.Store(true) // after the commit: see IndexPending
	}
	return res, err
}

// ingestBatch writes one batch, and its account's cursor unless nil, in tx
// and adds what it changed to res. The caller moves the change counter.
func (s *Store) ingestBatch(tx *sql.Tx, accountID int64, items []inbox.Inbound, cursor *string, res *IngestResult) error {
	b, err := newBatch(tx, s, accountID)
	if err != nil {
		return err
	}
	if err := b.add(items, res); err != nil {
		return err
	}
	if err := b.write(); err != nil {
		return err
	}
	if cursor == nil {
		return nil
	}
	return saveCursor(tx, accountID, *cursor, ms(s.now()))
}

func saveCursor(tx *sql.Tx, accountID int64, cursor string, now int64) error {
	if _, err := tx.Exec(`INSERT INTO sync_cursors (account_id, cursor, updated_at) VALUES (?, ?, ?)
		ON CONFLICT (account_id) DO UPDATE SET cursor = excluded.cursor, updated_at = excluded.updated_at`,
		accountID, cursor, now); err != nil {
		return err
	}
	_, err := tx.Exec(`UPDATE accounts SET last_sync = ? WHERE id = ?`, now, accountID)
	return err
}
