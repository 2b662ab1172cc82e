package e2e

import (
	"syscall"
	"testing"
	"time"
)

// TestDraftSurvivesEveryExit: every way a session ends saves the draft
// being typed, to the last key. The signals come within a few milliseconds
// of the last key, before any batched save could have run: SIGTERM (a
// stopped service), SIGINT, SIGHUP (sshd when the link drops), the
// terminal's master side closed with no signal first (a cut link), and
// the admin quitting with esc, q, q. Each way runs as its own admin, so
// each has its own draft on the same conversation.
func TestDraftSurvivesEveryExit(t *testing.T) {
	t.Parallel()
	d := newDirs(t)
	signal := func(sig syscall.Signal) func(a *app) {
		return func(a *app) {
			if err := syscall.Kill(-a.s.Pid(), sig); err != nil {
				t.Fatal(err)
			}
		}
	}
	ways := []struct {
		name  string
		clean bool // the exit status must be 0
		// inFlight: the key typed 3 ms before the end may still be in the
		// terminal's input queue, which a hung-up pty discards before Sapa
		// can read it, as a cut link drops bytes still on the wire. Only
		// what Sapa received (and drew) must be saved then.
		inFlight bool
		end      func(a *app)
	}{
		{"SIGTERM", true, false, signal(syscall.SIGTERM)},
		{"SIGINT", true, false, signal(syscall.SIGINT)},
		{"SIGHUP", true, false, signal(syscall.SIGHUP)},
		{"link dropped", false, true, func(a *app) {
			if err := a.s.DropLink(); err != nil {
				t.Fatal(err)
			}
		}},
		{"q", true, false, func(a *app) {
			a.send(keyEsc)
			a.quiet(300 * time.Millisecond)
			a.send("q")
			a.waitList()
			a.send("q")
		}},
	}
	// The demo team's admins of the kabupaten, one per way.
	admins := []string{"rina.humas", "yoga.kominfo", "dewi.humas", "admin.kominfo", "fajar.kominfo"}
	for i, w := range ways {
		admin := admins[i]
		a := startSapa(t, d, admin)
		if i == 0 {
			a.settle(d)
		} else {
			a.waitList()
			a.quiet(300 * time.Millisecond)
		}
		a.openTop()
		a.send("r")
		a.waitFor("ctrl+s", stepTimeout)
		last := len(halfReply) - 1
		a.send(halfReply[:last])
		a.waitFor(halfReply[:last], stepTimeout)
		a.send(halfReply[last:])
		time.Sleep(3 * time.Millisecond)
		w.end(a)
		at := time.Now()
		err := a.s.WaitExit(stepTimeout)
		t.Logf("%s: exit %v after the last key: %v", w.name, time.Since(at).Round(time.Millisecond), err)
		if w.clean && err != nil {
			t.Errorf("%s: sapa did not exit cleanly: %v", w.name, err)
		}
		a.s.Close()
		_, text := draftIn(t, d, admin)
		if text != halfReply && !(w.inFlight && text == halfReply[:last]) {
			t.Errorf("%s: the database holds the draft %q; want %q", w.name, text, halfReply)
		}
	}
}
