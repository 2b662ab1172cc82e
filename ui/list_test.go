package ui

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"sapa/inbox"
)

func TestSearchFindsOldMessage(t *testing.T) {
	e := newEnv(t)
	e.seed(t)
	rudi := convByName(t, e, "Rudi Hartono")
	m := newModel(t, e, testConfig())
	m = keys(t, m, ":")
	m = typeText(t, m, "view all\n")
	m = keys(t, m, "/")
	m = typeText(t, m, "jembatan\n")
	if len(m.list.rows) != 1 || m.list.rows[0].ID != rudi.ID {
		t.Fatalf("search found %d rows", len(m.list.rows))
	}
	if !strings.Contains(rowsOf(m)[0], "cari: jembatan") {
		t.Fatalf("header does not show the search: %q", rowsOf(m)[0])
	}
	m = keys(t, m, "/") // the prompt starts empty; up brings the search back
	if string(m.prompt.input) != "" {
		t.Fatalf("prompt = %q", string(m.prompt.input))
	}
	if m = keys(t, m, "up"); string(m.prompt.input) != "jembatan" {
		t.Fatalf("prompt after up = %q", string(m.prompt.input))
	}
	m = keys(t, m, "esc") // esc in the search prompt clears the search
	if m.list.filter.Search != "" || len(m.list.rows) != 5 {
		t.Fatalf("esc left search %q with %d rows", m.list.filter.Search, len(m.list.rows))
	}
	m = keys(t, m, ":")
	m = typeText(t, m, "search vaksin booster\n")
	if len(m.list.rows) != 1 || m.list.rows[0].Contact.Name != "Dewi Lestari" {
		t.Fatalf(":search found %v", m.list.rows)
	}
	m = keys(t, m, "esc") // back on the list clears it too
	if m.list.filter.Search != "" {
		t.Fatal("esc on the list did not clear the search")
	}
}

// seedMany ingests n conversations a minute apart, newest first.
func seedMany(t testing.TB, e *env, n int) {
	t.Helper()
	var items []inbox.Inbound
	for i := 0; i < n; i++ {
		items = append(items, inbox.Inbound{
			Thread: inbox.Thread{ExternalKey: fmt.Sprintf("t%03d", i), Kind: inbox.KindComment},
			Message: inbox.Message{ExternalID: fmt.Sprintf("m%03d", i), Direction: inbox.In, Text: fmt.Sprintf("pesan nomor %03d", i),
				SentAt: t0.Add(-time.Duration(i) * time.Minute), Author: inbox.Contact{ExternalID: fmt.Sprintf("u%03d", i), Name: fmt.Sprintf("Warga %03d", i)}},
		})
	}
	if _, err := e.st.Ingest(context.Background(), e.accts["fb-pemkab"], items, ""); err != nil {
		t.Fatal(err)
	}
}

func selectedName(m Model) string {
	c, _ := m.list.selected()
	return c.Contact.Name
}

func TestListPagesThroughALargeInbox(t *testing.T) {
	e := newEnv(t)
	seedMany(t, e, 100)
	m := newModel(t, e, testConfig())
	vis := m.list.visible()
	if vis != 21 || len(m.list.rows) != vis {
		t.Fatalf("window holds %d rows for %d visible", len(m.list.rows), vis)
	}
	if !strings.Contains(rowsOf(m)[0], "100") {
		t.Fatalf("header count: %q", rowsOf(m)[0])
	}
	for i := 0; i < 25; i++ {
		m = keys(t, m, "j")
		if len(m.list.rows) > vis {
			t.Fatalf("window grew to %d rows", len(m.list.rows))
		}
	}
	if got := selectedName(m); got != "Warga 025" {
		t.Fatalf("after 25 downs selected %s", got)
	}
	for i := 0; i < 25; i++ {
		m = keys(t, m, "k")
	}
	if got := selectedName(m); got != "Warga 000" {
		t.Fatalf("after 25 ups selected %s", got)
	}
	m = keys(t, m, "G")
	if got := selectedName(m); got != "Warga 099" || len(m.list.rows) != vis {
		t.Fatalf("G selected %s in %d rows", got, len(m.list.rows))
	}
	m = keys(t, m, "j") // already at the end
	if got := selectedName(m); got != "Warga 099" {
		t.Fatalf("down at the end selected %s", got)
	}
	m = keys(t, m, "pgup")
	if got := selectedName(m); got != "Warga 078" {
		t.Fatalf("pgup selected %s", got)
	}
	m = keys(t, m, "g")
	if got := selectedName(m); got != "Warga 000" || m.list.anchor != nil {
		t.Fatalf("g selected %s", got)
	}
	m = keys(t, m, "pgdown", "pgdown", "pgdown", "pgdown")
	if got := selectedName(m); got != "Warga 084" || len(m.list.rows) != vis {
		t.Fatalf("4 pgdowns selected %s in %d rows", got, len(m.list.rows))
	}
	m = keys(t, m, "pgdown")
	if got := selectedName(m); got != "Warga 099" {
		t.Fatalf("pgdown at the end selected %s", got)
	}
}

func TestReloadKeepsWindowAndSelection(t *testing.T) {
	e := newEnv(t)
	seedMany(t, e, 60)
	m := newModel(t, e, testConfig())
	m = keys(t, m, "pgdown", "j", "j")
	if got := selectedName(m); got != "Warga 023" {
		t.Fatalf("selected %s", got)
	}
	first := m.list.rows[0].Contact.Name
	// Another admin's session: new messages arrive at the top, one row in
	// the window is done.
	seedManyExtra(t, e)
	done := convByName(t, e, "Warga 030")
	e.st.Apply(context.Background(), done.ID, "ani", storeChangeDone())
	m = send(t, m, changedMsg{counter: 1})
	if m.list.rows[0].Contact.Name != first {
		t.Fatalf("window moved: first row %s, was %s", m.list.rows[0].Contact.Name, first)
	}
	if got := selectedName(m); got != "Warga 023" {
		t.Fatalf("selection moved to %s", got)
	}
	for _, c := range m.list.rows {
		if c.ID == done.ID {
			t.Fatal("a conversation done elsewhere is still listed")
		}
	}
	// The selected row itself leaves the view: the selection stays in place.
	e.st.Apply(context.Background(), m.list.rows[m.list.sel].ID, "ani", storeChangeDone())
	m = send(t, m, changedMsg{counter: 2})
	if got := selectedName(m); got != "Warga 024" {
		t.Fatalf("after the selected row left, selected %s", got)
	}
	if len(m.list.rows) != m.list.visible() {
		t.Fatalf("window not full: %d rows", len(m.list.rows))
	}
}

func TestAtTopNewArrivalsShow(t *testing.T) {
	e := newEnv(t)
	e.seed(t)
	m := newModel(t, e, testConfig())
	m = keys(t, m, "j", "k") // the admin is on Siti Rahma's conversation
	e.msg(t, "wa-pemkab", "6289999", "", "Lina Marlina", "w9", "Ada info lowongan?", t0)
	m = send(t, m, changedMsg{counter: 1})
	if m.list.rows[0].Contact.Name != "Lina Marlina" {
		t.Fatalf("new arrival not at the top: %s", m.list.rows[0].Contact.Name)
	}
	if got := selectedName(m); got != "Siti Rahma" {
		t.Fatalf("selection jumped to %s", got)
	}
}

// TestListTimesNeverGoStale: rows show clock times and dates, which an idle
// screen never has to redraw, except at midnight, when "today" moves; the
// model arms one timer for exactly that moment and nothing before it.
func TestListTimesNeverGoStale(t *testing.T) {
	e := newEnvWith(t, nil) // no deadlines: deadline_test.go has those
	e.seed(t)
	m := newModel(t, e, testConfig())
	want := map[string]string{"Siti Rahma": " 09:55 ", "Budi Santoso": " 07:00 ", "Andi Wijaya": " 19 Nov ", "Rudi Hartono": " 11 Okt "}
	for name, at := range want {
		if row := rowOf(t, m, name); !strings.Contains(row, at) {
			t.Errorf("%s's row lacks %q: %q", name, at, row)
		}
	}
	m.noWatch = false
	if cmd := m.armWake(); cmd == nil || !m.wakeAt.Equal(time.Date(2026, 11, 21, 0, 0, 0, 0, wib)) {
		t.Fatalf("redraw armed for %v, want the coming midnight", m.wakeAt)
	}
	if cmd := m.armWake(); cmd != nil {
		t.Fatal("a second timer was armed for the same moment")
	}
	// Idle until a second before midnight: every shown value is still true,
	// so there is nothing to redraw.
	idle := screenText(m)
	e.clk.add(14*time.Hour - time.Second)
	if screenText(m) != idle {
		t.Fatalf("the screen changed before the armed moment:\n%s", screenText(m))
	}
	e.clk.add(time.Second)
	m.noWatch = true
	m = send(t, m, wakeMsg{gen: m.wakeGen})
	if row := rowOf(t, m, "Siti Rahma"); !strings.Contains(row, " 20 Nov ") {
		t.Fatalf("after midnight the row still says today's time: %q", row)
	}
}

// rowOf returns the screen row naming a contact.
func rowOf(t *testing.T, m Model, name string) string {
	t.Helper()
	for _, r := range rowsOf(m) {
		if strings.Contains(r, name) {
			return r
		}
	}
	t.Fatalf("no row for %s:\n%s", name, screenText(m))
	return ""
}

// TestSelectionFollowsTheTopUntilTheAdminMoves: while history arrives on a
// fresh start the selection stays on the newest row; once the admin moves, a
// new arrival no longer moves the selection off the conversation it is on.
func TestSelectionFollowsTheTopUntilTheAdminMoves(t *testing.T) {
	e := newEnv(t)
	e.seed(t)
	m := newModel(t, e, testConfig())
	e.msg(t, "wa-pemkab", "62899", "", "Nur Aini", "w9", "Air PDAM mati sejak pagi", t0.Add(-time.Minute))
	m = send(t, m, changedMsg{counter: 99})
	if c, _ := m.list.selected(); c.Contact.Name != "Nur Aini" {
		t.Fatalf("untouched list selects %q, want the new top row", c.Contact.Name)
	}
	m = keys(t, m, "j", "k")
	e.msg(t, "wa-pemkab", "62777", "", "Eko Prasetyo", "w10", "Lampu jalan mati", t0)
	m = send(t, m, changedMsg{counter: 100})
	if c, _ := m.list.selected(); c.Contact.Name != "Nur Aini" {
		t.Fatalf("after a move the selection jumped to %q", c.Contact.Name)
	}
}

// TestWideCharactersInTheList: a list row draws emoji as themselves (the
// renderer no longer repaints a row holding a wide cell on every frame, see
// third_party/README.md), in a row as wide as the others; the conversation
// shows the text as written too.
func TestWideCharactersInTheList(t *testing.T) {
	e := newEnv(t)
	e.msg(t, "wa-pemkab", "62555", "", "Dewi 🌸", "w1", "Terima kasih 🙏 pak", t0.Add(-time.Minute))
	e.msg(t, "wa-pemkab", "62556", "", "Rudi", "w2", "Jalan rusak", t0.Add(-2*time.Minute))
	m := newModel(t, e, testConfig())
	rows := rowsOf(m)
	if !strings.Contains(rows[1], "Dewi 🌸") || !strings.Contains(rows[1], "Terima kasih 🙏 pak") || strings.Contains(rows[1], "~") {
		t.Fatalf("list row %q", rows[1])
	}
	if w, plain := ansi.StringWidth(rows[1]), ansi.StringWidth(rows[2]); w != plain {
		t.Fatalf("row with emoji is %d cells wide, a plain row %d:\n%s\n%s", w, plain, rows[1], rows[2])
	}
	m = keys(t, m, "enter")
	if !strings.Contains(screenText(m), "Terima kasih 🙏 pak") {
		t.Fatalf("conversation lost the emoji:\n%s", screenText(m))
	}
}
