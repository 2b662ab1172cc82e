// Package email connects Sapa to an office mailbox over IMAP (reading) and
// SMTP (replying), using emersion's go-imap v2, go-smtp and go-message: no
// protocol code is written here.
//
// Reading: the configured mailbox is examined read-only; the cursor is the
// mailbox's UIDVALIDITY and the last UID seen, so a restart resumes with no
// gap, and a UIDVALIDITY change re-reads the history window (the store
// dedupes on Message-ID, the external id of every message). A thread is keyed
// by its root Message-ID: the first entry of References, else In-Reply-To,
// else the message's own id.
//
// Replying: a text/plain, UTF-8, quoted-printable message with In-Reply-To and
// References, and a Message-ID derived from the reply's idempotency key, so a
// resend is recognisable. Before the SMTP transaction a copy is appended to
// the Sent mailbox flagged \Draft; once the server accepts the message the flag
// is removed. FindSent therefore knows: no copy means surely not sent, a copy
// without \Draft means sent, a copy still flagged \Draft means the outcome is
// unknown.
//
// Transport security is chosen by port unless Insecure is set (plain TCP, for
// tests and local relays only): IMAP 143 uses STARTTLS, any other IMAP port
// implicit TLS (993); SMTP 465 uses implicit TLS, any other SMTP port (587,
// 25) STARTTLS, which is then required.
package email

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/mail"
	"strings"
	"time"

	"sapa/config"
	"sapa/inbox"
	"sapa/platforms"
)

// Defaults that the account may leave out.
const (
	defaultMailbox     = "INBOX"
	defaultSent        = "Sent"
	defaultHistoryDays = 7
	defaultPageSize    = 20
	// maxFetchBytes bounds how much of one message a fetch downloads: the
	// text parts come first in practice, attachments after them.
	maxFetchBytes = 1 << 20
	// secretTimeout bounds resolving the password at construction.
	secretTimeout = 15 * time.Second
	// dialTimeout bounds connecting to either server.
	dialTimeout = 30 * time.Second
	// smtpTimeout bounds each SMTP command and the wait after the final dot.
	smtpTimeout = 2 * time.Minute
	// limitBackoff is how long to wait after a server signals a limit
	// (IMAP [UNAVAILABLE]/[LIMIT], SMTP 421 or 4.7.x): neither protocol says
	// for how long, so Sapa waits a few minutes.
	limitBackoff = 5 * time.Minute
	// quotaBackoff is the wait after a daily sending quota (SMTP 5.4.5).
	quotaBackoff = time.Hour
)

// tlsMode is how a connection is secured.
type tlsMode int

const (
	tlsImplicit tlsMode = iota // TLS from the first byte (993, 465)
	tlsStartTLS                // plain greeting, then STARTTLS (143, 587, 25)
	tlsNone                    // plain TCP: Insecure accounts only
)

// The optional extras this connector offers.
var (
	_ platforms.Connector  = (*Connector)(nil)
	_ platforms.Reconciler = (*Connector)(nil)
	_ platforms.Checker    = (*Connector)(nil)
	_ platforms.Factory    = New
)

// Connector is one email account. It holds no connection between calls:
// every Fetch, Send, FindSent and Check opens its own, so a dropped link
// never leaves a half-used session behind, and calls are safe to run from
// several goroutines.
type Connector struct {
	log         *slog.Logger
	name        string
	imapAddr    string
	smtpAddr    string
	imapTLS     tlsMode
	smtpTLS     tlsMode
	username    string
	address     string // the office's From address
	fromName    string // its display name ("Pengaduan Pemkab"), shown in From
	domain      string // right-hand side of address, for our Message-IDs
	mailbox     string
	sent        string
	password    string
	insecure    bool
	historyDays int

	// Unexported knobs the tests set; zero means the default.
	pageSize  int
	tlsConfig *tls.Config // nil: system roots, server name from the address
	now       func() time.Time
}

// New builds the connector for acct. It is a platforms.Factory. The password
// is resolved here, once, with a bounded context.
func New(acct config.Account, log *slog.Logger) (platforms.Connector, error) {
	o, err := platforms.OptionsOf[*Options](acct)
	if err != nil {
		return nil, err
	}
	c := &Connector{
		log:         platforms.Quiet(log),
		name:        acct.Name,
		imapAddr:    o.IMAPAddr,
		smtpAddr:    o.SMTPAddr,
		username:    o.Username,
		mailbox:     o.Mailbox,
		sent:        o.SentMailbox,
		insecure:    o.Insecure,
		historyDays: acct.HistoryDays,
		pageSize:    defaultPageSize,
		now:         time.Now,
	}
	if c.mailbox == "" {
		c.mailbox = defaultMailbox
	}
	if c.sent == "" {
		c.sent = defaultSent
	}
	if c.historyDays <= 0 {
		c.historyDays = defaultHistoryDays
	}
	from, err := mail.ParseAddress(o.Address)
	if err != nil {
		return nil, fmt.Errorf("email: address %q is not an email address", o.Address)
	}
	c.address, c.fromName = from.Address, from.Name
	c.domain = c.address[strings.LastIndexByte(c.address, '@')+1:]
	if c.username == "" {
		c.username = c.address
	}
	if c.imapTLS, err = pickTLS(o.IMAPAddr, "imap_addr", o.Insecure); err != nil {
		return nil, err
	}
	if c.smtpTLS, err = pickTLS(o.SMTPAddr, "smtp_addr", o.Insecure); err != nil {
		return nil, err
	}
	if !o.Password.IsZero() {
		ctx, cancel := context.WithTimeout(context.Background(), secretTimeout)
		defer cancel()
		// Resolve's errors name the source, never the secret.
		if c.password, err = o.Password.Resolve(ctx); err != nil {
			return nil, fmt.Errorf("email: password: %w", err)
		}
	} else if !o.Insecure {
		return nil, errors.New("email: password is required (set password.env or password.cmd)")
	}
	return c, nil
}

// pickTLS chooses how to secure a connection to addr: plain when insecure;
// for IMAP, STARTTLS on 143 and implicit TLS elsewhere (993); for SMTP,
// implicit TLS on 465 and STARTTLS elsewhere (587, 25, 2525).
func pickTLS(addr, key string, insecure bool) (tlsMode, error) {
	if _, _, err := net.SplitHostPort(addr); err != nil {
		return 0, fmt.Errorf("email: %s %q is not host:port", key, addr)
	}
	port := portOf(addr)
	switch {
	case insecure:
		return tlsNone, nil
	case key == "imap_addr" && port == "143":
		return tlsStartTLS, nil
	case key == "imap_addr":
		return tlsImplicit, nil
	case port == "465":
		return tlsImplicit, nil
	default:
		return tlsStartTLS, nil
	}
}

func portOf(addr string) string {
	_, port, _ := net.SplitHostPort(addr)
	return port
}

func hostOf(addr string) string {
	host, _, _ := net.SplitHostPort(addr)
	return host
}

// Platform implements platforms.Connector.
func (c *Connector) Platform() inbox.Platform { return inbox.Email }

// Capabilities implements platforms.Connector. Email has no length limit and
// no reply window; the Sent mailbox makes our own replies readable back.
// SMTP honours no idempotency key: our Message-ID only lets receivers and
// FindSent recognise a resend, so it declares no IdempotencyWindow.
func (c *Connector) Capabilities() inbox.Capabilities { return Descriptor().Capabilities }

// tlsFor returns the TLS configuration for a server at addr.
func (c *Connector) tlsFor(addr string) *tls.Config {
	if c.tlsConfig != nil {
		cfg := c.tlsConfig.Clone()
		if cfg.ServerName == "" {
			cfg.ServerName = hostOf(addr)
		}
		return cfg
	}
	return &tls.Config{ServerName: hostOf(addr), MinVersion: tls.VersionTLS12}
}

// dial opens a TCP connection (with implicit TLS when mode says so) that ends
// when ctx does.
func (c *Connector) dial(ctx context.Context, addr string, mode tlsMode) (net.Conn, error) {
	d := &net.Dialer{Timeout: dialTimeout}
	if mode == tlsImplicit {
		td := &tls.Dialer{NetDialer: d, Config: c.tlsFor(addr)}
		return td.DialContext(ctx, "tcp", addr)
	}
	return d.DialContext(ctx, "tcp", addr)
}

// messageID is the Message-ID (without angle brackets) of the reply with the
// given idempotency key: stable across retries, so a resend is recognisable.
func (c *Connector) messageID(key string) string {
	return "sapa-" + idPart(key) + "@" + c.domain
}

// redact removes the password from text that came back from a server.
func (c *Connector) redact(s string) string {
	return config.Redact(s, c.password)
}
