package relay

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"sapa/config"
	"sapa/inbox"
	"sapa/platforms/email"
	"sapa/platforms/email/emailtest"
	"sapa/platforms/telegram"
	"sapa/platforms/telegram/telegramtest"
	"sapa/store"
)

// TestNudgeGoesOutThroughTheOfficeBotOnce: an opted-in admin who is not
// logged in gets one Telegram message from the office's bot, to the chat
// they gave, and only one however often the relay looks; an admin logged
// in gets none.
func TestNudgeGoesOutThroughTheOfficeBotOnce(t *testing.T) {
	f := telegramtest.New(t)
	conn, err := telegram.New(config.Account{Name: "pemkab-tg", Platform: "telegram", BaseURL: f.URL(),
		Options: &telegram.Options{Token: config.Secret{Value: telegramtest.Token}}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	st := nudgeStore(t, store.Options{}, "siti", "budi")
	id, _ := st.EnsureAccount(ctx, "pemkab-tg", inbox.Telegram, conn.Capabilities())
	st.SetNudge(ctx, "root", "siti", inbox.Nudge{Via: "telegram", To: "777001"})
	st.SetNudge(ctx, "root", "budi", inbox.Nudge{Via: "telegram", To: "777002"})
	if _, err := st.Ingest(ctx, id, []inbox.Inbound{msg("5550001", "5550001:1")}, ""); err != nil {
		t.Fatal(err)
	}
	r := New(st, []Account{{ID: id, Name: "pemkab-tg", Conn: conn}}, Options{
		Online:    func(a string) bool { return a == "budi" },
		NudgeText: func(s store.NudgeSummary) string { return "Sapa: " + s.Admin + " has work" },
	})
	r.Nudge(ctx)
	r.Nudge(ctx)
	sent := f.Replies()
	if len(sent) != 1 || sent[0].Text != "Sapa: siti has work" {
		t.Fatalf("sent %+v, want one nudge to siti", sent)
	}
	bodies := strings.Join(f.Bodies(), "\n")
	if !strings.Contains(bodies, `"chat_id":777001`) || strings.Contains(bodies, "777002") {
		t.Errorf("sendMessage bodies: %s", bodies)
	}
	rows, _ := st.Nudges(ctx)
	if len(rows) != 1 || rows[0].State != "sent" {
		t.Errorf("nudge rows %+v", rows)
	}
}

// TestNudgeByEmailFromTheOfficeMailbox: an admin who chose email gets one
// message, submitted over SMTP from the office's mailbox to their address.
func TestNudgeByEmailFromTheOfficeMailbox(t *testing.T) {
	f := emailtest.New(t)
	conn, err := email.New(config.Account{Name: "humas", Platform: inbox.Email, Options: &email.Options{
		IMAPAddr: f.IMAPAddr(), SMTPAddr: f.SMTPAddr(), Username: emailtest.User, Address: "Humas <" + emailtest.User + ">",
		Mailbox: "INBOX", Password: config.Secret{Value: emailtest.Password}, Insecure: true}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	st := nudgeStore(t, store.Options{}, "ujang")
	id, _ := st.EnsureAccount(ctx, "humas", inbox.Email, conn.Capabilities())
	if err := st.SetNudge(ctx, "root", "ujang", inbox.Nudge{Via: "email", To: "ujang@desa.example"}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Ingest(ctx, id, []inbox.Inbound{msg("t1", "m1")}, ""); err != nil {
		t.Fatal(err)
	}
	r := New(st, []Account{{ID: id, Name: "humas", Conn: conn}}, Options{
		NudgeText: func(s store.NudgeSummary) string { return "Sapa: 1 waiting" },
	})
	r.Nudge(ctx)
	r.Nudge(ctx)
	got := f.Received()
	if len(got) != 1 || !strings.Contains(string(got[0]), "ujang@desa.example") || !strings.Contains(string(got[0]), "Sapa: 1 waiting") {
		t.Fatalf("SMTP received %d messages: %q", len(got), got)
	}
}

// nudgeStore opens a store holding the kabupaten and the named operators
// in it, closed when the test ends.
func nudgeStore(t *testing.T, o store.Options, admins ...string) *store.Store {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "sapa.db"), o)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if err := st.SyncUnits(ctx, []store.UnitRow{{Code: "32.01", Parent: "32", Level: "kabupaten", Name: "Kabupaten Bogor"}}); err != nil {
		t.Fatal(err)
	}
	for _, name := range admins {
		if err := st.AddAdmin(ctx, "root", inbox.Admin{Name: name, Unit: "32.01", Role: inbox.Operator}); err != nil {
			t.Fatal(err)
		}
	}
	return st
}
