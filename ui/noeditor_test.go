package ui

import (
	"strings"
	"testing"
)

// TestNoEditorHintOverTheSSHService: where ctrl+e is refused (NoEditor),
// neither the composer's title line nor the bottom row nor help names it;
// a local screen does.
func TestNoEditorHintOverTheSSHService(t *testing.T) {
	for _, noEditor := range []bool{false, true} {
		e := newEnv(t)
		e.seed(t)
		d := testDeps(e, testConfig())
		d.NoEditor = noEditor
		m := startWith(t, d, 120, 24)
		m = openFirst(t, m)
		m = keys(t, m, "r")
		s := screenText(m)
		if got := strings.Contains(s, "ctrl+e"); got == noEditor {
			t.Errorf("NoEditor %v: the composer names ctrl+e: %v\n%s", noEditor, got, s)
		}
		if !strings.Contains(s, "ctrl+s") {
			t.Errorf("NoEditor %v: the send key is not named:\n%s", noEditor, s)
		}
		if help := strings.Join(m.helpLines(), "\n"); noEditor && strings.Contains(help, "ctrl+e") {
			t.Errorf("help names ctrl+e over the SSH service:\n%s", help)
		}
	}
}
