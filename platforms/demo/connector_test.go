package demo

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"sapa/config"
	"sapa/inbox"
	"sapa/platforms"
)

func reply(key, text string) inbox.Reply {
	return inbox.Reply{IdempotencyKey: key, Text: text, InReplyTo: "fb-x-h0001-1", LastInboundAt: t0.Add(-time.Hour)}
}

func TestSendSucceeds(t *testing.T) {
	clk := newClock(t0)
	c := connect(t, newSim(config.Demo{Seed: 1}, clk.now), inbox.Facebook)
	sent, err := c.Send(context.Background(), reply("k1", "Terima kasih laporannya, Kak 🙏"))
	if err != nil {
		t.Fatalf("send: %v", err)
	}
	if sent.ExternalID == "" || !sent.SentAt.Equal(t0) {
		t.Fatalf("receipt %+v", sent)
	}
	again, err := c.Send(context.Background(), reply("k1", "Terima kasih laporannya, Kak 🙏"))
	if err != nil || again != sent {
		t.Errorf("resend with the same key: %+v, %v; want the first receipt", again, err)
	}
	other, _ := c.Send(context.Background(), reply("k2", "Baik"))
	if other.ExternalID == sent.ExternalID {
		t.Errorf("two replies got the same id %s", sent.ExternalID)
	}
	r := c.(platforms.Reconciler)
	if got, found, err := r.FindSent(context.Background(), reply("k1", "")); err != nil || !found || got != sent {
		t.Errorf("FindSent(k1) = %+v, %v, %v", got, found, err)
	}
	if _, found, _ := r.FindSent(context.Background(), reply("never", "")); found {
		t.Errorf("FindSent found a reply never sent")
	}
}

func TestSendFailsTransientlyThenSucceeds(t *testing.T) {
	clk := newClock(t0)
	always := connect(t, newSim(config.Demo{Seed: 1, FailureRate: 1}, clk.now), inbox.WhatsApp)
	_, err := always.Send(context.Background(), reply("k", "halo"))
	if platforms.KindOf(err) != platforms.KindTransient {
		t.Fatalf("failure rate 1: %v, want transient", err)
	}
	if _, found, _ := always.(platforms.Reconciler).FindSent(context.Background(), reply("k", "")); found {
		t.Errorf("a failed send was recorded as sent")
	}

	outcomes := func() string {
		c := connect(t, newSim(config.Demo{Seed: 1, FailureRate: 0.5}, newClock(t0).now), inbox.WhatsApp)
		var b strings.Builder
		for i := 0; i < 20; i++ {
			key := fmt.Sprintf("reply-%d", i)
			for attempt := 0; attempt < 30; attempt++ {
				_, err := c.Send(context.Background(), reply(key, "halo"))
				if err == nil {
					fmt.Fprintf(&b, "%d:%d ", i, attempt)
					break
				}
				if platforms.KindOf(err) != platforms.KindTransient {
					t.Fatalf("send: %v", err)
				}
			}
		}
		return b.String()
	}
	a, b := outcomes(), outcomes()
	if a != b {
		t.Errorf("failures not deterministic:\n%s\n%s", a, b)
	}
	if strings.Count(a, ":") != 20 {
		t.Errorf("some replies never succeeded on retry: %s", a)
	}
	if !strings.Contains(a, ":1") && !strings.Contains(a, ":2") {
		t.Errorf("at rate 0.5 no reply needed a retry: %s", a)
	}
}

func TestSendRefusesWhatThePlatformWould(t *testing.T) {
	clk := newClock(t0)
	s := newSim(config.Demo{Seed: 1, FailureRate: 1}, clk.now) // permanent refusals come first
	cases := []struct {
		p    inbox.Platform
		r    inbox.Reply
		kind platforms.Kind
	}{
		{inbox.X, reply("a", strings.Repeat("a", 281)), platforms.KindPermanent},
		{inbox.X, reply("b", strings.Repeat("🙏", 141)), platforms.KindPermanent},
		{inbox.Mastodon, reply("c", strings.Repeat("é", 501)), platforms.KindPermanent},
		{inbox.Facebook, reply("d", "  "), platforms.KindPermanent},
		{inbox.WhatsApp, inbox.Reply{IdempotencyKey: "e", Text: "halo", LastInboundAt: t0.Add(-25 * time.Hour)}, platforms.KindPermanent},
	}
	for _, tc := range cases {
		_, err := connect(t, s, tc.p).Send(context.Background(), tc.r)
		if platforms.KindOf(err) != tc.kind {
			t.Errorf("%s %.20q: %v, want %s", tc.p, tc.r.Text, err, tc.kind)
		}
	}
	ok := newSim(config.Demo{Seed: 1}, clk.now)
	if _, err := connect(t, ok, inbox.Email).Send(context.Background(), reply("f", strings.Repeat("panjang ", 20000))); err != nil {
		t.Errorf("email has no length limit: %v", err)
	}
	if _, err := connect(t, ok, inbox.X).Send(context.Background(), reply("g", strings.Repeat("a", 280))); err != nil {
		t.Errorf("280 characters on X: %v", err)
	}
	if _, err := connect(t, ok, inbox.Facebook).Send(context.Background(), inbox.Reply{IdempotencyKey: "h", Text: "halo", LastInboundAt: t0.Add(-72 * time.Hour)}); err != nil {
		t.Errorf("facebook comments have no reply window: %v", err)
	}
}

func TestSendLatencyHonoursContext(t *testing.T) {
	s := newSim(config.Demo{Seed: 1, SendLatency: config.Duration{Duration: time.Minute}}, newClock(t0).now)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := connect(t, s, inbox.Telegram).Send(ctx, reply("k", "halo"))
	if time.Since(start) > 5*time.Second {
		t.Fatalf("send ignored the context")
	}
	if platforms.KindOf(err) != platforms.KindTransient || !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("canceled send: %v", err)
	}
	fast := newSim(config.Demo{Seed: 1, SendLatency: config.Duration{Duration: 30 * time.Millisecond}}, newClock(t0).now)
	start = time.Now()
	if _, err := connect(t, fast, inbox.Telegram).Send(context.Background(), reply("k", "halo")); err != nil {
		t.Fatal(err)
	}
	if time.Since(start) < 30*time.Millisecond {
		t.Errorf("send did not wait SendLatency")
	}
}

func TestCheckAndHide(t *testing.T) {
	s := newSim(config.Demo{}, newClock(t0).now)
	for _, p := range inbox.Platforms() {
		c := connect(t, s, p)
		for _, f := range c.(platforms.Checker).Check(context.Background()) {
			if !f.OK {
				t.Errorf("%s: check %q failed", p, f.Check)
			}
		}
		err := c.(platforms.Hider).Hide(context.Background(), "id", true)
		if c.Capabilities().Moderation != (err == nil) {
			t.Errorf("%s: hide = %v with moderation %v", p, err, c.Capabilities().Moderation)
		}
	}
}
