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
	cfg := testConfig()
	m := New(Deps{Store: e.st, Admin: cfg.Admin.Name, Config: cfg, Now: e.clk.now, Ctx: context.Background(), Platforms: testPlatforms()})
	m.noWatch = true
	m.restAfter = time.Millisecond
	next, cmd := m.Update(tea.WindowSizeMsg{Width: 200, Height: 50})
	m = next.(Model)
	// The frame drawn at once, before any window arrived.
	if f := screenText(m); strings.Contains(f, "│") {
		t.Fatalf("the frame before the list draws the pane border:\n%s", f)
	}
	queue := []tea.Cmd{m.Init(), cmd}
	for steps := 0; len(queue) > 0; steps++ {
		if steps > 1000 {
			t.Fatal("commands do not settle")
		}
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		msg := c()
		if b, ok := msg.(tea.BatchMsg); ok {
			queue = append(queue, b...)
			continue
		}
		if msg == nil {
			continue
		}
		next, more := m.Update(msg)
		m = next.(Model)
		queue = append(queue, more)
		if len(m.list.rows) == 0 {
			// Before the list: no pane border for its rows to be drawn over.
			if f := screenText(m); strings.Contains(f, "│") {
				t.Fatalf("a frame before the list draws the pane border:\n%s", f)
			}
			continue
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
		return
	}
	t.Fatal("the list never showed")
}
