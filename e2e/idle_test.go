package e2e

import (
	"runtime"
	"sync"
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

// TestIdleWritesNothingUnderLoad: the same with every core busy in other
// work, in the low-bandwidth look. A timer that fires late, or a reload
// that lands between two frames, must still draw nothing that did not
// change: once a loaded machine made an idle session write 32 bytes.
func TestIdleWritesNothingUnderLoad(t *testing.T) {
	d := newDirs(t)
	a := startSapa(t, d, adminA, "--low-bandwidth")
	a.settle(d)
	a.quiet(time.Second)
	stop := busyCPU()
	defer stop()
	a.s.Mark()
	a.rec.on()
	time.Sleep(idleWindow) // the test is the waiting itself
	wrote := a.rec.off()
	if n := a.s.Since(); n != 0 {
		t.Errorf("idle for %v on a busy machine, sapa wrote %d bytes: %q", idleWindow, n, wrote)
	}
}

// TestIdleWritesNothingUnderLoadWide: at 200x50, where the 32 bytes were
// seen, with the cores busy from before start-up on, so the start-up, the
// history arriving and the wide layout's preview (drawn once the selection
// rests) all run late; once the screen has been quiet, nothing more.
func TestIdleWritesNothingUnderLoadWide(t *testing.T) {
	stop := busyCPU()
	defer stop()
	d := newDirs(t)
	a := startSapaSize(t, d, adminA, 200, 50, "--low-bandwidth")
	a.settleData(d)
	a.quiet(2 * time.Second)
	a.s.Mark()
	a.rec.on()
	time.Sleep(idleWindow) // the test is the waiting itself
	wrote := a.rec.off()
	if n := a.s.Since(); n != 0 {
		t.Errorf("idle for %v at 200x50 on a busy machine, sapa wrote %d bytes: %q", idleWindow, n, wrote)
	}
}

// busyCPU keeps twice as many goroutines as cores busy until the returned
// stop.
func busyCPU() (stop func()) {
	done := make(chan struct{})
	var wg sync.WaitGroup
	for i := 0; i < 2*runtime.NumCPU(); i++ {
		wg.Add(1)
		go func() { // busy until told to stop
			defer wg.Done()
			for x := uint64(1); ; x = x*6364136223846793005 + 1 {
				select {
				case <-done:
					return
				default:
				}
			}
		}()
	}
	return func() {
		close(done)
		wg.Wait()
	}
}
