package relay

import (
	"context"
	"testing"
	"testing/synctest"
	"time"

	"sapa/store"
)

// TestStateChangesOnlyWithTheLease: State's channel is closed when the
// relay takes its lease, loses it, fails to check it and stops, and never
// by a renewal that changes nothing, so a screen waiting on it is not woken
// once a lease period.
func TestStateChangesOnlyWithTheLease(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		st, accs := setup(t, &fakeConn{})
		r := New(st, accs, Options{Holder: "a", Tick: 10 * time.Millisecond, LeaseTTL: time.Second})
		s, changed := r.State()
		if s.Checked || s.Held {
			t.Fatalf("state before Run: %+v", s)
		}
		stop := run(t, r)
		<-changed
		s, changed = r.State()
		if !s.Checked || !s.Held || s.Err != nil || s.Stopped {
			t.Fatalf("state after the first check: %+v", s)
		}

		time.Sleep(5 * time.Second) // fifteen renewals
		synctest.Wait()
		select {
		case <-changed:
			t.Fatalf("renewing the lease woke the followers: %+v", func() any { s, _ := r.State(); return s }())
		default:
		}

		// Another process takes the lease while this one stalls (its
		// clock is an hour ahead, so ours looks expired to it).
		other, err := store.Open(context.Background(), st.Path(), store.Options{Now: func() time.Time { return time.Now().Add(time.Hour) }})
		if err != nil {
			t.Fatal(err)
		}
		defer other.Close()
		if ok, err := other.AcquireLease(context.Background(), "b", time.Second); !ok || err != nil {
			t.Fatalf("the other process's lease: %v %v", ok, err)
		}
		<-changed
		s, changed = r.State()
		if s.Held || s.Err != nil {
			t.Fatalf("state after the lease was taken: %+v", s)
		}

		stop()
		<-changed
		if s, _ = r.State(); !s.Stopped || s.Held {
			t.Fatalf("state after Run returned: %+v", s)
		}
	})
}
