package relay

import (
	"sync"

	"sapa/inbox"
)

// stateFeed holds the relay's lease state and tells whoever follows it of
// each change: one channel, closed and replaced at every change, so any
// number of screens wait on it without a timer or a query of their own.
type stateFeed struct {
	mu      sync.Mutex
	s       inbox.RelayState
	changed chan struct{}
}

// State is this relay's lease state now and a channel closed at its next
// change. A renewal that changes nothing closes nothing: an idle screen
// waiting on it is not woken once a lease period.
func (r *Relay) State() (inbox.RelayState, <-chan struct{}) {
	f := &r.state
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.changed == nil {
		f.changed = make(chan struct{})
	}
	return f.s, f.changed
}

// setState applies fn to the state and wakes the followers if it changed.
func (r *Relay) setState(fn func(*inbox.RelayState)) {
	f := &r.state
	f.mu.Lock()
	defer f.mu.Unlock()
	next := f.s
	fn(&next)
	if next.Same(f.s) {
		return
	}
	f.s = next
	if f.changed != nil {
		close(f.changed)
	}
	f.changed = make(chan struct{})
}
