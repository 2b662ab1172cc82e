package store

import (
	"context"
	"errors"
	"testing"
	"time"

	"sapa/inbox"
)

// waitingFor waits until n screens wait on the feed.
func waitingFor(t *testing.T, s *Store, n int) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(time.Millisecond) {
		s.feed.mu.Lock()
		w := s.feed.waiters
		s.feed.mu.Unlock()
		if w == n {
			return
		}
	}
	t.Fatalf("never %d waiters", n)
}

func TestWaitChangeWakesEveryWaiterOnAChange(t *testing.T) {
	s, _ := openTest(t)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if ok, err := s.AcquireLease(ctx, "relay", time.Minute); !ok || err != nil {
		t.Fatalf("lease: %v %v", ok, err)
	}
	last, _ := s.ChangeCounter(ctx)
	got := make(chan uint64, 2)
	wait := func(last uint64) {
		go func() {
			n, err := s.WaitChange(ctx, last)
			if err != nil {
				t.Error(err)
			}
			got <- n
		}()
	}
	// Two screens wait; a heartbeat (bookkeeping) wakes neither, a change both.
	wait(last)
	wait(last)
	waitingFor(t, s, 2)
	s.AcquireLease(ctx, "relay", time.Minute)
	account(t, s, "fb", inbox.Facebook)
	now, _ := s.ChangeCounter(ctx)
	for range 2 {
		if n := <-got; n != now || n == last {
			t.Fatalf("woken with %d, want the new counter %d (was %d)", n, now, last)
		}
	}

	done, stop := context.WithCancel(ctx)
	stop()
	if _, err := s.WaitChange(done, now); !errors.Is(err, context.Canceled) {
		t.Fatalf("a cancelled wait: %v", err)
	}
}
