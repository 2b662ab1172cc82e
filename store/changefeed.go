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
	seq     uint64
	known   bool          // seq has been read
	moved   chan struct{} // closed when seq moves
	waiters int
	polling bool
}

// WaitChange blocks until the change counter differs from last and returns
// it; the error is ctx's when it ends first (a screen's lease deadline is a
// context deadline). The counter is read by one goroutine per Store, only
// while someone waits.
func (s *Store) WaitChange(ctx context.Context, last uint64) (uint64, error) {
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
		if f.known && f.seq != last {
			n := f.seq
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
		ctx := context.Background()
		n, err := s.ChangeCounter(ctx)
		f.mu.Lock()
		if err == nil {
			// The first reading wakes the waiters too: they were waiting
			// for any value.
			changed := !f.known || n != f.seq
			f.seq, f.known = n, true
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
