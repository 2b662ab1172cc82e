package ui

import (
	"context"
	"strings"
	"testing"

	"sapa/inbox"
)

// adminModel opens the screen as a newly registered admin, through the
// store's scope, as the SSH service and `sapa demo --as` do.
func adminModel(t *testing.T, e *env, admin inbox.Admin) Model {
	t.Helper()
	if err := e.st.AddAdmin(context.Background(), "root", admin); err != nil {
		t.Fatal(err)
	}
	return approverModel(t, e, admin)
}

// TestRefusalsAreInTheAdminsLanguage: assigning to a name that is no
// admin and a viewer pressing a triage key are refused in Indonesian words
// that say why, not in the store's English.
func TestRefusalsAreInTheAdminsLanguage(t *testing.T) {
	e := newEnv(t)
	e.seed(t)
	deskUnits(t, e)
	m := adminModel(t, e, inbox.Admin{Name: "rina", Unit: "32.01", Role: inbox.Supervisor})
	m = keys(t, m, "a")
	m = typeText(t, m, "nobody\n")
	s := screenText(m)
	if !strings.Contains(s, "nobody bukan admin aktif") || strings.Contains(s, "not an active admin") {
		t.Fatalf("assigning to an unknown admin:\n%s", s)
	}

	v := adminModel(t, e, inbox.Admin{Name: "tamu", Unit: "32.01", Role: inbox.Viewer})
	v = keys(t, v, "d")
	s = screenText(v)
	if !strings.Contains(s, "hanya untuk membaca") || strings.Contains(s, "may only read") {
		t.Fatalf("a viewer's done:\n%s", s)
	}
}

// TestViewerIsRefusedAtTheKey: a viewer pressing a key that would change a
// conversation is told at once, instead of being handed a prompt or the
// composer whose answer the store then refuses; reading keys still work.
func TestViewerIsRefusedAtTheKey(t *testing.T) {
	e := newEnv(t)
	e.seed(t)
	deskUnits(t, e)
	v := adminModel(t, e, inbox.Admin{Name: "tamu", Unit: "32.01", Role: inbox.Viewer})
	for _, k := range []string{"r", "a", "t", "z", "E", "D", "U", "n", "!"} {
		v = keys(t, v, k)
		if v.prompt.active() || v.composing || !strings.Contains(screenText(v), "hanya untuk membaca") {
			t.Fatalf("a viewer's %s: prompt %v, composing %v:\n%s", k, v.prompt.active(), v.composing, screenText(v))
		}
	}
	v = keys(t, v, ":")
	v = typeText(t, v, "note catatan\n")
	if !strings.Contains(screenText(v), "hanya untuk membaca") {
		t.Fatalf("a viewer's :note:\n%s", screenText(v))
	}
	v = keys(t, v, "enter")
	if v.screen != screenThread {
		t.Fatalf("a viewer cannot open a conversation:\n%s", screenText(v))
	}
}
