package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"sapa/inbox"
)

// undrawn is the frame the model draws with nothing kept from the frames
// before: what every frame must equal.
func undrawn(m Model) string {
	m.list.drawn = newRowCache()
	m.status.shown = &statusShown{}
	m.thread.shown, m.preview.shown = &threadShown{}, &threadShown{}
	return m.View().Content
}

// assertDrawnFresh fails when the frame differs from one drawn from scratch:
// a kept row or bar outlived what it was drawn from.
func assertDrawnFresh(t *testing.T, m Model, after string) {
	t.Helper()
	if got, want := m.View().Content, undrawn(m); got != want {
		t.Fatalf("after %s the frame kept a stale row:\n--- got ---\n%s\n--- want ---\n%s", after, got, want)
	}
}

// Every change a row shows draws the row again: a new message, a status, a
// read mark, presence, a deadline passing, a resize and the look.
func TestKeptRowsFollowEveryChange(t *testing.T) {
	e := newEnv(t)
	e.seed(t)
	ctx := context.Background()
	m := newModel(t, e, testConfig())
	m = keys(t, m, ":")
	m = typeText(t, m, "view all\n")
	m = keys(t, m, "j", "k") // every row drawn, and drawn again after the moves
	assertDrawnFresh(t, m, "moving")

	e.msg(t, "fb-pemkab", "post1/c1", "", "Siti Rahma", "c1b", "Sudah ada kabar soal jalan?", t0.Add(-time.Minute))
	m = keys(t, m, "ctrl+r")
	if row := rowOf(t, m, "Siti Rahma"); !strings.Contains(row, "Sudah ada kabar") {
		t.Fatalf("a new message does not show: %q", row)
	}
	assertDrawnFresh(t, m, "a new message")

	budi := convByName(t, e, "Budi Santoso")
	if row := rowOf(t, m, "Budi Santoso"); !strings.Contains(row, "→16:00") {
		t.Fatalf("Budi's deadline: %q", row)
	}
	e.clk.add(6*time.Hour + time.Second) // 16:00:01, no message: only the frame's clock moves
	if row := rowOf(t, m, "Budi Santoso"); !strings.Contains(row, "!16:00") {
		t.Fatalf("a passed deadline does not show: %q", row)
	}
	assertDrawnFresh(t, m, "a deadline passing")

	if _, err := e.st.Apply(ctx, budi.ID, "budi", inbox.Change{Status: inbox.StatusPending}); err != nil {
		t.Fatal(err)
	}
	m = keys(t, m, "ctrl+r")
	if row := rowOf(t, m, "Budi Santoso"); !strings.Contains(row, " menunggu ") {
		t.Fatalf("a new status does not show: %q", row)
	}
	assertDrawnFresh(t, m, "a status")

	siti := convByName(t, e, "Siti Rahma")
	if row := rowOf(t, m, "Siti Rahma"); row[1] != '*' {
		t.Fatalf("Siti's conversation should be unread: %q", row)
	}
	if _, err := e.st.Apply(ctx, siti.ID, "budi", inbox.Change{MarkRead: true}); err != nil {
		t.Fatal(err)
	}
	m = keys(t, m, "ctrl+r")
	if row := rowOf(t, m, "Siti Rahma"); row[1] != ' ' {
		t.Fatalf("a read mark does not show: %q", row)
	}
	assertDrawnFresh(t, m, "a read mark")

	m = send(t, m, presenceMsg{others: []inbox.Present{{Admin: "wawan", ConvID: siti.ID, Writing: true}}})
	if row := rowOf(t, m, "Siti Rahma"); !strings.Contains(row, "✎wawan") {
		t.Fatalf("presence does not show: %q", row)
	}
	assertDrawnFresh(t, m, "presence")
	m = send(t, m, presenceMsg{})
	if row := rowOf(t, m, "Siti Rahma"); strings.Contains(row, "wawan") {
		t.Fatalf("presence that ended still shows: %q", row)
	}

	m = send(t, m, tea.WindowSizeMsg{Width: 100, Height: 30})
	checkFrame(t, m)
	assertDrawnFresh(t, m, "a resize")
	m = send(t, m, tea.WindowSizeMsg{Width: 140, Height: 30}) // the wide layout: list and preview
	checkFrame(t, m)
	assertDrawnFresh(t, m, "the wide layout")

	m.c.st = PlainStyles(testPlatforms())
	if v := m.View().Content; strings.Contains(v, "\x1b[") {
		t.Fatalf("the low-bandwidth look still draws styled rows:\n%q", v)
	}
	assertDrawnFresh(t, m, "the look")
}

// The rows kept are those of the window on screen, whatever the inbox
// holds: paging through a long list keeps no more.
func TestKeptRowsAreTheWindowOnly(t *testing.T) {
	e := newEnv(t)
	seedMany(t, e, 100)
	m := newModel(t, e, testConfig())
	for range 60 {
		m = keys(t, m, "j")
		_ = m.View()
	}
	if n, max := len(m.list.drawn.rows), m.list.visible(); n == 0 || n > max {
		t.Fatalf("%d rows kept, want 1 to %d (the window)", n, max)
	}
}
