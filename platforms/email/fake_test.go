package email

import (
	"bytes"
	"crypto/tls"
	"fmt"
	"io"
	"log"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapserver"
	"github.com/emersion/go-imap/v2/imapserver/imapmemserver"
	"github.com/emersion/go-message/mail"
	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"

	"sapa/config"
	"sapa/inbox"
	"sapa/platforms"
	"sapa/platforms/platformtest"
)

const (
	fakeUser     = "humas@kab.example"
	fakePassword = "rahasia-kantor-2024"
)

// fakeMail is an in-process IMAP server (go-imap's imapmemserver) and SMTP
// server (go-smtp with a capturing backend) on loopback: the contract suite
// and the connector's own tests drive it. It implements platformtest.Fake.
type fakeMail struct {
	t        *testing.T
	user     *imapmemserver.User
	imapAddr string
	smtpAddr string
	pageSize int

	mu        sync.Mutex
	password  string
	limitNext bool             // the next IMAP LOGIN answers NO [UNAVAILABLE]
	echoPass  bool             // refusals quote the password back (a careless server)
	smtpFail  map[string]error // "mail", "rcpt", "data": the answer to give once
	dropData  bool             // close the connection instead of answering the final dot
	received  [][]byte         // messages accepted over SMTP
	added     []added          // messages put into INBOX, for Redeliver
	seq       int
	idling    chan struct{}
}

type added struct {
	raw []byte
	at  time.Time
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
	caps := o.caps
	f := &fakeMail{t: t, password: fakePassword, pageSize: 3, smtpFail: map[string]error{}, idling: make(chan struct{}, 1)}
	f.user = imapmemserver.NewUser(fakeUser, "unused: fakeSession checks the password")
	for _, mb := range []string{"INBOX", "Sent"} {
		if err := f.user.Create(mb, nil); err != nil {
			t.Fatal(err)
		}
	}
	capSet := imap.CapSet{imap.CapIMAP4rev1: {}}
	if caps == nil {
		caps = []imap.Cap{imap.CapUIDPlus}
	}
	for _, c := range caps {
		capSet[c] = struct{}{}
	}
	quiet := log.New(io.Discard, "", 0)
	iopts := &imapserver.Options{
		NewSession: func(*imapserver.Conn) (imapserver.Session, *imapserver.GreetingData, error) {
			return &fakeSession{f: f}, nil, nil
		},
		Caps:         capSet,
		InsecureAuth: true,
		Logger:       quiet,
	}
	if o.tls != nil && !o.implicit {
		iopts.TLSConfig = o.tls
	}
	isrv := imapserver.New(iopts)
	iln := listen(t)
	if o.implicit {
		iln = tls.NewListener(iln, o.tls)
	}
	go func() { _ = isrv.Serve(iln) }()
	t.Cleanup(func() { _ = isrv.Close() })
	f.imapAddr = iln.Addr().String()

	ssrv := smtp.NewServer(smtpBackend{f})
	ssrv.Domain = "localhost"
	ssrv.AllowInsecureAuth = true
	ssrv.ErrorLog = quiet
	sln := listen(t)
	if o.tls != nil && !o.implicit {
		ssrv.TLSConfig = o.tls
	}
	if o.implicit {
		sln = tls.NewListener(sln, o.tls)
	}
	go func() { _ = ssrv.Serve(sln) }()
	t.Cleanup(func() { _ = ssrv.Close() })
	f.smtpAddr = sln.Addr().String()
	return f
}

func listen(t *testing.T) net.Listener {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	return ln
}

// account is the configuration a test connector uses.
func (f *fakeMail) account() config.Account {
	return config.Account{
		Name:     "humas",
		Platform: inbox.Email,
		IMAPAddr: f.imapAddr,
		SMTPAddr: f.smtpAddr,
		Username: fakeUser,
		Address:  "Humas Kabupaten <" + fakeUser + ">",
		Mailbox:  "INBOX",
		Password: config.Secret{Value: fakePassword},
		Insecure: true,
	}
}

// connector builds a connector for acct with the fake's page size.
func (f *fakeMail) connector(t *testing.T, acct config.Account) *Connector {
	t.Helper()
	pc, err := New(acct)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	c := pc.(*Connector)
	c.pageSize = f.pageSize
	return c
}

// fakeSession checks passwords itself, so a test can change the password on
// the server side, and tells the test when IDLE starts.
type fakeSession struct {
	*imapmemserver.UserSession
	f *fakeMail
}

func (s *fakeSession) Login(username, password string) error {
	f := s.f
	f.mu.Lock()
	limited, want, echo := f.limitNext, f.password, f.echoPass
	f.limitNext = false
	f.mu.Unlock()
	if limited {
		// Dovecot's words when a user has too many connections.
		return &imap.Error{Type: imap.StatusResponseTypeNo, Code: imap.ResponseCodeUnavailable,
			Text: "Maximum number of connections from user+IP exceeded (mail_max_userip_connections=10)"}
	}
	if username != fakeUser || password != want {
		if echo {
			return &imap.Error{Type: imap.StatusResponseTypeNo, Code: imap.ResponseCodeAuthenticationFailed,
				Text: "Invalid credentials for " + username + " with password " + password}
		}
		return imapserver.ErrAuthFailed
	}
	s.UserSession = imapmemserver.NewUserSession(f.user)
	return nil
}

func (s *fakeSession) Idle(w *imapserver.UpdateWriter, stop <-chan struct{}) error {
	select {
	case s.f.idling <- struct{}{}:
	default:
	}
	return s.UserSession.Idle(w, stop)
}

// smtpBackend accepts mail for the fake after AUTH PLAIN.
type smtpBackend struct{ f *fakeMail }

func (b smtpBackend) NewSession(c *smtp.Conn) (smtp.Session, error) {
	return &smtpSession{f: b.f, conn: c}, nil
}

type smtpSession struct {
	f      *fakeMail
	conn   *smtp.Conn
	authed bool
}

func (s *smtpSession) AuthMechanisms() []string { return []string{sasl.Plain} }

func (s *smtpSession) Auth(string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(_, username, password string) error {
		s.f.mu.Lock()
		want, echo := s.f.password, s.f.echoPass
		s.f.mu.Unlock()
		if username != fakeUser || password != want {
			if echo {
				return &smtp.SMTPError{Code: 535, EnhancedCode: smtp.EnhancedCode{5, 7, 8}, Message: "bad password " + password}
			}
			return smtp.ErrAuthFailed
		}
		s.authed = true
		return nil
	}), nil
}

// failOnce returns the configured answer for a stage, once.
func (s *smtpSession) failOnce(stage string) error {
	s.f.mu.Lock()
	defer s.f.mu.Unlock()
	err := s.f.smtpFail[stage]
	delete(s.f.smtpFail, stage)
	return err
}

func (s *smtpSession) Mail(string, *smtp.MailOptions) error {
	if !s.authed {
		return smtp.ErrAuthRequired
	}
	return s.failOnce("mail")
}

func (s *smtpSession) Rcpt(string, *smtp.RcptOptions) error { return s.failOnce("rcpt") }

func (s *smtpSession) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	if err := s.failOnce("data"); err != nil {
		return err
	}
	s.f.mu.Lock()
	defer s.f.mu.Unlock()
	s.f.received = append(s.f.received, b)
	if s.f.dropData {
		// Accepted, but the answer never reaches the client.
		s.f.dropData = false
		_ = s.conn.Conn().Close()
	}
	return nil
}

func (s *smtpSession) Reset()        {}
func (s *smtpSession) Logout() error { return nil }

// citizenMail builds a citizen's message the way a mail client would.
func citizenMail(t *testing.T, id, from, subject, text string, date time.Time, extra map[string]string) []byte {
	t.Helper()
	var h mail.Header
	h.SetDate(date)
	h.SetAddressList("From", []*mail.Address{{Name: "Warga " + from, Address: from + "@mail.example"}})
	h.SetAddressList("To", []*mail.Address{{Address: fakeUser}})
	h.SetSubject(subject)
	h.SetMessageID(id)
	for k, v := range extra {
		h.Set(k, v)
	}
	h.SetContentType("text/plain", map[string]string{"charset": "utf-8"})
	var buf bytes.Buffer
	w, err := mail.CreateSingleInlineWriter(&buf, h)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = io.WriteString(w, text)
	_ = w.Close()
	return buf.Bytes()
}

// appendRaw puts raw into mailbox with the given internal date.
func (f *fakeMail) appendRaw(t *testing.T, mailbox string, raw []byte, at time.Time, flags ...imap.Flag) {
	t.Helper()
	if _, err := f.user.Append(mailbox, bytes.NewReader(raw), &imap.AppendOptions{Time: at, Flags: flags}); err != nil {
		t.Fatalf("append: %v", err)
	}
	if mailbox == "INBOX" {
		f.mu.Lock()
		f.added = append(f.added, added{raw, at})
		f.mu.Unlock()
	}
}

func (f *fakeMail) nextID() string {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.seq++
	return fmt.Sprintf("warga-%d@mail.example", f.seq)
}

// Connector implements platformtest.Fake.
func (f *fakeMail) Connector(t *testing.T) platforms.Connector {
	return f.connector(t, f.account())
}

// AddInbound implements platformtest.Fake.
func (f *fakeMail) AddInbound(t *testing.T, texts ...string) []string {
	var ids []string
	for i, text := range texts {
		id := f.nextID()
		raw := citizenMail(t, id, fmt.Sprintf("warga%d", i), "Laporan "+id, text, time.Now(), nil)
		f.appendRaw(t, "INBOX", raw, time.Now())
		ids = append(ids, id)
	}
	return ids
}

// PageSize implements platformtest.Fake.
func (f *fakeMail) PageSize() int { return f.pageSize }

// Redeliver implements platformtest.Fake the way a mail server does: the
// mailbox is re-created (a restore, a migration), every message comes back
// under a new UIDVALIDITY.
func (f *fakeMail) Redeliver(t *testing.T) {
	if err := f.user.Delete("INBOX"); err != nil {
		t.Fatal(err)
	}
	if err := f.user.Create("INBOX", nil); err != nil {
		t.Fatal(err)
	}
	f.mu.Lock()
	old := f.added
	f.added = nil
	f.mu.Unlock()
	for _, a := range old {
		f.appendRaw(t, "INBOX", a.raw, a.at)
	}
}

// RateLimitNext implements platformtest.Fake. IMAP has no retry-after: the
// server refuses the next login with [UNAVAILABLE] and d is not conveyed.
func (f *fakeMail) RateLimitNext(t *testing.T, d time.Duration) {
	f.mu.Lock()
	f.limitNext = true
	f.mu.Unlock()
}

// RevokeAuth implements platformtest.Fake: the password changes on the server.
func (f *fakeMail) RevokeAuth(t *testing.T) {
	f.mu.Lock()
	f.password = "diganti-oleh-admin-server"
	f.mu.Unlock()
}

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
func (f *fakeMail) Replies(t *testing.T) []platformtest.Received {
	f.mu.Lock()
	msgs := append([][]byte(nil), f.received...)
	f.mu.Unlock()
	var out []platformtest.Received
	for _, raw := range msgs {
		h, text := readMail(t, raw)
		irt, _ := h.MsgIDList("In-Reply-To")
		id, _ := h.MessageID()
		r := platformtest.Received{Text: text, Key: id}
		if len(irt) > 0 {
			r.ParentID = irt[0]
		}
		out = append(out, r)
	}
	return out
}

// readMail decodes a message with go-message alone, independent of the
// connector's parser.
func readMail(t *testing.T, raw []byte) (mail.Header, string) {
	t.Helper()
	mr, err := mail.CreateReader(bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("reading sent mail: %v", err)
	}
	p, err := mr.NextPart()
	if err != nil {
		t.Fatalf("reading sent mail body: %v", err)
	}
	b, _ := io.ReadAll(p.Body)
	return mr.Header, strings.TrimRight(string(b), "\r\n")
}

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

func seqRange(n uint32) []uint32 {
	out := make([]uint32, n)
	for i := range out {
		out[i] = uint32(i + 1)
	}
	return out
}
