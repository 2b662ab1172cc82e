package relay

import (
	"context"
	"path/filepath"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"sapa/inbox"
	"sapa/platforms"
	"sapa/store"
)

// fakeConn is a scripted connector: Fetch hands out pages, Send answers with
// the next scripted error (nil: success).
type fakeConn struct {
	mu      sync.Mutex
	pages   [][]inbox.Inbound
	sendErr []error
	sent    []inbox.Reply
	found   bool
	idem    time.Duration // the idempotency window; 0: none
}

func (f *fakeConn) Platform() inbox.Platform { return inbox.Telegram }
func (f *fakeConn) Capabilities() inbox.Capabilities {
	return inbox.Capabilities{Reply: true, IdempotencyWindow: f.idem}
}
func (f *fakeConn) Fetch(ctx context.Context, cursor string) (platforms.Batch, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.pages) == 0 {
		return platforms.Batch{Cursor: cursor}, nil
	}
	p := f.pages[0]
	f.pages = f.pages[1:]
	return platforms.Batch{Items: p, Cursor: cursor + "+", More: len(f.pages) > 0}, nil
}
func (f *fakeConn) Send(ctx context.Context, r inbox.Reply) (inbox.Sent, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.sent = append(f.sent, r)
	if len(f.sendErr) > 0 {
		err := f.sendErr[0]
		f.sendErr = f.sendErr[1:]
		if err != nil {
			return inbox.Sent{}, err
		}
	}
	return inbox.Sent{ExternalID: "out-" + r.IdempotencyKey[:6], SentAt: time.Now()}, nil
}
func (f *fakeConn) FindSent(ctx context.Context, r inbox.Reply) (inbox.Sent, bool, error) {
	return inbox.Sent{ExternalID: "found"}, f.found, nil
}

func setup(t *testing.T, conn *fakeConn) (*store.Store, []Account) {
	t.Helper()
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "sapa.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	id, _ := st.EnsureAccount(context.Background(), "tg", inbox.Telegram, conn.Capabilities())
	return st, []Account{{ID: id, Name: "tg", Conn: conn, Poll: time.Hour}}
}

func msg(thread, id string) inbox.Inbound {
	return inbox.Inbound{Thread: inbox.Thread{ExternalKey: thread, Kind: inbox.KindDM},
		Message: inbox.Message{ExternalID: id, Direction: inbox.In, Text: "halo " + id, SentAt: time.Now(),
			Author: inbox.Contact{ExternalID: "u" + thread, Name: "Warga"}}}
}

func run(t *testing.T, r *Relay) (stop func()) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { r.Run(ctx); close(done) }()
	return func() { cancel(); <-done }
}

// eventually lets the bubble's fake clock run until cond holds: each step
// waits until every goroutine of the relay is idle, then moves time on by
// one tick. Nothing here sleeps for real, so the tests neither flake on a
// busy machine nor wait.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		synctest.Wait()
		if cond() {
			return
		}
	}
	t.Fatalf("no %s after 10 s of the relay's time", what)
}

func TestRelayFetchesAllPagesAndSends(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		conn := &fakeConn{pages: [][]inbox.Inbound{{msg("a", "1"), msg("b", "2")}, {msg("c", "3")}},
			sendErr: []error{platforms.Errorf(platforms.KindTransient, "connection refused")}}
		st, accs := setup(t, conn)
		r := New(st, accs, Options{Tick: 10 * time.Millisecond, LeaseTTL: time.Second})
		stop := run(t, r)
		defer stop()
		ctx := context.Background()
		eventually(t, "three conversations", func() bool { n, _ := st.Count(ctx, inbox.Filter{View: inbox.ViewAll}); return n == 3 })
		if c, _ := st.Cursor(ctx, accs[0].ID); c != "++" {
			t.Fatalf("cursor %q after two pages", c)
		}
		l, _ := st.List(ctx, inbox.Filter{}, store.Page{})
		if _, err := st.Enqueue(ctx, l[0].ID, "ani", "Baik, kami cek", time.Time{}, inbox.StatusPending, false); err != nil {
			t.Fatal(err)
		}
		// First attempt is refused before reaching the platform; the retry lands.
		eventually(t, "reply sent", func() bool {
			th, _ := st.Thread(ctx, l[0].ID, 10)
			return th[len(th)-1].Delivery == inbox.DeliverySent
		})
		conn.mu.Lock()
		defer conn.mu.Unlock()
		if len(conn.sent) != 2 || conn.sent[0].IdempotencyKey != conn.sent[1].IdempotencyKey {
			t.Fatalf("sends %+v", conn.sent)
		}
	})
}

func TestAmbiguousSendIsNeverRetried(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		conn := &fakeConn{pages: [][]inbox.Inbound{{msg("a", "1")}},
			sendErr: []error{platforms.Errorf(platforms.KindAmbiguous, "timeout after sending")}}
		st, accs := setup(t, conn)
		stop := run(t, New(st, accs, Options{Tick: 10 * time.Millisecond, LeaseTTL: time.Second}))
		defer stop()
		ctx := context.Background()
		eventually(t, "conversation", func() bool { n, _ := st.Count(ctx, inbox.Filter{}); return n == 1 })
		l, _ := st.List(ctx, inbox.Filter{}, store.Page{})
		st.Enqueue(ctx, l[0].ID, "ani", "Baik", time.Time{}, inbox.StatusPending, false)
		eventually(t, "unknown", func() bool { c, _ := st.OutboxCounts(ctx); return c[inbox.DeliveryUnknown] == 1 })
		time.Sleep(100 * time.Millisecond)
		conn.mu.Lock()
		defer conn.mu.Unlock()
		if len(conn.sent) != 1 {
			t.Fatalf("ambiguous send was retried: %d sends", len(conn.sent))
		}
	})
}

func TestReconcileFindsUnknownReply(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		conn := &fakeConn{pages: [][]inbox.Inbound{{msg("a", "1")}}, found: true,
			sendErr: []error{platforms.Errorf(platforms.KindAmbiguous, "502")}}
		st, accs := setup(t, conn)
		r := New(st, accs, Options{Tick: 10 * time.Millisecond, LeaseTTL: time.Second})
		ctx := context.Background()
		r.fetch(ctx, r.accounts[accs[0].ID])
		l, _ := st.List(ctx, inbox.Filter{}, store.Page{})
		st.Enqueue(ctx, l[0].ID, "ani", "Baik", time.Time{}, inbox.StatusPending, false)
		claims, _ := st.ClaimDue(ctx, "", nil, 5)
		r.send(ctx, claims[0])
		r.reconcile(ctx)
		th, _ := st.Thread(ctx, l[0].ID, 10)
		if last := th[len(th)-1]; last.Delivery != inbox.DeliverySent || last.ExternalID != "found" {
			t.Fatalf("after reconcile: %+v", last)
		}
	})
}

func TestOnlyOneRelayAndHandover(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		conn := &fakeConn{}
		st, accs := setup(t, conn)
		a := New(st, accs, Options{Holder: "a", Tick: 10 * time.Millisecond, LeaseTTL: 300 * time.Millisecond})
		b := New(st, accs, Options{Holder: "b", Tick: 10 * time.Millisecond, LeaseTTL: 300 * time.Millisecond})
		ctx := context.Background()
		stopA := run(t, a)
		eventually(t, "a holds the lease", func() bool { h, _, _ := st.Lease(ctx); return h == "a" })
		stopB := run(t, b)
		defer stopB()
		time.Sleep(400 * time.Millisecond)
		if h, _, _ := st.Lease(ctx); h != "a" {
			t.Fatalf("lease moved to %q while a was alive", h)
		}
		stopA()
		eventually(t, "b takes over", func() bool { h, _, _ := st.Lease(ctx); return h == "b" })
	})
}

// waitConn pushes: Wait returns when the test signals new mail.
type waitConn struct {
	fakeConn
	push chan struct{}
}

func (w *waitConn) Wait(ctx context.Context, cursor string) error {
	select {
	case <-w.push:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func TestPushWaitFetchesAtOnce(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		conn := &waitConn{fakeConn: fakeConn{pages: [][]inbox.Inbound{{msg("a", "1")}}}, push: make(chan struct{})}
		st, accs := setup(t, &conn.fakeConn)
		accs[0].Conn = conn // polls hourly: only the push can bring the second message soon
		stop := run(t, New(st, accs, Options{Tick: 10 * time.Millisecond, LeaseTTL: time.Second}))
		defer stop()
		ctx := context.Background()
		eventually(t, "first fetch", func() bool { n, _ := st.Count(ctx, inbox.Filter{View: inbox.ViewAll}); return n == 1 })
		conn.mu.Lock()
		conn.pages = append(conn.pages, []inbox.Inbound{msg("b", "2")})
		conn.mu.Unlock()
		select {
		case conn.push <- struct{}{}:
		case <-time.After(10 * time.Second):
			t.Fatal("the relay never waited for a push")
		}
		eventually(t, "pushed fetch", func() bool { n, _ := st.Count(ctx, inbox.Filter{View: inbox.ViewAll}); return n == 2 })
	})
}

func TestIdempotentResendOnlyWhileTheKeyIsFresh(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		// Mastodon has forgotten the key two hours on.
		if c := unknownReplyAfter(t, 50*time.Minute, 2*time.Hour); c[inbox.DeliveryUnknown] != 1 {
			t.Fatalf("an old unknown reply was queued again: %v", c)
		}
	})
}

// TestIdempotencyWindowIsTheConnectors: the window a resend may rely on is
// the one the connector declares, not one the relay assumes.
func TestIdempotencyWindowIsTheConnectors(t *testing.T) {
	for _, c := range []struct {
		after  time.Duration
		resent bool
	}{{5 * time.Minute, true}, {20 * time.Minute, false}} {
		counts := unknownReplyAfter(t, 10*time.Minute, c.after)
		if resent := counts[inbox.DeliveryQueued] == 1; resent != c.resent {
			t.Errorf("%v after queueing with a 10 min window: queued again = %v, want %v (%v)", c.after, resent, c.resent, counts)
		}
	}
}

// unknownReplyAfter sends one reply whose fate is unknown through a
// connector with the given idempotency window, lets after pass, reconciles,
// and returns the outbox counts.
func unknownReplyAfter(t *testing.T, window, after time.Duration) map[inbox.Delivery]int {
	t.Helper()
	conn := &fakeConn{pages: [][]inbox.Inbound{{msg("a", "1")}}, idem: window,
		sendErr: []error{platforms.Errorf(platforms.KindAmbiguous, "502")}}
	st, accs := setup(t, conn)
	now := time.Now()
	r := New(st, accs, Options{Now: func() time.Time { return now }})
	ctx := context.Background()
	r.fetch(ctx, r.accounts[accs[0].ID])
	l, _ := st.List(ctx, inbox.Filter{}, store.Page{})
	st.Enqueue(ctx, l[0].ID, "ani", "Baik", time.Time{}, inbox.StatusPending, false)
	claims, _ := st.ClaimDue(ctx, "", nil, 5)
	r.send(ctx, claims[0])
	now = now.Add(after)
	r.reconcile(ctx)
	counts, _ := st.OutboxCounts(ctx)
	return counts
}

// TestLeaseErrSaysWhyTheCheckFailed: when the store refuses the lease write
// (here: it is closed; in use, a full disk), State's Err says why, for a
// screen in the same process; a good check clears it.
func TestLeaseErrSaysWhyTheCheckFailed(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		st, accs := setup(t, &fakeConn{})
		r := New(st, accs, Options{Tick: 10 * time.Millisecond, LeaseTTL: time.Second})
		stop := run(t, r)
		defer stop()
		eventually(t, "the first lease check", func() bool { s, _ := r.State(); return s.Checked })
		if s, _ := r.State(); s.Err != nil {
			t.Fatalf("after a good check: %v", s.Err)
		}
		st.Close()
		eventually(t, "a failed lease check", func() bool { s, _ := r.State(); return s.Err != nil })
	})
}

// confirmingConn confirms the cursor it is given to the platform, as
// Telegram's getUpdates does, and notes whether the store had every batch on
// disk at each fetch.
type confirmingConn struct {
	*fakeConn
	st       *store.Store
	unsynced int // fetches with a confirmed cursor while a batch was not on disk
	fetches  int
}

func (c *confirmingConn) ConfirmsCursor() bool { return true }
func (c *confirmingConn) Fetch(ctx context.Context, cursor string) (platforms.Batch, error) {
	c.mu.Lock()
	c.fetches++
	if cursor != "" && !c.st.Synced() {
		c.unsynced++
	}
	c.mu.Unlock()
	return c.fakeConn.Fetch(ctx, cursor)
}

func TestConfirmingFetchOnlyAfterTheBatchIsOnDisk(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		fake := &fakeConn{pages: [][]inbox.Inbound{{msg("a", "1")}, {msg("b", "2")}, {msg("c", "3")}}}
		st, accs := setup(t, fake)
		conn := &confirmingConn{fakeConn: fake, st: st}
		accs[0].Conn = conn
		accs[0].Poll = 50 * time.Millisecond
		stop := run(t, New(st, accs, Options{Tick: 10 * time.Millisecond, LeaseTTL: time.Second}))
		ctx := context.Background()
		eventually(t, "three pages and the fetch after them", func() bool {
			conn.mu.Lock()
			defer conn.mu.Unlock()
			return conn.fetches >= 4
		})
		stop()
		conn.mu.Lock()
		defer conn.mu.Unlock()
		if conn.unsynced != 0 {
			t.Fatalf("%d of %d fetches confirmed a cursor whose batch was not on disk", conn.unsynced, conn.fetches)
		}
		if n, _ := st.Count(ctx, inbox.Filter{View: inbox.ViewAll}); n != 3 || !st.Synced() {
			t.Fatalf("%d conversations, synced %v after the relay stopped", n, st.Synced())
		}
	})
}

// TestRelayIndexesWhatItFetched: ingest only queues new messages for the
// search index; the relay indexes the queue after its ticks, so it empties
// with nobody searching.
func TestRelayIndexesWhatItFetched(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		conn := &fakeConn{pages: [][]inbox.Inbound{{msg("a", "1"), msg("b", "2")}, {msg("c", "3")}}}
		st, accs := setup(t, conn)
		stop := run(t, New(st, accs, Options{Tick: 10 * time.Millisecond, LeaseTTL: time.Second}))
		defer stop()
		ctx := context.Background()
		eventually(t, "three conversations", func() bool { n, _ := st.Count(ctx, inbox.Filter{View: inbox.ViewAll}); return n == 3 })
		eventually(t, "an empty index queue", func() bool { n, err := st.Unindexed(ctx); return err == nil && n == 0 })
	})
}
