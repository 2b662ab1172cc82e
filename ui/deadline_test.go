package ui

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"sapa/inbox"
)

// Each open conversation shows when its answer is due, from the stamped due
// time alone (no query per row); a breach is marked "!" (and red outside
// the low-bandwidth look); pending conversations show no clock.
func TestListShowsDeadlinesAndBreaches(t *testing.T) {
	e := newEnv(t)
	e.seed(t)
	m := newModel(t, e, testConfig())
	for name, want := range map[string]string{
		"Siti Rahma":   " →Sen 09:55 ", // Friday 09:55 + 8 working hours
		"Budi Santoso": " →16:00 ",     // before opening: due at closing
		"Andi Wijaya":  " !Kam 16:00 ", // yesterday: breached
		"Rudi Hartono": " !12 Okt ",    // long ago: a date
	} {
		if row := rowOf(t, m, name); !strings.Contains(row, want) {
			t.Errorf("%s's row lacks %q: %q", name, want, row)
		}
	}
	if v := m.View().Content; !strings.Contains(v, "\x1b[31m!Kam 16:00") {
		t.Errorf("a breach is not red:\n%q", v)
	}
	budi := convByName(t, e, "Budi Santoso")
	if _, err := e.st.Apply(t.Context(), budi.ID, "budi", inbox.Change{Status: inbox.StatusPending}); err != nil {
		t.Fatal(err)
	}
	m = keys(t, m, "tab", "tab", "tab") // pending
	if row := rowOf(t, m, "Budi Santoso"); strings.Contains(row, "16:00") || !strings.Contains(row, " menunggu ") {
		t.Errorf("a pending conversation shows a clock: %q", row)
	}
	// At 40 columns the deadline takes the time column's place.
	e2 := newEnv(t)
	e2.seed(t)
	m = newModel(t, e2, testConfig())
	m = send(t, m, tea.WindowSizeMsg{Width: 40, Height: 20})
	if row := rowOf(t, m, "Andi Wijaya"); !strings.HasSuffix(strings.TrimRight(row, " "), "!Kam 16:00") {
		t.Errorf("narrow row: %q", row)
	}
}

// One timer, armed for the next moment a shown deadline passes; the screen
// does not change before it, and at it the row turns into a breach.
func TestBreachRedrawsAtTheDueMomentOnly(t *testing.T) {
	e := newEnv(t)
	e.seed(t)
	m := newModel(t, e, testConfig())
	m.noWatch = false
	due := time.Date(2026, 11, 20, 16, 0, 0, 0, wib) // Budi Santoso's answer
	if cmd := m.armWake(); cmd == nil || !m.wakeAt.Equal(due) {
		t.Fatalf("redraw armed for %v, want %v", m.wakeAt, due)
	}
	if cmd := m.armWake(); cmd != nil {
		t.Fatal("a second timer was armed for the same moment")
	}
	idle := screenText(m)
	e.clk.add(due.Sub(t0) - time.Second)
	if screenText(m) != idle {
		t.Fatalf("the screen changed before the armed moment:\n%s", screenText(m))
	}
	e.clk.add(time.Second)
	m.noWatch = true // send runs the commands: no real timer
	m = send(t, m, wakeMsg{gen: m.wakeGen})
	if row := rowOf(t, m, "Budi Santoso"); !strings.Contains(row, " !16:00 ") {
		t.Fatalf("at the due time the row is not a breach: %q", row)
	}
	// The next moment anything shown changes is midnight (the dates).
	if next := m.nextChange(); !next.Equal(time.Date(2026, 11, 21, 0, 0, 0, 0, wib)) {
		t.Fatalf("next redraw at %v, want midnight", next)
	}
}
