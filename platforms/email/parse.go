package email

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"html"
	"io"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/emersion/go-message"
	_ "github.com/emersion/go-message/charset" // decode ISO-8859-x, Windows-125x and other charsets
	"github.com/emersion/go-message/mail"

	"sapa/inbox"
)

// parseMessage turns one raw message into an inbound item. self is the
// office's address: its own messages come back with Direction Out. A header
// that cannot be read is an error (the caller skips the message); a body
// that breaks half-way is reported as bodyErr next to the text read so far,
// because losing a citizen's message is worse than showing part of it.
func parseMessage(raw []byte, internal time.Time, self string) (in inbox.Inbound, bodyErr, err error) {
	mr, err := mail.CreateReader(bytes.NewReader(raw))
	if mr == nil {
		return inbox.Inbound{}, nil, fmt.Errorf("unreadable header: %w", err)
	}
	h := mr.Header

	id, _ := h.MessageID()
	if id == "" {
		// No (or an unparseable) Message-ID: derive one from the header
		// bytes, which stay the same when the mailbox is re-read.
		id = "nomsgid-" + headerHash(raw) + "@sapa.invalid"
	}
	refs, _ := h.MsgIDList("References") // a partial list is still useful
	irt, _ := h.MsgIDList("In-Reply-To")
	root, parent := id, ""
	switch {
	case len(refs) > 0:
		root = refs[0]
	case len(irt) > 0:
		root = irt[0]
	}
	switch {
	case len(irt) > 0:
		parent = irt[0]
	case len(refs) > 0:
		parent = refs[len(refs)-1]
	}

	subject, serr := h.Subject()
	if serr != nil {
		subject = h.Get("Subject")
	}
	sentAt, derr := h.Date()
	if derr != nil || sentAt.IsZero() {
		sentAt = internal
	}

	from := contact(h, "From")
	author := from
	if rt := contact(h, "Reply-To"); rt.Handle != "" {
		// Replies go where the sender asked (web forms send from a robot
		// address with the citizen in Reply-To).
		author = rt
		if author.Name == "" {
			author.Name = from.Name
		}
	}
	dir := inbox.In
	if from.Handle != "" && strings.EqualFold(from.Handle, self) {
		dir = inbox.Out
	}

	text, bodyErr := bodyText(mr)
	return inbox.Inbound{
		Thread: inbox.Thread{
			ExternalKey: root,
			Kind:        inbox.KindEmail,
			Title:       cleanSubject(subject),
		},
		Message: inbox.Message{
			ExternalID: id,
			ParentID:   parent,
			Direction:  dir,
			Author:     author,
			Text:       text,
			SentAt:     sentAt,
		},
	}, bodyErr, nil
}

// contact reads the first address of a header field. An address list that
// does not parse still yields its decoded text as the name.
func contact(h mail.Header, key string) inbox.Contact {
	list, err := h.AddressList(key)
	if err == nil && len(list) > 0 {
		a := list[0]
		return inbox.Contact{ExternalID: strings.ToLower(a.Address), Name: a.Name, Handle: a.Address}
	}
	raw, terr := h.Text(key)
	if terr != nil {
		raw = h.Get(key)
	}
	return inbox.Contact{Name: strings.TrimSpace(raw)}
}

// headerHash is a short hash of the raw header block.
func headerHash(raw []byte) string {
	end := bytes.Index(raw, []byte("\r\n\r\n"))
	if end < 0 {
		end = bytes.Index(raw, []byte("\n\n"))
	}
	if end < 0 {
		end = len(raw)
	}
	sum := sha256.Sum256(raw[:end])
	return hex.EncodeToString(sum[:12])
}

// bodyText picks the message's text: the first non-blank text/plain part,
// else the first text/html part converted to text. Charsets and transfer
// encodings are decoded by go-message. Line ends become "\n" and the trailing
// line break SMTP requires is dropped; nothing else is altered.
func bodyText(mr *mail.Reader) (string, error) {
	var plain, htm string
	var readErr error
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			readErr = err
			break
		}
		typ, attachment := partType(p.Header)
		if attachment || (typ != "text/plain" && typ != "text/html") {
			continue
		}
		b, err := io.ReadAll(io.LimitReader(p.Body, maxFetchBytes))
		s := normalizeText(b)
		if typ == "text/plain" && plain == "" {
			plain = s
		}
		if typ == "text/html" && htm == "" {
			htm = s
		}
		if err != nil {
			readErr = err
			break
		}
		if strings.TrimSpace(plain) != "" {
			break
		}
	}
	if strings.TrimSpace(plain) != "" {
		return plain, readErr
	}
	if htm != "" {
		return htmlToText(htm), readErr
	}
	return plain, readErr
}

// partType returns a part's media type, text/plain when it has none (RFC
// 2045 §5.2), and whether it is an attachment.
func partType(ph mail.PartHeader) (string, bool) {
	var h message.Header
	switch v := ph.(type) {
	case *mail.InlineHeader:
		h = v.Header
	case *mail.AttachmentHeader:
		h = v.Header
	default:
		return "", true
	}
	disp, _, _ := h.ContentDisposition()
	if h.Get("Content-Type") == "" {
		return "text/plain", disp == "attachment"
	}
	t, _, err := h.ContentType()
	if err != nil {
		return "", true
	}
	return strings.ToLower(t), disp == "attachment"
}

// normalizeText makes decoded bytes valid UTF-8 with "\n" line ends.
func normalizeText(b []byte) string {
	s := string(b)
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.TrimRight(s, "\n")
}

// replyPrefix matches the reply markers mail clients put before a subject:
// Re, RE[2], Aw (German), Sv (Nordic), Antw (Dutch), Balas/BLS (Indonesian).
var replyPrefix = regexp.MustCompile(`(?i)^\s*(re|aw|sv|antw|balas|bls)(\[\d+\]|\(\d+\))?\s*:\s*`)

// cleanSubject strips every leading reply marker, for display and for
// building "Re: <title>" without doubling it.
func cleanSubject(s string) string {
	for {
		loc := replyPrefix.FindStringIndex(s)
		if loc == nil {
			return strings.TrimSpace(s)
		}
		s = s[loc[1]:]
	}
}

// blockTags end a line when converting HTML to text.
var blockTags = map[string]bool{
	"br": true, "p": true, "div": true, "li": true, "tr": true, "table": true,
	"ul": true, "ol": true, "blockquote": true, "pre": true, "hr": true,
	"h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
}

// skipTags hold text that is not part of what the reader sees.
var skipTags = map[string]bool{"head": true, "script": true, "style": true, "title": true}

// htmlToText reduces an HTML body to its visible text: tags dropped, block
// elements as line breaks, entities decoded, runs of spaces collapsed. What
// it returns is still untrusted: the UI sanitizes it before drawing.
func htmlToText(s string) string {
	var b strings.Builder
	for len(s) > 0 {
		i := strings.IndexByte(s, '<')
		if i < 0 {
			writeHTMLText(&b, s)
			break
		}
		writeHTMLText(&b, s[:i])
		s = s[i:]
		if strings.HasPrefix(s, "<!--") {
			j := strings.Index(s, "-->")
			if j < 0 {
				break
			}
			s = s[j+3:]
			continue
		}
		j := strings.IndexByte(s, '>')
		if j < 0 {
			break
		}
		tag := strings.TrimSpace(s[1:j])
		s = s[j+1:]
		closing := strings.HasPrefix(tag, "/")
		name := strings.ToLower(strings.TrimLeft(tag, "/"))
		if k := strings.IndexAny(name, " \t\r\n/"); k >= 0 {
			name = name[:k]
		}
		switch {
		case skipTags[name] && !closing:
			k := strings.Index(strings.ToLower(s), "</"+name)
			if k < 0 {
				s = ""
			} else {
				s = s[k:]
			}
		case blockTags[name]:
			b.WriteByte('\n')
		}
	}
	return tidyLines(b.String())
}

// writeHTMLText appends a text run with entities decoded and HTML white
// space collapsed to single spaces.
func writeHTMLText(b *strings.Builder, s string) {
	s = html.UnescapeString(s)
	space := false
	for _, r := range s {
		switch r {
		case ' ', '\t', '\n', '\r', '\f':
			space = true
			continue
		case '\u00a0':
			r = ' '
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	if space {
		b.WriteByte(' ')
	}
}

// tidyLines trims each line and keeps at most one blank line in a row.
func tidyLines(s string) string {
	var out []string
	blank := 0
	for _, line := range strings.Split(s, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			blank++
			if blank > 1 || len(out) == 0 {
				continue
			}
		} else {
			blank = 0
		}
		out = append(out, line)
	}
	return strings.TrimSpace(strings.Join(out, "\n"))
}
