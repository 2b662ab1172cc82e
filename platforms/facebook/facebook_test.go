package facebook_test

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"sapa/config"
	"sapa/inbox"
	"sapa/platforms"
	"sapa/platforms/facebook"
	"sapa/platforms/facebook/facebooktest"
	"sapa/platforms/meta"
	"sapa/platforms/meta/metatest"
	"sapa/platforms/platformtest"
)

func TestContract(t *testing.T) {
	platformtest.Run(t, func(t *testing.T) platformtest.Fake { return newFake(t) })
}

// fixtureServer serves the documented feed and comments examples.
func fixtureServer(t *testing.T) *metatest.Graph {
	g := metatest.New(t, token)
	g.Mux.HandleFunc("GET /v23.0/"+pageID+"/feed", metatest.File(t, "feed.json"))
	g.Mux.HandleFunc("GET /v23.0/"+pageID+"_2191966997525824/comments", metatest.File(t, "comments.json"))
	return g
}

func TestConversionFromFixtures(t *testing.T) {
	g := fixtureServer(t)
	acct := config.Account{Name: "fb", Platform: inbox.Facebook, BaseURL: g.BaseURL(), HistoryDays: 36500, Options: &facebook.Options{PageID: pageID, Options: meta.Options{Token: config.Secret{Value: token}}}}
	c, err := facebook.New(acct, nil)
	if err != nil {
		t.Fatal(err)
	}
	items, _ := platformtest.FetchAll(t, c, "")
	if len(items) != 4 {
		t.Fatalf("got %d items, want 4", len(items))
	}
	first := items[0]
	wantThread := inbox.Thread{
		ExternalKey: pageID + "_2191966997525824/2191966997525824_1001",
		Kind:        inbox.KindComment,
		Title:       "Jadwal pelayanan KTP keliling minggu ini:",
		ContextText: "Jadwal pelayanan KTP keliling minggu ini:\nSenin di Kecamatan Cibadak, Rabu di Kecamatan Sukamaju.",
		ContextURL:  "https://www.facebook.com/100064123456789/posts/pfbid02abc",
	}
	if first.Thread != wantThread {
		t.Fatalf("thread = %+v", first.Thread)
	}
	m := first.Message
	if m.ExternalID != "2191966997525824_1001" || m.ParentID != "" || m.Direction != inbox.In ||
		m.Author != (inbox.Contact{ExternalID: "7012345678901234", Name: "Siti Rahmawati"}) ||
		m.Text != "Pak, apakah bisa untuk warga Desa Cibeureum juga? 🙏" ||
		!m.SentAt.Equal(time.Date(2026, 2, 10, 8, 15, 0, 0, time.UTC)) {
		t.Fatalf("message = %+v", m)
	}
	page := items[1]
	if page.Message.Direction != inbox.Out || page.Message.ParentID != "2191966997525824_1001" || page.Thread.ExternalKey != first.Thread.ExternalKey {
		t.Fatalf("page reply = %+v", page)
	}
	if items[2].Thread.ExternalKey != first.Thread.ExternalKey {
		t.Fatalf("reply left its thread: %s", items[2].Thread.ExternalKey)
	}
	sticker := items[3].Message
	if sticker.Text != "[stiker]" || !sticker.Hidden || items[3].Thread.ExternalKey != pageID+"_2191966997525824/2191966997525824_1004" {
		t.Fatalf("sticker = %+v", items[3])
	}
}

// A pass reads the comments only of posts whose updated_time moved.
func TestUnchangedPostsAreNotRead(t *testing.T) {
	f := newFake(t)
	// Older than the overlap the next pass re-reads.
	f.AddComment(facebooktest.Comment{Text: "satu", FromID: "1", At: time.Now().Add(-10 * time.Minute)})
	c := f.Connector(t)
	_, cur := platformtest.FetchAll(t, c, "")
	before := len(f.Graph().Requests())
	items, _ := platformtest.FetchAll(t, c, cur)
	if len(items) != 0 {
		t.Fatalf("second pass found %d items", len(items))
	}
	for _, r := range f.Graph().Requests()[before:] {
		if strings.Contains(r, "/comments?") {
			t.Fatalf("unchanged post read again: %s", r)
		}
	}
}

func TestFirstStartBoundByHistoryDays(t *testing.T) {
	f := newFake(t)
	f.BackdatePost("", time.Now().AddDate(0, 0, -20))
	f.AddComment(facebooktest.Comment{Text: "lama sekali", FromID: "1", At: time.Now().AddDate(0, 0, -10)})
	ids := f.AddInbound(t, "baru")
	acct := f.account()
	acct.HistoryDays = 3
	c, _ := facebook.New(acct, nil)
	items, _ := platformtest.FetchAll(t, c, "")
	if len(items) != 1 || items[0].Message.ExternalID != ids[0] {
		t.Fatalf("items = %+v, want only the recent comment", items)
	}
}

func TestReplyToReplyGoesToTopLevel(t *testing.T) {
	f := newFake(t)
	ids := f.AddInbound(t, "pertanyaan")
	c := f.Connector(t)
	items, cur := platformtest.FetchAll(t, c, "")
	top := items[0]
	// A citizen answers under the first comment.
	replyID := f.AddComment(facebooktest.Comment{Text: "saya juga", FromID: "7999", FromName: "Rina", ParentID: ids[0], At: time.Now()})
	more, _ := platformtest.FetchAll(t, c, cur)
	if len(more) != 1 || more[0].Thread.ExternalKey != top.Thread.ExternalKey || more[0].Message.ParentID != ids[0] {
		t.Fatalf("reply = %+v", more)
	}
	r := inbox.Reply{Thread: more[0].Thread, InReplyTo: replyID, Recipient: more[0].Message.Author, Text: "Baik Bu Rina", LastInboundAt: time.Now()}
	if _, err := c.Send(context.Background(), r); err != nil {
		t.Fatal(err)
	}
	got := f.Replies(t)
	if len(got) != 1 || got[0].ParentID != ids[0] || got[0].Text != "@[7999] Baik Bu Rina" {
		t.Fatalf("replies = %+v", got)
	}
	// The reply is found again by reconciliation, as the Page's own.
	sent, found, err := c.(platforms.Reconciler).FindSent(context.Background(), r)
	if err != nil || !found || sent.ExternalID == "" {
		t.Fatalf("FindSent = %+v %v %v", sent, found, err)
	}
	r.Text = "belum pernah dikirim"
	if _, found, _ := c.(platforms.Reconciler).FindSent(context.Background(), r); found {
		t.Fatal("FindSent found a reply never sent")
	}
}

func TestOwnRepliesAreOutbound(t *testing.T) {
	f := newFake(t)
	ids := f.AddInbound(t, "halo")
	c := f.Connector(t)
	items, cur := platformtest.FetchAll(t, c, "")
	if _, err := c.Send(context.Background(), inbox.Reply{Thread: items[0].Thread, InReplyTo: ids[0], Text: "Halo juga", LastInboundAt: time.Now()}); err != nil {
		t.Fatal(err)
	}
	more, _ := platformtest.FetchAll(t, c, cur)
	if len(more) != 1 || more[0].Message.Direction != inbox.Out || more[0].Thread.ExternalKey != items[0].Thread.ExternalKey {
		t.Fatalf("own reply = %+v", more)
	}
}

func TestCursorHoldsNoToken(t *testing.T) {
	f := newFake(t)
	f.AddInbound(t, "a", "b", "c", "d", "e", "f", "g")
	c := f.Connector(t)
	cursor := ""
	for i := 0; i < 50; i++ {
		b, err := c.Fetch(context.Background(), cursor)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(b.Cursor, token) {
			t.Fatalf("cursor holds the token: %s", b.Cursor)
		}
		cursor = b.Cursor
		if !b.More {
			return
		}
	}
}

func TestErrorsHoldNoToken(t *testing.T) {
	f := newFake(t)
	c := f.Connector(t)
	f.RevokeAuth()
	_, err := c.Fetch(context.Background(), "")
	var pe *platforms.Error
	if !asError(err, &pe) || pe.Kind != platforms.KindAuth || !strings.Contains(pe.Fix, "Page access token") {
		t.Fatalf("err = %v", err)
	}
	// A dead host: the transport error names the URL, never the token.
	acct := f.account()
	acct.BaseURL = "http://127.0.0.1:1/v23.0"
	dead, _ := facebook.New(acct, nil)
	_, err = dead.Send(context.Background(), inbox.Reply{Thread: inbox.Thread{ExternalKey: "p/c"}, InReplyTo: "c", Text: "x"})
	if err == nil || strings.Contains(err.Error(), token) || platforms.KindOf(err) != platforms.KindTransient {
		t.Fatalf("err = %v", err)
	}
}

func asError(err error, pe **platforms.Error) bool {
	e, ok := err.(*platforms.Error)
	*pe = e
	return ok
}

func TestHide(t *testing.T) {
	f := newFake(t)
	ids := f.AddInbound(t, "spam")
	c := f.Connector(t)
	if err := c.(platforms.Hider).Hide(context.Background(), ids[0], true); err != nil {
		t.Fatal(err)
	}
	if !f.Hidden(ids[0]) {
		t.Fatal("comment not hidden")
	}
}

func TestCheck(t *testing.T) {
	f := newFake(t)
	acct := f.account()
	acct.Options.(*facebook.Options).Webhook = true
	c, _ := facebook.New(acct, nil)
	for _, fd := range c.(platforms.Checker).Check(context.Background()) {
		if !fd.OK {
			t.Errorf("finding failed: %+v", fd)
		}
	}
	f.RevokeAuth()
	fs := c.(platforms.Checker).Check(context.Background())
	if len(fs) == 0 || fs[0].OK || fs[0].Fix == "" || strings.Contains(fs[0].Check, token) {
		t.Fatalf("revoked token findings = %+v", fs)
	}
}

func webhookRequest(body []byte, sig string) *http.Request {
	r := httptest.NewRequest(http.MethodPost, "/webhook/facebook/pemkab-fb", bytes.NewReader(body))
	if sig != "" {
		r.Header.Set("X-Hub-Signature-256", sig)
	}
	return r
}

func TestWebhook(t *testing.T) {
	f := newFake(t)
	f.AddPost(pageID+"_2191966997525824", "Jadwal KTP keliling\nSenin di Cibadak", time.Now())
	c := f.Connector(t).(platforms.WebhookReceiver)
	if c.WebhookPath() != "/webhook/facebook/pemkab-fb" {
		t.Fatalf("path %q", c.WebhookPath())
	}
	body, err := os.ReadFile("testdata/webhook_comment.json")
	if err != nil {
		t.Fatal(err)
	}
	items, handled, err := c.ServeWebhook(httptest.NewRecorder(), webhookRequest(body, metatest.Sign(appSecret, body)), body)
	if err != nil || handled || len(items) != 2 {
		t.Fatalf("valid: %d items, %v, %v", len(items), handled, err)
	}
	top := items[0]
	if top.Thread.ExternalKey != pageID+"_2191966997525824/2191966997525824_1010" || top.Message.ParentID != "" ||
		top.Message.Text != "Jam berapa mulai pelayanannya?" || top.Thread.ContextURL == "" ||
		!top.Message.SentAt.Equal(time.Unix(1770713700, 0)) {
		t.Fatalf("top-level = %+v", top)
	}
	if items[1].Thread.ExternalKey != pageID+"_2191966997525824/2191966997525824_1001" || items[1].Message.ParentID != "2191966997525824_1001" {
		t.Fatalf("reply = %+v", items[1])
	}
	// The post's text is read once for both comments.
	if top.Thread.Title != "Jadwal KTP keliling" || items[1].Thread.ContextText != "Jadwal KTP keliling\nSenin di Cibadak" {
		t.Fatalf("context = %+v / %+v", top.Thread, items[1].Thread)
	}
	if n := len(f.Graph().Requests()); n != 1 {
		t.Fatalf("%d Graph calls for one post's context, want 1", n)
	}
	// Replay: the same event again yields the same ids.
	again, _, err := c.ServeWebhook(httptest.NewRecorder(), webhookRequest(body, metatest.Sign(appSecret, body)), body)
	if err != nil || len(again) != 2 || again[0].Message.ExternalID != items[0].Message.ExternalID || again[1].Message.ExternalID != items[1].Message.ExternalID {
		t.Fatalf("replay = %+v, %v", again, err)
	}
	for name, sig := range map[string]string{"invalid": metatest.Sign("wrong", body), "missing": ""} {
		items, handled, err := c.ServeWebhook(httptest.NewRecorder(), webhookRequest(body, sig), body)
		if platforms.KindOf(err) != platforms.KindAuth || handled || items != nil {
			t.Fatalf("%s signature: %v %v %v", name, items, handled, err)
		}
	}
	for i := 0; i < len(body); i += 7 {
		cut := body[:i]
		if len(bytes.TrimSpace(body[i:])) == 0 {
			continue // only whitespace was cut: the body is whole
		}
		items, _, err := c.ServeWebhook(httptest.NewRecorder(), webhookRequest(cut, metatest.Sign(appSecret, cut)), cut)
		if err == nil && len(items) > 0 {
			t.Fatalf("truncated body at %d produced items", i)
		}
	}
	// Subscription handshake.
	w := httptest.NewRecorder()
	r := httptest.NewRequest(http.MethodGet, "/webhook/facebook/pemkab-fb?hub.mode=subscribe&hub.verify_token="+verifyToken+"&hub.challenge=9876", nil)
	if _, handled, err := c.ServeWebhook(w, r, nil); !handled || err != nil || w.Body.String() != "9876" {
		t.Fatalf("challenge: %v %v %q", handled, err, w.Body.String())
	}
}

func TestLengthCountsMention(t *testing.T) {
	f := newFake(t)
	c := f.Connector(t)
	text := strings.Repeat("a", facebook.MaxLength-2)
	r := inbox.Reply{Thread: inbox.Thread{ExternalKey: "p/top"}, InReplyTo: "reply", Recipient: inbox.Contact{ExternalID: "7999"}, Text: text}
	if _, err := c.Send(context.Background(), r); platforms.KindOf(err) != platforms.KindPermanent {
		t.Fatalf("over-length with mention: %v", err)
	}
	if len(f.Replies(t)) != 0 {
		t.Fatal("over-length reply reached Meta")
	}
}

// A damaged stored cursor starts a new pass instead of stopping the account.
func TestDamagedCursorStartsOver(t *testing.T) {
	f := newFake(t)
	ids := f.AddInbound(t, "masih ada")
	items, _ := platformtest.FetchAll(t, f.Connector(t), `{"since":"rusak"`)
	if len(items) != 1 || items[0].Message.ExternalID != ids[0] {
		t.Fatalf("items = %+v", items)
	}
}
