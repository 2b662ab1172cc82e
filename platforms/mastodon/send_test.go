package mastodon

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"sapa/platforms/platformtest"
	"strings"
	"testing"
	"time"

	"sapa/inbox"
	"sapa/platforms"
)

// fetched runs a first fetch and returns the items by status id.
func fetched(t *testing.T, c *Connector) map[string]inbox.Inbound {
	t.Helper()
	items, _ := platformtest.FetchAll(t, c, "")
	return byID(items)
}

func reply(in inbox.Inbound, text, key string) inbox.Reply {
	return inbox.Reply{IdempotencyKey: key, Thread: in.Thread, InReplyTo: in.Message.ExternalID, Recipient: in.Message.Author, Text: text}
}

func TestSendWireShape(t *testing.T) {
	f := newFakeInstance(t)
	dm := f.MentionFrom("siti@desa.social", "lapor pungli", "", "direct")
	priv := f.MentionFrom("budi", "khusus pengikut", "", "private")
	pub := f.MentionFrom("agus", "jalan rusak", "", "public")
	c := f.connectorFor(t, f.account())
	items := fetched(t, c)

	for _, tc := range []struct {
		id, text, wantStatus, wantVis string
	}{
		{dm, "Baik, kami tindak lanjuti.", "@siti@desa.social Baik, kami tindak lanjuti.", "direct"},
		{priv, "Terima kasih.", "@budi Terima kasih.", "private"},
		{pub, "@agus sudah kami catat", "@agus sudah kami catat", "public"}, // not mentioned twice
	} {
		sent, err := c.Send(context.Background(), reply(items[tc.id], tc.text, "key-"+tc.id))
		if err != nil {
			t.Fatalf("send to %s: %v", tc.id, err)
		}
		posts := f.Posts()
		p := posts[len(posts)-1]
		if p.Body.Status != tc.wantStatus || p.Body.Visibility != tc.wantVis || p.Body.InReplyToID != tc.id || p.Key != "key-"+tc.id {
			t.Errorf("posted %+v, want %q %s to %s", p, tc.wantStatus, tc.wantVis, tc.id)
		}
		if sent.ExternalID == "" || sent.SentAt.IsZero() {
			t.Errorf("sent = %+v", sent)
		}
	}

	// A fresh process knows nothing of the parent: it reads it first and
	// still keeps the DM direct.
	fresh := f.connectorFor(t, f.account())
	r := reply(items[dm], "Sudah kami teruskan.", "key-fresh")
	r.Recipient = inbox.Contact{}
	if _, err := fresh.Send(context.Background(), r); err != nil {
		t.Fatal(err)
	}
	posts := f.Posts()
	if p := posts[len(posts)-1]; p.Body.Visibility != "direct" || !strings.HasPrefix(p.Body.Status, "@siti@desa.social ") {
		t.Errorf("fresh send posted %+v", p)
	}
}

func TestSendIdempotencyKey(t *testing.T) {
	f := newFakeInstance(t)
	id := f.MentionFrom("warga", "halo", "", "public")
	c := f.connectorFor(t, f.account())
	r := reply(fetched(t, c)[id], "Halo juga.", "outbox-42")
	first, err := c.Send(context.Background(), r)
	if err != nil {
		t.Fatal(err)
	}
	again, err := c.Send(context.Background(), r) // a retry after an ambiguous failure
	if err != nil || again.ExternalID != first.ExternalID {
		t.Fatalf("retry = %+v %v, want %s", again, err, first.ExternalID)
	}
	if n := len(f.Posts()); n != 1 {
		t.Fatalf("%d statuses published, want 1", n)
	}
	if c.Capabilities().IdempotencyWindow == 0 || !c.Capabilities().ReadBack {
		t.Fatal("capabilities must declare the key and the read-back")
	}
}

func TestSendLengthCountsTheMention(t *testing.T) {
	f := newFakeInstance(t)
	id := f.MentionFrom("warga@desa.social", "halo", "", "public")
	c := f.connectorFor(t, f.account())
	in := fetched(t, c)[id]
	// 495 characters fit alone but not behind "@warga@desa.social ", which
	// the instance counts as "@warga " (7).
	_, err := c.Send(context.Background(), reply(in, strings.Repeat("é", 495), "k1"))
	if platforms.KindOf(err) != platforms.KindPermanent || !strings.Contains(err.Error(), "mention") {
		t.Fatalf("want a permanent error naming the mention, got %v", err)
	}
	if _, err := c.Send(context.Background(), reply(in, "   ", "k2")); platforms.KindOf(err) != platforms.KindPermanent {
		t.Fatalf("blank reply: %v", err)
	}
	if _, err := c.Send(context.Background(), inbox.Reply{Text: "tanpa induk"}); platforms.KindOf(err) != platforms.KindPermanent {
		t.Fatalf("reply without parent: %v", err)
	}
	if posts := f.Posts(); len(posts) != 0 {
		t.Fatalf("refused replies were posted: %+v", posts)
	}
}

func TestInstanceLimitIsUsed(t *testing.T) {
	f := newFakeInstance(t)
	f.SetMaxChars(1000)
	id := f.MentionFrom("warga", "halo", "", "public")
	c := f.connectorFor(t, f.account())
	in := fetched(t, c)[id]
	if got := c.Capabilities().MaxLength; got != 1000 {
		t.Fatalf("max length = %d, want the instance's 1000", got)
	}
	if _, err := c.Send(context.Background(), reply(in, strings.Repeat("a", 900), "long")); err != nil {
		t.Fatalf("900 characters on a 1000 instance: %v", err)
	}
}

func TestSendErrorKinds(t *testing.T) {
	f := newFakeInstance(t)
	id := f.MentionFrom("warga", "halo", "", "public")
	c := f.connectorFor(t, f.account())
	in := fetched(t, c)[id]
	check := func(name string, want platforms.Kind) {
		t.Helper()
		_, err := c.Send(context.Background(), reply(in, "x", name))
		if platforms.KindOf(err) != want {
			t.Fatalf("%s: got %v, want %v", name, err, want)
		}
		if strings.Contains(err.Error(), fakeToken) {
			t.Fatalf("%s: token in error", name)
		}
	}
	f.FailNext(http.StatusServiceUnavailable)
	check("503", platforms.KindAmbiguous)
	f.FailNext(http.StatusUnprocessableEntity)
	check("422", platforms.KindPermanent)
	f.RateLimitNext(90 * time.Second)
	check("429", platforms.KindRateLimited)
	// The 429 spent the budget: the next send waits without asking.
	n := len(f.Requests())
	check("budget", platforms.KindRateLimited)
	if len(f.Requests()) != n {
		t.Fatal("a request was made with the budget spent")
	}

	dead := httptest.NewServer(http.NotFoundHandler())
	acct := f.account()
	acct.BaseURL = dead.URL
	dead.Close()
	dc := f.connectorFor(t, acct)
	dc.memo.put(in.Message.ExternalID, memoEntry{visibility: "public", acct: "warga"})
	_, err := dc.Send(context.Background(), reply(in, "x", "refused"))
	var pe *platforms.Error
	if !errors.As(err, &pe) || pe.Kind != platforms.KindTransient {
		t.Fatalf("refused connection: %v", err)
	}
}

func TestFindSent(t *testing.T) {
	f := newFakeInstance(t)
	dm := f.MentionFrom("siti", "lapor", "", "direct")
	pub := f.MentionFrom("agus", "jalan", "", "public")
	c := f.connectorFor(t, f.account())
	var _ platforms.Reconciler = c
	items := fetched(t, c)
	r := reply(items[dm], "Baik, Bu.\n\nKami cek besok.", "k-dm")
	sent, err := c.Send(context.Background(), r)
	if err != nil {
		t.Fatal(err)
	}
	fresh := f.connectorFor(t, f.account())
	got, found, err := fresh.FindSent(context.Background(), r)
	if err != nil || !found || got.ExternalID != sent.ExternalID {
		t.Fatalf("direct reply not read back: %+v %v %v", got, found, err)
	}
	_, found, err = fresh.FindSent(context.Background(), reply(items[pub], "Baik, Bu.\n\nKami cek besok.", "k-pub"))
	if err != nil || found {
		t.Fatalf("same text to another parent matched: %v %v", found, err)
	}

	// A reply buried under many newer posts is still found under its parent.
	pr := reply(items[pub], "Segera diperbaiki.", "k-old")
	old, err := c.Send(context.Background(), pr)
	if err != nil {
		t.Fatal(err)
	}
	for range 130 {
		f.AddOwnStatus("pengumuman")
	}
	got, found, err = fresh.FindSent(context.Background(), pr)
	if err != nil || !found || got.ExternalID != old.ExternalID {
		t.Fatalf("buried reply: %+v %v %v", got, found, err)
	}
}

func TestFollowUpToOurReplyStaysInThread(t *testing.T) {
	f := newFakeInstance(t)
	root := f.MentionFrom("warga", "lampu mati", "", "public")
	c := f.connectorFor(t, f.account())
	items, cur := platformtest.FetchAll(t, c, "")
	sent, err := c.Send(context.Background(), reply(byID(items)[root], "Kami cek.", "k"))
	if err != nil {
		t.Fatal(err)
	}
	follow := f.MentionFrom("warga", "@pemkab kapan?", sent.ExternalID, "public")
	f.ClearRequests()
	items, _ = platformtest.FetchAll(t, c, cur)
	in := byID(items)[follow]
	if in.Thread.ExternalKey != root || in.Message.ParentID != sent.ExternalID {
		t.Fatalf("follow-up = %+v", in)
	}
	for _, r := range f.Requests() {
		if strings.Contains(r, "/context") {
			t.Fatalf("root known from our own reply, yet the context was read: %s", r)
		}
	}
	// After a restart the context gives the same answer.
	fresh := f.connectorFor(t, f.account())
	items, _ = platformtest.FetchAll(t, fresh, "")
	if in := byID(items)[follow]; in.Thread.ExternalKey != root {
		t.Fatalf("after restart the follow-up went to %q", in.Thread.ExternalKey)
	}
}

// TestTokenNeverInErrors: an instance or proxy that echoes the request's
// Authorization header must not carry the token into Sapa's errors.
func TestTokenNeverInErrors(t *testing.T) {
	f := newFakeInstance(t)
	echo := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusBadRequest, map[string]string{"error": "bad header " + r.Header.Get("Authorization")})
	}))
	defer echo.Close()
	acct := f.account()
	acct.BaseURL = echo.URL
	c := f.connectorFor(t, acct)
	_, err := c.Fetch(context.Background(), "")
	if err == nil || strings.Contains(err.Error(), fakeToken) || !strings.Contains(err.Error(), "[REDACTED]") {
		t.Fatalf("fetch error = %v", err)
	}
	for _, fd := range c.Check(context.Background()) {
		if strings.Contains(fd.Check+fd.Fix, fakeToken) {
			t.Fatalf("token in finding %+v", fd)
		}
	}
}

// TestSendCountsAsTheInstance: a remote mention counts only its local part
// and a link 23, so 490 characters to @warga@desa.social (497 as the
// instance counts) go out, and so does a reply whose long link counts 23.
func TestSendCountsAsTheInstance(t *testing.T) {
	f := newFakeInstance(t)
	id := f.MentionFrom("warga@desa.social", "halo", "", "public")
	c := f.connectorFor(t, f.account())
	in := fetched(t, c)[id]
	if _, err := c.Send(context.Background(), reply(in, strings.Repeat("é", 490), "k1")); err != nil {
		t.Fatalf("497 characters as the instance counts them: %v", err)
	}
	link := "https://bogorkab.go.id/" + strings.Repeat("berita/", 20)
	if _, err := c.Send(context.Background(), reply(in, strings.Repeat("a", 440)+" "+link, "k2")); err != nil {
		t.Fatalf("a long link counts 23: %v", err)
	}
}
