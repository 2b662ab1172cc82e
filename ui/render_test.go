package ui

import (
	"context"
	"regexp"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"sapa/inbox"
)

// hostile is outside text that tries to write the clipboard (OSC 52), clear
// the screen, and reverse what the admin reads (U+202E), with a C1 CSI.
const hostile = "Halo \x1b]52;c;cm0gLXJmIH4=\x07pak \x1b[2Jadmin \u202Ekebalik\u202C \u009b31m!"

func seedHostile(t *testing.T, e *env) {
	t.Helper()
	it := inbox.Inbound{
		Thread: inbox.Thread{ExternalKey: "evil", Kind: inbox.KindComment, Title: "Judul \x1b[31mmerah\x1b[0m\u202E",
			ContextText: "Konteks \x1b]8;;http://phish\x07klik\x1b]8;;\x07", ContextURL: "https://x.test/\x1b[2J"},
		Message: inbox.Message{ExternalID: "e1", Direction: inbox.In, Text: hostile, SentAt: t0.Add(-time.Minute),
			Author: inbox.Contact{ExternalID: "evil", Name: "Jahat\u202E\x1b[5m", Handle: "@evil"}},
	}
	if _, err := e.st.Ingest(context.Background(), e.accts["fb-pemkab"], []inbox.Inbound{it}, ""); err != nil {
		t.Fatal(err)
	}
	if err := e.st.SetAccountHealth(context.Background(), e.accts["x-pemkab"], false, "token \x1b]0;owned\x07kedaluwarsa\u202E"); err != nil {
		t.Fatal(err)
	}
}

// assertSafe checks a raw frame for anything outside text could smuggle in.
// Sapa's own styling (SGR in the default look) is allowed; nothing else is.
func assertSafe(t *testing.T, where, raw string) {
	t.Helper()
	withoutSGR := regexp.MustCompile("\x1b\\[[0-9;:]*m").ReplaceAllString(raw, "")
	for _, bad := range []string{"\x1b", "\u202E", "\u202C", "\x07"} {
		if strings.Contains(withoutSGR, bad) {
			t.Fatalf("%s: %q reached the screen:\n%q", where, bad, raw)
		}
	}
	for _, r := range withoutSGR {
		if (r < 0x20 && r != '\n') || (r >= 0x7f && r < 0xa0) {
			t.Fatalf("%s: control %U reached the screen", where, r)
		}
	}
}

func TestOutsideTextIsSanitized(t *testing.T) {
	for _, low := range []bool{false, true} {
		e := newEnv(t)
		seedHostile(t, e)
		cfg := testConfig()
		cfg.UI.LowBandwidth = low
		m := newModel(t, e, cfg)
		assertSafe(t, "list", m.View().Content)
		m = keys(t, m, "enter")
		assertSafe(t, "thread", m.View().Content)
		if !strings.Contains(screenText(m), "kebalik") {
			t.Fatalf("the text itself should stay readable:\n%s", screenText(m))
		}
		m = keys(t, m, "r")
		m = send(t, m, pasteMsg(hostile))
		assertSafe(t, "composer", m.View().Content)
		checkFrame(t, m)
	}
}

func TestLowBandwidthSendsNoColour(t *testing.T) {
	e := newEnv(t)
	e.seed(t)
	cfg := testConfig()
	cfg.UI.LowBandwidth = true
	m := newModel(t, e, cfg)
	frames := map[string]string{"list": m.View().Content}
	if !strings.HasPrefix(rowsOf(m)[1], ">") {
		t.Fatalf("selected row has no marker: %q", rowsOf(m)[1])
	}
	golden(t, "list_low_80x24", screenText(m))
	m = keys(t, m, "?")
	frames["help"] = m.View().Content
	m = keys(t, m, "esc", "enter")
	frames["thread"] = m.View().Content
	m = keys(t, m, "r")
	m = typeText(t, m, strings.Repeat("x", 300))
	frames["composer"] = m.View().Content
	m = keys(t, m, "ctrl+s")
	frames["refusal"] = m.View().Content
	for name, f := range frames {
		if strings.Contains(f, "\x1b") {
			t.Errorf("%s: escape sequence in the low-bandwidth frame: %q", name, f)
		}
	}
}

func TestDefaultLookHighlightsSelectedRow(t *testing.T) {
	e := newEnv(t)
	e.seed(t)
	m := newModel(t, e, testConfig())
	rows := strings.Split(m.View().Content, "\n")
	if !strings.HasPrefix(rows[1], "\x1b[7m") {
		t.Fatalf("selected row is not reversed: %q", rows[1])
	}
	if strings.HasPrefix(rows[2], "\x1b[7m") || strings.HasPrefix(ansiStrip(rows[1]), ">") {
		t.Fatalf("unexpected highlight: %q", rows[2])
	}
}

func TestNoPositionIndicatorPerKeystroke(t *testing.T) {
	e := newEnv(t)
	e.seed(t)
	cfg := testConfig()
	cfg.UI.LowBandwidth = true
	m := newModel(t, e, cfg)
	before := rowsOf(m)
	m = keys(t, m, "j")
	after := rowsOf(m)
	var changed []int
	for i := range before {
		if before[i] != after[i] {
			changed = append(changed, i)
		}
	}
	if len(changed) != 2 || changed[0] != 1 || changed[1] != 2 {
		t.Fatalf("moving down changed rows %v, want only the two list rows", changed)
	}
}

func TestThreadGolden(t *testing.T) {
	e := newEnv(t)
	e.seed(t)
	conv := convByName(t, e, "Siti Rahma")
	it := inbox.Inbound{
		Thread: inbox.Thread{ExternalKey: "post1/c1", Kind: inbox.KindComment,
			ContextText: "Pemkab mulai perbaikan jalan di 12 kecamatan minggu ini. Laporkan jalan rusak di sekitar Anda lewat kolom komentar.",
			ContextURL:  "https://facebook.com/pemkab/posts/1"},
		Message: inbox.Message{ExternalID: "c2", Direction: inbox.In, Text: "Tolong juga jalan ke SD 3, sudah berlubang sejak Agustus.\nTerima kasih 🙏",
			SentAt: t0.Add(-2 * time.Minute), Author: inbox.Contact{ExternalID: "u-Siti Rahma", Name: "Siti Rahma"}},
	}
	if _, err := e.st.Ingest(context.Background(), conv.AccountID, []inbox.Inbound{it}, ""); err != nil {
		t.Fatal(err)
	}
	id, _ := e.st.Enqueue(context.Background(), conv.ID, "ani", "Terima kasih Bu, sudah kami teruskan.", time.Time{}, inbox.StatusPending, false)
	e.st.ClaimDue(context.Background(), "", nil, 1)
	e.st.MarkFailed(context.Background(), id, "(#200) permission denied: pages_manage_engagement")
	m := newModel(t, e, testConfig())
	m = keys(t, m, ":")
	m = typeText(t, m, "view all\n")
	m = keys(t, m, "enter")
	checkFrame(t, m)
	golden(t, "thread_failed_80x24", screenText(m))
}

func TestHelpGolden(t *testing.T) {
	e := newEnv(t)
	e.seed(t)
	m := newModel(t, e, testConfig())
	m = keys(t, m, "?")
	checkFrame(t, m)
	golden(t, "help_list_80x24", screenText(m))
	m = keys(t, m, "q") // any key closes help; it does not quit
	if m.help || quits[t.Name()] {
		t.Fatal("a key did not just close help")
	}
	m = keys(t, m, "enter", "?")
	checkFrame(t, m)
	golden(t, "help_thread_80x24", screenText(m))
}

func TestWideScreenShowsListBesideConversation(t *testing.T) {
	e := newEnv(t)
	e.seed(t)
	m := newModel(t, e, testConfig())
	m = send(t, m, tea.WindowSizeMsg{Width: 130, Height: 24})
	m = keys(t, m, "j", "enter", "r")
	m = typeText(t, m, "Syaratnya KK dan akta lahir.")
	checkFrame(t, m)
	golden(t, "wide_130x24", screenText(m))
	// The list beside the conversation keeps its status and assignee columns.
	for _, w := range []int{120, 130, 200} {
		m = send(t, m, tea.WindowSizeMsg{Width: w, Height: 24})
		if m.list.cols.status == 0 || m.list.cols.assignee == 0 || !strings.Contains(rowsOf(m)[1], " →Sen 09:55 ") {
			t.Fatalf("at %d columns the list drops the status column: %q", w, rowsOf(m)[1])
		}
	}
	m = send(t, m, tea.WindowSizeMsg{Width: 130, Height: 24})
	if c := m.View().Cursor; c == nil || c.X <= 52 {
		t.Fatalf("cursor not in the conversation column: %+v", c)
	}
}
