package store

import (
	"context"
	"database/sql"
	"errors"
	"syscall"

	"github.com/mattn/go-sqlite3"
)

// isFull reports a write that failed for want of space: SQLite's "database
// or disk is full", or an I/O error while writing (a file-size limit, a
// quota, ENOSPC surfacing as a short write).
func isFull(err error) bool {
	var se sqlite3.Error
	if errors.As(err, &se) {
		return se.Code == sqlite3.ErrFull || se.Code == sqlite3.ErrIoErr
	}
	return errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EFBIG)
}

// relieve runs after a write failed for want of space. The failed
// transaction's pages were written to the WAL before it failed; the WAL
// file keeps that size (SQLite reuses it, never shrinks it), so on a full
// disk every failed attempt could hold on to space freed meanwhile. A
// TRUNCATE checkpoint copies what was committed into the database and cuts
// the WAL to zero bytes, so the store recovers as soon as space returns,
// without a restart. Best effort: it may itself fail while the disk is
// full, and is tried again after the next failure.
func (s *Store) relieve(db *sql.DB) {
	ctx := context.Background()
	_, _ = db.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`)
}
