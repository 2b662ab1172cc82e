package demo

import (
	"context"
	"sync"
	"testing"
	"time"

	"sapa/config"
	"sapa/inbox"
	"sapa/platforms"
	"sapa/platforms/email"
	"sapa/platforms/facebook"
	"sapa/platforms/instagram"
	"sapa/platforms/mastodon"
	"sapa/platforms/messenger"
	"sapa/platforms/telegram"
	"sapa/platforms/whatsapp"
	"sapa/platforms/x"
	"sapa/platforms/youtube"
)

// descriptors are the platforms Sapa ships, as main registers them.
func descriptors() []platforms.Descriptor {
	return []platforms.Descriptor{facebook.Descriptor(), messenger.Descriptor(), instagram.Descriptor(),
		whatsapp.Descriptor(), x.Descriptor(), youtube.Descriptor(), telegram.Descriptor(),
		mastodon.Descriptor(), email.Descriptor()}
}

// newSim is a simulator of every shipped platform.
func newSim(cfg config.Demo, now func() time.Time) *Simulator {
	return New(cfg, now, descriptors())
}

// capsOf is platform p's capabilities as its descriptor declares them.
func capsOf(p inbox.Platform) inbox.Capabilities {
	for _, d := range descriptors() {
		if d.Name == p {
			return d.Capabilities
		}
	}
	return inbox.Capabilities{}
}

// t0 is the fixed start of every test's clock.
var t0 = time.Date(2026, 11, 25, 3, 0, 0, 0, time.UTC)

// clock is a settable clock for the simulator.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock(t time.Time) *clock { return &clock{t: t} }

func (c *clock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = t
}

func minutes(n int) config.Duration { return config.Duration{Duration: time.Duration(n) * time.Minute} }

func accountFor(t *testing.T, p inbox.Platform) config.Account {
	t.Helper()
	for _, a := range Accounts(descriptors()) {
		if a.Platform == p {
			return a
		}
	}
	t.Fatalf("no demo account for %s", p)
	return config.Account{}
}

func connect(t *testing.T, s *Simulator, p inbox.Platform) platforms.Connector {
	t.Helper()
	c, err := s.Factory()(accountFor(t, p), nil)
	if err != nil {
		t.Fatalf("factory %s: %v", p, err)
	}
	return c
}

// drain fetches until More is false and returns everything, the last cursor
// and the number of pages.
func drain(t *testing.T, c platforms.Connector, cur string) ([]inbox.Inbound, string, int) {
	t.Helper()
	var all []inbox.Inbound
	for pages := 1; pages < 10000; pages++ {
		b, err := c.Fetch(context.Background(), cur)
		if err != nil {
			t.Fatalf("fetch %s: %v", c.Platform(), err)
		}
		if len(b.Items) > PageSize {
			t.Fatalf("page of %d items, want at most %d", len(b.Items), PageSize)
		}
		if b.Cursor == "" {
			t.Fatalf("fetch returned an empty cursor")
		}
		all = append(all, b.Items...)
		cur = b.Cursor
		if !b.More {
			return all, cur, pages
		}
	}
	t.Fatalf("fetch never finished")
	return nil, "", 0
}

// history drains every account of a fresh simulator, by platform.
func history(t *testing.T, cfg config.Demo, now func() time.Time) map[inbox.Platform][]inbox.Inbound {
	t.Helper()
	s := newSim(cfg, now)
	out := map[inbox.Platform][]inbox.Inbound{}
	for _, a := range Accounts(descriptors()) {
		c, err := s.Factory()(a, nil)
		if err != nil {
			t.Fatalf("factory %s: %v", a.Name, err)
		}
		items, _, _ := drain(t, c, "")
		out[a.Platform] = append(out[a.Platform], items...)
	}
	return out
}

func idsOf(items []inbox.Inbound) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = it.Message.ExternalID
	}
	return out
}
