package relay

import (
	"context"
	"testing"
	"testing/synctest"
	"time"
)

// TestCheckedAfterFirstLeaseCheck: Checked closes once Run has checked the
// lease, whether it won it (a is then the holder) or not (b, while a holds
// it), so a screen in the same process can wait for it.
func TestCheckedAfterFirstLeaseCheck(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		st, accs := setup(t, &fakeConn{})
		a := New(st, accs, Options{Holder: "a", Tick: 10 * time.Millisecond, LeaseTTL: time.Second})
		b := New(st, accs, Options{Holder: "b", Tick: 10 * time.Millisecond, LeaseTTL: time.Second})
		select {
		case <-a.Checked():
			t.Fatal("Checked is closed before Run")
		default:
		}
		defer run(t, a)()
		select {
		case <-a.Checked():
		case <-time.After(5 * time.Second):
			t.Fatal("Checked not closed after Run's first lease check")
		}
		if h, _, _ := st.Lease(context.Background()); h != "a" {
			t.Fatalf("after a's first check the lease holder is %q, want a", h)
		}
		defer run(t, b)()
		select {
		case <-b.Checked():
		case <-time.After(5 * time.Second):
			t.Fatal("Checked not closed for a relay that lost the lease")
		}
		if h, _, _ := st.Lease(context.Background()); h != "a" {
			t.Fatalf("the lease moved to %q", h)
		}
	})
}
