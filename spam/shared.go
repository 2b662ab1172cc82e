package spam

import (
	"context"
	"sync"
	"sync/atomic"
)

// Shared is one process's suggestion, shared by all its screens (the SSH
// service's sessions): trained once, not once per session, and retrained
// for all when any admin marks or unmarks spam. Readers take the current
// snapshot without a lock; a trained Model is never written again, so a
// snapshot is safe to read from any goroutine.
type Shared struct {
	load func(context.Context) ([]Example, error)

	mu    sync.Mutex // serialises training
	done  uint64     // the last request a finished training covers (mu)
	asked atomic.Uint64
	cur   atomic.Pointer[Snapshot]
}

// Snapshot is one training's model, with a channel closed when a newer one
// replaces it.
type Snapshot struct {
	// Model is the trained classifier; read-only.
	Model Model
	// Gen counts the trainings: 0 before the first.
	Gen int
	// Next is closed once a newer snapshot is current.
	Next <-chan struct{}
	next chan struct{}
}

// NewShared makes a suggestion trained from what load returns (the admins'
// judgements across the whole office); nothing is read until the first
// Ready or Retrain.
func NewShared(load func(context.Context) ([]Example, error)) *Shared {
	s := &Shared{load: load}
	next := make(chan struct{})
	s.cur.Store(&Snapshot{Next: next, next: next})
	return s
}

// Current is the latest snapshot, trained or not (Gen 0).
func (s *Shared) Current() *Snapshot { return s.cur.Load() }

// Ready returns the current snapshot, training it first if no one has yet:
// the first screen to ask trains, the others wait for that one training.
func (s *Shared) Ready(ctx context.Context) (*Snapshot, error) {
	if cur := s.cur.Load(); cur.Gen > 0 {
		return cur, nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if cur := s.cur.Load(); cur.Gen > 0 {
		return cur, nil
	}
	return s.train(ctx)
}

// Retrain learns again from the store after a judgement changed (a `$`, a
// spam label removed). Requests that pile up while a training runs are
// served by one training that starts after all of them.
func (s *Shared) Retrain(ctx context.Context) (*Snapshot, error) {
	mine := s.asked.Add(1)
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.done >= mine { // a training that began after this request covered it
		return s.cur.Load(), nil
	}
	return s.train(ctx)
}

// train loads, trains and publishes a new snapshot; s.mu is held.
func (s *Shared) train(ctx context.Context) (*Snapshot, error) {
	covers := s.asked.Load()
	ex, err := s.load(ctx)
	if err != nil {
		return s.cur.Load(), err
	}
	old := s.cur.Load()
	next := make(chan struct{})
	snap := &Snapshot{Model: Train(ex), Gen: old.Gen + 1, Next: next, next: next}
	s.cur.Store(snap)
	s.done = covers
	close(old.next)
	return snap, nil
}

// Trainings counts the trainings so far: the current snapshot's Gen.
func (s *Shared) Trainings() int { return s.cur.Load().Gen }
