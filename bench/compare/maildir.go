package main

import (
	"context"
	"fmt"
	"mime"
	"os"
	"path/filepath"
	"strings"
	"time"

	"sapa/inbox"
	"sapa/sanitize"
)

// wib is the time zone of the demo's citizens and of the Date headers.
var wib = time.FixedZone("WIB", 7*3600)

// mailFolder is the Maildir folder inside the mail root; neomutt opens it
// with -f, aerc as its account's default folder.
const mailFolder = "inbox"

// writeMaildir writes one message per conversation into root/inbox, in
// Sapa's list order: From is the citizen's name (as Sapa's author column),
// Subject the newest message (as Sapa's snippet column), the body the whole
// conversation (as Sapa's conversation view). Unread conversations are
// unread mail. Date headers keep Sapa's order when sorted newest first: a
// conversation Sapa lists above another (priority first) gets a later date.
func writeMaildir(ctx context.Context, ds *dataset, root string) error {
	dir := filepath.Join(root, mailFolder)
	if err := os.RemoveAll(root); err != nil {
		return err
	}
	for _, sub := range []string{"cur", "new", "tmp"} {
		if err := os.MkdirAll(filepath.Join(dir, sub), 0o700); err != nil {
			return err
		}
	}
	var prev time.Time
	for i, c := range ds.convs {
		if err := ctx.Err(); err != nil {
			return err
		}
		date := c.LastMessageAt.In(wib).Truncate(time.Second)
		if i > 0 && !date.Before(prev) {
			date = prev.Add(-time.Second)
		}
		prev = date
		flags := "S"
		if c.Unread {
			flags = ""
		}
		name := fmt.Sprintf("%d.B%04dP%d.sapa-bench:2,%s", date.Unix(), i, c.ID, flags)
		if err := os.WriteFile(filepath.Join(dir, "cur", name), []byte(message(c, date)), 0o600); err != nil {
			return err
		}
	}
	logf("wrote %d messages to the Maildir %s", len(ds.convs), dir)
	return nil
}

// message renders one conversation as an RFC 5322 message.
func message(c conv, date time.Time) string {
	var b strings.Builder
	header := func(name, value string) {
		b.WriteString(name + ": " + value + "\n")
	}
	handle := strings.Trim(strings.ToLower(sanitize.Line(c.Contact.Handle)), "@ ")
	local := strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '.' || r == '_' || r == '-' {
			return r
		}
		return -1
	}, handle)
	if local == "" {
		local = fmt.Sprintf("warga%d", c.ID)
	}
	header("From", encodeWord(sanitize.Line(c.author))+" <"+local+"@"+string(c.Platform)+".sukamaju.example>")
	header("To", "Pemkab Sukamaju <humas@sukamajukab.go.id>")
	header("Subject", encodeWord(sanitize.Line(c.Snippet)))
	header("Date", date.Format(time.RFC1123Z))
	header("Message-ID", fmt.Sprintf("<conv-%d@sapa-bench.example>", c.ID))
	header("MIME-Version", "1.0")
	header("Content-Type", "text/plain; charset=UTF-8")
	header("Content-Transfer-Encoding", "8bit")
	b.WriteString("\n")
	if c.Title != "" {
		b.WriteString(sanitize.Text(c.Title) + "\n\n")
	}
	for _, m := range c.thread {
		who := sanitize.Line(m.Author.Name)
		if m.Direction == inbox.Out {
			who = "→ " + sanitize.Line(m.SentBy)
		}
		fmt.Fprintf(&b, "%s · %s\n", who, m.SentAt.In(wib).Format("02 Jan 15:04"))
		for _, line := range strings.Split(sanitize.Text(m.Text), "\n") {
			b.WriteString("  " + line + "\n")
		}
		b.WriteString("\n")
	}
	return b.String()
}

// encodeWord MIME-encodes a header value that is not plain ASCII, folding
// the encoded words onto continuation lines.
func encodeWord(s string) string {
	enc := mime.BEncoding.Encode("UTF-8", s)
	return strings.ReplaceAll(enc, "?= =?", "?=\n =?")
}
