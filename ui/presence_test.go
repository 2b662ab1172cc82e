package ui

import (
	"context"
	"strings"
	"testing"

	"sapa/inbox"
)

// fakeSeat records where the session said it is.
type fakeSeat struct {
	at     []inbox.Present
	others []inbox.Present
}

func (f *fakeSeat) Set(_ uint64, convID int64, writing bool) {
	f.at = append(f.at, inbox.Present{ConvID: convID, Writing: writing})
}
func (f *fakeSeat) Changed() <-chan struct{} { return nil }
func (f *fakeSeat) Others() []inbox.Present  { return f.others }

func newSeatedModel(t *testing.T, e *env, seat *fakeSeat) Model {
	t.Helper()
	d := testDeps(e, testConfig())
	d.Seat = seat
	return startWith(t, d, 80, 24)
}

func TestSessionTellsWhereItIs(t *testing.T) {
	e := newEnv(t)
	e.seed(t)
	seat := &fakeSeat{}
	m := newSeatedModel(t, e, seat)
	top, _ := m.list.selected()
	m = keys(t, m, "enter", "r")
	m = typeText(t, m, "Baik")
	m = keys(t, m, "esc", "esc")
	want := []inbox.Present{{ConvID: top.ID}, {ConvID: top.ID, Writing: true}, {ConvID: top.ID}, {}}
	if len(seat.at) != len(want) {
		t.Fatalf("the seat was told %+v, want %+v", seat.at, want)
	}
	for i := range want {
		if seat.at[i] != want[i] {
			t.Fatalf("the seat was told %+v, want %+v", seat.at, want)
		}
	}
}

func TestOthersShowInListAndThread(t *testing.T) {
	e := newEnv(t)
	e.seed(t)
	m := newSeatedModel(t, e, &fakeSeat{})
	first, second := m.list.rows[0], m.list.rows[1]
	m = send(t, m, presenceMsg{others: []inbox.Present{{Admin: "wawan", ConvID: first.ID, Writing: true}, {Admin: "ujang", ConvID: second.ID}}})
	rows := rowsOf(m)
	if !strings.Contains(rows[1], "✎wawan") || !strings.Contains(rows[2], "•ujang") {
		t.Fatalf("the rows do not show who is there:\n%s", screenText(m))
	}
	checkFrame(t, m)
	m = keys(t, m, "enter")
	if head := rowsOf(m)[1]; !strings.Contains(head, "wawan sedang menulis balasan") {
		t.Fatalf("the thread header does not say wawan is writing: %q", head)
	}
	checkFrame(t, m)
	// Gone when wawan's session ends.
	m = send(t, m, presenceMsg{})
	if strings.Contains(screenText(m), "wawan") {
		t.Fatalf("wawan is still shown after leaving:\n%s", screenText(m))
	}
}

// Replying or taking a conversation where someone is writing a reply asks.
func TestWritingElsewhereIsAskedBeforeReplyOrTakeover(t *testing.T) {
	e := newEnv(t)
	e.seed(t)
	m := newSeatedModel(t, e, &fakeSeat{})
	top := m.list.rows[0]
	m = send(t, m, presenceMsg{others: []inbox.Present{{Admin: "wawan", ConvID: top.ID, Writing: true}}})
	m = keys(t, m, "r")
	if m.composing || !strings.Contains(screenText(m), "wawan sedang menulis balasan di sini") {
		t.Fatalf("r where wawan writes did not ask:\n%s", screenText(m))
	}
	m = keys(t, m, "t")
	if m.composing {
		t.Fatal("answering no opened the composer")
	}
	m = keys(t, m, "r", "y")
	if !m.composing {
		t.Fatal("answering yes did not open the composer")
	}
	m = keys(t, m, "esc")
	m = keys(t, m, "m")
	if !strings.Contains(screenText(m), "wawan sedang menulis balasan di sini. Ambil alih?") {
		t.Fatalf("m where wawan writes did not ask:\n%s", screenText(m))
	}
	m = keys(t, m, "y")
	if c, _ := e.st.Conversation(context.Background(), top.ID); c.Assignee != "budi" {
		t.Fatalf("taking over after yes: assignee %q", c.Assignee)
	}
}
