package e2e

import (
	"testing"
)

// TestSSHServiceStartsNoEditor: over the SSH service ctrl+e in the
// composer says it is not available and the composer stays: $EDITOR runs
// on the server, and vi's :!sh would hand an admin without a shell one, as
// the service's user.
func TestSSHServiceStartsNoEditor(t *testing.T) {
	t.Parallel()
	const admin = "dedi.bendungan"
	s := startDemoSSH(t, admin)
	a := s.connect(t, admin)
	openFirst(t, a)
	startReply(t, a)
	if err := a.Send("draft\x05"); err != nil { // ctrl+e
		t.Fatal(err)
	}
	waitScreen(t, a, "ctrl+e is not available over the SSH service", stepTimeout)
	waitScreen(t, a, "draft", stepTimeout)
}
