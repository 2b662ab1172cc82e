package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
)

// In a conversation, J and K open the next and previous conversation of
// the list, as in aerc.
func TestNextAndPreviousConversation(t *testing.T) {
	e := newEnv(t)
	e.seed(t)
	m := newModel(t, e, testConfig())
	m = keys(t, m, "enter")
	first, second := m.list.rows[0], m.list.rows[1]
	if m.screen != screenThread || m.thread.conv.ID != first.ID {
		t.Fatalf("enter did not open the first conversation")
	}
	m = keys(t, m, "J")
	if m.screen != screenThread || m.thread.conv.ID != second.ID || m.list.sel != 1 {
		t.Fatalf("J: open %d (sel %d), want %d", m.thread.conv.ID, m.list.sel, second.ID)
	}
	if !strings.Contains(screenText(m), "KTP baru") {
		t.Fatalf("J does not show the next conversation:\n%s", screenText(m))
	}
	m = keys(t, m, "K")
	if m.thread.conv.ID != first.ID || m.list.sel != 0 {
		t.Fatalf("K: open %d, want %d", m.thread.conv.ID, first.ID)
	}
	m = keys(t, m, "K") // the first row: nothing before it
	if m.thread.conv.ID != first.ID || m.screen != screenThread {
		t.Fatalf("K on the first row left the conversation")
	}
}

// In the wide layout the selection is previewed on the right once it
// rests, read-only: a tick for a selection that moved on loads nothing,
// and the previewed conversation stays unread.
func TestWidePreviewOnceSelectionRests(t *testing.T) {
	e := newEnv(t)
	e.seed(t)
	m := newModel(t, e, testConfig())
	m = send(t, m, tea.WindowSizeMsg{Width: 200, Height: 30})
	first, second := m.list.rows[0], m.list.rows[1]
	if m.preview.conv.ID != first.ID {
		t.Fatalf("the first selection is not previewed once the list loaded: %d", m.preview.conv.ID)
	}

	// j without its tick previews nothing new, and a tick for a row the
	// selection left loads nothing.
	next, cmd := m.Update(press("j"))
	m = next.(Model)
	if cmd == nil {
		t.Fatal("j in the wide layout schedules no preview")
	}
	m = send(t, m, previewTickMsg{id: m.list.rows[2].ID})
	if m.preview.conv.ID != first.ID || strings.Contains(screenText(m), "KTP baru") {
		t.Fatalf("a stale tick previewed conversation %d", m.preview.conv.ID)
	}
	// The tick for the resting selection shows it on the right.
	m = send(t, m, previewTickMsg{id: second.ID})
	if m.preview.conv.ID != second.ID {
		t.Fatalf("preview shows %d, want %d", m.preview.conv.ID, second.ID)
	}
	lw, _ := m.split()
	found := false
	for _, row := range rowsOf(m) {
		if r := []rune(row); len(r) > lw && strings.Contains(string(r[lw:]), "KTP baru") {
			found = true
		}
	}
	if !found {
		t.Fatalf("the right pane does not preview the selection:\n%s", screenText(m))
	}
	checkFrame(t, m)
	c, err := e.st.Conversation(context.Background(), second.ID)
	if err != nil || !c.Unread {
		t.Fatalf("preview marked the conversation read (unread=%v, err=%v)", c.Unread, err)
	}
	if m.screen != screenList {
		t.Fatal("preview opened the conversation")
	}
}

// A search lists each conversation with its matching message, the searched
// words underlined, even on the selected row.
func TestSearchRowsMarkTheWords(t *testing.T) {
	e := newEnv(t)
	e.seed(t)
	e.msg(t, "wa-pemkab", "6281234", "", "Budi Santoso", "w2", "oke terima kasih", t0.Add(-time.Minute))
	e.msg(t, "fb-pemkab", "post1/c1", "Perbaikan jalan Cibadak 2026", "Joko", "c2", "ktp saya juga", t0.Add(-2*time.Minute))
	m := newModel(t, e, testConfig())
	m = send(t, m, tea.WindowSizeMsg{Width: 119, Height: 24})
	m = keys(t, m, "/")
	m = typeText(t, m, "ktp\n")
	text := screenText(m)
	if !strings.Contains(text, "syarat bikin KTP") || strings.Contains(text, "terima kasih") {
		t.Fatalf("the rows do not show the matching messages:\n%s", text)
	}
	raw := m.View().Content
	if !strings.Contains(raw, markOn+"KTP"+markOff) || !strings.Contains(raw, markOn+"ktp"+markOff) {
		t.Fatalf("the searched word is not marked on both rows:\n%q", raw)
	}
	checkFrame(t, m)
}
