// Package platformtest is the contract suite every connector passes against
// its fake server: pagination to the end, dedupe of redelivered items, cursor
// resume after a restart, 429 with a retry time, auth failure, malformed
// payloads, replies landing on the right parent, unicode intact and length
// limits enforced.
package platformtest

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"sapa/inbox"
	"sapa/platforms"
)

// Fake is a platform's fake server as the contract suite drives it. Each
// connector's tests implement it over an httptest server (or, for email, the
// in-process IMAP and SMTP servers) that speaks the documented wire format.
type Fake interface {
	// Connector returns a new connector pointed at the fake. Calling it again
	// simulates a restart: the new connector shares nothing with the old one.
	Connector(t *testing.T) platforms.Connector
	// AddInbound makes one new inbound item per text available to the next
	// fetch (or, for push-only platforms, delivers it to Push) and returns
	// the external message ids the connector must report.
	AddInbound(t *testing.T, texts ...string) []string
	// PageSize is how many items the fake returns per page.
	PageSize() int
	// Redeliver makes every item already delivered appear again once.
	Redeliver()
	// RateLimitNext makes the next request fail the way the platform signals
	// a rate limit, asking to retry after d.
	RateLimitNext(d time.Duration)
	// RevokeAuth makes every later request fail as with a revoked token.
	RevokeAuth()
	// MalformedNext makes the next fetch carry one item the connector cannot
	// parse among good ones; it returns the texts of the good ones it added.
	MalformedNext(t *testing.T) []string
	// Replies returns what the fake has received as replies, in order.
	Replies(t *testing.T) []Received
}

// Pusher is implemented by fakes of push-only platforms (WhatsApp): items
// arrive through the connector's webhook, not through Fetch.
type Pusher interface {
	// Pushed returns everything delivered by webhook so far.
	Pushed(t *testing.T) []inbox.Inbound
}

// Received is one reply as the fake stored it.
type Received struct {
	ParentID string // the message or comment it answers, as the platform names it
	Text     string
	Key      string // idempotency key, where the platform has one
}

// FetchAll runs Fetch from cursor until the connector says it is done and
// returns every item and the last cursor, failing t on an error, on a
// connector that never finishes, and on a cursor that holds any of secrets
// (cursors are stored in the database in the clear).
func FetchAll(t testing.TB, c platforms.Connector, cursor string, secrets ...string) ([]inbox.Inbound, string) {
	t.Helper()
	var all []inbox.Inbound
	for i := 0; i < 100; i++ {
		b, err := c.Fetch(context.Background(), cursor)
		if err != nil {
			t.Fatalf("fetch: %v", err)
		}
		for _, s := range secrets {
			if s != "" && strings.Contains(b.Cursor, s) {
				t.Fatalf("cursor holds a secret: %s", b.Cursor)
			}
		}
		all = append(all, b.Items...)
		cursor = b.Cursor
		if !b.More {
			return all, cursor
		}
	}
	t.Fatalf("fetch did not finish after 100 pages")
	return nil, ""
}

// collect fetches everything for pull platforms, or reads the pushed items.
func collect(t *testing.T, f Fake, c platforms.Connector, cursor string) ([]inbox.Inbound, string) {
	if p, ok := f.(Pusher); ok {
		return p.Pushed(t), cursor
	}
	return FetchAll(t, c, cursor)
}

func ids(items []inbox.Inbound) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = it.Message.ExternalID
	}
	return out
}

// Run is the contract suite. newFake must return a fresh fake for each call.
func Run(t *testing.T, newFake func(t *testing.T) Fake) {
	t.Run("pagination to the end", func(t *testing.T) { testPagination(t, newFake(t)) })
	t.Run("dedupe of redelivered items", func(t *testing.T) { testRedeliver(t, newFake(t)) })
	t.Run("cursor resume after restart", func(t *testing.T) { testResume(t, newFake(t)) })
	t.Run("rate limit with retry time", func(t *testing.T) { testRateLimit(t, newFake(t)) })
	t.Run("auth failure", func(t *testing.T) { testAuth(t, newFake(t)) })
	t.Run("malformed payload", func(t *testing.T) { testMalformed(t, newFake(t)) })
	t.Run("reply lands on the right parent", func(t *testing.T) { testReplyParent(t, newFake(t)) })
	t.Run("unicode and emoji intact", func(t *testing.T) { testUnicode(t, newFake(t)) })
	t.Run("length limit enforced", func(t *testing.T) { testLength(t, newFake(t)) })
}

func texts(n int, prefix string) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = prefix + " " + strings.Repeat("x", i%7) + string(rune('a'+i%26))
	}
	return out
}

func testPagination(t *testing.T, f Fake) {
	n := f.PageSize()*2 + 1
	want := f.AddInbound(t, texts(n, "halo")...)
	got, _ := collect(t, f, f.Connector(t), "")
	assertSameIDs(t, ids(got), want)
}

func testRedeliver(t *testing.T, f Fake) {
	want := f.AddInbound(t, texts(3, "jalan rusak")...)
	c := f.Connector(t)
	first, cur := collect(t, f, c, "")
	f.Redeliver()
	second, _ := collect(t, f, c, cur)
	// A connector may report a redelivered item again (the store dedupes on
	// external id) but must report it with the same external id.
	assertSameIDs(t, unique(append(ids(first), ids(second)...)), want)
}

func testResume(t *testing.T, f Fake) {
	a := f.AddInbound(t, texts(2, "sebelum")...)
	got1, cur := collect(t, f, f.Connector(t), "")
	assertSameIDs(t, ids(got1), a)
	b := f.AddInbound(t, texts(2, "sesudah")...)
	c2 := f.Connector(t) // restart
	got2, _ := collect(t, f, c2, cur)
	if _, push := f.(Pusher); push {
		got2 = got2[len(got1):]
	}
	assertSameIDs(t, ids(got2), b)
}

func testRateLimit(t *testing.T, f Fake) {
	f.AddInbound(t, "antri")
	c := f.Connector(t)
	f.RateLimitNext(30 * time.Second)
	var err error
	if _, push := f.(Pusher); push {
		_, err = c.Send(context.Background(), inbox.Reply{Text: "x", IdempotencyKey: "rl", Thread: inbox.Thread{Kind: inbox.KindDM}, LastInboundAt: time.Now()})
	} else {
		_, err = c.Fetch(context.Background(), "")
	}
	var pe *platforms.Error
	if !errors.As(err, &pe) || pe.Kind != platforms.KindRateLimited {
		t.Fatalf("want rate-limited error, got %v", err)
	}
	if d := time.Until(pe.RetryAt); d < 20*time.Second || d > 2*time.Hour {
		t.Fatalf("retry time %v from now, want about 30s", d)
	}
}

func testAuth(t *testing.T, f Fake) {
	c := f.Connector(t)
	f.RevokeAuth()
	var err error
	if _, push := f.(Pusher); push {
		_, err = c.Send(context.Background(), inbox.Reply{Text: "x", IdempotencyKey: "au", Thread: inbox.Thread{Kind: inbox.KindDM}, LastInboundAt: time.Now()})
	} else {
		_, err = c.Fetch(context.Background(), "")
	}
	if platforms.KindOf(err) != platforms.KindAuth {
		t.Fatalf("want auth error, got %v", err)
	}
}

func testMalformed(t *testing.T, f Fake) {
	good := f.MalformedNext(t)
	got, _ := collect(t, f, f.Connector(t), "")
	var gotTexts []string
	for _, it := range got {
		gotTexts = append(gotTexts, it.Message.Text)
	}
	for _, g := range good {
		if !contains(gotTexts, g) {
			t.Fatalf("good item %q lost next to a malformed one; got %q", g, gotTexts)
		}
	}
}

func testReplyParent(t *testing.T, f Fake) {
	ids := f.AddInbound(t, "pertama", "kedua", "ketiga")
	c := f.Connector(t)
	items, _ := collect(t, f, c, "")
	target := findByID(t, items, ids[1])
	r := replyTo(target, "Terima kasih, laporan Anda kami teruskan.", "key-parent")
	sent, err := c.Send(context.Background(), r)
	if err != nil {
		t.Fatalf("send: %v", err)
	}
	if sent.ExternalID == "" {
		t.Fatalf("send returned no external id")
	}
	got := f.Replies(t)
	if len(got) != 1 || got[0].ParentID != ids[1] || got[0].Text != r.Text {
		t.Fatalf("replies = %+v, want one to %s", got, ids[1])
	}
}

func testUnicode(t *testing.T, f Fake) {
	text := "Pak, jalan di Desa Cibeureum rusak 😡🙏 👨‍👩‍👧 — ありがとう ✓"
	ids := f.AddInbound(t, text)
	c := f.Connector(t)
	items, _ := collect(t, f, c, "")
	in := findByID(t, items, ids[0])
	if in.Message.Text != text {
		t.Fatalf("inbound text = %q, want %q", in.Message.Text, text)
	}
	if _, err := c.Send(context.Background(), replyTo(in, "Baik 🙏 ✓", "key-uni")); err != nil {
		t.Fatalf("send: %v", err)
	}
	if got := f.Replies(t); len(got) != 1 || got[0].Text != "Baik 🙏 ✓" {
		t.Fatalf("reply text = %+v", got)
	}
}

func testLength(t *testing.T, f Fake) {
	c := f.Connector(t)
	max := c.Capabilities().MaxLength
	if max == 0 {
		return // no limit to enforce (email)
	}
	ids := f.AddInbound(t, "panjang")
	items, _ := collect(t, f, c, "")
	in := findByID(t, items, ids[0])
	long := strings.Repeat("a", max+1)
	_, err := c.Send(context.Background(), replyTo(in, long, "key-long"))
	if platforms.KindOf(err) != platforms.KindPermanent {
		t.Fatalf("over-length send: want permanent error, got %v", err)
	}
	if n := len(f.Replies(t)); n != 0 {
		t.Fatalf("over-length reply reached the platform (%d replies)", n)
	}
}

func replyTo(in inbox.Inbound, text, key string) inbox.Reply {
	return inbox.Reply{
		IdempotencyKey: key,
		Thread:         in.Thread,
		InReplyTo:      in.Message.ExternalID,
		Recipient:      in.Message.Author,
		Text:           text,
		Subject:        "Re: " + in.Thread.Title,
		LastInboundAt:  time.Now(),
	}
}

func findByID(t *testing.T, items []inbox.Inbound, id string) inbox.Inbound {
	t.Helper()
	for _, it := range items {
		if it.Message.ExternalID == id {
			return it
		}
	}
	t.Fatalf("item %s not fetched (got %v)", id, ids(items))
	return inbox.Inbound{}
}

func unique(s []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, v := range s {
		if !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
	}
	return out
}

func contains(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

func assertSameIDs(t *testing.T, got, want []string) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got %d items %v, want %d %v", len(got), got, len(want), want)
	}
	for _, w := range want {
		if !contains(got, w) {
			t.Fatalf("missing %s in %v", w, got)
		}
	}
}
