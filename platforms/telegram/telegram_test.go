package telegram

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"sapa/platforms/platformtest"
	"strings"
	"testing"
	"time"

	"sapa/inbox"
	"sapa/platforms"
)

// fixtureTime is shortly after the newest message in testdata/updates.json.
var fixtureTime = time.Unix(1767229200, 0)

// loadUpdates queues the updates of a getUpdates response fixture.
func (f *fakeAPI) loadUpdates(t *testing.T, path string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var env struct {
		Result []json.RawMessage `json:"result"`
	}
	if err := json.Unmarshal(b, &env); err != nil {
		t.Fatal(err)
	}
	f.QueueRaw(env.Result...)
}

func byID(items []inbox.Inbound) map[string]inbox.Inbound {
	m := map[string]inbox.Inbound{}
	for _, it := range items {
		m[it.Message.ExternalID] = it
	}
	return m
}

func TestConvertFixtures(t *testing.T) {
	f := newFakeAPI(t)
	f.loadUpdates(t, "testdata/updates.json")
	c := f.connectorFor(t, f.account())
	c.now = func() time.Time { return fixtureTime }
	items, _ := platformtest.FetchAll(t, c, "")
	got := byID(items)
	if len(items) != 6 {
		t.Fatalf("got %d items, want 6 (the group chatter not for the bot skipped): %v", len(items), got)
	}

	dm := got["5550001:51"]
	if dm.Thread.Kind != inbox.KindDM || dm.Thread.ExternalKey != "5550001" {
		t.Errorf("private chat thread = %+v", dm.Thread)
	}
	if dm.Message.Text != "Selamat pagi, lampu jalan di Jl. Merdeka mati sejak kemarin 🙏" ||
		dm.Message.Author != (inbox.Contact{ExternalID: "5550001", Name: "Siti Aminah", Handle: "@siti_aminah"}) ||
		!dm.Message.SentAt.Equal(time.Unix(1767225600, 0)) || dm.Message.Direction != inbox.In {
		t.Errorf("private message = %+v", dm.Message)
	}

	mention := got["-1001234567890:900"]
	if mention.Thread != (inbox.Thread{ExternalKey: "-1001234567890:900", Kind: inbox.KindMention, Title: "Warga Cibadak",
		ContextURL: "https://t.me/warga_cibadak/900"}) {
		t.Errorf("mention thread = %+v", mention.Thread)
	}
	if _, ok := got["-1001234567890:901"]; ok {
		t.Error("a group message mentioning someone else was picked up")
	}

	// A reply to the bot's own message is for the bot, even without a mention.
	reply := got["-1001234567890:903"]
	if reply.Thread.ExternalKey != "-1001234567890:902" || reply.Message.ParentID != "-1001234567890:902" {
		t.Errorf("reply to bot = %+v", reply)
	}

	// The bot command sits after an emoji: its offset counts UTF-16 units.
	photo := got["-4001112223:77"]
	if photo.Message.Text != "😡 Sampah menumpuk /lapor@pemkab_bot" || photo.Thread.ExternalKey != "-4001112223:77" || photo.Thread.ContextURL != "" {
		t.Errorf("photo with command = %+v", photo)
	}

	edit := got["5550001:51#edit1767225720"]
	if edit.Message.ParentID != "5550001:51" || !strings.Contains(edit.Message.Text, "No. 5") || edit.Thread.ExternalKey != "5550001" {
		t.Errorf("edited message = %+v", edit)
	}
	if s := got["5550001:52"]; s.Message.Text != "[sticker 👍]" {
		t.Errorf("sticker text = %q", s.Message.Text)
	}
}

func TestFirstFetchHonoursHistoryDays(t *testing.T) {
	f := newFakeAPI(t)
	f.loadUpdates(t, "testdata/updates.json")
	acct := f.account()
	acct.HistoryDays = 1
	c := f.connectorFor(t, acct)
	c.now = func() time.Time { return fixtureTime.AddDate(0, 0, 2) }
	items, cur := platformtest.FetchAll(t, c, "")
	if len(items) != 0 {
		t.Fatalf("old messages kept: %v", byID(items))
	}
	// The cursor still moved past them, so they are confirmed, not refetched.
	var st cursorState
	if err := json.Unmarshal([]byte(cur), &st); err != nil || st.Offset != 871008 {
		t.Fatalf("cursor = %s (%v), want offset 871008", cur, err)
	}
}

func TestFetchDoesNotConfirmBeforeIngest(t *testing.T) {
	f := newFakeAPI(t)
	c := f.connectorFor(t, f.account())
	first := f.PrivateText("satu")
	b, err := c.Fetch(context.Background(), "")
	if err != nil || len(b.Items) != 1 {
		t.Fatalf("fetch: %v %v", b, err)
	}
	for _, o := range f.Offsets() {
		if o > f.UpdateIDs()[0] {
			t.Fatalf("getUpdates called with offset %d before the batch was stored", o)
		}
	}
	// A crash before ingest: the relay fetches again with the old cursor and
	// must get the same message back.
	again, err := f.connectorFor(t, f.account()).Fetch(context.Background(), "")
	if err != nil || len(again.Items) != 1 || again.Items[0].Message.ExternalID != first {
		t.Fatalf("refetch after crash = %v, %v", again.Items, err)
	}
	// Once stored, the next fetch confirms it and nothing comes back.
	next, err := c.Fetch(context.Background(), b.Cursor)
	if err != nil || len(next.Items) != 0 || next.More {
		t.Fatalf("after ingest = %+v, %v", next, err)
	}
}

func TestStaleOffsetIsNotSent(t *testing.T) {
	f := newFakeAPI(t)
	c := f.connectorFor(t, f.account())
	old, _ := json.Marshal(cursorState{Offset: 999999999, At: time.Now().AddDate(0, 0, -8).Unix()})
	id := f.PrivateText("setelah seminggu sepi")
	items, _ := platformtest.FetchAll(t, c, string(old))
	if len(items) != 1 || items[0].Message.ExternalID != id {
		t.Fatalf("items = %v", byID(items))
	}
	if o := f.Offsets()[0]; o != 0 {
		t.Fatalf("a week-old offset was sent: %d", o)
	}
}

func TestGroupRootsSurviveRestart(t *testing.T) {
	f := newFakeAPI(t)
	const group = -1009876543210
	groupMsg := func(msgID int64, text string, ents string, replyTo string) {
		f.Queue(func(id int64) string {
			s := `{"update_id":` + itoa(id) + `,"message":{"message_id":` + itoa(msgID) + `,"date":` + itoa(time.Now().Unix()) +
				`,"from":{"id":777,"is_bot":false,"first_name":"Yudi"},"chat":{"id":` + itoa(group) + `,"type":"supergroup","title":"Forum Desa"},"text":` + quote(text)
			if ents != "" {
				s += `,"entities":` + ents
			}
			if replyTo != "" {
				s += `,"reply_to_message":` + replyTo
			}
			return s + `}}`
		})
		f.MarkMessage(group, msgID)
	}
	groupMsg(10, "@pemkab_bot jalan berlubang", `[{"type":"mention","offset":0,"length":11}]`, "")
	c := f.connectorFor(t, f.account())
	items, cur := platformtest.FetchAll(t, c, "")
	if len(items) != 1 || items[0].Thread.ExternalKey != msgKey(group, 10) {
		t.Fatalf("mention = %v", byID(items))
	}
	sent, err := c.Send(context.Background(), inbox.Reply{Thread: items[0].Thread, InReplyTo: items[0].Message.ExternalID, Text: "Segera kami cek."})
	if err != nil {
		t.Fatalf("send: %v", err)
	}
	_, botMsg, _ := parseMsgKey(sent.ExternalID)
	// The fetch after the send carries the new root in its cursor.
	_, cur = platformtest.FetchAll(t, c, cur)

	restarted := f.connectorFor(t, f.account())
	groupMsg(200, "Terima kasih!", "", `{"message_id":`+itoa(botMsg)+`,"date":1,"chat":{"id":`+itoa(group)+`,"type":"supergroup"},"from":{"id":123456789,"is_bot":true,"first_name":"Pemkab","username":"pemkab_bot"},"text":"Segera kami cek."}`)
	items, _ = platformtest.FetchAll(t, restarted, cur)
	if len(items) != 1 || items[0].Thread.ExternalKey != msgKey(group, 10) || items[0].Message.ParentID != sent.ExternalID {
		t.Fatalf("follow-up after restart = %+v", items)
	}
}

func itoa(n int64) string   { b, _ := json.Marshal(n); return string(b) }
func quote(s string) string { b, _ := json.Marshal(s); return string(b) }

func TestSendWireShape(t *testing.T) {
	f := newFakeAPI(t)
	c := f.connectorFor(t, f.account())
	parent := f.PrivateText("halo")
	sent, err := c.Send(context.Background(), inbox.Reply{Thread: inbox.Thread{ExternalKey: "424242", Kind: inbox.KindDM}, InReplyTo: parent, Text: "Baik, Bu."})
	if err != nil {
		t.Fatal(err)
	}
	sends := f.Bodies()
	var body map[string]any
	if err := json.Unmarshal([]byte(sends[0]), &body); err != nil {
		t.Fatal(err)
	}
	rp, _ := body["reply_parameters"].(map[string]any)
	if body["chat_id"] != float64(fakeChat) || rp["message_id"] == nil || rp["allow_sending_without_reply"] != false {
		t.Fatalf("sendMessage body = %s", sends[0])
	}
	if _, ok := body["reply_to_message_id"]; ok {
		t.Fatal("deprecated reply_to_message_id sent")
	}
	if !strings.HasPrefix(sent.ExternalID, "424242:") || sent.SentAt.IsZero() {
		t.Fatalf("sent = %+v", sent)
	}
}

func TestSendRefusals(t *testing.T) {
	f := newFakeAPI(t)
	c := f.connectorFor(t, f.account())
	parent := f.PrivateText("halo")
	th := inbox.Thread{ExternalKey: "424242", Kind: inbox.KindDM}
	cases := map[string]inbox.Reply{
		// 2049 emoji are 2049 runes but 4098 UTF-16 units.
		"utf16 over-length": {Thread: th, InReplyTo: parent, Text: strings.Repeat("🙏", 2049)},
		"empty":             {Thread: th, InReplyTo: parent, Text: "  \n"},
		"bad parent":        {Thread: th, InReplyTo: "not-an-id", Text: "x"},
		"group w/o parent":  {Thread: inbox.Thread{ExternalKey: "-100:5", Kind: inbox.KindMention}, Text: "x"},
	}
	for name, r := range cases {
		if _, err := c.Send(context.Background(), r); platforms.KindOf(err) != platforms.KindPermanent {
			t.Errorf("%s: got %v, want permanent", name, err)
		}
	}
	if sends := f.Bodies(); len(sends) != 0 {
		t.Fatalf("refused replies reached Telegram: %v", sends)
	}
	// Exactly 4096 units passes.
	if _, err := c.Send(context.Background(), inbox.Reply{Thread: th, InReplyTo: parent, Text: strings.Repeat("🙏", 2048)}); err != nil {
		t.Fatalf("4096 units refused: %v", err)
	}
}

func TestSendPacing(t *testing.T) {
	f := newFakeAPI(t)
	c := f.connectorFor(t, f.account())
	now := time.Unix(1767229200, 0)
	c.now = func() time.Time { return now }
	parent := f.PrivateText("halo")
	r := inbox.Reply{Thread: inbox.Thread{ExternalKey: "424242", Kind: inbox.KindDM}, InReplyTo: parent, Text: "satu"}
	if _, err := c.Send(context.Background(), r); err != nil {
		t.Fatal(err)
	}
	_, err := c.Send(context.Background(), r)
	var pe *platforms.Error
	if !errors.As(err, &pe) || pe.Kind != platforms.KindRateLimited || !pe.RetryAt.Equal(now.Add(time.Second)) {
		t.Fatalf("second send in the same second: %v", err)
	}
	now = now.Add(time.Second)
	if _, err := c.Send(context.Background(), r); err != nil {
		t.Fatalf("after a second: %v", err)
	}
	if n := len(f.Bodies()); n != 2 {
		t.Fatalf("%d sends reached Telegram, want 2", n)
	}
}

func TestSendErrorKinds(t *testing.T) {
	f := newFakeAPI(t)
	c := f.connectorFor(t, f.account())
	parent := f.PrivateText("halo")
	r := inbox.Reply{Thread: inbox.Thread{ExternalKey: "424242", Kind: inbox.KindDM}, InReplyTo: parent, Text: "x"}
	step := func(setup func(), want platforms.Kind) {
		t.Helper()
		c.pace = newPacer()
		setup()
		_, err := c.Send(context.Background(), r)
		if platforms.KindOf(err) != want {
			t.Fatalf("got %v, want %v", err, want)
		}
		if strings.Contains(err.Error(), fakeToken) || strings.Contains(err.Error(), "AAHfake") {
			t.Fatalf("token in error: %v", err)
		}
	}
	step(func() { f.FailNext(502) }, platforms.KindAmbiguous)
	step(func() { f.RateLimitNext(41 * time.Second) }, platforms.KindRateLimited)
	r.InReplyTo = "424242:99999" // Telegram: message to be replied not found
	step(func() {}, platforms.KindPermanent)
	r.InReplyTo = parent
	step(func() { f.RevokeAuth() }, platforms.KindAuth)
}

func TestUnparseableAnswers(t *testing.T) {
	for name, body := range map[string]string{
		"html page":          `<html>Bad Gateway</html>`,
		"result not a list":  `{"ok":true,"result":{"update_id":1}}`,
		"not an envelope":    `{}`,
		"truncated envelope": `{"ok":true,"result":[{"update_id":1,`,
	} {
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			_, _ = w.Write([]byte(body))
		}))
		f := newFakeAPI(t)
		acct := f.account()
		acct.BaseURL = srv.URL
		_, err := f.connectorFor(t, acct).Fetch(context.Background(), "")
		srv.Close()
		if platforms.KindOf(err) != platforms.KindMalformed {
			t.Errorf("%s: got %v, want malformed", name, err)
		}
	}
}
