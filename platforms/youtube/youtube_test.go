package youtube

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"sapa/config"
	"sapa/inbox"
	"sapa/platforms"
	"sapa/platforms/platformtest"
)

func TestContract(t *testing.T) {
	platformtest.Run(t, func(t *testing.T) platformtest.Fake { return contract{newFakeYT(t)} })
}

func fixture(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// route answers requests to path (after /youtube/v3) with status and body;
// held answers the heldForReview pass of commentThreads.
func route(f *fakeYT, routes map[string]string) {
	f.SetOverride(func(w http.ResponseWriter, r *http.Request) bool {
		key := strings.TrimPrefix(r.URL.Path, "/youtube/v3")
		if key == "/commentThreads" {
			key += "?" + r.URL.Query().Get("moderationStatus")
		}
		body, ok := routes[key]
		if !ok {
			return false
		}
		status := 200
		if strings.Contains(body, `"error"`) {
			var g googleError
			json.Unmarshal([]byte(body), &g)
			status = g.Error.Code
		}
		w.WriteHeader(status)
		w.Write([]byte(body))
		return true
	})
}

var fixedNow = time.Date(2026, 3, 5, 9, 0, 0, 0, time.UTC)

func TestConvertFixtures(t *testing.T) {
	f := newFakeYT(t)
	route(f, map[string]string{
		"/commentThreads?published":     fixture(t, "commentThreads_published.json"),
		"/commentThreads?heldForReview": fixture(t, "commentThreads_held.json"),
		"/videos":                       fixture(t, "videos.json"),
	})
	c := f.conn(t)
	c.now = func() time.Time { return fixedNow }
	items, _ := platformtest.FetchAll(t, c, "")
	got := map[string]inbox.Inbound{}
	for _, it := range items {
		got[it.Message.ExternalID] = it
	}
	if len(got) != 4 {
		t.Fatalf("got %d items, want 4 (3 published, 1 held; 2 malformed skipped)", len(got))
	}
	wantThread := inbox.Thread{ExternalKey: "UgzDE2tasfmrYLyNkGt4AaABAg", Kind: inbox.KindComment,
		Title:       "Bupati Meninjau Jembatan Cibeureum",
		ContextText: "Kunjungan kerja Bupati ke Desa Cibeureum, Kecamatan Cibadak.",
		ContextURL:  "https://www.youtube.com/watch?v=Ks-_Mh1QhMc"}
	top := got["UgzDE2tasfmrYLyNkGt4AaABAg"]
	if top.Thread != wantThread {
		t.Errorf("thread = %+v\nwant     %+v", top.Thread, wantThread)
	}
	wantMsg := inbox.Message{ExternalID: "UgzDE2tasfmrYLyNkGt4AaABAg", Direction: inbox.In,
		Author: inbox.Contact{ExternalID: "UCwarga000000000000001", Name: "@wargacibeureum", Handle: "@wargacibeureum"},
		Text:   "Pak, jembatan di Desa Cibeureum retak 😟 kapan diperbaiki?",
		SentAt: time.Date(2026, 3, 2, 1, 15, 9, 0, time.UTC)}
	if m := top.Message; m.ExternalID != wantMsg.ExternalID || m.ParentID != "" || m.Direction != inbox.In ||
		m.Author != wantMsg.Author || m.Text != wantMsg.Text || !m.SentAt.Equal(wantMsg.SentAt) || m.Hidden {
		t.Errorf("message = %+v\nwant      %+v", m, wantMsg)
	}
	ours := got["UgzDE2tasfmrYLyNkGt4AaABAg.9xYz1AbCdEf9xYz2GhIjKl"]
	if ours.Message.Direction != inbox.Out || ours.Message.ParentID != "UgzDE2tasfmrYLyNkGt4AaABAg" || ours.Thread.ExternalKey != wantThread.ExternalKey {
		t.Errorf("our reply = %+v", ours)
	}
	citizen := got["UgzDE2tasfmrYLyNkGt4AaABAg.9xYz3MnOpQr9xYz4StUvWx"]
	if citizen.Message.Direction != inbox.In || citizen.Message.Author.Handle != "" || citizen.Message.Author.Name != "Wargi Cibeureum" {
		t.Errorf("citizen reply = %+v", citizen)
	}
	held := got["UgyHeldForReview0000AaABAg"]
	if !held.Message.Hidden || held.Thread.Title != HeldTitlePrefix+"Bupati Meninjau Jembatan Cibeureum" {
		t.Errorf("held comment = %+v", held)
	}
	var videoCalls int
	for _, r := range f.Requests() {
		if strings.Contains(r, "/videos?") {
			videoCalls++
		}
	}
	if videoCalls != 1 {
		t.Errorf("videos.list called %d times; titles must be cached per video", videoCalls)
	}
}

func TestListQuery(t *testing.T) {
	f := newFakeYT(t)
	c := f.conn(t)
	platformtest.FetchAll(t, c, "")
	var passes []string
	for _, r := range f.Requests() {
		if !strings.HasPrefix(r, "GET /youtube/v3/commentThreads?") {
			continue
		}
		q, _ := url.ParseQuery(strings.SplitN(r, "?", 2)[1])
		for k, v := range map[string]string{"allThreadsRelatedToChannelId": fakeChannel, "order": "time",
			"textFormat": "plainText", "maxResults": "100", "part": "snippet,replies"} {
			if q.Get(k) != v {
				t.Errorf("%s = %q, want %q", k, q.Get(k), v)
			}
		}
		passes = append(passes, q.Get("moderationStatus"))
	}
	if strings.Join(passes, ",") != "published,heldForReview" {
		t.Fatalf("passes %v", passes)
	}
}

func TestCursorTiesAndRestart(t *testing.T) {
	f := newFakeYT(t)
	// Three comments in the same second, split over pages of two.
	f.SetPageSize(2)
	at := f.Base().Add(time.Hour)
	for _, id := range []string{"UgzA", "UgzB"} {
		f.AddAt(id, id, at)
	}
	items, cur := platformtest.FetchAll(t, f.conn(t), "")
	if len(items) != 2 {
		t.Fatalf("first poll %v", items)
	}
	// Another comment stamped with the very same second arrives later.
	f.AddAt("UgzC", "UgzC", at)
	items, cur = platformtest.FetchAll(t, f.conn(t), cur)
	if len(items) != 1 || items[0].Message.ExternalID != "UgzC" {
		t.Fatalf("second poll %v, want only UgzC", msgIDs(items))
	}
	items, _ = platformtest.FetchAll(t, f.conn(t), cur)
	if len(items) != 0 {
		t.Fatalf("third poll repeats %v", msgIDs(items))
	}
}

func msgIDs(items []inbox.Inbound) []string {
	var out []string
	for _, it := range items {
		out = append(out, it.Message.ExternalID)
	}
	return out
}

func TestStopsPagingAtOldComments(t *testing.T) {
	f := newFakeYT(t)
	for i := 0; i < 20; i++ {
		f.Add("lama", "")
	}
	_, cur := platformtest.FetchAll(t, f.conn(t), "")
	f.Add("baru", "")
	before := len(f.Requests())
	items, _ := platformtest.FetchAll(t, f.conn(t), cur)
	if len(items) != 1 || items[0].Message.Text != "baru" {
		t.Fatalf("got %v", msgIDs(items))
	}
	if n := len(f.Requests()) - before; n != 3 { // first page of published, held, one videos.list (new connector)
		t.Fatalf("%d requests for one new comment: %v", n, f.Requests()[before:])
	}
}

func TestFirstFetchBoundedByHistoryDays(t *testing.T) {
	f := newFakeYT(t)
	old := f.Base().Add(-10 * 24 * time.Hour)
	f.AddAt("UgzOld", "lama sekali", old)
	fresh := f.Add("baru", "")
	items, _ := platformtest.FetchAll(t, f.conn(t), "")
	if len(items) != 1 || items[0].Message.ExternalID != fresh {
		t.Fatalf("got %v, want only %s", msgIDs(items), fresh)
	}
}

func TestReplyGoesToTopLevel(t *testing.T) {
	f := newFakeYT(t)
	top := f.Add("pertanyaan", "")
	c := f.conn(t)
	// Answering a reply (YouTube nests one level): the parent is the thread's top comment.
	r := inbox.Reply{InReplyTo: top + ".9xReplyOfCitizen", Text: "Jawaban kami 🙏"}
	if _, err := c.Send(context.Background(), r); err != nil {
		t.Fatal(err)
	}
	want := `{"snippet":{"parentId":"` + top + `","textOriginal":"Jawaban kami 🙏"}}`
	if f.Bodies()[0] != want+"\n" && f.Bodies()[0] != want {
		t.Fatalf("comments.insert body %s, want %s", f.Bodies()[0], want)
	}
	if last := f.Requests()[len(f.Requests())-1]; !strings.HasPrefix(last, "POST /youtube/v3/comments?part=snippet") {
		t.Fatalf("request %s", last)
	}
	if _, err := c.Send(context.Background(), inbox.Reply{Text: strings.Repeat("a", MaxLength+1), Thread: inbox.Thread{ExternalKey: top}}); platforms.KindOf(err) != platforms.KindPermanent {
		t.Fatalf("over-length: %v", err)
	}
	// 5,000 emoji are 10,000 UTF-16 units: exactly at the limit.
	if _, err := c.Send(context.Background(), inbox.Reply{Text: strings.Repeat("🙏", 5000), Thread: inbox.Thread{ExternalKey: top}}); err != nil {
		t.Fatalf("at the limit: %v", err)
	}
}

func TestQuota(t *testing.T) {
	f := newFakeYT(t)
	c := f.conn(t)
	now := time.Date(2026, 7, 1, 20, 0, 0, 0, time.UTC) // 13:00 PDT
	c.now = func() time.Time { return now }
	c.quota = newQuota(200, 100)
	top := f.Add("halo", "")
	reset := time.Date(2026, 7, 2, 7, 0, 0, 0, time.UTC) // midnight PDT
	// Two replies (100 units) fit; reads then stop at limit-reserve.
	for i := 0; i < 2; i++ {
		if _, err := c.Send(context.Background(), inbox.Reply{Text: "ok", Thread: inbox.Thread{ExternalKey: top}}); err != nil {
			t.Fatal(err)
		}
	}
	n := len(f.Requests())
	_, err := c.Fetch(context.Background(), "")
	var pe *platforms.Error
	if !errors.As(err, &pe) || pe.Kind != platforms.KindRateLimited || !pe.RetryAt.Equal(reset) {
		t.Fatalf("read past the reserve: %v, want rate-limited until %v", err, reset)
	}
	// Writes may use the reserve, but not past the allowance.
	for i := 0; i < 2; i++ {
		if _, err := c.Send(context.Background(), inbox.Reply{Text: "ok", Thread: inbox.Thread{ExternalKey: top}}); err != nil {
			t.Fatalf("write within the allowance: %v", err)
		}
	}
	if _, err := c.Send(context.Background(), inbox.Reply{Text: "ok", Thread: inbox.Thread{ExternalKey: top}}); platforms.KindOf(err) != platforms.KindRateLimited {
		t.Fatalf("write past the allowance: %v", err)
	}
	if len(f.Requests()) != n+2 {
		t.Fatalf("refused calls reached YouTube")
	}
	// Midnight Pacific: a new day.
	now = reset
	if _, err := c.Fetch(context.Background(), ""); err != nil {
		t.Fatalf("after the reset: %v", err)
	}
}

func TestQuotaSurvivesRestartAndServerExhaustion(t *testing.T) {
	f := newFakeYT(t)
	now := time.Date(2026, 1, 15, 12, 0, 0, 0, time.UTC)
	c := f.conn(t)
	c.now = func() time.Time { return now }
	_, cur := platformtest.FetchAll(t, c, "")
	day, used := c.quota.snapshot(now)
	c2 := f.conn(t) // restart
	c2.now = c.now
	c2.Fetch(context.Background(), cur)
	if d2, u2 := c2.quota.snapshot(now); d2 != day || u2 <= used {
		t.Fatalf("after restart %s/%d, before %s/%d", d2, u2, day, used)
	}
	route(f, map[string]string{"/commentThreads?published": fixture(t, "error_quota.json")})
	_, err := c2.Fetch(context.Background(), cur)
	var pe *platforms.Error
	if !errors.As(err, &pe) || pe.Kind != platforms.KindRateLimited || !pe.RetryAt.Equal(time.Date(2026, 1, 16, 8, 0, 0, 0, time.UTC)) {
		t.Fatalf("quotaExceeded: %v", err)
	}
	n := len(f.Requests())
	if _, err := c2.Send(context.Background(), inbox.Reply{Text: "x", Thread: inbox.Thread{ExternalKey: "Ugz"}}); platforms.KindOf(err) != platforms.KindRateLimited || len(f.Requests()) != n {
		t.Fatalf("after YouTube said the quota is gone, nothing may be sent: %v", err)
	}
}

func TestNextReset(t *testing.T) {
	for in, want := range map[string]string{
		"2026-01-15T12:00:00Z": "2026-01-16T08:00:00Z", // PST
		"2026-07-01T12:00:00Z": "2026-07-02T07:00:00Z", // PDT
		"2026-07-02T06:59:59Z": "2026-07-02T07:00:00Z", // one second before midnight PDT
		"2026-03-08T12:00:00Z": "2026-03-09T07:00:00Z", // the day clocks go forward
	} {
		now, _ := time.Parse(time.RFC3339, in)
		if got := nextReset(now).UTC().Format(time.RFC3339); got != want {
			t.Errorf("nextReset(%s) = %s, want %s", in, got, want)
		}
	}
}

func TestErrorClassification(t *testing.T) {
	cases := []struct {
		name, path, body string
		send             bool
		want             platforms.Kind
	}{
		{"auth", "/commentThreads?published", "error_auth.json", false, platforms.KindAuth},
		{"scope", "/comments", "error_scope.json", true, platforms.KindAuth},
		{"quota", "/commentThreads?published", "error_quota.json", false, platforms.KindRateLimited},
		{"5xx fetch", "/commentThreads?published", "error_backend.json", false, platforms.KindTransient},
		{"5xx send", "/comments", "error_backend.json", true, platforms.KindAmbiguous},
		{"comments disabled", "/comments", "error_comments_disabled.json", true, platforms.KindPermanent},
		{"not json", "/commentThreads?published", "", false, platforms.KindMalformed},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := newFakeYT(t)
			body := "<html>captive portal</html>"
			if tc.body != "" {
				body = fixture(t, tc.body)
			}
			route(f, map[string]string{tc.path: body})
			c := f.conn(t)
			var err error
			if tc.send {
				_, err = c.Send(context.Background(), inbox.Reply{Text: "Terima kasih", Thread: inbox.Thread{ExternalKey: "UgzX"}})
			} else {
				_, err = c.Fetch(context.Background(), "")
			}
			if k := platforms.KindOf(err); err == nil || k != tc.want {
				t.Fatalf("got %v, want %v", err, tc.want)
			}
		})
	}
}

func TestUnreachableAndRedaction(t *testing.T) {
	f := newFakeYT(t)
	f.SetOverride(func(w http.ResponseWriter, r *http.Request) bool {
		w.WriteHeader(401)
		w.Write([]byte(googleErr(401, "authError", "bad header "+r.Header.Get("Authorization"))))
		return true
	})
	c := f.conn(t)
	var errs []error
	_, err := c.Fetch(context.Background(), "")
	errs = append(errs, err)
	_, err = c.Send(context.Background(), inbox.Reply{Text: "x", Thread: inbox.Thread{ExternalKey: "Ugz"}})
	errs = append(errs, err)
	errs = append(errs, c.Hide(context.Background(), "Ugz", true))
	f.Close()
	_, err = c.Fetch(context.Background(), "")
	if platforms.KindOf(err) != platforms.KindTransient {
		t.Fatalf("connection refused: %v", err)
	}
	errs = append(errs, err)
	_, err = c.Send(context.Background(), inbox.Reply{Text: "x", Thread: inbox.Thread{ExternalKey: "Ugz"}})
	if platforms.KindOf(err) != platforms.KindTransient {
		t.Fatalf("send never left: %v", err)
	}
	for _, e := range errs {
		if e == nil || strings.Contains(e.Error(), fakeToken) || strings.Contains(e.Error(), "SECRET") {
			t.Fatalf("missing error or token leaked: %v", e)
		}
	}
	if fds := c.Check(context.Background()); fds[0].OK || strings.Contains(fds[0].Fix, fakeToken) {
		t.Fatalf("doctor %+v", fds)
	}
}

func TestFindSent(t *testing.T) {
	f := newFakeYT(t)
	top := f.Add("jalan berlubang", "")
	c := f.conn(t)
	r := inbox.Reply{Text: "Sudah kami laporkan ke Dinas PUPR.", Thread: inbox.Thread{ExternalKey: top}}
	if _, found, err := c.FindSent(context.Background(), r); err != nil || found {
		t.Fatalf("before: %v %v", found, err)
	}
	// A citizen's reply with the same words is not ours.
	f.AddCitizenReply(top+".cit", top, r.Text, f.Base())
	if _, found, _ := c.FindSent(context.Background(), r); found {
		t.Fatal("matched a citizen's comment")
	}
	sent, err := c.Send(context.Background(), r)
	if err != nil {
		t.Fatal(err)
	}
	got, found, err := c.FindSent(context.Background(), r)
	if err != nil || !found || got.ExternalID != sent.ExternalID {
		t.Fatalf("after: %+v %v %v", got, found, err)
	}
}

func TestHide(t *testing.T) {
	f := newFakeYT(t)
	id := f.Add("spam judi online", "")
	c := f.conn(t)
	if err := c.Hide(context.Background(), id, true); err != nil {
		t.Fatal(err)
	}
	if st := f.Status(id); st != "heldForReview" {
		t.Fatalf("status %q", st)
	}
	if err := c.Hide(context.Background(), id, false); err != nil || f.Status(id) != "published" {
		t.Fatalf("unhide: %v %q", err, f.Status(id))
	}
	if _, used := c.quota.snapshot(c.now()); used != 2*costModify {
		t.Fatalf("moderation charged %d units", used)
	}
}

func TestCheck(t *testing.T) {
	f := newFakeYT(t)
	for _, fd := range f.conn(t).Check(context.Background()) {
		if !fd.OK {
			t.Errorf("not OK: %+v", fd)
		}
	}
	acct := f.account()
	acct.Options.(*Options).ChannelID = "UCsomeoneElse"
	c, _ := New(acct, nil)
	var caught bool
	for _, fd := range c.(*Connector).Check(context.Background()) {
		caught = caught || (!fd.OK && strings.Contains(fd.Fix, fakeChannel))
	}
	if !caught {
		t.Fatal("a token of another channel must be reported with its id")
	}
	f.RevokeAuth()
	fds := f.conn(t).Check(context.Background())
	if fds[len(fds)-1].OK {
		t.Fatalf("revoked: %+v", fds)
	}
}

func TestNewValidates(t *testing.T) {
	for _, o := range []*Options{{Token: config.Secret{Value: "ya29.x"}}, {ChannelID: fakeChannel}, {ChannelID: fakeChannel, Token: config.Secret{Env: "SAPA_TEST_UNSET_YT_TOKEN"}}} {
		acct := config.Account{Options: o}
		if _, err := New(acct, nil); err == nil {
			t.Errorf("New(%+v, nil) accepted a bad account", acct)
		}
	}
}
