package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
)

// TestWideFirstFrameCarriesThePreview: at 200x50 the frame that first
// shows the list also shows the selected conversation in the right pane:
// the preview comes with the first window, not after the selection's rest
// (a frame with an empty pane, then "memuat…", then the thread: rows a slow
// link carries only to overwrite them); and frames before it draw no pane
// border for the list's rows to be written over.
func TestWideFirstFrameCarriesThePreview(t *testing.T) {
	e := newEnv(t)
	e.seed(t)
	m := New(testDeps(e, testConfig()))
	m.noWatch = true
	m.restAfter = time.Millisecond
	next, cmd := m.Update(tea.WindowSizeMsg{Width: 200, Height: 50})
	m = next.(Model)
	// The frame drawn at once, before any window arrived.
	if f := screenText(m); strings.Contains(f, "│") {
		t.Fatalf("the frame before the list draws the pane border:\n%s", f)
	}
	m = runUntil(t, m, tea.Batch(m.Init(), cmd), func(m Model) bool {
		if len(m.list.rows) > 0 {
			return true
		}
		// Before the list: no pane border for its rows to be drawn over.
		if f := screenText(m); strings.Contains(f, "│") {
			t.Fatalf("a frame before the list draws the pane border:\n%s", f)
		}
		return false
	})
	if len(m.list.rows) == 0 {
		t.Fatal("the list never showed")
	}
	// The first frame with the list.
	sel, _ := m.list.selected()
	msgs, err := e.st.Thread(context.Background(), sel.ID, 10)
	if err != nil || len(msgs) == 0 {
		t.Fatalf("thread of the selection: %v", err)
	}
	want := []rune(msgs[len(msgs)-1].Text)[:30]
	lw, _ := m.split()
	var right strings.Builder
	for _, row := range rowsOf(m) {
		if r := []rune(row); len(r) > lw+1 {
			right.WriteString(string(r[lw+1:]) + "\n")
		}
	}
	if !strings.Contains(right.String(), string(want)) {
		t.Fatalf("the first frame with the list has no preview of %q in the right pane:\n%s", string(want), right.String())
	}
}
