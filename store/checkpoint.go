package store

import (
	"database/sql"
	"sync/atomic"
)

// WAL checkpoints of ingest. SQLite copies the WAL into the database file
// (a checkpoint, with an fsync of the file) in the commit that finds the
// WAL past wal_autocheckpoint pages, 1000 by default: every twentieth
// page or so a polled Ingest call waited for a checkpoint of a 4 GB file,
// about a third of the time ingest onto a million conversations took
// (BENCHMARKS.md). Ingest now leaves checkpoints to a goroutine of its own
// on its own connection, started every checkpointEvery ingested pages: a
// PASSIVE checkpoint neither waits for nor blocks the writers, so the copy
// runs beside the next pages' transactions. Small copies often stall the
// ingest least: every 16 pages the copy's fsync held commits up to 55 ms
// (p99), every 4 pages 14-17 ms. The ingest connection still
// checkpoints by itself past ingestCheckpointLimit pages, should the
// background copy ever fall that far behind.
const (
	checkpointEvery       = 4
	ingestCheckpointLimit = 10000
)

// checkpointer counts the pages ingested since the last checkpoint and
// whether one is running.
type checkpointer struct {
	db      *sql.DB // one connection, synchronous=NORMAL, as ingest's
	pages   atomic.Int64
	running atomic.Bool
}

// noteIngested counts an ingested page and starts a checkpoint every
// checkpointEvery pages, unless one is still running. Close waits for it.
func (s *Store) noteIngested() {
	c := &s.ckpt
	if c.pages.Add(1) < checkpointEvery || !c.running.CompareAndSwap(false, true) {
		return
	}
	c.pages.Store(0)
	s.bg.Add(1)
	go func() {
		defer s.bg.Done()
		defer c.running.Store(false)
		// A failed checkpoint (the store busy or closing) is taken up by
		// the next one, or by the ingest connection's own limit.
		_, _ = c.db.Exec(`PRAGMA wal_checkpoint(PASSIVE)`)
	}()
}
