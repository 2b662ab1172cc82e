package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"sapa/inbox"
	"sapa/store"
)

// TestReadInOneSessionClearsTheMarkInTheOther: an admin with two sessions
// (two SSH logins on one service) opens a conversation in one; the other's
// list drops the conversation's "*" within a second, as it would for any
// change.
func TestReadInOneSessionClearsTheMarkInTheOther(t *testing.T) {
	e := newEnv(t)
	e.seed(t)
	ctx := context.Background()
	e.units(t, []store.UnitRow{{Code: "32.01", Parent: "32", Level: "kabupaten", Name: "Kabupaten Bogor"}})
	ani := inbox.Admin{Name: "ani", Unit: "32.01", Role: inbox.Operator}
	if err := e.st.AddAdmin(ctx, "root", ani); err != nil {
		t.Fatal(err)
	}
	first, second := approverModel(t, e, ani), approverModel(t, e, ani)
	if row := rowOf(t, second, "Siti Rahma"); !strings.Contains(row, "*") {
		t.Fatalf("a new conversation shows no unread mark: %q", row)
	}
	second.noWatch = false
	watch := runAsync(second.watch())
	second.noWatch = true // the helpers must not block on the re-armed watcher

	first = keys(t, first, "enter") // Siti Rahma, the newest, is selected
	if !strings.Contains(screenText(first), "Jalan di depan pasar Cibadak") {
		t.Fatalf("the first session did not open Siti's conversation:\n%s", screenText(first))
	}
	var msg tea.Msg
	select {
	case msg = <-watch:
	case <-time.After(5 * time.Second):
		t.Fatal("the other session of the same admin was not told")
	}
	second = send(t, second, msg)
	if row := rowOf(t, second, "Siti Rahma"); strings.Contains(row, "*") {
		t.Errorf("the other session still shows Siti's conversation unread: %q", row)
	}
}
