package store

import (
	"context"
	"sync"
	"time"
)

// feedEvery is how often the one poller of a process reads the change
// counter while any screen waits on it.
const feedEvery = 300 * time.Millisecond

// feedGrace is how many readings the poller goes on with nobody waiting.
const feedGrace = 10

// changeFeed lets every screen of one process (the SSH service runs
// hundreds) wait for the change counter with a single poller between them,
// so an idle session neither queries nor wakes.
type changeFeed struct {
	mu      sync.Mutex
	seq     uint64            // change_seq.seq
	reads   uint64            // change_seq.reads: moves with every read mark
	marks   map[string]uint64 // read_changes: each admin's read marks, reread when reads moves
	known   bool              // the counters have been read
	moved   chan struct{}     // closed when seq moves
	waiters int
	polling bool
}

// value is the change counter as reader's screens see it (counterFor).
func (f *changeFeed) value(reader string) uint64 { return f.seq + f.marks[reader] }

// WaitChange blocks until the change counter differs from last and returns
// it; the error is ctx's when it ends first (a screen's lease deadline is a
// context deadline). The counter is read by one goroutine per Store, only
// while someone waits.
func (s *Store) WaitChange(ctx context.Context, last uint64) (uint64, error) {
	return s.waitChange(ctx, storeReader, last)
}

// waitChange is WaitChange on reader's counter (counterFor): a read mark
// wakes the other admins' screens' goroutines, which find their own value
// unchanged and wait on without returning.
func (s *Store) waitChange(ctx context.Context, reader string, last uint64) (uint64, error) {
	f := &s.feed
	f.mu.Lock()
	if f.moved == nil {
		f.moved = make(chan struct{})
	}
	f.waiters++
	if !f.polling {
		f.polling = true
		go s.pollChanges()
	}
	defer func() {
		f.mu.Lock()
		f.waiters--
		f.mu.Unlock()
	}()
	for {
		if n := f.value(reader); f.known && n != last {
			f.mu.Unlock()
			return n, nil
		}
		moved := f.moved
		f.mu.Unlock()
		select {
		case <-ctx.Done():
			return 0, ctx.Err()
		case <-moved:
		}
		f.mu.Lock()
	}
}

// pollChanges reads the counter every feedEvery and wakes the waiters when
// it moves; it stops when nobody has waited for feedGrace
// readings, and forgets what it read (a later waiter waits for a fresh one).
func (s *Store) pollChanges() {
	f := &s.feed
	t := time.NewTicker(feedEvery)
	defer t.Stop()
	idle := 0
	for {
		f.mu.Lock()
		known, reads := f.known, f.reads
		f.mu.Unlock()
		seq, nowReads, marks, err := s.readCounters(context.Background(), known, reads)
		f.mu.Lock()
		if err == nil {
			// The first reading wakes the waiters too: they were waiting
			// for any value.
			changed := !f.known || seq != f.seq || nowReads != f.reads
			f.seq, f.reads, f.known = seq, nowReads, true
			if marks != nil {
				f.marks = marks
			}
			if changed {
				close(f.moved)
				f.moved = make(chan struct{})
			}
		}
		// A screen re-arms its wait right after each wake: the poller
		// outlives a short gap so no change or lapse falls between.
		if idle = idle + 1; f.waiters > 0 {
			idle = 0
		}
		if idle >= feedGrace {
			f.polling, f.known = false, false
			f.mu.Unlock()
			return
		}
		f.mu.Unlock()
		<-t.C
	}
}

// readCounters reads change_seq and, on a first reading (!known) or when
// its reads count moved from reads, every admin's read-mark count (marks
// nil: unchanged).
func (s *Store) readCounters(ctx context.Context, known bool, reads uint64) (seq, nowReads uint64, marks map[string]uint64, err error) {
	if err = s.watch.QueryRowContext(ctx, `SELECT seq, reads FROM change_seq WHERE id = 1`).Scan(&seq, &nowReads); err != nil {
		return 0, 0, nil, s.noteErr(err)
	}
	if known && nowReads == reads {
		return seq, nowReads, nil, nil
	}
	rows, err := s.watch.QueryContext(ctx, `SELECT admin, seq FROM read_changes`)
	if err != nil {
		return 0, 0, nil, s.noteErr(err)
	}
	defer rows.Close()
	marks = map[string]uint64{}
	for rows.Next() {
		var admin string
		var n uint64
		if err := rows.Scan(&admin, &n); err != nil {
			return 0, 0, nil, err
		}
		marks[admin] = n
	}
	return seq, nowReads, marks, s.noteErr(rows.Err())
}
