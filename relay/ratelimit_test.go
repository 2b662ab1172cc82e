package relay

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"sapa/inbox"
	"sapa/platforms"
	"sapa/store"
)

// TestRateLimitWaitHasMarginAndJitter: after a rate limit the retry lands
// after the advertised reset — by a margin and a random part — never
// exactly on it, for polling and for sending alike.
func TestRateLimitWaitHasMarginAndJitter(t *testing.T) {
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	reset := now.Add(30 * time.Second)
	limited := platforms.RateLimited(reset, "Too Many Requests: retry after 30")
	conn := &fakeConn{sendErr: []error{limited}}

	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "sapa.db"), store.Options{Now: clock})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	id, _ := st.EnsureAccount(ctx, "tg", inbox.Telegram, conn.Capabilities())
	accs := []Account{{ID: id, Name: "tg", Conn: conn, Poll: time.Hour}}
	var asked []time.Duration
	r := New(st, accs, Options{Now: clock, Jitter: func(n time.Duration) time.Duration {
		asked = append(asked, n)
		return n / 2
	}})

	// Polling: a twentieth of the 30 s wait (1.5 s) plus half of that from
	// the jitter.
	if got, want := r.fetchFailed(ctx, r.accounts[id], limited), reset.Add(2250*time.Millisecond); !got.Equal(want) {
		t.Fatalf("next fetch at %s after the reset; want %s", got.Sub(reset), want.Sub(reset))
	}
	if len(asked) != 1 || asked[0] != 1500*time.Millisecond {
		t.Fatalf("jitter asked for %v; want one draw below the 1.5 s margin", asked)
	}
	// A long wait gets a longer margin: a twentieth, here 3 min of 1 h,
	// capped at a minute.
	if got := r.afterLimit(now.Add(time.Hour)); !got.Equal(now.Add(time.Hour + 90*time.Second)) {
		t.Fatalf("after a one-hour limit: %s past the reset", got.Sub(now.Add(time.Hour)))
	}

	// Sending: the reply is not due at the reset itself.
	if _, err := st.Ingest(ctx, id, []inbox.Inbound{msg("a", "1")}, ""); err != nil {
		t.Fatal(err)
	}
	l, _ := st.List(ctx, inbox.Filter{}, store.Page{})
	if _, err := st.Enqueue(ctx, l[0].ID, "ani", "Baik", time.Time{}, inbox.StatusPending, false); err != nil {
		t.Fatal(err)
	}
	claims, err := st.ClaimDue(ctx, "", nil, 1)
	if err != nil || len(claims) != 1 {
		t.Fatalf("claims %v %v", claims, err)
	}
	r.send(ctx, claims[0])
	now = reset
	if c, _ := st.ClaimDue(ctx, "", nil, 1); len(c) != 0 {
		t.Fatal("the reply was due again exactly at the advertised reset")
	}
	now = reset.Add(2250 * time.Millisecond)
	if c, _ := st.ClaimDue(ctx, "", nil, 1); len(c) != 1 {
		t.Fatal("the reply was not due after the reset and its margin")
	}
}
