package demo

import (
	"context"
	"reflect"
	"sync"
	"testing"
	"time"

	"sapa/config"
	"sapa/inbox"
	"sapa/platforms"
)

// TestRestartResumes runs one store's simulator in two processes: the first
// stops an hour in (and once in the middle of the history), the second starts
// later with a later clock. Together they must deliver exactly what one
// uninterrupted simulator delivers: no duplicate, no gap.
func TestRestartResumes(t *testing.T) {
	cfg := config.Demo{Seed: 7, LiveInterval: minutes(2)}
	end := t0.Add(5 * time.Hour)
	for _, p := range []inbox.Platform{inbox.WhatsApp, inbox.Facebook, inbox.Email} {
		t.Run(string(p), func(t *testing.T) {
			// The reference: one simulator, started at t0, fetching again at end.
			refClock := newClock(t0)
			ref := connect(t, newSim(cfg, refClock.now), p)
			want, cur, _ := drain(t, ref, "")
			refClock.set(end)
			live, _, _ := drain(t, ref, cur)
			want = append(want, live...)
			if len(live) == 0 {
				t.Fatalf("no live messages in 5 hours")
			}

			// First process: one history page, a restart mid-history, the rest
			// of the history, an hour of live traffic.
			c1 := newClock(t0)
			b, err := connect(t, newSim(cfg, c1.now), p).Fetch(context.Background(), "")
			if err != nil {
				t.Fatal(err)
			}
			got := b.Items
			c1.set(t0.Add(10 * time.Minute))
			a := connect(t, newSim(cfg, c1.now), p)
			rest, cur, _ := drain(t, a, b.Cursor)
			got = append(got, rest...)
			c1.set(t0.Add(time.Hour))
			more, cur, _ := drain(t, a, cur)
			got = append(got, more...)

			// Second process, later.
			c2 := newClock(end)
			tail, _, _ := drain(t, connect(t, newSim(cfg, c2.now), p), cur)
			got = append(got, tail...)

			seen := map[string]bool{}
			for _, id := range idsOf(got) {
				if seen[id] {
					t.Fatalf("duplicate %s after restart", id)
				}
				seen[id] = true
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("restarted run delivered %d items, uninterrupted %d (or different content)", len(got), len(want))
			}
		})
	}
}

func TestLiveTrickle(t *testing.T) {
	clk := newClock(t0)
	s := newSim(config.Demo{Seed: 9, LiveInterval: minutes(1)}, clk.now)
	hist := map[inbox.Platform]map[string]bool{}
	curs := map[inbox.Platform]string{}
	for _, p := range inbox.Platforms() {
		items, cur, _ := drain(t, connect(t, s, p), "")
		hist[p] = map[string]bool{}
		for _, it := range items {
			hist[p][it.Thread.ExternalKey] = true
		}
		curs[p] = cur
	}
	clk.set(t0.Add(10 * time.Hour))
	total, continued := 0, 0
	for _, p := range inbox.Platforms() {
		items, _, _ := drain(t, connect(t, s, p), curs[p])
		for i, it := range items {
			m := it.Message
			if m.SentAt.Before(t0) || m.SentAt.After(clk.now()) {
				t.Errorf("%s live %s at %v, outside (start, now]", p, m.ExternalID, m.SentAt)
			}
			if i > 0 && m.SentAt.Before(items[i-1].Message.SentAt) {
				t.Errorf("%s live messages out of order", p)
			}
			if m.Direction != inbox.In {
				t.Errorf("%s live %s is outbound", p, m.ExternalID)
			}
			if hist[p][it.Thread.ExternalKey] {
				continued++
			}
		}
		total += len(items)
	}
	// 600 minutes at a mean gap of one minute.
	if total < 450 || total > 750 {
		t.Errorf("%d live messages in 10 hours at 1/min", total)
	}
	if continued < total/10 {
		t.Errorf("only %d of %d live messages continue a history conversation", continued, total)
	}
}

func TestNoLiveWhenIntervalZero(t *testing.T) {
	clk := newClock(t0)
	s := newSim(config.Demo{Seed: 2}, clk.now)
	for _, p := range inbox.Platforms() {
		c := connect(t, s, p)
		_, cur, _ := drain(t, c, "")
		clk.set(t0.Add(30 * 24 * time.Hour))
		b, err := c.Fetch(context.Background(), cur)
		if err != nil {
			t.Fatal(err)
		}
		if len(b.Items) != 0 || b.More {
			t.Errorf("%s: %d new items (more=%v) with live_interval 0", p, len(b.Items), b.More)
		}
		clk.set(t0)
	}
}

func TestExternalIDsUnique(t *testing.T) {
	clk := newClock(t0)
	s := newSim(config.Demo{Seed: 4, LiveInterval: config.Duration{Duration: 10 * time.Second}}, clk.now)
	seen := map[string]bool{}
	curs := map[inbox.Platform]string{}
	for step := 0; step < 4; step++ {
		for _, p := range inbox.Platforms() {
			items, cur, _ := drain(t, connect(t, s, p), curs[p])
			curs[p] = cur
			for _, id := range idsOf(items) {
				if seen[id] {
					t.Fatalf("external id %s delivered twice", id)
				}
				seen[id] = true
			}
		}
		clk.set(clk.now().Add(2 * time.Hour))
	}
	if len(seen) < 2000 {
		t.Fatalf("only %d items checked", len(seen))
	}
}

func TestAccountsShareOneEpoch(t *testing.T) {
	clk := newClock(t0)
	s := newSim(config.Demo{Seed: 1}, clk.now)
	_, fb, _ := drain(t, connect(t, s, inbox.Facebook), "")
	clk.set(t0.Add(time.Minute))
	_, wa, _ := drain(t, connect(t, s, inbox.WhatsApp), "")
	a, _ := parseCursor(fb)
	b, _ := parseCursor(wa)
	if a.epoch != b.epoch || a.epoch != t0.UnixNano() {
		t.Errorf("epochs %d and %d, want both %d", a.epoch, b.epoch, t0.UnixNano())
	}
}

func TestBadCursor(t *testing.T) {
	c := connect(t, newSim(config.Demo{}, newClock(t0).now), inbox.X)
	for _, cur := range []string{"garbage", "demo1.1.2.3", "demo1.a.b.c.d.e.f.g.h", "demo1.0.0.0.14.0.0.0.0"} {
		_, err := c.Fetch(context.Background(), cur)
		if platforms.KindOf(err) != platforms.KindMalformed {
			t.Errorf("cursor %q: %v, want a malformed error", cur, err)
		}
	}
}

func TestConcurrentFetch(t *testing.T) {
	clk := newClock(t0)
	s := newSim(config.Demo{Seed: 6, LiveInterval: minutes(1)}, clk.now)
	var wg sync.WaitGroup
	for _, p := range inbox.Platforms() {
		for i := 0; i < 2; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				c, _ := s.Factory()(config.Account{Name: "c", Platform: p}, nil)
				cur := ""
				for {
					b, err := c.Fetch(context.Background(), cur)
					if err != nil {
						t.Error(err)
						return
					}
					cur = b.Cursor
					if !b.More {
						return
					}
				}
			}()
		}
	}
	clk.set(t0.Add(time.Hour))
	wg.Wait()
}

// TestCatchUpIsBounded: a demo restarted after three days away delivers
// about an hour of live traffic, not three days of it, with fresh ids.
func TestCatchUpIsBounded(t *testing.T) {
	cfg := config.Demo{Seed: 3, LiveInterval: minutes(1), MaxCatchUp: config.Duration{Duration: time.Hour}}
	clk := newClock(t0)
	before, cur, _ := drain(t, connect(t, newSim(cfg, clk.now), inbox.WhatsApp), "")
	clk.set(t0.Add(72 * time.Hour))
	after, _, _ := drain(t, connect(t, newSim(cfg, clk.now), inbox.WhatsApp), cur)
	// WhatsApp's share of one message a minute, over the last hour only.
	perHour := int(time.Hour / newProfiles(descriptors()).liveMean(time.Minute, "pemkab-wa"))
	if len(after) == 0 || len(after) > 3*perHour {
		t.Fatalf("%d messages after three days away, want about %d", len(after), perHour)
	}
	seen := map[string]bool{}
	for _, id := range idsOf(append(before, after...)) {
		if seen[id] {
			t.Fatalf("id %s delivered twice", id)
		}
		seen[id] = true
	}
	for _, it := range after {
		if it.Message.SentAt.Before(clk.now().Add(-time.Hour)) {
			t.Fatalf("caught-up message from %v, more than an hour ago", it.Message.SentAt)
		}
	}
}
