package relay

import (
	"context"
	"testing"
	"testing/synctest"
	"time"

	"sapa/inbox"
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

func TestBackfilledOnceNoPageIsWaiting(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		conn := &fakeConn{pages: [][]inbox.Inbound{{msg("a", "1")}, {msg("b", "2")}, {msg("c", "3")}}}
		st, accs := setup(t, conn)
		r := New(st, accs, Options{Tick: 10 * time.Millisecond, LeaseTTL: time.Second})
		defer run(t, r)()
		ctx := context.Background()
		select {
		case <-r.Backfilled():
		case <-time.After(5 * time.Second):
			t.Fatal("Backfilled not closed after the last page")
		}
		if n, _ := st.Count(ctx, inbox.Filter{View: inbox.ViewAll}); n != 3 {
			t.Fatalf("Backfilled with %d of 3 conversations ingested", n)
		}
	})
}

func TestBackfilledWhenAnotherProcessIngests(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		conn := &fakeConn{pages: [][]inbox.Inbound{{msg("a", "1")}}}
		st, accs := setup(t, conn)
		if ok, err := st.AcquireLease(context.Background(), "other", time.Hour); !ok || err != nil {
			t.Fatalf("lease: %v %v", ok, err)
		}
		r := New(st, accs, Options{Holder: "b", Tick: 10 * time.Millisecond, LeaseTTL: time.Second})
		defer run(t, r)()
		select {
		case <-r.Backfilled():
		case <-time.After(5 * time.Second):
			t.Fatal("Backfilled not closed while another process holds the lease")
		}
	})
}
