package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
)

// freshPreview is the frame with the selection's preview read from the
// store and drawn from scratch: what a preview shown from the keep must equal.
func freshPreview(t *testing.T, m Model) string {
	t.Helper()
	c, ok := m.list.selected()
	if !ok {
		t.Fatal("no selection")
	}
	m.previews = newPreviewKeep()
	m.preview.conv.ID = 0
	m = send(t, m, previewTickMsg{id: c.ID})
	return undrawn(m)
}

// assertPreviewFresh fails when the frame differs from one whose preview
// was read and drawn again.
func assertPreviewFresh(t *testing.T, m Model, after string) {
	t.Helper()
	if got, want := m.View().Content, freshPreview(t, m); got != want {
		t.Fatalf("after %s the preview kept is stale:\n--- got ---\n%s\n--- want ---\n%s", after, got, want)
	}
}

// j/k back and forth shows kept previews, and every change the preview
// shows (a new message, a reply queued by another admin and cancelled, a
// resize, the look) draws it again.
func TestKeptPreviewFollowsEveryChange(t *testing.T) {
	e := newEnv(t)
	e.seed(t)
	m := newModel(t, e, testConfig())
	m = keys(t, m, ":")
	m = typeText(t, m, "view all\n")
	m = send(t, m, tea.WindowSizeMsg{Width: 200, Height: 50})
	m = keys(t, m, "j", "k")
	first, _ := m.list.selected()
	if m.preview.conv.ID != first.ID || len(m.previews.kept) != 2 {
		t.Fatalf("previewing %d (want %d), %d kept (want 2)", m.preview.conv.ID, first.ID, len(m.previews.kept))
	}
	assertPreviewFresh(t, m, "j and k")

	e.msg(t, "fb-pemkab", "post1/c1", "", "Siti Rahma", "c1b", "Sudah ada kabar soal jalan?", t0.Add(-time.Minute))
	m = keys(t, m, "ctrl+r", "j", "k")
	if !strings.Contains(m.View().Content, "Sudah ada kabar") {
		t.Fatal("a new message does not show in the preview")
	}
	assertPreviewFresh(t, m, "a new message")

	// A reply queued elsewhere changes the thread, not the list row.
	sel, _ := m.list.selected()
	outbox, err := e.st.Enqueue(context.Background(), sel.ID, "wawan", "Sedang kami teruskan ke dinas", t0, "", false)
	if err != nil {
		t.Fatal(err)
	}
	m = keys(t, m, "j", "ctrl+r", "k")
	if !strings.Contains(m.View().Content, "Sedang kami teruskan") {
		t.Fatal("a queued reply does not show in the preview")
	}
	assertPreviewFresh(t, m, "a queued reply")

	// Cancelling it changes the thread alone: only the reload tells.
	m = keys(t, m, "j")
	if err := e.st.Cancel(context.Background(), outbox, "wawan"); err != nil {
		t.Fatal(err)
	}
	m = keys(t, m, "ctrl+r", "k")
	if strings.Contains(m.View().Content, "wawan · 10:00 · antre") {
		t.Fatalf("a cancelled reply still shows as queued in the preview:\n%s", m.View().Content)
	}
	assertPreviewFresh(t, m, "a cancelled reply")

	m = keys(t, m, "j")
	m = send(t, m, tea.WindowSizeMsg{Width: 180, Height: 40})
	m = keys(t, m, "k")
	assertPreviewFresh(t, m, "a resize")

	m = keys(t, m, "j")
	m.c.st = PlainStyles(testPlatforms())
	m = keys(t, m, "k")
	if strings.Contains(m.View().Content, "\x1b[") {
		t.Fatal("the low-bandwidth look still draws a styled preview")
	}
	assertPreviewFresh(t, m, "the look")
}
