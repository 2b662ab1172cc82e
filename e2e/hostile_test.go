package e2e

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"sapa/platforms/demo"
)

// TestHostileMessageIsHarmlessText: the demo's WhatsApp message that
// carries a window-title change, a clear screen, an OSC 52 clipboard write
// and a right-to-left override is drawn as plain text. What the program
// writes while opening it holds none of those sequences, the whole session
// never sets the clipboard or the title, and the screen shows the words
// around them.
func TestHostileMessageIsHarmlessText(t *testing.T) {
	t.Parallel()
	d := newDirs(t)
	a := startSapa(t, d, adminA)
	a.settle(d)

	db := openDB(t, d.db())
	var convID int64
	var name, text string
	err := db.QueryRow(`SELECT m.conversation_id, p.name, m.text FROM messages m
		JOIN conversations c ON c.id = m.conversation_id JOIN contacts p ON p.id = c.contact_id
		WHERE m.external_id = ?`, demo.HostileMessageID).Scan(&convID, &name, &text)
	if err != nil {
		t.Fatalf("the hostile demo message %s: %v", demo.HostileMessageID, err)
	}
	// The store keeps the text as received: the test is meaningful only if
	// the hostile bytes are really there.
	for _, seq := range []string{"\x1b]52;", "\x1b]0;HACKED", "\x1b[2J", "\u202e"} {
		if !strings.Contains(text, seq) {
			t.Fatalf("the stored hostile message lacks %q: %q", seq, text)
		}
	}

	// Find it: it is the only conversation with "hangus" in it.
	a.send("/")
	a.waitScreen("the search prompt", stepTimeout, func(screen string) bool {
		return strings.HasPrefix(lines(screen)[rows-1], "/")
	})
	a.send("hangus" + keyEnter)
	short := string([]rune(name)[:12])
	a.waitScreen("the hostile conversation found", stepTimeout, func(screen string) bool {
		left, n, ok := listHeader(screen)
		return ok && strings.Contains(left, "hangus") && n == 1 && strings.HasPrefix(rowName(listRows(screen)[0]), short)
	})
	a.quiet(300 * time.Millisecond)

	a.rec.on()
	a.send(keyEnter)
	a.waitScreen("the hostile message's last words", stepTimeout, func(screen string) bool {
		return inThread(screen) && strings.Contains(screen, "Jangan sampai hangus!!")
	})
	a.quiet(500 * time.Millisecond)
	opening := a.rec.off()
	screen := a.s.Screen()
	t.Logf("opening the hostile conversation wrote %d bytes", len(opening))
	if !bytes.Contains(opening, []byte("hangus!!")) {
		t.Fatalf("the transcript of the opening does not hold the message it drew: %q", opening)
	}

	bad := []struct{ seq, what string }{
		{"\x1b]52", "an OSC 52 clipboard write"},
		{"\x1b]0;", "a window title (OSC 0)"},
		{"\x1b]2;", "a window title (OSC 2)"},
		{"HACKED", "the title text"},
		{"\x1b[2J", "a clear screen"},
		{"\u202e", "a right-to-left override (e2 80 ae)"},
	}
	for _, b := range bad {
		if i := bytes.Index(opening, []byte(b.seq)); i >= 0 {
			t.Errorf("opening the conversation wrote %s: …%q…", b.what, around(opening, i))
		}
	}
	whole := a.rec.everything()
	for _, b := range bad {
		if b.seq == "\x1b[2J" {
			continue // the program may clear its own screen at start-up
		}
		if i := bytes.Index(whole, []byte(b.seq)); i >= 0 {
			t.Errorf("the session wrote %s: …%q…", b.what, around(whole, i))
		}
	}

	// The words around the hostile bytes are all there, as text.
	for _, w := range []string{"SELAMAT!! Nomor WhatsApp Anda terpilih", "Program Bansos Digital",
		"bansos-digital.xyz/klaim/bukti-", "gpj.exe", "Jangan sampai hangus!!"} {
		if !strings.Contains(screen, w) {
			t.Errorf("the screen does not show %q:\n%s", w, screen)
		}
	}
	if !strings.HasPrefix(lines(screen)[0], "WA ") {
		t.Errorf("the conversation's header %q is not the WhatsApp one", lines(screen)[0])
	}
}

// around returns the bytes near i, for error messages.
func around(b []byte, i int) []byte {
	return b[max(0, i-40):min(len(b), i+40)]
}
