package ui

import (
	"context"
	"testing"

	"sapa/inbox"
)

// A new session of the same admin resumes the view, the search and the
// selection the last one had; another admin's session does not.
func TestResumeKeepsViewAndSelection(t *testing.T) {
	e := newEnv(t)
	e.seed(t)
	m := newModel(t, e, testConfig())
	m = keys(t, m, ":")
	m = typeText(t, m, "view all\n")
	m = keys(t, m, "/")
	m = typeText(t, m, "di\n")
	m = keys(t, m, "j")
	sel, ok := m.list.selected()
	if !ok || m.list.sel != 1 || m.list.filter.View != inbox.ViewAll || m.list.filter.Search != "di" {
		t.Fatalf("setup: sel=%d filter=%+v", m.list.sel, m.list.filter)
	}

	m2 := newModel(t, e, testConfig())
	if m2.list.filter.View != inbox.ViewAll || m2.list.filter.Search != "di" || m2.list.filter.Me != "budi" {
		t.Errorf("filter after reconnect = %+v", m2.list.filter)
	}
	if got, ok := m2.list.selected(); !ok || got.ID != sel.ID {
		t.Errorf("selection after reconnect = %d, want %d", got.ID, sel.ID)
	}
	if m2.screen != screenList {
		t.Error("a list screen resumed as a conversation")
	}

	other := testConfig()
	other.Admin.Name = "siti"
	m3 := newModel(t, e, other)
	if m3.list.filter.Search != "" || m3.list.filter.View != inbox.ViewOpen {
		t.Errorf("another admin resumed budi's screen: %+v", m3.list.filter)
	}
}

// Moving the selection is not written on every key: it is saved when it
// rests, or when the session ends.
func TestSelectionSavedWhenItRests(t *testing.T) {
	e := newEnv(t)
	e.seed(t)
	m := newModel(t, e, testConfig())
	m.noWatch = false // the rest timer runs, but is not fired below
	m.watchEvery = 0
	next, cmd := m.Update(press("j"))
	m = next.(Model)
	if cmd == nil || !m.resume.armed {
		t.Fatal("moving the selection armed no rest")
	}
	if s, _, _ := e.st.LoadScreen(context.Background(), "budi"); s.Selected == m.list.rows[1].ID {
		t.Fatal("the selection was written on the key itself")
	}
	next, _ = m.Update(press("j"))
	m = next.(Model)
	m = run(t, m, m.screenRested())
	s, _, _ := e.st.LoadScreen(context.Background(), "budi")
	if s.Selected != m.list.rows[2].ID {
		t.Fatalf("kept selection = %d, want %d", s.Selected, m.list.rows[2].ID)
	}
}
