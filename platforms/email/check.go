package email

import (
	"context"
	"errors"
	"net"
	"slices"
	"strings"

	"github.com/emersion/go-imap/v2"

	"sapa/platforms"
)

// Check implements platforms.Checker for `sapa doctor`: IMAP login, both
// mailboxes, IDLE, SMTP login, and whether the password travels encrypted.
func (c *Connector) Check(ctx context.Context) []platforms.Finding {
	var out []platforms.Finding
	add := func(check string, ok bool, fix string) {
		out = append(out, platforms.Finding{Check: check, OK: ok, Fix: fix})
	}
	if c.insecure {
		// Never "encrypted: ok": with insecure = true it is not. Clear
		// text is acceptable only to a server on this very machine.
		local := isLoopback(hostOf(c.imapAddr)) && isLoopback(hostOf(c.smtpAddr))
		check := "password sent in clear text (insecure = true) to a server on this machine"
		if !local {
			check = "password sent in clear text (insecure = true) over the network"
		}
		add(check, local,
			"insecure = true sends the password in clear text to a server that is not on this machine: remove it and use ports 993 and 587 (or 465)")
	}

	if s, err := c.openIMAP(ctx, nil); err != nil {
		add("IMAP login at "+c.imapAddr+" as "+c.username, false, fixFor(err, "check imap_addr (host:port, 993 for TLS) and that the server is reachable"))
	} else {
		add("IMAP login at "+c.imapAddr+" as "+c.username, true, "")
		c.checkMailboxes(s, add)
		if caps := s.Caps(); caps.Has(imap.CapIdle) || caps.Has(imap.CapIMAP4rev2) {
			add("new mail pushed by IMAP IDLE", true, "")
		} else {
			add("new mail found by polling (the server offers no IDLE)", true, "")
		}
		s.close()
	}

	if cl, stop, err := c.openSMTP(ctx); err != nil {
		add("SMTP login at "+c.smtpAddr+" as "+c.username, false, fixFor(err, "check smtp_addr (587 for STARTTLS, 465 for TLS) and that the server is reachable"))
	} else {
		add("SMTP login at "+c.smtpAddr+" as "+c.username, true, "")
		_ = cl.Quit()
		stop()
		_ = cl.Close()
	}
	return out
}

// checkMailboxes reports whether the inbox and the Sent mailbox exist, and
// proposes the server's own sent folder when the configured one is missing.
func (c *Connector) checkMailboxes(s *imapConn, add func(string, bool, string)) {
	opts := &imap.StatusOptions{UIDValidity: true}
	if _, err := s.Status(c.mailbox, opts).Wait(); err != nil {
		if !serverAnswered(err) {
			// The session broke (connection dropped, timeout): the
			// folder name may be right; nothing more can be checked.
			add("IMAP session stays up after login", false, fixFor(c.imapErr("imap: status", err, false),
				"the server ended the session: check that it is reachable and stable, then run `sapa doctor` again"))
			return
		}
		add("mailbox "+c.mailbox+" exists", false, fixFor(c.imapErr("imap: status", err, false), "set mailbox to an existing folder"))
	} else {
		add("mailbox "+c.mailbox+" exists", true, "")
	}
	if _, err := s.Status(c.sent, opts).Wait(); err != nil {
		fix := "set sent_mailbox to the server's sent folder; replies cannot be sent without it"
		if names := sentCandidates(s); len(names) > 0 {
			fix = "set sent_mailbox to " + strings.Join(quoteAll(names), " or ") + "; replies cannot be sent without it"
		}
		add("sent mailbox "+c.sent+" exists", false, fix)
	} else {
		add("sent mailbox "+c.sent+" exists", true, "")
	}
}

// serverAnswered reports whether err is the IMAP server's own answer (NO or
// BAD to the command) rather than a broken session.
func serverAnswered(err error) bool {
	var ie *imap.Error
	return errors.As(err, &ie)
}

// sentCandidates lists folders that look like the account's sent folder:
// marked \Sent (RFC 6154) or named like one.
func sentCandidates(s *imapConn) []string {
	opts := &imap.ListOptions{}
	if s.Caps().Has(imap.CapSpecialUse) {
		opts.ReturnSpecialUse = true
	}
	list, err := s.List("", "*", opts).Collect()
	if err != nil {
		return nil
	}
	var names []string
	for _, l := range list {
		lower := strings.ToLower(l.Mailbox)
		if slices.Contains(l.Attrs, imap.MailboxAttrSent) || strings.Contains(lower, "sent") || strings.Contains(lower, "terkirim") {
			names = append(names, l.Mailbox)
		}
	}
	return names
}

func quoteAll(names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = `"` + n + `"`
	}
	return out
}

// fixFor turns a connector error into a Finding's fix: the server's words
// and the error's own fix, or fallback.
func fixFor(err error, fallback string) string {
	var pe *platforms.Error
	if !errors.As(err, &pe) {
		return fallback
	}
	fix := pe.Fix
	if fix == "" {
		fix = fallback
	}
	return pe.Error() + " — " + fix
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
