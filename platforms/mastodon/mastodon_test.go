package mastodon

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"sapa/platforms/platformtest"
	"strconv"
	"strings"
	"testing"
	"time"

	"sapa/inbox"
	"sapa/platforms"
)

// fixtureNow is shortly after the newest notification in the fixtures.
var fixtureNow = time.Date(2026, 1, 1, 4, 0, 0, 0, time.UTC)

func (f *fakeInstance) loadFixtures(t *testing.T) {
	t.Helper()
	b, err := os.ReadFile("testdata/notifications.json")
	if err != nil {
		t.Fatal(err)
	}
	var list []map[string]any
	if err := json.Unmarshal(b, &list); err != nil {
		t.Fatal(err)
	}
	for i := len(list) - 1; i >= 0; i-- { // the fixture is newest first
		f.AddNotification(list[i])
	}
	for _, id := range []string{"113000000000000505", "113000000000000506"} {
		raw, err := os.ReadFile("testdata/context_" + id + ".json")
		if err != nil {
			t.Fatal(err)
		}
		f.SetContext(id, raw)
	}
}

func byID(items []inbox.Inbound) map[string]inbox.Inbound {
	m := map[string]inbox.Inbound{}
	for _, it := range items {
		m[it.Message.ExternalID] = it
	}
	return m
}

func TestConvertFixtures(t *testing.T) {
	f := newFakeInstance(t)
	f.loadFixtures(t)
	c := f.connectorFor(t, f.account())
	c.now = func() time.Time { return fixtureNow }
	items, _ := platformtest.FetchAll(t, c, "")
	got := byID(items)
	if len(items) != 4 {
		t.Fatalf("got %d items, want the 4 mentions: %v", len(items), got)
	}

	dm := got["113000000000000504"]
	wantText := "@pemkab Pak, saya mau lapor pungli di kantor desa.\nNama saya jangan disebut ya & terima kasih.\n\n" +
		"Bukti: https://files.example/bukti/2026/01/foto-kwitansi.jpg"
	if dm.Thread != (inbox.Thread{ExternalKey: "113000000000000504", Kind: inbox.KindDM, ContextURL: "https://mastodon.example/@siti/113000000000000504"}) {
		t.Errorf("DM thread = %+v", dm.Thread)
	}
	if dm.Message.Text != wantText {
		t.Errorf("DM text = %q\nwant %q", dm.Message.Text, wantText)
	}
	if dm.Message.Author != (inbox.Contact{ExternalID: "880001", Name: "Siti Aminah 🌾", Handle: "@siti"}) || dm.Message.Direction != inbox.In {
		t.Errorf("DM message = %+v", dm.Message)
	}

	cw := got["113000000000000503"]
	if cw.Thread.Kind != inbox.KindMention || cw.Thread.ExternalKey != "113000000000000503" ||
		cw.Message.Text != "CW: banjir, foto\n\nJalan ke Desa Cibeureum tergenang 😡 #banjir @pemkab" {
		t.Errorf("public mention = %+v", cw)
	}
	if !cw.Message.SentAt.Equal(time.Date(2026, 1, 1, 2, 0, 0, 0, time.UTC)) {
		t.Errorf("sent at = %v", cw.Message.SentAt)
	}

	// A reply to our own post: the thread is our post, shown as context.
	ours := got["113000000000000505"]
	if ours.Thread.ExternalKey != "113000000000000300" || ours.Thread.ContextText != "Perbaikan jembatan Sukamaju selesai hari ini." ||
		ours.Message.ParentID != "113000000000000300" || ours.Message.Author.Name != "budi" {
		t.Errorf("reply to our post = %+v", ours)
	}

	// A reply deep in someone else's thread: the root comes from the context.
	deep := got["113000000000000506"]
	if deep.Thread.ExternalKey != "113000000000000390" || deep.Message.ParentID != "113000000000000400" ||
		deep.Message.Author.Handle != "@dewi@desa.social" || deep.Thread.ContextURL != "https://desa.social/@rt03/113000000000000390" {
		t.Errorf("deep reply = %+v", deep)
	}
}

func TestFirstStartBoundedThenForward(t *testing.T) {
	f := newFakeInstance(t)
	var recent []string
	for i := range 5 {
		id := f.MentionFrom("lama", "laporan lama "+strconv.Itoa(i), "", "public")
		f.Backdate(id, time.Now().AddDate(0, 0, -10))
	}
	for i := range 4 {
		recent = append(recent, f.MentionFrom("baru", "laporan baru "+strconv.Itoa(i), "", "public"))
	}
	c := f.connectorFor(t, f.account())
	items, cur := platformtest.FetchAll(t, c, "")
	if len(items) != 4 {
		t.Fatalf("first start kept %d items, want the 4 recent ones: %v", len(items), byID(items))
	}
	for _, id := range recent {
		if _, ok := byID(items)[id]; !ok {
			t.Fatalf("missing %s", id)
		}
	}
	// Seven more arrive: paged forward with min_id, oldest chunk first.
	var later []string
	for i := range 7 {
		later = append(later, f.MentionFrom("baru", "susulan "+strconv.Itoa(i), "", "direct"))
	}
	restarted := f.connectorFor(t, f.account())
	items, _ = platformtest.FetchAll(t, restarted, cur)
	if len(items) != 7 {
		t.Fatalf("after restart got %d items, want 7: %v", len(items), byID(items))
	}
	if items[len(items)-1].Message.ExternalID != later[6] || items[0].Thread.Kind != inbox.KindDM {
		t.Fatalf("forward order wrong: %v", items)
	}
	for _, r := range f.Requests() {
		if strings.Contains(r, "/api/v1/notifications") && strings.Contains(r, "since_id") {
			t.Fatalf("since_id paging would skip the middle of a burst: %s", r)
		}
	}
}

func TestRateBudgetStopsBeforeZero(t *testing.T) {
	f := newFakeInstance(t)
	f.MentionFrom("warga", "halo", "", "public")
	c := f.connectorFor(t, f.account())
	f.SetRemaining(fetchReserve + 3)
	platformtest.FetchAll(t, c, "")
	before := len(f.Requests())
	_, err := c.Fetch(context.Background(), "")
	var pe *platforms.Error
	if !errors.As(err, &pe) || pe.Kind != platforms.KindRateLimited || time.Until(pe.RetryAt) < time.Minute {
		t.Fatalf("want rate-limited until the reset, got %v", err)
	}
	if reqs := f.Requests(); len(reqs) != before {
		t.Fatalf("a request was made with the budget spent: %v", reqs[before:])
	}
}

func TestFetchErrorKinds(t *testing.T) {
	f := newFakeInstance(t)
	c := f.connectorFor(t, f.account())
	f.FailNext(http.StatusBadGateway)
	if _, err := c.Fetch(context.Background(), ""); platforms.KindOf(err) != platforms.KindTransient {
		t.Fatalf("502 on fetch: %v", err)
	}
	if _, err := c.Fetch(context.Background(), "not json"); platforms.KindOf(err) != platforms.KindMalformed {
		t.Fatalf("foreign cursor: %v", err)
	}
	f.RevokeAuth()
	_, err := c.Fetch(context.Background(), "")
	var pe *platforms.Error
	if !errors.As(err, &pe) || pe.Kind != platforms.KindAuth || pe.Fix == "" || !strings.Contains(pe.Message, "The access token is invalid") {
		t.Fatalf("revoked: %v", err)
	}
	if strings.Contains(err.Error(), fakeToken) {
		t.Fatal("token in error")
	}
}

func TestWhollyUnparseablePage(t *testing.T) {
	f := newFakeInstance(t)
	proxy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/api/v1/notifications" {
			_, _ = w.Write([]byte(`<html>maintenance</html>`))
			return
		}
		f.ServeHTTP(w, r)
	}))
	defer proxy.Close()
	acct := f.account()
	acct.BaseURL = proxy.URL
	_, err := f.connectorFor(t, acct).Fetch(context.Background(), "")
	if platforms.KindOf(err) != platforms.KindMalformed {
		t.Fatalf("HTML page: %v", err)
	}
}

func TestCheck(t *testing.T) {
	f := newFakeInstance(t)
	c := f.connectorFor(t, f.account())
	var _ platforms.Checker = c
	for _, fd := range c.Check(context.Background()) {
		if !fd.OK {
			t.Errorf("healthy account: %+v", fd)
		}
	}
	f.SetPolicy("drop")
	f.SetMaxChars(5000)
	fs := c.Check(context.Background())
	if last := fs[len(fs)-1]; last.OK || !strings.Contains(last.Fix, "private mentions") {
		t.Errorf("dropped private mentions not reported: %+v", fs)
	}
	if c.Capabilities().MaxLength != 5000 {
		t.Errorf("instance limit not taken: %d", c.Capabilities().MaxLength)
	}
	f.RevokeAuth()
	fs = c.Check(context.Background())
	if len(fs) != 1 || fs[0].OK || fs[0].Fix == "" || strings.Contains(fs[0].Check, fakeToken) {
		t.Errorf("revoked: %+v", fs)
	}
}

func TestHTMLToText(t *testing.T) {
	for in, want := range map[string]string{
		"<p>satu</p><p>dua</p>":                        "satu\n\ndua",
		"<p>a<br>b<br/>c</p>":                          "a\nb\nc",
		"<p>&lt;script&gt; &amp; &#128591; &quot;</p>": "<script> & 🙏 \"",
		"tanpa tag":                          "tanpa tag",
		"<p>terpotong <a href=\"x":           "terpotong ",
		"":                                   "",
		"<ul><li>satu</li><li>dua</li></ul>": "satu\ndua",
		"<p><br>baris</p>":                   "\nbaris",
	} {
		if got := htmlToText(in); got != want {
			t.Errorf("htmlToText(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestIDsAndLinks(t *testing.T) {
	if compareIDs("99", "100") >= 0 || compareIDs("113000000000000505", "113000000000000504") <= 0 ||
		compareIDs("01HZY", "01HZZ") >= 0 || compareIDs("7", "7") != 0 {
		t.Fatal("compareIDs order")
	}
	h := http.Header{}
	h.Add("Link", `<https://m.example/api/v1/notifications?max_id=34975535&types%5B%5D=mention>; rel="next", <https://m.example/api/v1/notifications?min_id=34975861>; rel="prev"`)
	if linkParam(h, "next", "max_id") != "34975535" || linkParam(h, "prev", "min_id") != "34975861" || linkParam(h, "next", "min_id") != "" {
		t.Fatal("linkParam")
	}
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	if !parseReset("2026-01-01T00:05:00.000000Z", now).Equal(now.Add(5*time.Minute)) || !parseReset("30", now).Equal(now.Add(30*time.Second)) {
		t.Fatal("parseReset")
	}
}
