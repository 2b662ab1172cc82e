package email

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"sapa/platforms/platformtest"
	"strings"
	"testing"

	"github.com/emersion/go-imap/v2"

	"sapa/config"
	"sapa/inbox"
	"sapa/platforms"
)

func findings(t *testing.T, c *Connector) map[string]platforms.Finding {
	t.Helper()
	out := map[string]platforms.Finding{}
	for _, f := range c.Check(t.Context()) {
		out[strings.Fields(f.Check)[0]+" "+strings.Fields(f.Check)[1]] = f
	}
	return out
}

func TestCheckAllGood(t *testing.T) {
	f := newFakeMail(t)
	got := c(t, f).Check(t.Context())
	if len(got) < 5 {
		t.Fatalf("findings %+v", got)
	}
	for _, fd := range got {
		if !fd.OK {
			t.Errorf("not OK: %+v", fd)
		}
	}
}

func c(t *testing.T, f *fakeMail) *Connector { return f.connector(t, f.account()) }

func TestCheckWrongSentMailboxProposesTheRightOne(t *testing.T) {
	f := newFakeMail(t)
	acct := f.account()
	acct.Options.(*Options).SentMailbox = "Item Terkirim"
	got := findings(t, f.connector(t, acct))
	fd := got["sent mailbox"]
	if fd.OK || !strings.Contains(fd.Fix, `"Sent"`) {
		t.Fatalf("sent mailbox finding %+v", fd)
	}
}

func TestCheckRevokedPassword(t *testing.T) {
	f := newFakeMail(t)
	f.RevokeAuth()
	got := findings(t, c(t, f))
	if got["IMAP login"].OK || got["SMTP login"].OK || got["IMAP login"].Fix == "" {
		t.Fatalf("findings %+v", got)
	}
}

func TestCheckInsecureToRemoteHost(t *testing.T) {
	acct := config.Account{Name: "x", Platform: inbox.Email, Options: &Options{IMAPAddr: "mail.kab.example:143", SMTPAddr: "mail.kab.example:25", Username: "humas", Address: "humas@kab.example", Password: config.Secret{Value: "rahasia"}, Insecure: true}}
	pc, err := New(acct, nil)
	if err != nil {
		t.Fatal(err)
	}
	// The setting alone decides this finding: no server is contacted.
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	for _, fd := range pc.(*Connector).Check(ctx) {
		if strings.HasPrefix(fd.Check, "password sent") && fd.OK {
			t.Fatalf("insecure to a remote host must be flagged: %+v", fd)
		}
	}
}

// With insecure = true the password is never reported as sent encrypted,
// even to a server on this machine, where clear text is acceptable.
func TestCheckInsecureNeverClaimsEncryption(t *testing.T) {
	for _, host := range []string{"127.0.0.1", "mail.kab.example"} {
		acct := config.Account{Name: "x", Platform: inbox.Email, Options: &Options{IMAPAddr: host + ":143", SMTPAddr: host + ":25", Username: "humas", Address: "humas@kab.example", Password: config.Secret{Value: "rahasia"}, Insecure: true}}
		pc, err := New(acct, nil)
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithCancel(t.Context())
		cancel()
		seen := false
		for _, fd := range pc.(*Connector).Check(ctx) {
			if strings.Contains(fd.Check, "encrypted") {
				t.Errorf("%s: insecure = true, yet doctor reports %q", host, fd.Check)
			}
			if strings.Contains(fd.Check, "clear text") {
				seen = true
				if fd.OK != (host == "127.0.0.1") {
					t.Errorf("%s: %q ok = %v", host, fd.Check, fd.OK)
				}
			}
		}
		if !seen {
			t.Errorf("%s: no finding says the password goes in clear text", host)
		}
	}
}

// A session that breaks after login is not blamed on the folder name; a
// server that answers NO to the folder is.
func TestCheckSessionFailureIsNotTheFolder(t *testing.T) {
	if serverAnswered(io.ErrUnexpectedEOF) || serverAnswered(&net.OpError{Op: "read", Err: errors.New("connection reset by peer")}) {
		t.Error("a broken connection counted as the server's answer about the folder")
	}
	if !serverAnswered(fmt.Errorf("imap: status: %w", &imap.Error{Type: imap.StatusResponseTypeNo, Code: imap.ResponseCodeNonExistent, Text: "Mailbox doesn't exist"})) {
		t.Error("a NO [NONEXISTENT] did not count as the server's answer")
	}
}

// TestRedaction makes a careless server quote the password back in every
// refusal; no error or finding may carry it.
func TestRedaction(t *testing.T) {
	f := newFakeMail(t)
	conn := c(t, f)
	f.EchoPassword()
	f.SetPassword("yang-lain")
	var texts []string
	if _, err := conn.Fetch(t.Context(), ""); err != nil {
		texts = append(texts, err.Error())
	} else {
		t.Fatal("fetch with a refused password succeeded")
	}
	if err := conn.submit(t.Context(), "a@b.example", []byte("x")); err != nil {
		texts = append(texts, err.Error())
	} else {
		t.Fatal("submit with a refused password succeeded")
	}
	for _, fd := range conn.Check(t.Context()) {
		texts = append(texts, fd.Check, fd.Fix)
	}
	joined := strings.Join(texts, "\n")
	if !strings.Contains(joined, config.Redacted) {
		t.Fatalf("the server's echo was not seen at all: %s", joined)
	}
	if strings.Contains(joined, fakePassword) {
		t.Fatalf("password leaked:\n%s", joined)
	}
}

func TestNewValidates(t *testing.T) {
	base := config.Account{Name: "x", Platform: inbox.Email, Options: &Options{IMAPAddr: "imap.kab.example:993", SMTPAddr: "smtp.kab.example:587", Username: "humas", Address: "humas@kab.example", Password: config.Secret{Env: "SAPA_TEST_EMAIL_PW"}}}
	t.Setenv("SAPA_TEST_EMAIL_PW", "dari-lingkungan")
	pc, err := New(base, nil)
	if err != nil {
		t.Fatal(err)
	}
	cn := pc.(*Connector)
	if cn.password != "dari-lingkungan" || cn.sent != "Sent" || cn.mailbox != "INBOX" || cn.historyDays != 7 || cn.domain != "kab.example" {
		t.Errorf("defaults: %+v", cn)
	}
	if caps := cn.Capabilities(); caps.MaxLength != 0 || !caps.ReadBack || caps.IdempotencyWindow != 0 || caps.ReplyWindow != 0 {
		t.Errorf("capabilities %+v", caps)
	}
	for name, mod := range map[string]func(*Options){
		"bad address":  func(o *Options) { o.Address = "bukan alamat" },
		"no port":      func(o *Options) { o.IMAPAddr = "imap.kab.example" },
		"no password":  func(o *Options) { o.Password = config.Secret{} },
		"unset secret": func(o *Options) { o.Password = config.Secret{Env: "SAPA_TEST_EMAIL_NONE"} },
	} {
		a, o := base, *base.Options.(*Options)
		mod(&o)
		a.Options = &o
		if _, err := New(a, nil); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

func TestPickTLS(t *testing.T) {
	for _, tc := range []struct {
		addr, key string
		insecure  bool
		want      tlsMode
	}{
		{"imap.kab.example:993", "imap_addr", false, tlsImplicit},
		{"imap.kab.example:143", "imap_addr", false, tlsStartTLS},
		{"imap.kab.example:143", "imap_addr", true, tlsNone},
		{"smtp.kab.example:465", "smtp_addr", false, tlsImplicit},
		{"smtp.kab.example:587", "smtp_addr", false, tlsStartTLS},
		{"smtp.kab.example:25", "smtp_addr", false, tlsStartTLS},
		{"127.0.0.1:2525", "smtp_addr", true, tlsNone},
	} {
		if got, err := pickTLS(tc.addr, tc.key, tc.insecure); err != nil || got != tc.want {
			t.Errorf("pickTLS(%s, %s, %v) = %v, %v; want %v", tc.addr, tc.key, tc.insecure, got, err, tc.want)
		}
	}
}

// testCert borrows httptest's self-signed certificate (valid for 127.0.0.1)
// and a client configuration that trusts it.
func testCert(t *testing.T) (server, client *tls.Config) {
	ts := httptest.NewTLSServer(http.NotFoundHandler())
	t.Cleanup(ts.Close)
	tr := ts.Client().Transport.(*http.Transport)
	return &tls.Config{Certificates: ts.TLS.Certificates}, tr.TLSClientConfig.Clone()
}

func TestTLSModes(t *testing.T) {
	for _, implicit := range []bool{false, true} {
		srv, cli := testCert(t)
		f := newFakeMailWith(t, fakeOpts{tls: srv, implicit: implicit})
		acct := f.account()
		acct.Options.(*Options).Insecure = false
		conn := f.connector(t, acct)
		conn.tlsConfig = cli
		conn.imapTLS, conn.smtpTLS = tlsStartTLS, tlsStartTLS
		if implicit {
			conn.imapTLS, conn.smtpTLS = tlsImplicit, tlsImplicit
		}
		want := f.AddInbound(t, "lewat TLS")
		items, _ := platformtest.FetchAll(t, conn, "")
		if len(items) != 1 || items[0].Message.ExternalID != want[0] {
			t.Fatalf("implicit=%v: fetched %v", implicit, ids(items))
		}
		r := replyToItem(items[0], "dibalas lewat TLS", "tls")
		if _, err := conn.Send(t.Context(), r); err != nil {
			t.Fatalf("implicit=%v: send: %v", implicit, err)
		}

		// A certificate we do not trust is a configuration problem.
		stranger := f.connector(t, acct)
		stranger.imapTLS = conn.imapTLS
		_, err := stranger.Fetch(t.Context(), "")
		var pe *platforms.Error
		if !errors.As(err, &pe) || pe.Kind != platforms.KindPermanent || pe.Fix != fixTLS {
			t.Fatalf("implicit=%v: untrusted certificate: %v", implicit, err)
		}
	}
}

func replyToItem(in inbox.Inbound, text, key string) inbox.Reply {
	return inbox.Reply{IdempotencyKey: key, Thread: in.Thread, InReplyTo: in.Message.ExternalID, Recipient: in.Message.Author, Text: text}
}
