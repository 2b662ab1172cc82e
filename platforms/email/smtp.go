package email

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"regexp"
	"strings"
	"time"

	"github.com/emersion/go-message/mail"
	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"

	"sapa/inbox"
	"sapa/platforms"
)

// Send implements platforms.Connector. The reply goes to r.Recipient.Handle
// with In-Reply-To set to r.InReplyTo (the parent's Message-ID) and
// References rebuilt from the thread root and the parent. The order of work
// is what makes FindSent trustworthy: append a \Draft copy to the Sent
// mailbox, submit over SMTP, then clear \Draft. A copy without \Draft found
// before submitting means an earlier attempt was accepted: nothing is resent.
func (c *Connector) Send(ctx context.Context, r inbox.Reply) (inbox.Sent, error) {
	to, err := mail.ParseAddress(r.Recipient.Handle)
	if err != nil {
		return inbox.Sent{}, &platforms.Error{Kind: platforms.KindPermanent,
			Message: "email: the recipient has no valid email address",
			Fix:     "the citizen's message carried no usable From or Reply-To address; answer through another channel"}
	}
	if strings.TrimSpace(r.Text) == "" {
		return inbox.Sent{}, platforms.Errorf(platforms.KindPermanent, "email: empty reply")
	}
	if r.IdempotencyKey == "" {
		return inbox.Sent{}, platforms.Errorf(platforms.KindPermanent, "email: reply has no idempotency key")
	}
	id := c.messageID(r.IdempotencyKey)
	now := c.now()
	raw, err := c.compose(r, to.Address, id, now)
	if err != nil {
		return inbox.Sent{}, platforms.Errorf(platforms.KindPermanent, "email: composing the reply: %v", err)
	}

	s, err := c.openIMAP(ctx, nil)
	if err != nil {
		return inbox.Sent{}, err
	}
	defer s.close()
	cp, err := c.prepareSentCopy(s, id, raw, now)
	if err != nil {
		return inbox.Sent{}, err
	}
	if cp.sent {
		return inbox.Sent{ExternalID: id, SentAt: cp.date}, nil
	}

	if err := c.submit(ctx, to.Address, raw); err != nil {
		if platforms.KindOf(err) != platforms.KindAmbiguous {
			// Surely not accepted: the copy must not look pending.
			c.dropSentCopy(s, cp.uids)
		}
		return inbox.Sent{}, err
	}
	if err := c.markSent(s, cp.uids); err != nil {
		c.markSentFresh(id, err)
	}
	return inbox.Sent{ExternalID: id, SentAt: now}, nil
}

// submit runs one SMTP transaction. Errors are classified by how far the
// dialogue got (see smtpErr).
func (c *Connector) submit(ctx context.Context, to string, raw []byte) error {
	cl, stop, err := c.openSMTP(ctx)
	if err != nil {
		return err
	}
	defer func() {
		stop()
		_ = cl.Close()
	}()
	if err := cl.Mail(c.address, nil); err != nil {
		return c.smtpErr(stageEnvelope, err)
	}
	if err := cl.Rcpt(to, nil); err != nil {
		return c.smtpErr(stageEnvelope, err)
	}
	w, err := cl.Data()
	if err != nil {
		return c.smtpErr(stageEnvelope, err)
	}
	if _, err := w.Write(raw); err != nil {
		// The final dot was never written: the server cannot have accepted.
		return c.smtpErr(stageEnvelope, err)
	}
	if err := ctx.Err(); err != nil {
		return c.transportErr("smtp: cancelled before the end of data", err)
	}
	if err := w.Close(); err != nil {
		return c.smtpErr(stageFinal, err)
	}
	_ = cl.Quit() // accepted: a failing QUIT changes nothing
	return nil
}

// openSMTP connects, secures, greets and authenticates. AUTH PLAIN is used
// (LOGIN when the server offers only that); an Insecure account talking to a
// relay that offers no AUTH at all sends without it.
func (c *Connector) openSMTP(ctx context.Context) (*smtp.Client, func() bool, error) {
	conn, err := c.dial(ctx, c.smtpAddr, c.smtpTLS)
	if err != nil {
		return nil, nil, c.transportErr("smtp: connect "+c.smtpAddr, err)
	}
	stop := context.AfterFunc(ctx, func() { _ = conn.Close() })
	fail := func(e error) (*smtp.Client, func() bool, error) {
		stop()
		_ = conn.Close()
		return nil, nil, e
	}
	var cl *smtp.Client
	if c.smtpTLS == tlsStartTLS {
		if cl, err = smtp.NewClientStartTLS(conn, c.tlsFor(c.smtpAddr)); err != nil {
			return fail(c.smtpErr(stageConnect, err))
		}
	} else {
		cl = smtp.NewClient(conn)
	}
	cl.CommandTimeout = smtpTimeout
	cl.SubmissionTimeout = smtpTimeout
	if err := cl.Hello("localhost"); err != nil {
		return fail(c.smtpErr(stageConnect, err))
	}
	var auth sasl.Client
	switch {
	case cl.SupportsAuth("PLAIN"):
		auth = sasl.NewPlainClient("", c.username, c.password)
	case cl.SupportsAuth("LOGIN"):
		auth = sasl.NewLoginClient(c.username, c.password)
	case c.insecure:
		return cl, stop, nil
	default:
		return fail(&platforms.Error{Kind: platforms.KindAuth,
			Message: "smtp: " + c.smtpAddr + " offers no AUTH PLAIN or LOGIN",
			Fix:     "use the provider's submission port (587 with STARTTLS or 465 with TLS)"})
	}
	if err := cl.Auth(auth); err != nil {
		return fail(c.smtpErr(stageAuth, err))
	}
	return cl, stop, nil
}

// compose builds the reply as a single text/plain part, UTF-8,
// quoted-printable.
func (c *Connector) compose(r inbox.Reply, to, id string, now time.Time) ([]byte, error) {
	var h mail.Header
	h.SetDate(now)
	h.SetAddressList("From", []*mail.Address{{Name: oneLine(c.fromName), Address: c.address}})
	h.SetAddressList("To", []*mail.Address{{Name: oneLine(r.Recipient.Name), Address: to}})
	h.SetSubject(replySubject(r))
	h.SetMessageID(id)
	root, parent := r.Thread.ExternalKey, r.InReplyTo
	var refs []string
	if isMsgID(root) {
		refs = append(refs, root)
	}
	if isMsgID(parent) {
		h.SetMsgIDList("In-Reply-To", []string{parent})
		if parent != root {
			refs = append(refs, parent)
		}
	}
	if len(refs) > 0 {
		h.SetMsgIDList("References", refs)
	}
	h.SetContentType("text/plain", map[string]string{"charset": "utf-8"})
	h.Set("Content-Transfer-Encoding", "quoted-printable")

	var buf bytes.Buffer
	w, err := mail.CreateSingleInlineWriter(&buf, h)
	if err != nil {
		return nil, err
	}
	// The quoted-printable writer turns every "\n" into CRLF.
	if _, err := io.WriteString(w, strings.ReplaceAll(r.Text, "\r\n", "\n")); err != nil {
		return nil, err
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// replySubject is "Re: " and the subject without any reply markers, so a
// long exchange never reads "Re: Re: Re:".
func replySubject(r inbox.Reply) string {
	s := r.Subject
	if s == "" {
		s = r.Thread.Title
	}
	return "Re: " + cleanSubject(oneLine(s))
}

// oneLine replaces control characters with spaces: a decoded header can hold
// an encoded CR LF, which must never become a header break in our reply.
func oneLine(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return ' '
		}
		return r
	}, s)
}

// isMsgID reports whether s can go between angle brackets in a header: a
// real Message-ID, not one Sapa derived for a message that had none.
func isMsgID(s string) bool {
	return s != "" && strings.Contains(s, "@") && !strings.HasSuffix(s, "@sapa.invalid") &&
		!strings.ContainsAny(s, "<> \t\r\n")
}

// safeKey matches idempotency keys usable verbatim in a Message-ID.
var safeKey = regexp.MustCompile(`^[A-Za-z0-9_-]{1,64}$`)

// idPart turns an idempotency key into the left part of our Message-ID.
func idPart(key string) string {
	if safeKey.MatchString(key) {
		return key
	}
	sum := sha256.Sum256([]byte(key))
	return hex.EncodeToString(sum[:16])
}
