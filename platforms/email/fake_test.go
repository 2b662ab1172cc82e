package email

import (
	"crypto/tls"
	"net"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-message/mail"

	"sapa/config"
	"sapa/inbox"
	"sapa/platforms"
	"sapa/platforms/email/emailtest"
	"sapa/platforms/platformtest"
)

const (
	fakeUser     = emailtest.User
	fakePassword = emailtest.Password
)

// fakeMail is the mail server fake of emailtest, with what these tests add:
// the account it serves, connectors that page small, and a look at the Sent
// mailbox through the connector's own IMAP session. It implements
// platformtest.Fake.
type fakeMail struct {
	*emailtest.Server
	t        testing.TB // the test that started it, for the server's own checks
	pageSize int
}

var _ platformtest.Fake = (*fakeMail)(nil)

func newFakeMail(t *testing.T, caps ...imap.Cap) *fakeMail {
	t.Helper()
	return newFakeMailWith(t, fakeOpts{caps: caps})
}

// fakeOpts shapes the fake: IMAP capabilities beyond IMAP4rev1 (default
// UIDPLUS), and TLS: STARTTLS on both servers, or implicit TLS.
type fakeOpts struct {
	caps     []imap.Cap
	tls      *tls.Config
	implicit bool
}

func newFakeMailWith(t *testing.T, o fakeOpts) *fakeMail {
	t.Helper()
	var opts []emailtest.Option
	if o.caps != nil {
		opts = append(opts, emailtest.WithCaps(o.caps...))
	}
	if o.tls != nil {
		opts = append(opts, emailtest.WithTLS(o.tls, o.implicit))
	}
	return &fakeMail{Server: emailtest.New(t, opts...), t: t, pageSize: 3}
}

// account is the configuration a test connector uses.
func (f *fakeMail) account() config.Account {
	return config.Account{Name: "humas", Platform: inbox.Email, Options: &Options{IMAPAddr: f.IMAPAddr(), SMTPAddr: f.SMTPAddr(), Username: fakeUser, Address: "Humas Kabupaten <" + fakeUser + ">", Mailbox: "INBOX", Password: config.Secret{Value: fakePassword}, Insecure: true}}
}

// connector builds a connector for acct with the fake's page size.
func (f *fakeMail) connector(t *testing.T, acct config.Account) *Connector {
	t.Helper()
	pc, err := New(acct, nil)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	c := pc.(*Connector)
	c.pageSize = f.pageSize
	return c
}

// citizenMail builds a citizen's message to the office.
func citizenMail(t *testing.T, id, from, subject, text string, date time.Time, extra map[string]string) []byte {
	t.Helper()
	return emailtest.CitizenMail(t, id, from, fakeUser, subject, text, date, extra)
}

// appendRaw puts raw into mailbox with the given internal date.
func (f *fakeMail) appendRaw(t *testing.T, mailbox string, raw []byte, at time.Time, flags ...imap.Flag) {
	t.Helper()
	f.Append(t, mailbox, raw, at, flags...)
}

// readMail decodes a message with go-message alone, independent of the
// connector's parser.
func readMail(t *testing.T, raw []byte) (mail.Header, string) {
	t.Helper()
	return emailtest.ReadMail(t, raw)
}

// Connector implements platformtest.Fake.
func (f *fakeMail) Connector(t *testing.T) platforms.Connector {
	return f.connector(t, f.account())
}

// AddInbound implements platformtest.Fake.
func (f *fakeMail) AddInbound(t *testing.T, texts ...string) []string {
	return f.Server.AddInbound(t, texts...)
}

// PageSize implements platformtest.Fake.
func (f *fakeMail) PageSize() int { return f.pageSize }

// Redeliver implements platformtest.Fake the way a mail server does: the
// mailbox is re-created (a restore, a migration), every message comes back
// under a new UIDVALIDITY.
func (f *fakeMail) Redeliver() { f.Server.Redeliver(f.t) }

// RateLimitNext implements platformtest.Fake. IMAP has no retry-after: the
// server refuses the next login with [UNAVAILABLE] and d is not conveyed.
func (f *fakeMail) RateLimitNext(d time.Duration) { f.RefuseNextLogin() }

// RevokeAuth implements platformtest.Fake: the password changes on the server.
func (f *fakeMail) RevokeAuth() { f.SetPassword("diganti-oleh-admin-server") }

// MalformedNext implements platformtest.Fake: a message whose header is not
// MIME sits between two good ones.
func (f *fakeMail) MalformedNext(t *testing.T) []string {
	good := []string{"sebelum yang rusak", "sesudah yang rusak"}
	f.AddInbound(t, good[0])
	broken := "From: rusak@mail.example\r\nSubject: rusak\r\nini bukan baris header\r\n\r\nisi\r\n"
	f.appendRaw(t, "INBOX", []byte(broken), time.Now())
	f.AddInbound(t, good[1])
	return good
}

// Replies implements platformtest.Fake from what SMTP accepted.
func (f *fakeMail) Replies(t *testing.T) []platformtest.Received { return f.Server.Replies(t) }

// sentCopies returns the flags of every message in the Sent mailbox.
func (f *fakeMail) sentCopies(t *testing.T) [][]imap.Flag {
	t.Helper()
	c := f.connector(t, f.account())
	s, err := c.openIMAP(t.Context(), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s.close()
	sel, err := s.Select("Sent", &imap.SelectOptions{ReadOnly: true}).Wait()
	if err != nil || sel.NumMessages == 0 {
		return nil
	}
	bufs, err := s.Fetch(imap.SeqSetNum(seqRange(sel.NumMessages)...), &imap.FetchOptions{Flags: true}).Collect()
	if err != nil {
		t.Fatal(err)
	}
	var out [][]imap.Flag
	for _, b := range bufs {
		out = append(out, b.Flags)
	}
	return out
}

func listen(t *testing.T) net.Listener {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	return ln
}

func seqRange(n uint32) []uint32 {
	out := make([]uint32, n)
	for i := range out {
		out[i] = uint32(i + 1)
	}
	return out
}
