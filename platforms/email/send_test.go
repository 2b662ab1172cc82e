package email

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-smtp"

	"sapa/inbox"
	"sapa/platforms"
)

// threadReply parses the thread-reply fixture and builds the reply the
// relay would send to it.
func threadReply(t *testing.T, key string) inbox.Reply {
	t.Helper()
	in := mustParse(t, "thread-reply.eml")
	return inbox.Reply{
		IdempotencyKey: key,
		Thread:         in.Thread,
		InReplyTo:      in.Message.ExternalID,
		Recipient:      in.Message.Author,
		Text:           "Sama-sama, Bu Rina.\nSemoga tidak terulang 🙏",
		Subject:        "Re: " + in.Thread.Title,
	}
}

func TestSendHeadersAndBody(t *testing.T) {
	f := newFakeMail(t)
	c := f.connector(t, f.account())
	r := threadReply(t, "outbox-17")
	sent, err := c.Send(t.Context(), r)
	if err != nil {
		t.Fatalf("send: %v", err)
	}
	if sent.ExternalID != "sapa-outbox-17@kab.example" {
		t.Errorf("external id %q", sent.ExternalID)
	}
	if len(f.Received()) != 1 {
		t.Fatalf("received %d messages", len(f.Received()))
	}
	h, text := readMail(t, f.Received()[0])
	if text != "Sama-sama, Bu Rina.\r\nSemoga tidak terulang 🙏" {
		t.Errorf("body = %q", text)
	}
	subj, _ := h.Subject()
	id, _ := h.MessageID()
	irt, _ := h.MsgIDList("In-Reply-To")
	refs, _ := h.MsgIDList("References")
	from, _ := h.AddressList("From")
	to, _ := h.AddressList("To")
	ct, params, _ := h.ContentType()
	switch {
	case subj != "Re: Banjir di Kecamatan Cibadak":
		t.Errorf("subject %q", subj)
	case id != sent.ExternalID:
		t.Errorf("Message-ID %q", id)
	case !slices.Equal(irt, []string{"banjir-3@mail.example"}):
		t.Errorf("In-Reply-To %v", irt)
	case !slices.Equal(refs, []string{"banjir-root@mail.example", "banjir-3@mail.example"}):
		t.Errorf("References %v", refs)
	case len(from) != 1 || from[0].Address != "humas@kab.example" || from[0].Name != "Humas Kabupaten":
		// address = "Humas Kabupaten <humas@kab.example>": the name is kept.
		t.Errorf("From %v", from)
	case len(to) != 1 || to[0].Address != "rina@mail.example":
		t.Errorf("To %v", to)
	case ct != "text/plain" || params["charset"] != "utf-8" || h.Get("Content-Transfer-Encoding") != "quoted-printable":
		t.Errorf("Content-Type %s %v, encoding %q", ct, params, h.Get("Content-Transfer-Encoding"))
	}
	copies := f.sentCopies(t)
	if len(copies) != 1 || slices.Contains(copies[0], imap.FlagDraft) || !slices.Contains(copies[0], imap.FlagSeen) {
		t.Errorf("Sent mailbox copies: %v, want one, \\Seen, not \\Draft", copies)
	}
	found, ok, err := c.FindSent(t.Context(), r)
	if err != nil || !ok || found.ExternalID != sent.ExternalID {
		t.Errorf("FindSent = %+v %v %v", found, ok, err)
	}
}

func TestSendFirstMessageReferencesItself(t *testing.T) {
	f := newFakeMail(t)
	c := f.connector(t, f.account())
	in := mustParse(t, "indonesian-qp.eml")
	r := inbox.Reply{IdempotencyKey: "k1", Thread: in.Thread, InReplyTo: in.Message.ExternalID,
		Recipient: in.Message.Author, Text: "Baik, Bu."}
	if _, err := c.Send(t.Context(), r); err != nil {
		t.Fatal(err)
	}
	h, _ := readMail(t, f.Received()[0])
	refs, _ := h.MsgIDList("References")
	subj, _ := h.Subject()
	if !slices.Equal(refs, []string{in.Message.ExternalID}) || subj != "Re: "+in.Thread.Title {
		t.Errorf("References %v subject %q", refs, subj)
	}
}

func TestSendTwiceWithSameKeySubmitsOnce(t *testing.T) {
	f := newFakeMail(t)
	c := f.connector(t, f.account())
	r := threadReply(t, "sekali")
	a, err := c.Send(t.Context(), r)
	if err != nil {
		t.Fatal(err)
	}
	b, err := f.connector(t, f.account()).Send(t.Context(), r)
	if err != nil || b.ExternalID != a.ExternalID {
		t.Fatalf("second send: %+v %v", b, err)
	}
	if len(f.Received()) != 1 || len(f.sentCopies(t)) != 1 {
		t.Fatalf("submitted %d times, %d copies", len(f.Received()), len(f.sentCopies(t)))
	}
}

func TestSendWithoutUIDPLUS(t *testing.T) {
	f := newFakeMail(t, imap.CapIMAP4rev1)
	c := f.connector(t, f.account())
	r := threadReply(t, "tanpa-uidplus")
	if _, err := c.Send(t.Context(), r); err != nil {
		t.Fatal(err)
	}
	if copies := f.sentCopies(t); len(copies) != 1 || slices.Contains(copies[0], imap.FlagDraft) {
		t.Fatalf("copies %v", copies)
	}
}

func TestSendSMTPErrors(t *testing.T) {
	for _, tc := range []struct {
		name  string
		stage string
		err   error
		kind  platforms.Kind
	}{
		{"421 at MAIL is a rate limit", "mail", &smtp.SMTPError{Code: 421, EnhancedCode: smtp.EnhancedCode{4, 7, 0}, Message: "Try again later, closing connection"}, platforms.KindRateLimited},
		{"450 4.7.1 at RCPT is a rate limit", "rcpt", &smtp.SMTPError{Code: 450, EnhancedCode: smtp.EnhancedCode{4, 7, 1}, Message: "rate limited"}, platforms.KindRateLimited},
		{"451 at RCPT is transient", "rcpt", &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "local error"}, platforms.KindTransient},
		{"550 at RCPT is permanent", "rcpt", &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "no such user"}, platforms.KindPermanent},
		{"daily quota waits an hour", "mail", &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 4, 5}, Message: "Daily user sending limit exceeded"}, platforms.KindRateLimited},
		{"451 after the dot is an explicit refusal", "data", &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "queue full"}, platforms.KindTransient},
		{"554 after the dot is permanent", "data", &smtp.SMTPError{Code: 554, EnhancedCode: smtp.EnhancedCode{5, 7, 1}, Message: "spam"}, platforms.KindPermanent},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFakeMail(t)
			c := f.connector(t, f.account())
			f.FailSMTPOnce(tc.stage, tc.err)
			r := threadReply(t, "gagal")
			_, err := c.Send(t.Context(), r)
			var pe *platforms.Error
			if !errors.As(err, &pe) || pe.Kind != tc.kind {
				t.Fatalf("got %v, want %s", err, tc.kind)
			}
			if tc.kind == platforms.KindRateLimited && time.Until(pe.RetryAt) < time.Minute {
				t.Errorf("retry at %v: a limit without a time still waits minutes", pe.RetryAt)
			}
			if n := len(f.sentCopies(t)); n != 0 {
				t.Errorf("a refused reply left %d copies in Sent", n)
			}
			if _, ok, err := c.FindSent(t.Context(), r); ok || err != nil {
				t.Errorf("FindSent after a refusal = %v %v, want surely not sent", ok, err)
			}
		})
	}
}

func TestSendLostAnswerIsAmbiguous(t *testing.T) {
	f := newFakeMail(t)
	c := f.connector(t, f.account())
	f.DropNextData()
	r := threadReply(t, "hilang")
	_, err := c.Send(t.Context(), r)
	if platforms.KindOf(err) != platforms.KindAmbiguous {
		t.Fatalf("want ambiguous, got %v", err)
	}
	copies := f.sentCopies(t)
	if len(copies) != 1 || !slices.Contains(copies[0], imap.FlagDraft) {
		t.Fatalf("copies %v: the pending copy must stay \\Draft", copies)
	}
	_, ok, err := c.FindSent(t.Context(), r)
	if ok || platforms.KindOf(err) != platforms.KindAmbiguous {
		t.Fatalf("FindSent = %v %v, want unknown", ok, err)
	}
	// The admin chooses to send again: same Message-ID, one copy, now sent.
	if _, err := c.Send(t.Context(), r); err != nil {
		t.Fatal(err)
	}
	if copies := f.sentCopies(t); len(copies) != 1 || slices.Contains(copies[0], imap.FlagDraft) {
		t.Fatalf("copies after resend %v", copies)
	}
}

func TestSendAuthAndTransportErrors(t *testing.T) {
	f := newFakeMail(t)
	c := f.connector(t, f.account())
	r := threadReply(t, "auth")

	ln := listen(t)
	dead := ln.Addr().String()
	_ = ln.Close()
	acct := f.account()
	acct.Options.(*Options).SMTPAddr = dead
	if _, err := f.connector(t, acct).Send(t.Context(), r); platforms.KindOf(err) != platforms.KindTransient {
		t.Errorf("SMTP refused: want transient, got %v", err)
	}

	f.RevokeAuth()
	_, err := c.Send(t.Context(), r)
	var pe *platforms.Error
	if !errors.As(err, &pe) || pe.Kind != platforms.KindAuth || pe.Fix == "" {
		t.Errorf("revoked password: want auth with a fix, got %v", err)
	}
	if len(f.Received()) != 0 {
		t.Errorf("%d messages submitted", len(f.Received()))
	}
}

func TestSendSMTPAuthRefused(t *testing.T) {
	f := newFakeMail(t)
	c := *f.connector(t, f.account())
	c.password = "kata-sandi-lama"
	err := c.submit(t.Context(), "rina@mail.example", []byte("Subject: x\r\n\r\nx\r\n"))
	var pe *platforms.Error
	if !errors.As(err, &pe) || pe.Kind != platforms.KindAuth || pe.Fix == "" {
		t.Fatalf("535: want auth with a fix, got %v", err)
	}
}

func TestSendRefusedBeforeNetwork(t *testing.T) {
	f := newFakeMail(t)
	c := f.connector(t, f.account())
	for name, r := range map[string]inbox.Reply{
		"no address": {IdempotencyKey: "a", Recipient: inbox.Contact{Name: "Warga"}, Text: "x"},
		"empty text": {IdempotencyKey: "b", Recipient: inbox.Contact{Handle: "a@b.example"}, Text: " \n"},
		"no key":     {Recipient: inbox.Contact{Handle: "a@b.example"}, Text: "x"},
	} {
		if _, err := c.Send(t.Context(), r); platforms.KindOf(err) != platforms.KindPermanent {
			t.Errorf("%s: want permanent, got %v", name, err)
		}
	}
	if len(f.Received()) != 0 || len(f.sentCopies(t)) != 0 {
		t.Fatal("a refused reply reached a server")
	}
}

func TestSendMissingSentMailbox(t *testing.T) {
	f := newFakeMail(t)
	acct := f.account()
	acct.Options.(*Options).SentMailbox = "Terkirim"
	c := f.connector(t, acct)
	_, err := c.Send(t.Context(), threadReply(t, "tanpa-sent"))
	var pe *platforms.Error
	if !errors.As(err, &pe) || pe.Kind != platforms.KindPermanent || !strings.Contains(pe.Fix, "sent_mailbox") {
		t.Fatalf("want permanent naming sent_mailbox, got %v", err)
	}
	if len(f.Received()) != 0 {
		t.Fatal("sent without a Sent copy: FindSent could not vouch for it")
	}
}

func TestComposeNeverBreaksHeaders(t *testing.T) {
	f := newFakeMail(t)
	c := f.connector(t, f.account())
	r := inbox.Reply{
		IdempotencyKey: "key with spaces/and:colons",
		Thread:         inbox.Thread{ExternalKey: "root@x.example", Title: "Re: RE: halo\r\nBcc: penyusup@evil.example"},
		InReplyTo:      "nomsgid-abc@sapa.invalid",
		Recipient:      inbox.Contact{Name: "Nama\r\nBcc: x@evil.example", Handle: "warga@mail.example"},
		Text:           "isi",
	}
	raw, err := c.compose(r, "warga@mail.example", c.messageID(r.IdempotencyKey), time.Now())
	if err != nil {
		t.Fatal(err)
	}
	h, _ := readMail(t, raw)
	if h.Get("Bcc") != "" || strings.Contains(string(raw), "\r\nBcc:") {
		t.Fatalf("header injected:\n%s", raw)
	}
	if h.Get("In-Reply-To") != "" {
		t.Errorf("a derived id went into In-Reply-To: %q", h.Get("In-Reply-To"))
	}
	id, _ := h.MessageID()
	if !strings.HasPrefix(id, "sapa-") || strings.ContainsAny(id, " /:") {
		t.Errorf("Message-ID %q", id)
	}
	if subj, _ := h.Subject(); strings.HasPrefix(subj, "Re: Re") || strings.HasPrefix(subj, "Re: RE") {
		t.Errorf("subject %q doubles Re:", subj)
	}
}

func TestFindSentDoesNotConfuseSimilarKeys(t *testing.T) {
	f := newFakeMail(t)
	c := f.connector(t, f.account())
	if _, err := c.Send(t.Context(), threadReply(t, "11")); err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"1", "111", "x11"} {
		if _, ok, err := c.FindSent(t.Context(), threadReply(t, key)); ok || err != nil {
			t.Errorf("key %q found the reply sent with key 11 (%v)", key, err)
		}
	}
}
