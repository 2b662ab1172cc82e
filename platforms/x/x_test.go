package x

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"sapa/config"
	"sapa/inbox"
	"sapa/platforms"
	"sapa/platforms/platformtest"
)

func TestContract(t *testing.T) {
	platformtest.Run(t, func(t *testing.T) platformtest.Fake { return contract{newFakeX(t)} })
}

func fixture(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// serveFixture makes every request to path answer status with the fixture.
func serveFixture(f *fakeX, path string, status int, body string) {
	f.SetOverride(func(w http.ResponseWriter, r *http.Request) bool {
		if r.URL.Path != path {
			return false
		}
		w.WriteHeader(status)
		w.Write([]byte(body))
		return true
	})
}

func kindOf(t *testing.T, err error) platforms.Kind {
	t.Helper()
	if err == nil {
		t.Fatal("want an error, got nil")
	}
	return platforms.KindOf(err)
}

func TestConvertFixture(t *testing.T) {
	f := newFakeX(t)
	serveFixture(f, "/2/users/"+fakeMe+"/mentions", 200, fixture(t, "mentions_page.json"))
	b, err := f.conn(t).Fetch(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]inbox.Inbound{}
	for _, it := range b.Items {
		got[it.Message.ExternalID] = it
	}
	if len(got) != 3 {
		t.Fatalf("got %d items %v; want 3 (one withheld by a partial error, one malformed)", len(got), ids(b.Items))
	}
	first := got["1346889436626259970"]
	want := inbox.Inbound{
		Thread: inbox.Thread{
			ExternalKey: "1346889436626259968",
			Kind:        inbox.KindMention,
			ContextText: "Perbaikan jalan kabupaten tahap II dimulai pekan ini. Laporkan kerusakan jalan di desa Anda & sertakan foto.",
			ContextURL:  "https://x.com/i/web/status/1346889436626259968",
		},
		Message: inbox.Message{
			ExternalID: "1346889436626259970",
			ParentID:   "1346889436626259968",
			Direction:  inbox.In,
			Author:     inbox.Contact{ExternalID: "2244994945", Name: "Siti Rahma", Handle: "@sitirahma"},
			Text:       "@humaskab Jalan di Desa Cibeureum rusak & berlubang, kapan diperbaiki? <3 https://t.co/56a0vZUx7i",
			SentAt:     time.Date(2021, 1, 6, 18, 40, 40, 0, time.UTC),
		},
	}
	if first.Thread != want.Thread {
		t.Errorf("thread = %+v\nwant     %+v", first.Thread, want.Thread)
	}
	if first.Message.Text != want.Message.Text || first.Message.ParentID != want.Message.ParentID ||
		first.Message.Author != want.Message.Author || !first.Message.SentAt.Equal(want.Message.SentAt) ||
		first.Message.Direction != inbox.In {
		t.Errorf("message = %+v\nwant      %+v", first.Message, want.Message)
	}
	long := got["1346889436626259971"]
	if !strings.HasSuffix(long.Message.Text, "bidan desa sedang cuti.") {
		t.Errorf("long post text = %q, want the note_tweet text", long.Message.Text)
	}
	if long.Thread.ContextText != "" || long.Message.ParentID != "" {
		t.Errorf("a fresh mention has no parent context: %+v", long)
	}
	own := got["1346889436626259974"]
	if own.Message.Direction != inbox.Out || own.Thread.ExternalKey != "1346889436626259968" {
		t.Errorf("our own tweet: %+v", own)
	}
	var cur cursor
	if err := json.Unmarshal([]byte(b.Cursor), &cur); err != nil || cur.Since != "1346889436626259974" || b.More {
		t.Errorf("cursor %s more=%v; want since the page's newest id and no more", b.Cursor, b.More)
	}
}

func ids(items []inbox.Inbound) []string {
	var out []string
	for _, it := range items {
		out = append(out, it.Message.ExternalID)
	}
	return out
}

func TestReplyWireBody(t *testing.T) {
	f := newFakeX(t)
	id := f.AddMention("@humaskab lampu PJU mati")
	c := f.conn(t)
	sent, err := c.Send(context.Background(), inbox.Reply{InReplyTo: id, Text: "Baik, kami cek <hari ini> & kabari.", Thread: inbox.Thread{ExternalKey: id}})
	if err != nil {
		t.Fatal(err)
	}
	var body map[string]any
	if err := json.Unmarshal([]byte(f.Bodies()[0]), &body); err != nil {
		t.Fatal(err)
	}
	wantBody := map[string]any{"text": "Baik, kami cek <hari ini> & kabari.", "reply": map[string]any{"in_reply_to_tweet_id": id}}
	if b1, _ := json.Marshal(body); string(b1) != mustJSON(wantBody) {
		t.Fatalf("POST /2/tweets body = %s, want %s", b1, mustJSON(wantBody))
	}
	if !validID(sent.ExternalID) {
		t.Fatalf("sent id %q", sent.ExternalID)
	}
}

func mustJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func TestReplyRefusedBeforeNetwork(t *testing.T) {
	f := newFakeX(t)
	c := f.conn(t)
	cases := map[string]inbox.Reply{
		"empty":     {InReplyTo: "1600000000000000001", Text: "  "},
		"no parent": {Text: "halo"},
		// 141 CJK characters weigh 282 although they are only 141 runes.
		"weighted": {InReplyTo: "1600000000000000001", Text: strings.Repeat("語", 141)},
		"links":    {InReplyTo: "1600000000000000001", Text: strings.Repeat("https://jabarprov.go.id/a ", 12) + strings.Repeat("a", 5)},
	}
	for name, r := range cases {
		if _, err := c.Send(context.Background(), r); kindOf(t, err) != platforms.KindPermanent {
			t.Errorf("%s: want permanent, got %v", name, err)
		}
	}
	if len(f.Bodies()) != 0 {
		t.Fatalf("%d refused replies reached X", len(f.Bodies()))
	}
	// 140 CJK characters are exactly the limit and must go through.
	id := f.AddMention("halo")
	if _, err := c.Send(context.Background(), inbox.Reply{InReplyTo: id, Text: strings.Repeat("語", 140)}); err != nil {
		t.Fatalf("280 weighted characters refused: %v", err)
	}
}

func TestCursorMidPagingRestart(t *testing.T) {
	f := newFakeX(t)
	var want []string
	for i := 0; i < 12; i++ {
		want = append(want, f.AddMention("aduan "+strconv.Itoa(i)))
	}
	b1, err := f.conn(t).Fetch(context.Background(), "")
	if err != nil || !b1.More {
		t.Fatalf("first page: more=%v err=%v", b1.More, err)
	}
	// A mention arriving mid-paging must be neither lost nor duplicated.
	late := f.AddMention("datang belakangan")
	seen := map[string]int{}
	for _, it := range b1.Items {
		seen[it.Message.ExternalID]++
	}
	cur := b1.Cursor
	for i := 0; i < 10; i++ {
		b, err := f.conn(t).Fetch(context.Background(), cur) // a restart before every page
		if err != nil {
			t.Fatal(err)
		}
		for _, it := range b.Items {
			seen[it.Message.ExternalID]++
		}
		cur = b.Cursor
		if !b.More {
			break
		}
	}
	for _, id := range want {
		if seen[id] != 1 {
			t.Errorf("mention %s seen %d times", id, seen[id])
		}
	}
	if seen[late] != 0 {
		t.Errorf("the late mention came inside the old page run")
	}
	b, err := f.conn(t).Fetch(context.Background(), cur)
	if err != nil || len(b.Items) != 1 || b.Items[0].Message.ExternalID != late || b.More {
		t.Fatalf("next poll = %v more=%v err=%v; want only %s", ids(b.Items), b.More, err, late)
	}
	last := f.Queries()[len(f.Queries())-1]
	q, _ := url.ParseQuery(last)
	if q.Get("since_id") != want[len(want)-1] || q.Get("start_time") != "" {
		t.Fatalf("poll after the run asked %s; want since_id=%s and no start_time", last, want[len(want)-1])
	}
}

func TestFirstFetchBoundedByHistoryDays(t *testing.T) {
	f := newFakeX(t)
	acct := f.account()
	acct.HistoryDays = 3
	c, err := New(acct, nil)
	if err != nil {
		t.Fatal(err)
	}
	conn := c.(*Connector)
	now := time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)
	conn.now = func() time.Time { return now }
	if _, err := conn.Fetch(context.Background(), ""); err != nil {
		t.Fatal(err)
	}
	q, _ := url.ParseQuery(f.Queries()[0])
	if q.Get("start_time") != "2026-03-07T12:00:00Z" || q.Get("since_id") != "" {
		t.Fatalf("first fetch query %s", f.Queries()[0])
	}
	for k, v := range map[string]string{"expansions": "author_id,referenced_tweets.id", "user.fields": "username,name", "max_results": "100"} {
		if q.Get(k) != v {
			t.Errorf("%s = %q, want %q", k, q.Get(k), v)
		}
	}
	for _, field := range []string{"conversation_id", "created_at", "in_reply_to_user_id", "referenced_tweets"} {
		if !strings.Contains(q.Get("tweet.fields"), field) {
			t.Errorf("tweet.fields %q lacks %s", q.Get("tweet.fields"), field)
		}
	}
}

func TestBacksOffBeforeTheLimit(t *testing.T) {
	f := newFakeX(t)
	reset := time.Now().Add(10 * time.Minute).Truncate(time.Second)
	f.SetRateHeader(func(h http.Header) {
		h.Set("x-rate-limit-remaining", "0")
		h.Set("x-rate-limit-reset", strconv.FormatInt(reset.Unix(), 10))
	})
	c := f.conn(t)
	if _, err := c.Fetch(context.Background(), ""); err != nil {
		t.Fatalf("the last allowed request must go through: %v", err)
	}
	n := len(f.Queries())
	_, err := c.Fetch(context.Background(), "")
	var pe *platforms.Error
	if !errors.As(err, &pe) || pe.Kind != platforms.KindRateLimited || !pe.RetryAt.Equal(reset) {
		t.Fatalf("want rate-limited until %v, got %v", reset, err)
	}
	if len(f.Queries()) != n {
		t.Fatal("a request was made with no budget left")
	}
	// Another endpoint has its own window.
	id := f.AddMention("halo")
	if _, err := c.Send(context.Background(), inbox.Reply{InReplyTo: id, Text: "ok"}); err != nil {
		t.Fatalf("send blocked by the mentions window: %v", err)
	}
}

func TestErrorClassification(t *testing.T) {
	type tc struct {
		name   string
		path   string
		status int
		body   string
		send   bool
		want   platforms.Kind
	}
	mentions := "/2/users/" + fakeMe + "/mentions"
	cases := []tc{
		{"revoked token", mentions, 401, fixture(t, "problem_401.json"), false, platforms.KindAuth},
		{"app-only token", mentions, 403, fixture(t, "problem_unsupported_auth.json"), false, platforms.KindAuth},
		{"429", mentions, 429, fixture(t, "problem_429.json"), false, platforms.KindRateLimited},
		{"v1.1 rate limit", mentions, 429, fixture(t, "v1_rate_limit.json"), false, platforms.KindRateLimited},
		{"usage cap", mentions, 429, fixture(t, "problem_usage_capped.json"), false, platforms.KindRateLimited},
		{"5xx fetch", mentions, 503, `{"title":"Service Unavailable","type":"about:blank","status":503}`, false, platforms.KindTransient},
		{"not json", mentions, 200, `<html>proxy error</html>`, false, platforms.KindMalformed},
		{"wrong shape", mentions, 200, `{"data": {"id": "1"}}`, false, platforms.KindMalformed},
		{"reply restricted", "/2/tweets", 403, fixture(t, "problem_reply_restricted.json"), true, platforms.KindPermanent},
		{"duplicate", "/2/tweets", 403, fixture(t, "problem_duplicate.json"), true, platforms.KindPermanent},
		{"5xx send", "/2/tweets", 500, `{"title":"Internal Server Error","type":"about:blank","status":500}`, true, platforms.KindAmbiguous},
		{"2xx without id", "/2/tweets", 201, `{}`, true, platforms.KindAmbiguous},
		{"2xx garbage", "/2/tweets", 201, `{"data":`, true, platforms.KindAmbiguous},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := newFakeX(t)
			serveFixture(f, c.path, c.status, c.body)
			conn := f.conn(t)
			var err error
			if c.send {
				_, err = conn.Send(context.Background(), inbox.Reply{InReplyTo: "1600000000000000001", Text: "Terima kasih"})
			} else {
				_, err = conn.Fetch(context.Background(), "")
			}
			if k := kindOf(t, err); k != c.want {
				t.Fatalf("got %v (%v), want %v", k, err, c.want)
			}
		})
	}
}

func TestUnreachable(t *testing.T) {
	f := newFakeX(t)
	c := f.conn(t)
	f.Close() // connection refused from now on
	if _, err := c.Fetch(context.Background(), ""); kindOf(t, err) != platforms.KindTransient {
		t.Fatalf("fetch: %v", err)
	}
	_, err := c.Send(context.Background(), inbox.Reply{InReplyTo: "1600000000000000001", Text: "halo"})
	if kindOf(t, err) != platforms.KindTransient {
		t.Fatalf("send to a refused connection never left: want transient, got %v", err)
	}
	findings := c.Check(context.Background())
	if len(findings) == 0 || findings[0].OK || findings[0].Fix == "" {
		t.Fatalf("doctor findings %+v", findings)
	}
}

func TestTokenNeverInErrors(t *testing.T) {
	f := newFakeX(t)
	// A hostile or broken proxy echoing the Authorization header back.
	f.SetOverride(func(w http.ResponseWriter, r *http.Request) bool {
		w.WriteHeader(401)
		w.Write([]byte(problemBody(401, "Unauthorized", "bad header: "+r.Header.Get("Authorization"), "about:blank")))
		return true
	})
	c := f.conn(t)
	var errs []error
	_, err := c.Fetch(context.Background(), "")
	errs = append(errs, err)
	_, err = c.Send(context.Background(), inbox.Reply{InReplyTo: "1600000000000000001", Text: "halo"})
	errs = append(errs, err)
	_, _, err = c.FindSent(context.Background(), inbox.Reply{InReplyTo: "1600000000000000001", Text: "halo"})
	errs = append(errs, err)
	f.Close()
	_, err = c.Fetch(context.Background(), "")
	errs = append(errs, err)
	for _, e := range errs {
		if e == nil {
			t.Fatal("want an error")
		}
		if strings.Contains(e.Error(), fakeToken) || strings.Contains(e.Error(), "SECRET") {
			t.Fatalf("token leaked: %v", e)
		}
	}
	for _, fd := range c.Check(context.Background()) {
		if strings.Contains(fd.Fix, fakeToken) {
			t.Fatalf("token leaked in doctor: %+v", fd)
		}
	}
	if _, err := New(config.Account{Options: &Options{UserID: fakeMe, Token: config.Secret{Env: "SAPA_TEST_UNSET_X_TOKEN"}}}, nil); err == nil {
		t.Fatal("an unresolvable token must fail construction")
	}
}

func TestFindSent(t *testing.T) {
	f := newFakeX(t)
	id := f.AddMention("@humaskab ada banjir di Desa Sukamaju")
	c := f.conn(t)
	r := inbox.Reply{InReplyTo: id, Text: "Tim BPBD menuju lokasi. Info: https://bpbd.example.go.id/banjir & posko."}
	if _, found, err := c.FindSent(context.Background(), r); err != nil || found {
		t.Fatalf("before sending: found=%v err=%v", found, err)
	}
	sent, err := c.Send(context.Background(), r)
	if err != nil {
		t.Fatal(err)
	}
	// X stores the reply with our prefix and a t.co link.
	f.RewriteLastOwn("https://bpbd.example.go.id/banjir", "https://t.co/AbCdEf123")
	got, found, err := c.FindSent(context.Background(), r)
	if err != nil || !found || got.ExternalID != sent.ExternalID || got.SentAt.IsZero() {
		t.Fatalf("after sending: %+v found=%v err=%v; want %s", got, found, err, sent.ExternalID)
	}
	other := r
	other.Text = "teks lain"
	if _, found, _ := c.FindSent(context.Background(), other); found {
		t.Fatal("a different text must not match")
	}
}

func TestCheck(t *testing.T) {
	f := newFakeX(t)
	for _, fd := range f.conn(t).Check(context.Background()) {
		if !fd.OK {
			t.Errorf("finding not OK: %+v", fd)
		}
	}
	acct := f.account()
	acct.Options.(*Options).UserID = "1500000000000000099"
	c, _ := New(acct, nil)
	var wrongOwner bool
	for _, fd := range c.(*Connector).Check(context.Background()) {
		if strings.Contains(fd.Check, "belongs to") && !fd.OK && strings.Contains(fd.Fix, fakeMe) {
			wrongOwner = true
		}
	}
	if !wrongOwner {
		t.Fatal("a token of another account must be reported with the right user_id")
	}
	f.RevokeAuth()
	fds := f.conn(t).Check(context.Background())
	if last := fds[len(fds)-1]; last.OK || !strings.Contains(last.Fix, "token") {
		t.Fatalf("revoked token findings %+v", fds)
	}
}

func TestTokenRefreshedOn401(t *testing.T) {
	f := newFakeX(t)
	dir := t.TempDir()
	file := filepath.Join(dir, "token")
	os.WriteFile(file, []byte("old-token-value\n"), 0o600)
	acct := f.account()
	acct.Options.(*Options).Token = config.Secret{Cmd: "cat " + file}
	c, err := New(acct, nil)
	if err != nil {
		t.Fatal(err)
	}
	conn := c.(*Connector)
	os.WriteFile(file, []byte(fakeToken+"\n"), 0o600)                                    // the helper refreshed it
	conn.tok.(*config.Token).Now = func() time.Time { return time.Now().Add(time.Hour) } // the last resolve is long past
	if _, err := conn.Fetch(context.Background(), ""); err != nil {
		t.Fatalf("fetch after token refresh: %v", err)
	}
}

func TestNewValidates(t *testing.T) {
	for _, o := range []*Options{{Token: config.Secret{Value: "t0000000"}}, {UserID: "@humaskab", Token: config.Secret{Value: "t0000000"}}, {UserID: fakeMe}} {
		acct := config.Account{Options: o}
		if _, err := New(acct, nil); err == nil {
			t.Errorf("New(%+v, nil) accepted a bad account", acct)
		}
	}
}
