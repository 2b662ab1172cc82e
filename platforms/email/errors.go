package email

import (
	"context"
	"crypto/x509"
	"errors"
	"fmt"
	"strings"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-smtp"

	"sapa/platforms"
)

// Fixes shown to the admin with auth and configuration errors.
const (
	fixIMAPAuth = "check username and password; providers with two-step login (Gmail, Outlook) need an app password, and IMAP must be enabled for the mailbox"
	fixSMTPAuth = "check username and password for SMTP submission; providers with two-step login need an app password"
	fixTLS      = "the server's certificate does not match imap_addr/smtp_addr: use the host name the provider documents"
)

// wrapped builds a typed error whose text is redacted of the password.
func (c *Connector) wrapped(k platforms.Kind, msg, fix string, err error) *platforms.Error {
	e := &platforms.Error{Kind: k, Message: c.redact(msg), Fix: fix}
	if err != nil {
		e.Err = errors.New(c.redact(err.Error()))
	}
	return e
}

// rateLimited is the error for a server that signalled a limit without
// saying for how long.
func (c *Connector) rateLimited(msg string) *platforms.Error {
	return platforms.RateLimited(c.now().Add(limitBackoff), c.redact(msg))
}

// transportErr classifies an error below the protocol: the request surely
// did not take effect, except that a certificate problem will not go away by
// retrying.
func (c *Connector) transportErr(what string, err error) *platforms.Error {
	var certErr *x509.HostnameError
	var authErr x509.UnknownAuthorityError
	var invalid x509.CertificateInvalidError
	switch {
	case errors.As(err, &certErr), errors.As(err, &authErr), errors.As(err, &invalid):
		return c.wrapped(platforms.KindPermanent, what+": TLS certificate rejected", fixTLS, err)
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return c.wrapped(platforms.KindTransient, what+": cancelled", "", err)
	}
	return c.wrapped(platforms.KindTransient, what, "", err)
}

// imapErr classifies an error from an IMAP command. login says whether it
// came from LOGIN, where a bare NO means the credentials were refused.
func (c *Connector) imapErr(what string, err error, login bool) *platforms.Error {
	var ie *imap.Error
	if !errors.As(err, &ie) {
		return c.transportErr(what, err)
	}
	text := string(ie.Type) + " "
	if ie.Code != "" {
		text += "[" + string(ie.Code) + "] "
	}
	text += ie.Text
	msg := what + ": " + text
	switch {
	case isIMAPLimit(ie):
		return c.rateLimited(msg)
	case ie.Code == imap.ResponseCodeAuthenticationFailed, ie.Code == imap.ResponseCodeAuthorizationFailed,
		ie.Code == imap.ResponseCodeExpired, ie.Code == imap.ResponseCodePrivacyRequired:
		return c.wrapped(platforms.KindAuth, msg, fixIMAPAuth, nil)
	case login:
		// Servers answer a refused LOGIN with NO and varied words (Gmail:
		// "[ALERT] Application-specific password required").
		return c.wrapped(platforms.KindAuth, msg, fixIMAPAuth, nil)
	case ie.Code == imap.ResponseCodeNonExistent, ie.Code == imap.ResponseCodeTryCreate:
		return c.wrapped(platforms.KindPermanent, msg, "check the mailbox names (mailbox, sent_mailbox); `sapa doctor` lists the server's folders", nil)
	case ie.Type == imap.StatusResponseTypeBad:
		return c.wrapped(platforms.KindPermanent, msg, "", nil)
	}
	return c.wrapped(platforms.KindTransient, msg, "", nil)
}

// isIMAPLimit recognises a server saying "too much, come back later": the
// RFC 5530 codes UNAVAILABLE and LIMIT (Dovecot: "Maximum number of
// connections from user+IP exceeded") and Gmail's "[ALERT] Too many
// simultaneous connections".
func isIMAPLimit(ie *imap.Error) bool {
	if ie.Code == imap.ResponseCodeUnavailable || ie.Code == imap.ResponseCodeLimit || ie.Code == "THROTTLED" {
		return true
	}
	t := strings.ToLower(ie.Text)
	return strings.Contains(t, "too many simultaneous") || strings.Contains(t, "maximum number of connections")
}

// smtpStage is where in the SMTP dialogue an error happened, which decides
// whether the message may have been accepted.
type smtpStage int

const (
	stageConnect smtpStage = iota // greeting, EHLO, STARTTLS
	stageAuth
	stageEnvelope // MAIL, RCPT, DATA (before 354), writing the body
	stageFinal    // the reply to the final dot
)

// smtpErr classifies an SMTP error. Before the final dot the server cannot
// have accepted the message, so anything but an explicit refusal is
// transient. After it, an explicit 4xx/5xx reply is still a refusal (RFC 5321
// §4.1.1.4: only 250 accepts responsibility), but a lost or late reply is
// ambiguous: the server may have accepted the message (RFC 1047).
func (c *Connector) smtpErr(stage smtpStage, err error) *platforms.Error {
	var se *smtp.SMTPError
	if !errors.As(err, &se) {
		if stage == stageFinal {
			return c.wrapped(platforms.KindAmbiguous, "smtp: no answer after the message was sent; it may have been delivered", "", err)
		}
		if stage == stageConnect {
			return c.transportErr("smtp: connect "+c.smtpAddr, err)
		}
		return c.transportErr("smtp", err)
	}
	msg := fmt.Sprintf("smtp: %d", se.Code)
	if se.EnhancedCode != smtp.NoEnhancedCode && se.EnhancedCode != smtp.EnhancedCodeNotSet {
		msg += fmt.Sprintf(" %d.%d.%d", se.EnhancedCode[0], se.EnhancedCode[1], se.EnhancedCode[2])
	}
	if se.Message != "" {
		msg += " " + se.Message
	}
	ec := se.EnhancedCode
	switch {
	case se.Code == 421, se.Code/100 == 4 && ec[0] == 4 && ec[1] == 7 && stage != stageAuth:
		// "421 4.7.0 Try again later", "450 4.7.1 rate limited".
		return c.rateLimited(msg)
	case ec[1] == 4 && ec[2] == 5:
		// x.4.5: the provider's sending quota (Gmail's daily limit).
		return platforms.RateLimited(c.now().Add(quotaBackoff), c.redact(msg))
	case se.Code == 535, se.Code == 534, se.Code == 530, stage == stageAuth && se.Code/100 == 5:
		return c.wrapped(platforms.KindAuth, msg, fixSMTPAuth, nil)
	case se.Code/100 == 4:
		return c.wrapped(platforms.KindTransient, msg, "", nil)
	case stage == stageEnvelope && se.Code == 553:
		return c.wrapped(platforms.KindPermanent, msg, "the server refuses the From address: set address to one this login may send as", nil)
	}
	return c.wrapped(platforms.KindPermanent, msg, "", nil)
}
