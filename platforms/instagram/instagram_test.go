package instagram_test

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
	"sapa/platforms/instagram"
	"sapa/platforms/meta"
	"sapa/platforms/meta/metatest"
	"sapa/platforms/platformtest"
)

func TestContract(t *testing.T) {
	platformtest.Run(t, func(t *testing.T) platformtest.Fake { return newFake(t, true) })
}

// fetchAll fetches everything, checking no cursor holds the token.
func fetchAll(t *testing.T, c platforms.Connector, cursor string) ([]inbox.Inbound, string) {
	t.Helper()
	return platformtest.FetchAll(t, c, cursor, token)
}

func TestConversionFromFixtures(t *testing.T) {
	g := metatest.New(t, token)
	g.Mux.HandleFunc("GET /v23.0/"+igID+"/media", metatest.File(t, "media.json"))
	g.Mux.HandleFunc("GET /v23.0/17895695668004550/comments", metatest.File(t, "comments.json"))
	g.Mux.HandleFunc("GET /v23.0/me/conversations", func(w http.ResponseWriter, r *http.Request) {
		metatest.WriteJSON(w, 200, map[string]any{"data": []any{}})
	})
	c, err := instagram.New(config.Account{Name: "ig", Platform: inbox.Instagram, BaseURL: g.BaseURL(), HistoryDays: 36500, Options: &instagram.Options{IGUserID: igID, Options: meta.Options{Token: config.Secret{Value: token}}}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	items, _ := fetchAll(t, c, "")
	if len(items) != 3 {
		t.Fatalf("got %d items", len(items))
	}
	for _, r := range g.Requests() {
		if strings.Contains(r, "17895695668004551") {
			t.Fatalf("media without comments was read: %s", r)
		}
	}
	top, own, other := items[0], items[1], items[2]
	want := inbox.Thread{ExternalKey: "17895695668004550/17873440459141021", Kind: inbox.KindComment,
		Title: "Posyandu serentak Sabtu ini di seluruh desa 👶", ContextText: "Posyandu serentak Sabtu ini di seluruh desa 👶\n#SukamajuSehat",
		ContextURL: "https://www.instagram.com/p/C3xYzAbCdEf/"}
	if top.Thread != want {
		t.Fatalf("thread = %+v", top.Thread)
	}
	if m := top.Message; m.ExternalID != "17873440459141021" || m.Direction != inbox.In || m.ParentID != "" ||
		m.Author != (inbox.Contact{ExternalID: "17841405822304914", Name: "ibu.rina", Handle: "@ibu.rina"}) ||
		m.Text != "Desa Cikaret jam berapa min?" || !m.SentAt.Equal(time.Date(2026, 2, 10, 8, 30, 0, 0, time.UTC)) {
		t.Fatalf("message = %+v", m)
	}
	if own.Message.Direction != inbox.Out || own.Message.ParentID != "17873440459141021" || own.Thread.ExternalKey != want.ExternalKey {
		t.Fatalf("own reply = %+v", own)
	}
	if !other.Message.Hidden || other.Thread.ExternalKey != "17895695668004550/17870913679156914" {
		t.Fatalf("hidden comment = %+v", other)
	}
}

func TestRepliesPagedAndReplyToReply(t *testing.T) {
	f := newFake(t, true)
	ids := f.AddInbound(t, "tanya")
	var replyIDs []string
	for _, text := range []string{"r1", "r2", "r3", "r4", "r5"} {
		replyIDs = append(replyIDs, f.AddReply(ids[0], text, metatest.Person{ID: "99", Username: "siti.a"}, time.Now()))
	}
	c := f.Connector(t)
	items, _ := fetchAll(t, c, "")
	if len(items) != 6 {
		t.Fatalf("got %d items, want the comment and its 5 replies", len(items))
	}
	last := items[5]
	if last.Message.ExternalID != replyIDs[4] || last.Message.ParentID != ids[0] || last.Thread.ExternalKey != items[0].Thread.ExternalKey {
		t.Fatalf("paged reply = %+v", last)
	}
	r := inbox.Reply{Thread: last.Thread, InReplyTo: replyIDs[4], Recipient: last.Message.Author, Text: "Baik kak", LastInboundAt: time.Now()}
	if _, err := c.Send(context.Background(), r); err != nil {
		t.Fatal(err)
	}
	got := f.Replies(t)
	if len(got) != 1 || got[0].ParentID != ids[0] || got[0].Text != "@siti.a Baik kak" {
		t.Fatalf("replies = %+v", got)
	}
	if _, found, err := c.(platforms.Reconciler).FindSent(context.Background(), r); err != nil || !found {
		t.Fatalf("FindSent: %v %v", found, err)
	}
}

func TestQuietMediaNotReread(t *testing.T) {
	f := newFake(t, true)
	f.AddComment("lama", metatest.Person{ID: "5", Username: "x"}, time.Now().Add(-10*time.Minute))
	c := f.Connector(t)
	_, cur := fetchAll(t, c, "")
	before := len(f.Graph().Requests())
	if items, _ := fetchAll(t, c, cur); len(items) != 0 {
		t.Fatalf("second pass: %+v", items)
	}
	for _, r := range f.Graph().Requests()[before:] {
		if strings.Contains(r, "/comments?") {
			t.Fatalf("quiet media read again: %s", r)
		}
	}
}

func TestDirectMessages(t *testing.T) {
	f := newFake(t, true)
	person := metatest.Person{ID: "6543210987654321", Username: "dewi.lestari"}
	id := f.Inbox().Add(person, "Min, KTP saya hilang", time.Now())
	c := f.Connector(t)
	items, _ := fetchAll(t, c, "")
	if len(items) != 1 || items[0].Thread != (inbox.Thread{ExternalKey: "dm:6543210987654321", Kind: inbox.KindDM}) ||
		items[0].Message.Author.Handle != "@dewi.lestari" || items[0].Message.ExternalID != id {
		t.Fatalf("dm = %+v", items)
	}
	r := inbox.Reply{Thread: items[0].Thread, InReplyTo: id, Recipient: items[0].Message.Author, Text: "Silakan ke Disdukcapil", LastInboundAt: time.Now()}
	if _, err := c.Send(context.Background(), r); err != nil {
		t.Fatal(err)
	}
	if got := f.Inbox().Replies(); len(got) != 1 || got[0].ParentID != id {
		t.Fatalf("dm replies = %+v", got)
	}
	r.Text = strings.Repeat("a", instagram.DMMaxLength+1)
	if _, err := c.Send(context.Background(), r); platforms.KindOf(err) != platforms.KindPermanent {
		t.Fatalf("long DM: %v", err)
	}
	r.Text, r.LastInboundAt = "terlambat", time.Now().Add(-8*24*time.Hour)
	if _, err := c.Send(context.Background(), r); platforms.KindOf(err) != platforms.KindPermanent {
		t.Fatalf("DM outside the window: %v", err)
	}
	if n := len(f.Inbox().Replies()); n != 1 {
		t.Fatalf("%d DMs reached Meta", n)
	}
}

// Without the messaging permission, comments keep flowing.
func TestCommentsWithoutMessagingPermission(t *testing.T) {
	f := newFake(t, false)
	ids := f.AddInbound(t, "halo")
	c := f.Connector(t)
	items, cur := fetchAll(t, c, "")
	if len(items) != 1 || items[0].Message.ExternalID != ids[0] {
		t.Fatalf("items = %+v", items)
	}
	more := f.AddInbound(t, "lagi")
	items, _ = fetchAll(t, c, cur)
	if len(items) != 1 || items[0].Message.ExternalID != more[0] {
		t.Fatalf("second pass = %+v", items)
	}
	var dmFinding *platforms.Finding
	for _, fd := range c.(platforms.Checker).Check(context.Background()) {
		if strings.HasPrefix(fd.Check, "direct messages") {
			dmFinding = &fd
		}
	}
	if dmFinding == nil || dmFinding.OK || !strings.Contains(dmFinding.Fix, "instagram_manage_messages") {
		t.Fatalf("dm finding = %+v", dmFinding)
	}
}

func TestHideAndCheck(t *testing.T) {
	f := newFake(t, true)
	ids := f.AddInbound(t, "iklan judi")
	c := f.Connector(t)
	if err := c.(platforms.Hider).Hide(context.Background(), ids[0], true); err != nil || !f.Hidden(ids[0]) {
		t.Fatalf("hide: %v", err)
	}
	for _, fd := range c.(platforms.Checker).Check(context.Background()) {
		if !fd.OK {
			t.Errorf("finding failed: %+v", fd)
		}
	}
	f.RevokeAuth()
	_, err := c.Fetch(context.Background(), "")
	if platforms.KindOf(err) != platforms.KindAuth || strings.Contains(err.Error(), token) {
		t.Fatalf("revoked: %v", err)
	}
}

func post(body []byte, sig string) *http.Request {
	r := httptest.NewRequest(http.MethodPost, "/webhook/instagram/pemkab-ig", bytes.NewReader(body))
	if sig != "" {
		r.Header.Set("X-Hub-Signature-256", sig)
	}
	return r
}

func TestWebhook(t *testing.T) {
	f := newFake(t, true)
	f.AddMedium("17895695668004550", "Posyandu serentak Sabtu ini", time.Now())
	c := f.Connector(t).(platforms.WebhookReceiver)
	if c.WebhookPath() != "/webhook/instagram/pemkab-ig" {
		t.Fatalf("path %q", c.WebhookPath())
	}
	body, _ := os.ReadFile("testdata/webhook.json")
	items, _, err := c.ServeWebhook(httptest.NewRecorder(), post(body, metatest.Sign(appSecret, body)), body)
	if err != nil || len(items) != 2 {
		t.Fatalf("valid: %+v %v", items, err)
	}
	cm, dm := items[0], items[1]
	if cm.Thread.ExternalKey != "17895695668004550/17873440459141021" || cm.Message.ParentID != "17873440459141021" ||
		cm.Message.Author.Handle != "@ibu.rina" || !cm.Message.SentAt.Equal(time.Unix(1770714500, 0)) ||
		cm.Thread.Title != "Posyandu serentak Sabtu ini" || cm.Thread.ContextURL == "" {
		t.Fatalf("comment = %+v", cm)
	}
	if dm.Thread.ExternalKey != "dm:6543210987654321" || dm.Message.Direction != inbox.In {
		t.Fatalf("dm = %+v", dm)
	}
	again, _, _ := c.ServeWebhook(httptest.NewRecorder(), post(body, metatest.Sign(appSecret, body)), body)
	if len(again) != 2 || again[0].Message.ExternalID != cm.Message.ExternalID || again[1].Message.ExternalID != dm.Message.ExternalID {
		t.Fatalf("replay = %+v", again)
	}
	for name, sig := range map[string]string{"invalid": metatest.Sign("x", body), "missing": ""} {
		if items, _, err := c.ServeWebhook(httptest.NewRecorder(), post(body, sig), body); platforms.KindOf(err) != platforms.KindAuth || items != nil {
			t.Fatalf("%s signature: %v %v", name, items, err)
		}
	}
	for i := 0; i < len(body); i += 5 {
		cut := body[:i]
		if len(bytes.TrimSpace(body[i:])) == 0 {
			continue // only whitespace was cut: the body is whole
		}
		if items, _, err := c.ServeWebhook(httptest.NewRecorder(), post(cut, metatest.Sign(appSecret, cut)), cut); err == nil && len(items) > 0 {
			t.Fatalf("truncated at %d gave items", i)
		}
	}
}
