package store

import (
	"context"
	"database/sql"
	"errors"
	"slices"
	"sync"

	"sapa/inbox"
)

// A group of polled Ingest calls holds at most this many batches and, past
// its first batch, this many messages: the transaction holds the write lock
// for a few tens of milliseconds at most, so an admin's status change never
// waits long behind ingest.
const (
	groupBatches  = 32
	groupMessages = 2000
)

// ingestQueue is group commit for polled ingest. The relay fetches every
// account at once, and each fetcher hands Ingest one page and waits for it.
// Much of a transaction's cost is the same whatever it holds (the commit
// writes every B-tree page the batch touched to the WAL, and a second batch
// touches mostly the same pages), so the calls that arrive while one
// transaction runs are written together in the next one. A lone call is
// written at once: nothing ever waits for company.
//
// One caller at a time writes: the one that found nobody writing, then the
// oldest waiting call, handed its turn by the writer before. A writer writes
// one group (its own call first, then those waiting behind it, up to the
// cap), wakes the callers whose batches it wrote and hands its turn on, so
// no caller writes others' batches for longer than one transaction.
type ingestQueue struct {
	mu      sync.Mutex
	waiting []*ingestCall // in the order they came; the writer's own first
	writing bool          // a caller holds the turn to write
}

// ingestCall is one polled Ingest call.
type ingestCall struct {
	accountID int64
	items     []inbox.Inbound
	cursor    string
	res       IngestResult
	err       error
	done      bool // res and err are the call's answer
	// wake gets one value: when the call is done, or when its turn to
	// write has come.
	wake chan struct{}
}

// ingestGrouped writes c, alone or in a group with the calls made at the
// same time, and returns its own result.
func (s *Store) ingestGrouped(ctx context.Context, c *ingestCall) (IngestResult, error) {
	c.wake = make(chan struct{}, 1)
	q := &s.ingests
	q.mu.Lock()
	q.waiting = append(q.waiting, c)
	myTurn := !q.writing
	q.writing = true
	q.mu.Unlock()
	if !myTurn {
		<-c.wake
	}
	if !c.done {
		group := q.take()
		s.writeGroup(ctx, group)
		q.handOn()
		for _, o := range group[1:] {
			o.done = true
			o.wake <- struct{}{}
		}
	}
	return c.res, c.err
}

// take removes the next group from the queue: the writer's own call and as
// many after it as the cap allows.
func (q *ingestQueue) take() []*ingestCall {
	q.mu.Lock()
	defer q.mu.Unlock()
	n, msgs := 1, len(q.waiting[0].items)
	for n < len(q.waiting) && n < groupBatches && msgs+len(q.waiting[n].items) <= groupMessages {
		msgs += len(q.waiting[n].items)
		n++
	}
	group := slices.Clone(q.waiting[:n])
	q.waiting = slices.Delete(q.waiting, 0, n)
	return group
}

// handOn gives the turn to write to the oldest waiting call, if any.
func (q *ingestQueue) handOn() {
	q.mu.Lock()
	defer q.mu.Unlock()
	if len(q.waiting) == 0 {
		q.writing = false
		return
	}
	q.waiting[0].wake <- struct{}{}
}

// writeGroup writes the group's batches in one transaction, in the order
// they came, as if one by one. When it fails, each batch is written alone,
// so one batch's error (an unknown account, a full conversation) reaches
// its own caller only and never costs another account its page; a locked or
// damaged store fails them all, as it would alone.
func (s *Store) writeGroup(ctx context.Context, group []*ingestCall) {
	changed := false
	err := s.writeOn(ctx, s.g, func(tx *sql.Tx) error {
		changed = false
		for _, c := range group {
			c.res = IngestResult{}
			if err := s.ingestBatch(tx, c.accountID, c.items, &c.cursor, &c.res); err != nil {
				return err
			}
			changed = changed || c.res.New > 0
		}
		if changed {
			return bumpChanges(tx)
		}
		return nil
	})
	if err == nil {
		s.unsynced.Store(true)
		if changed {
			s.queued.Store(true) // after the commit: see IndexPending
		}
		return
	}
	for _, c := range group {
		c.res, c.err = IngestResult{}, err
		if len(group) == 1 || errors.Is(err, ErrLocked) || s.damaged.Load() {
			continue
		}
		if c.res, c.err = s.ingest(ctx, s.g, c.accountID, c.items, &c.cursor); c.err == nil {
			s.unsynced.Store(true)
		}
	}
}
