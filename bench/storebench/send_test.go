package storebench

import (
	"context"
	"math/rand/v2"
	"strconv"
	"testing"
	"time"

	"sapa/inbox"
	"sapa/platforms"
	"sapa/relay"
	"sapa/store"
)

// instant is a connector whose platform answers at once: what remains of
// send-to-sent is Sapa's own path (outbox, relay tick, claim, mark sent).
type instant struct{ p inbox.Platform }

func (c instant) Platform() inbox.Platform { return c.p }
func (c instant) Capabilities() inbox.Capabilities {
	return inbox.Capabilities{Reply: true, DirectMessages: true, PublicComments: true}
}
func (c instant) Fetch(ctx context.Context, cursor string) (platforms.Batch, error) {
	return platforms.Batch{Cursor: cursor}, nil
}
func (c instant) Send(ctx context.Context, r inbox.Reply) (inbox.Sent, error) {
	return inbox.Sent{ExternalID: "bench-" + strconv.FormatInt(r.OutboxID, 10), SentAt: time.Now()}, nil
}

// BenchmarkSendToSent measures the time from Enqueue (the admin pressing
// send) until the reply shows as sent in the conversation, with the relay
// running in the same process over a copy of the benchmark store, at the
// relay's default outbox tick and at a short one. Each send comes at a
// random moment of the relay's tick, as an admin's would.
func BenchmarkSendToSent(b *testing.B) {
	for _, tick := range []time.Duration{250 * time.Millisecond, 10 * time.Millisecond} {
		b.Run("tick-"+tick.String(), func(b *testing.B) {
			st, m := openCopy(b)
			benchSend(b, st, tick, m.Epoch)
		})
	}
}

// benchSend runs the relay on a clock that starts at the store's epoch, so
// its housekeeping finds the snoozes the generator set still in the future
// (on the real clock hundreds would wake at once in the first tick).
func benchSend(b *testing.B, st *store.Store, tick time.Duration, epoch time.Time) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	accts, err := st.Accounts(ctx)
	if err != nil {
		b.Fatal(err)
	}
	var ra []relay.Account
	for _, a := range accts {
		ra = append(ra, relay.Account{ID: a.ID, Name: a.Name, Conn: instant{a.Platform}})
	}
	start := time.Now()
	now := func() time.Time { return epoch.Add(time.Since(start)) }
	r := relay.New(st, ra, relay.Options{Tick: tick, Holder: "bench", Now: now})
	done := make(chan struct{})
	go func() { r.Run(ctx); close(done) }()
	defer func() { cancel(); <-done }()
	for deadline := time.Now().Add(5 * time.Second); ; {
		if h, _, _ := st.Lease(ctx); h == "bench" {
			break
		}
		if time.Now().After(deadline) {
			b.Fatal("the relay did not take the lease")
		}
		time.Sleep(time.Millisecond)
	}
	convs, err := st.List(ctx, inbox.Filter{View: inbox.ViewOpen}, store.Page{Limit: 200})
	if err != nil || len(convs) == 0 {
		b.Fatalf("no open conversations (%v)", err)
	}
	var lat latencies
	i := 0
	rnd := rand.New(rand.NewPCG(seed, 2))
	for b.Loop() {
		c := convs[i%len(convs)]
		i++
		// An admin presses send at any moment, not just after a relay tick.
		b.StopTimer()
		time.Sleep(time.Duration(rnd.Int64N(int64(tick))))
		b.StartTimer()
		lat.time(func() {
			id, err := st.Enqueue(ctx, c.ID, "admin.bench", "Terima kasih, laporan sudah kami teruskan 🙏", time.Time{}, inbox.StatusPending, true)
			if err != nil {
				b.Fatal(err)
			}
			waitSent(b, st, c.ID, "bench-"+strconv.FormatInt(id, 10))
		})
	}
	lat.report(b, 0.5, 0.99)
}

// waitSent watches the store as a session would (its change counter, then
// the conversation) until the reply is a sent message.
func waitSent(b *testing.B, st *store.Store, convID int64, ext string) {
	ctx := context.Background()
	last := uint64(0)
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(time.Millisecond) {
		v, err := st.ChangeCounter(ctx)
		if err != nil {
			b.Fatal(err)
		}
		if v == last {
			continue
		}
		last = v
		msgs, err := st.Thread(ctx, convID, 5)
		if err != nil {
			b.Fatal(err)
		}
		for _, m := range msgs {
			if m.ExternalID == ext {
				return
			}
		}
	}
	b.Fatalf("reply %s not sent within 10 s", ext)
}
