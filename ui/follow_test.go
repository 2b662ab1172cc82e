package ui

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"sapa/inbox"
)

// fakeRelay is a relay in the same process as the screen: the test sets its
// state, and whoever follows it is told.
type fakeRelay struct {
	mu      sync.Mutex
	s       inbox.RelayState
	changed chan struct{}
}

func newFakeRelay(s inbox.RelayState) *fakeRelay {
	return &fakeRelay{s: s, changed: make(chan struct{})}
}

func (f *fakeRelay) State() (inbox.RelayState, <-chan struct{}) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.s, f.changed
}

func (f *fakeRelay) set(s inbox.RelayState) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.s = s
	close(f.changed)
	f.changed = make(chan struct{})
}

// TestRelayInProcessNeedsNoDeadline: with the relay in the same process the
// change watcher is armed without the lease's deadline (the relay says when
// the lease changes), and the one relay wait returns only at a change of
// the relay's state; with the relay elsewhere the deadline is kept.
func TestRelayInProcessNeedsNoDeadline(t *testing.T) {
	e := newEnv(t)
	e.seed(t)
	ctx := context.Background()
	if ok, err := e.st.AcquireLease(ctx, "sapa@server:1", 10*time.Second); err != nil || !ok {
		t.Fatal("lease", err)
	}
	rl := newFakeRelay(inbox.RelayState{Checked: true, Held: true})
	d := testDeps(e, testConfig())
	d.Relay = rl
	m := startWith(t, d, 80, 24)
	if !m.status.followsRelay() || !m.status.relayOK() {
		t.Fatalf("status after the first load: follows %v, ok %v", m.status.followsRelay(), m.status.relayOK())
	}
	if bar := rowsOf(m)[22]; !strings.Contains(bar, "relay: ok") {
		t.Fatalf("status bar %q; want relay: ok", bar)
	}

	// The relay's lease checks fail (the disk filled up): the status bar
	// says so once told, with no timer of the screen's own.
	m.noWatch = false
	_, changed := rl.State()
	wait := runAsync(relayWatchCmd(ctx, changed))
	select {
	case msg := <-wait:
		t.Fatalf("the relay wait returned with no change: %#v", msg)
	case <-time.After(50 * time.Millisecond):
	}
	rl.set(inbox.RelayState{Checked: true, Held: true, Err: errors.New("database or disk is full")})
	msg := <-wait
	if _, ok := msg.(relayChangedMsg); !ok {
		t.Fatalf("relay wait returned %#v", msg)
	}
	m.noWatch = true
	m = send(t, m, msg)
	if bar := rowsOf(m)[22]; strings.Contains(bar, "relay: ok") || !strings.Contains(bar, "disk is full") {
		t.Fatalf("status bar after the relay's check failed: %q", bar)
	}

	// Stopped: the lease row is read again at its deadline, as for a relay
	// in another process.
	rl.set(inbox.RelayState{Checked: true, Stopped: true})
	m = send(t, m, relayChangedMsg{})
	if m.status.followsRelay() {
		t.Fatal("a stopped relay is still followed")
	}
}
