package relay

import (
	"context"
	"testing"
	"testing/synctest"
	"time"
)

// TestCheckedAfterFirstLeaseCheck: State says Checked once Run has checked
// the lease, whether it won it (a is then the holder) or not (b, while a
// holds it), so a screen in the same process can wait for it.
func TestCheckedAfterFirstLeaseCheck(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		st, accs := setup(t, &fakeConn{})
		a := New(st, accs, Options{Holder: "a", Tick: 10 * time.Millisecond, LeaseTTL: time.Second})
		b := New(st, accs, Options{Holder: "b", Tick: 10 * time.Millisecond, LeaseTTL: time.Second})
		if s, _ := a.State(); s.Checked {
			t.Fatal("Checked before Run")
		}
		defer run(t, a)()
		if !firstCheck(a) {
			t.Fatal("not Checked after Run's first lease check")
		}
		if h, _, _ := st.Lease(context.Background()); h != "a" {
			t.Fatalf("after a's first check the lease holder is %q, want a", h)
		}
		defer run(t, b)()
		if !firstCheck(b) {
			t.Fatal("not Checked for a relay that lost the lease")
		}
		if h, _, _ := st.Lease(context.Background()); h != "a" {
			t.Fatalf("the lease moved to %q", h)
		}
	})
}

// firstCheck waits, up to 5 s, for r's first lease check; false if none came.
func firstCheck(r *Relay) bool {
	deadline := time.After(5 * time.Second)
	for {
		s, changed := r.State()
		if s.Checked {
			return true
		}
		select {
		case <-changed:
		case <-deadline:
			return false
		}
	}
}
