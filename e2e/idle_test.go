package e2e

import (
	"testing"
	"time"
)

// idleWindow is how long the idle screen is watched here; the benchmarks
// watch a minute.
const idleWindow = 5 * time.Second

// TestIdleWritesNothing: with nothing arriving (--no-live), once start-up
// is over and the screen is quiet, sapa writes not one byte to the
// terminal: no clock, no spinner, no redraw of relative ages, nothing from
// the relay's lease heartbeat.
func TestIdleWritesNothing(t *testing.T) {
	t.Parallel()
	d := newDirs(t)
	a := startSapa(t, d, adminA)
	a.settle(d)
	a.quiet(time.Second)
	a.s.Mark()
	a.rec.on()
	time.Sleep(idleWindow) // the test is the waiting itself
	wrote := a.rec.off()
	if n := a.s.Since(); n != 0 {
		t.Errorf("idle for %v, sapa wrote %d bytes: %q", idleWindow, n, wrote)
	}
}
