// Package emailtest is a fake mail server for Sapa's tests: go-imap's
// in-process IMAP server (imapmemserver) with INBOX and Sent, and a go-smtp
// server that accepts mail after AUTH PLAIN and keeps it, both on loopback,
// optionally behind STARTTLS or implicit TLS. It can refuse logins the way
// Dovecot does when too many connections are open, change the password on
// the server side, fail an SMTP stage once, and tell when a client enters
// IDLE. The connector's own tests and the end-to-end tests of main both use
// it.
package emailtest

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

	"sapa/platforms/platformtest"
)

const (
	// User is the mailbox login (and address) unless WithLogin sets another.
	User = "humas@kab.example"
	// Password is the password the servers accept unless WithLogin sets
	// another.
	Password = "rahasia-kantor-2024"
)

// Server is the fake IMAP and SMTP server of one mailbox.
type Server struct {
	user     *imapmemserver.User
	imapAddr string
	smtpAddr string

	caps     []imap.Cap
	tls      *tls.Config
	implicit bool

	mu        sync.Mutex
	username  string
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

// Option changes a Server before it starts.
type Option func(*Server)

// WithCaps sets the IMAP capabilities beyond IMAP4rev1 (default: UIDPLUS).
func WithCaps(caps ...imap.Cap) Option { return func(s *Server) { s.caps = caps } }

// WithTLS serves both protocols over TLS with cfg: STARTTLS, or implicit
// TLS from the first byte.
func WithTLS(cfg *tls.Config, implicit bool) Option {
	return func(s *Server) { s.tls, s.implicit = cfg, implicit }
}

// WithLogin makes the servers accept username and password.
func WithLogin(username, password string) Option {
	return func(s *Server) { s.username, s.password = username, password }
}

// New starts the IMAP and SMTP servers, closed when t ends.
func New(t testing.TB, opts ...Option) *Server {
	t.Helper()
	s := &Server{username: User, password: Password, smtpFail: map[string]error{}, idling: make(chan struct{}, 1)}
	for _, o := range opts {
		o(s)
	}
	s.user = imapmemserver.NewUser(s.username, "unused: the session checks the password")
	for _, mb := range []string{"INBOX", "Sent"} {
		if err := s.user.Create(mb, nil); err != nil {
			t.Fatal(err)
		}
	}
	capSet := imap.CapSet{imap.CapIMAP4rev1: {}}
	caps := s.caps
	if caps == nil {
		caps = []imap.Cap{imap.CapUIDPlus}
	}
	for _, c := range caps {
		capSet[c] = struct{}{}
	}
	quiet := log.New(io.Discard, "", 0)
	iopts := &imapserver.Options{
		NewSession: func(*imapserver.Conn) (imapserver.Session, *imapserver.GreetingData, error) {
			return &session{s: s}, nil, nil
		},
		Caps:         capSet,
		InsecureAuth: true,
		Logger:       quiet,
	}
	if s.tls != nil && !s.implicit {
		iopts.TLSConfig = s.tls
	}
	isrv := imapserver.New(iopts)
	iln := listen(t)
	if s.implicit {
		iln = tls.NewListener(iln, s.tls)
	}
	go func() { _ = isrv.Serve(iln) }()
	t.Cleanup(func() { _ = isrv.Close() })
	s.imapAddr = iln.Addr().String()

	ssrv := smtp.NewServer(smtpBackend{s})
	ssrv.Domain = "localhost"
	ssrv.AllowInsecureAuth = true
	ssrv.ErrorLog = quiet
	sln := listen(t)
	if s.tls != nil && !s.implicit {
		ssrv.TLSConfig = s.tls
	}
	if s.implicit {
		sln = tls.NewListener(sln, s.tls)
	}
	go func() { _ = ssrv.Serve(sln) }()
	t.Cleanup(func() { _ = ssrv.Close() })
	s.smtpAddr = sln.Addr().String()
	return s
}

func listen(t testing.TB) net.Listener {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	return ln
}

// IMAPAddr is what an account's imap_addr is set to.
func (s *Server) IMAPAddr() string { return s.imapAddr }

// SMTPAddr is what an account's smtp_addr is set to.
func (s *Server) SMTPAddr() string { return s.smtpAddr }

// Username is the login the servers accept.
func (s *Server) Username() string { return s.username }

// session checks passwords itself, so a test can change the password on the
// server side, and tells the test when IDLE starts.
type session struct {
	*imapmemserver.UserSession
	s *Server
}

func (ss *session) Login(username, password string) error {
	s := ss.s
	s.mu.Lock()
	limited, wantUser, want, echo := s.limitNext, s.username, s.password, s.echoPass
	s.limitNext = false
	s.mu.Unlock()
	if limited {
		// Dovecot's words when a user has too many connections.
		return &imap.Error{Type: imap.StatusResponseTypeNo, Code: imap.ResponseCodeUnavailable,
			Text: "Maximum number of connections from user+IP exceeded (mail_max_userip_connections=10)"}
	}
	if username != wantUser || password != want {
		if echo {
			return &imap.Error{Type: imap.StatusResponseTypeNo, Code: imap.ResponseCodeAuthenticationFailed,
				Text: "Invalid credentials for " + username + " with password " + password}
		}
		return imapserver.ErrAuthFailed
	}
	ss.UserSession = imapmemserver.NewUserSession(s.user)
	return nil
}

func (ss *session) Idle(w *imapserver.UpdateWriter, stop <-chan struct{}) error {
	select {
	case ss.s.idling <- struct{}{}:
	default:
	}
	return ss.UserSession.Idle(w, stop)
}

// smtpBackend accepts mail after AUTH PLAIN.
type smtpBackend struct{ s *Server }

func (b smtpBackend) NewSession(c *smtp.Conn) (smtp.Session, error) {
	return &smtpSession{s: b.s, conn: c}, nil
}

type smtpSession struct {
	s      *Server
	conn   *smtp.Conn
	authed bool
}

func (ss *smtpSession) AuthMechanisms() []string { return []string{sasl.Plain} }

func (ss *smtpSession) Auth(string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(_, username, password string) error {
		ss.s.mu.Lock()
		wantUser, want, echo := ss.s.username, ss.s.password, ss.s.echoPass
		ss.s.mu.Unlock()
		if username != wantUser || password != want {
			if echo {
				return &smtp.SMTPError{Code: 535, EnhancedCode: smtp.EnhancedCode{5, 7, 8}, Message: "bad password " + password}
			}
			return smtp.ErrAuthFailed
		}
		ss.authed = true
		return nil
	}), nil
}

// failOnce returns the configured answer for a stage, once.
func (ss *smtpSession) failOnce(stage string) error {
	ss.s.mu.Lock()
	defer ss.s.mu.Unlock()
	err := ss.s.smtpFail[stage]
	delete(ss.s.smtpFail, stage)
	return err
}

func (ss *smtpSession) Mail(string, *smtp.MailOptions) error {
	if !ss.authed {
		return smtp.ErrAuthRequired
	}
	return ss.failOnce("mail")
}

func (ss *smtpSession) Rcpt(string, *smtp.RcptOptions) error { return ss.failOnce("rcpt") }

func (ss *smtpSession) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	if err := ss.failOnce("data"); err != nil {
		return err
	}
	ss.s.mu.Lock()
	defer ss.s.mu.Unlock()
	ss.s.received = append(ss.s.received, b)
	if ss.s.dropData {
		// Accepted, but the answer never reaches the client.
		ss.s.dropData = false
		_ = ss.conn.Conn().Close()
	}
	return nil
}

func (ss *smtpSession) Reset()        {}
func (ss *smtpSession) Logout() error { return nil }

// CitizenMail builds a citizen's message to the office (to) the way a mail
// client would: plain UTF-8 text, with the given Message-ID, Date and
// extra header fields.
func CitizenMail(t testing.TB, id, from, to, subject, text string, date time.Time, extra map[string]string) []byte {
	t.Helper()
	var h mail.Header
	h.SetDate(date)
	h.SetAddressList("From", []*mail.Address{{Name: "Warga " + from, Address: from + "@mail.example"}})
	h.SetAddressList("To", []*mail.Address{{Address: to}})
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

// Append puts raw into mailbox with the given internal date and flags.
func (s *Server) Append(t testing.TB, mailbox string, raw []byte, at time.Time, flags ...imap.Flag) {
	t.Helper()
	if _, err := s.user.Append(mailbox, bytes.NewReader(raw), &imap.AppendOptions{Time: at, Flags: flags}); err != nil {
		t.Fatalf("append: %v", err)
	}
	if mailbox == "INBOX" {
		s.mu.Lock()
		s.added = append(s.added, added{raw, at})
		s.mu.Unlock()
	}
}

func (s *Server) nextID() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.seq++
	return fmt.Sprintf("warga-%d@mail.example", s.seq)
}

// AddInbound delivers one citizen's mail per text into INBOX, each from
// another citizen and in a thread of its own, and returns their
// Message-IDs.
func (s *Server) AddInbound(t testing.TB, texts ...string) []string {
	var ids []string
	for i, text := range texts {
		id := s.nextID()
		raw := CitizenMail(t, id, fmt.Sprintf("warga%d", i), s.username, "Laporan "+id, text, time.Now(), nil)
		s.Append(t, "INBOX", raw, time.Now())
		ids = append(ids, id)
	}
	return ids
}

// Redeliver does what a mail server does after a restore or a migration:
// INBOX is re-created and every message comes back under a new
// UIDVALIDITY.
func (s *Server) Redeliver(t testing.TB) {
	if err := s.user.Delete("INBOX"); err != nil {
		t.Fatal(err)
	}
	if err := s.user.Create("INBOX", nil); err != nil {
		t.Fatal(err)
	}
	s.mu.Lock()
	old := s.added
	s.added = nil
	s.mu.Unlock()
	for _, a := range old {
		s.Append(t, "INBOX", a.raw, a.at)
	}
}

// RefuseNextLogin makes the next IMAP LOGIN fail with NO [UNAVAILABLE], as
// a server with too many connections answers. IMAP has no retry-after.
func (s *Server) RefuseNextLogin() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.limitNext = true
}

// SetPassword changes the password on the server side.
func (s *Server) SetPassword(p string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.password = p
}

// EchoPassword makes refusals quote the password back, as a careless server
// does.
func (s *Server) EchoPassword() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.echoPass = true
}

// FailSMTPOnce makes the SMTP stage ("mail", "rcpt" or "data") answer err
// once.
func (s *Server) FailSMTPOnce(stage string, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.smtpFail[stage] = err
}

// DropNextData makes the server accept the next message but close the
// connection instead of answering the final dot.
func (s *Server) DropNextData() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.dropData = true
}

// Idling receives once each time a client enters IDLE (one is buffered).
func (s *Server) Idling() <-chan struct{} { return s.idling }

// Received lists the raw messages SMTP accepted, in order.
func (s *Server) Received() [][]byte {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([][]byte(nil), s.received...)
}

// Replies lists what SMTP accepted: ParentID is the first In-Reply-To,
// Text the body, Key the Message-ID.
func (s *Server) Replies(t testing.TB) []platformtest.Received {
	var out []platformtest.Received
	for _, raw := range s.Received() {
		h, text := ReadMail(t, raw)
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

// ReadMail decodes a message with go-message alone, independent of the
// connector's parser: its header and the text of its first part.
func ReadMail(t testing.TB, raw []byte) (mail.Header, string) {
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
