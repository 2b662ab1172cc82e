package ui

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
)

// seedRows adds n conversations, one a minute apart, newest first.
func seedRows(t *testing.T, e *env, n int) {
	t.Helper()
	for i := 0; i < n; i++ {
		e.msg(t, "fb-pemkab", fmt.Sprintf("p/c%d", i), "", fmt.Sprintf("Warga %02d", i), fmt.Sprintf("c%d", i),
			"pesan", t0.Add(-time.Duration(i)*time.Minute))
	}
}

// A list grown from 10x3 to 400x120 shows the newest rows from the top,
// with the selection still on the conversation it was on.
func TestResizeFromTinyShowsTheNewestRows(t *testing.T) {
	e := newEnv(t)
	seedRows(t, e, 200)
	m := newModel(t, e, testConfig())
	m = send(t, m, tea.WindowSizeMsg{Width: 10, Height: 3})
	m = keys(t, m, "j", "j", "j")
	want, _ := m.list.selected()
	m = send(t, m, tea.WindowSizeMsg{Width: 400, Height: 120})
	if len(m.list.rows) == 0 || m.list.rows[0].Contact.Name != "Warga 00" || m.list.anchor != nil {
		t.Fatalf("after growing, the list starts at %q (anchor %v), want the newest row", m.list.rows[0].Contact.Name, m.list.anchor)
	}
	if got, _ := m.list.selected(); got.ID != want.ID {
		t.Fatalf("selection moved from %s to %s", want.Contact.Name, got.Contact.Name)
	}
	checkFrame(t, m)
}

// Property: over random resize sequences and moves, the selected row is
// always on screen, and a resize never changes which conversation is
// selected.
func TestSelectionStaysOnScreenOverRandomResizes(t *testing.T) {
	e := newEnv(t)
	seedRows(t, e, 40)
	m := newModel(t, e, testConfig())
	rng := rand.New(rand.NewPCG(8, 22))
	for step := 0; step < 300; step++ {
		if rng.IntN(3) == 0 {
			k := []string{"j", "k", "G", "g", "pgdown", "pgup"}[rng.IntN(6)]
			m = keys(t, m, k)
			continue
		}
		before, had := m.list.selected()
		w, h := 10+rng.IntN(400), 3+rng.IntN(120)
		m = send(t, m, tea.WindowSizeMsg{Width: w, Height: h})
		if m.list.sel < 0 || m.list.sel >= m.list.visible() || m.list.sel >= len(m.list.rows) {
			t.Fatalf("step %d at %dx%d: selection %d of %d rows, %d visible", step, w, h, m.list.sel, len(m.list.rows), m.list.visible())
		}
		if len(m.list.rows) > m.list.visible() {
			t.Fatalf("step %d at %dx%d: %d rows in a window of %d", step, w, h, len(m.list.rows), m.list.visible())
		}
		if after, _ := m.list.selected(); had && after.ID != before.ID {
			t.Fatalf("step %d at %dx%d: selection moved from %s to %s", step, w, h, before.Contact.Name, after.Contact.Name)
		}
		if step%50 == 0 {
			checkFrame(t, m)
		}
	}
}

// The search prompt starts empty, so a new search is not glued onto the
// previous one; "up" brings the previous query back.
func TestSearchPromptStartsEmpty(t *testing.T) {
	e := newEnv(t)
	e.seed(t)
	m := newModel(t, e, testConfig())
	m = keys(t, m, "/")
	m = typeText(t, m, "ktp ilang\n")
	m = keys(t, m, "/")
	m = typeText(t, m, "jalan\n")
	if got := m.list.filter.Search; got != "jalan" {
		t.Fatalf("second search is %q, want \"jalan\"", got)
	}
	m = keys(t, m, "/", "up")
	if got := m.prompt.value(); got != "jalan" {
		t.Fatalf("up brings back %q, want the previous query", got)
	}
}
