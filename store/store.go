// Package store is Sapa's SQLite cache and the integration point between
// processes: every line of SQL lives here. One writer connection runs
// immediate transactions; a separate pool serves reads. Several processes may
// open the same file at once.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/mattn/go-sqlite3"

	"sapa/inbox"
)

// Errors callers test for with errors.Is.
var (
	ErrNotFound  = inbox.ErrNotFound
	ErrLocked    = errors.New("database is locked by another process")
	ErrCorrupt   = errors.New("database file is damaged or is not a Sapa database")
	ErrTooNew    = errors.New("database was written by a newer Sapa")
	ErrCollision = inbox.ErrCollision
	// ErrConversationFull: the conversation holds as many messages as its
	// id range allows (see idBits); one more would take the next one's ids.
	ErrConversationFull = errors.New("conversation holds the most messages one conversation can")
)

// Options tune Open.
type Options struct {
	// Group shares the files with a Unix group of admins: 0660 files in a
	// setgid 2770 directory, all of the group. Empty: 0600, private.
	Group string
	// BusyTimeout is how long one statement waits for a lock (default 5 s).
	BusyTimeout time.Duration
	// Now is the clock (default time.Now); tests pass a fixed one.
	Now func() time.Time
	// Search tunes how searches are planned (zero fields: measured defaults).
	Search SearchPlan
	// Deadlines stamps each conversation's response due time; nil: due
	// times are left as they are (tools that never change conversations).
	Deadlines Deadlines
}

// Store is an open Sapa database.
type Store struct {
	path  string
	w     *sql.DB // exactly one connection, immediate transactions
	d     *sql.DB // drafts: one connection, synchronous=NORMAL (see SaveDraft)
	g     *sql.DB // polled ingest: one connection, synchronous=NORMAL (see Ingest)
	r     *sql.DB // read pool
	now   func() time.Time
	watch *sql.Conn  // pinned connection for the change counter
	feed  changeFeed // the screens waiting on it
	sh    sharing    // the files' mode and group
	// damaged is set once any call saw the file damaged: no write follows.
	damaged atomic.Bool
	// unsynced is set when an ingest committed without an fsync; Sync
	// clears it.
	unsynced atomic.Bool
	// queued is set when messages may wait in the search index's queue
	// (this handle ingested, or the store was just opened): IndexPending
	// reads the queue only then.
	queued atomic.Bool
	// ingests groups the polled Ingest calls made at the same time.
	ingests ingestQueue
	// ckpt copies the WAL into the database file beside ingest.
	ckpt checkpointer
	plan SearchPlan
	// bg counts the background writes (remembered search words) that
	// Close waits for.
	bg sync.WaitGroup
	// deadlines stamps due times (nil: left as they are).
	deadlines Deadlines
}

// Open opens or creates the database at path and applies migrations.
func Open(ctx context.Context, path string, opt Options) (*Store, error) {
	if opt.BusyTimeout == 0 {
		opt.BusyTimeout = 5 * time.Second
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	sh, err := newSharing(opt.Group)
	if err != nil {
		return nil, err
	}
	if err := createFile(path, sh); err != nil {
		return nil, err
	}
	s := &Store{path: path, now: opt.Now, plan: opt.Search.withDefaults(), sh: sh, deadlines: opt.Deadlines}
	s.queued.Store(true)
	if s.w, err = sql.Open(driverName, dsn(path, opt.BusyTimeout, connWrite)); err != nil {
		return nil, err
	}
	s.w.SetMaxOpenConns(1)
	s.w.SetConnMaxIdleTime(0)
	if err := s.migrate(ctx); err != nil {
		s.w.Close()
		return nil, describe(path, err)
	}
	if s.d, err = sql.Open(driverName, dsn(path, opt.BusyTimeout, connDrafts)); err != nil {
		s.w.Close()
		return nil, err
	}
	s.d.SetMaxOpenConns(1)
	s.d.SetConnMaxIdleTime(0)
	if s.g, err = sql.Open(driverName, dsn(path, opt.BusyTimeout, connIngest)); err != nil {
		s.Close()
		return nil, err
	}
	s.g.SetMaxOpenConns(1)
	s.g.SetConnMaxIdleTime(0)
	if _, err := s.g.ExecContext(ctx, `PRAGMA wal_autocheckpoint = `+itoa(ingestCheckpointLimit)); err != nil {
		s.Close()
		return nil, describe(path, err)
	}
	if s.ckpt.db, err = sql.Open(driverName, dsn(path, opt.BusyTimeout, connIngest)); err != nil {
		s.Close()
		return nil, err
	}
	s.ckpt.db.SetMaxOpenConns(1)
	if s.r, err = sql.Open(driverName, dsn(path, opt.BusyTimeout, connRead)); err != nil {
		s.Close()
		return nil, err
	}
	s.r.SetMaxOpenConns(4)
	if s.watch, err = s.r.Conn(ctx); err != nil {
		s.Close()
		return nil, describe(path, err)
	}
	if err := s.restampDue(ctx); err != nil {
		s.Close()
		return nil, describe(path, err)
	}
	return s, nil
}

// Path is the database file's path.
func (s *Store) Path() string { return s.path }

// Close makes every ingested batch durable and releases the connections.
func (s *Store) Close() error {
	s.bg.Wait()
	s.Sync()
	if s.watch != nil {
		s.watch.Close()
	}
	if s.r != nil {
		s.r.Close()
	}
	if s.d != nil {
		s.d.Close()
	}
	if s.g != nil {
		s.g.Close()
	}
	if s.ckpt.db != nil {
		s.ckpt.db.Close()
	}
	return s.w.Close()
}

// connKind is what a connection is for; each kind has its own settings.
type connKind int

const (
	connWrite  connKind = iota // triage, outbox, pushed items: synchronous=FULL
	connDrafts                 // drafts on every key: synchronous=NORMAL
	connIngest                 // polled ingest: synchronous=NORMAL until Sync
	connRead                   // the read pool: query only
)

func dsn(path string, busy time.Duration, kind connKind) string {
	q := url.Values{}
	q.Set("_busy_timeout", fmt.Sprint(busy.Milliseconds()))
	q.Set("_foreign_keys", "on")
	q.Set("_journal_mode", "WAL")
	q.Set("_synchronous", "FULL")
	switch kind {
	case connRead:
		q.Set("_query_only", "1")
	case connDrafts:
		// In WAL mode NORMAL survives a crash of the process; a power cut
		// may cost the last seconds of a draft, never an outbox row.
		q.Set("_synchronous", "NORMAL")
		q.Set("_txlock", "immediate")
	case connIngest:
		q.Set("_synchronous", "NORMAL")
		q.Set("_txlock", "immediate")
		q.Set("_cache_size", "-65536") // as the writer's, below
		// Ingest's multi-row statements, kept prepared (see inChunks).
		q.Set("_stmt_cache_size", "64")
	default:
		q.Set("_txlock", "immediate")
		// The writer's page cache may grow to 64 MiB (pages are allocated
		// as they are used, so a session that only triages stays small):
		// with SQLite's 2 MiB default, ingest into a million conversations
		// re-read its index pages for every batch and ran 15% slower.
		q.Set("_cache_size", "-65536")
	}
	return "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + q.Encode()
}

// describe turns SQLite's errors at open time into messages a person can act on.
func describe(path string, err error) error {
	var se sqlite3.Error
	if errors.As(err, &se) {
		switch se.Code {
		case sqlite3.ErrBusy, sqlite3.ErrLocked:
			return fmt.Errorf("%s: %w", path, ErrLocked)
		case sqlite3.ErrCorrupt, sqlite3.ErrNotADB:
			return fmt.Errorf("%s: %w (move it aside to start afresh)", path, ErrCorrupt)
		}
	}
	return fmt.Errorf("%s: %w", path, err)
}

// isBusy reports whether err is SQLite's "try again" answer.
func isBusy(err error) bool {
	var se sqlite3.Error
	return errors.As(err, &se) && (se.Code == sqlite3.ErrBusy || se.Code == sqlite3.ErrLocked)
}

// write runs fn in one immediate transaction on the writer connection and
// counts it as a change every session should see. The transaction ignores
// ctx's cancellation so that a write never stops halfway, and is retried whole
// when SQLite reports the database busy.
func (s *Store) write(ctx context.Context, fn func(tx *sql.Tx) error) error {
	return s.writeQuiet(ctx, func(tx *sql.Tx) error {
		if err := fn(tx); err != nil {
			return err
		}
		return bumpChanges(tx)
	})
}

// bumpChanges marks the transaction as a change sessions must reload for.
func bumpChanges(tx *sql.Tx) error {
	_, err := tx.Exec(`UPDATE change_seq SET seq = seq + 1 WHERE id = 1`)
	return err
}

// writeQuiet is write for bookkeeping no session shows (lease heartbeats,
// sync times): it does not move the change counter.
func (s *Store) writeQuiet(ctx context.Context, fn func(tx *sql.Tx) error) error {
	return s.writeOn(ctx, s.w, fn)
}

// writeOn runs fn in one immediate transaction on db (the writer or the
// drafts connection), retried whole when the database is busy.
func (s *Store) writeOn(ctx context.Context, db *sql.DB, fn func(tx *sql.Tx) error) error {
	ctx = context.WithoutCancel(ctx)
	if err := s.damagedErr(); err != nil {
		return err
	}
	var err error
	for attempt := 0; attempt < 5; attempt++ {
		if err = tryWrite(ctx, db, fn); err == nil || !isBusy(err) {
			if isFull(err) {
				s.relieve(db)
			}
			return s.noteErr(err)
		}
		time.Sleep(time.Duration(50*(attempt+1)) * time.Millisecond)
	}
	return fmt.Errorf("%w: %v", ErrLocked, err)
}

func tryWrite(ctx context.Context, db *sql.DB, fn func(tx *sql.Tx) error) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	return nil
}

// ChangeCounter returns a number that changes whenever any process commits a
// change sessions show (not lease heartbeats) or marks a conversation read
// for the unscoped store's reader (see counterFor).
func (s *Store) ChangeCounter(ctx context.Context) (uint64, error) {
	return s.counterFor(ctx, storeReader)
}

// counterFor is the change counter as reader's screens see it: every change
// sessions show plus reader's own read marks, which move no one else's. It
// is one read of a one-row table and a primary key on a pinned connection:
// cheap enough to call several times a second.
func (s *Store) counterFor(ctx context.Context, reader string) (uint64, error) {
	var v uint64
	err := s.watch.QueryRowContext(ctx, `SELECT c.seq + COALESCE(r.seq, 0) FROM change_seq c
		LEFT JOIN read_changes r ON r.admin = ? WHERE c.id = 1`, reader).Scan(&v)
	return v, s.noteErr(err)
}

func ms(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixMilli()
}

func fromMS(v int64) time.Time {
	if v == 0 {
		return time.Time{}
	}
	return time.UnixMilli(v)
}

// placeholders returns "?, ?, ?" for n arguments.
func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
}
