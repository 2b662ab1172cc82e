package ui

import "testing"

// startModel starts a screen as main does, at cols×rows in the
// low-bandwidth look, with backfilled passed when the store was empty at
// start (nil otherwise).
func startModel(t *testing.T, e *env, backfilled <-chan struct{}, cols, rows int) Model {
	t.Helper()
	cfg := testConfig()
	cfg.UI.LowBandwidth = true
	d := testDeps(e, cfg)
	d.Backfilled = backfilled
	return startWith(t, d, cols, rows)
}

// A fresh start (an empty store the relay is backfilling) draws the same
// first frame as a warm start on the data that backfill brings in, at both
// benchmark sizes: bench/run.sh compares the bytes of the two, and any
// difference in the frame (a count, a status word, the preview) is bytes on
// an admin's link.
func TestFreshFirstFrameEqualsWarm(t *testing.T) {
	for _, z := range []struct{ cols, rows int }{{200, 50}, {80, 24}} {
		warm := newEnv(t)
		warm.seed(t)
		want := startModel(t, warm, nil, z.cols, z.rows).View().Content

		fresh := newEnv(t)
		backfilled := make(chan struct{})
		ingested := make(chan error, 1)
		go func() { // the relay's first backfill
			err := fresh.ingest(seedInbox()...)
			close(backfilled)
			ingested <- err
		}()
		got := startModel(t, fresh, backfilled, z.cols, z.rows).View().Content
		if err := <-ingested; err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Errorf("%dx%d: the fresh first frame differs from the warm one:\n%s\nwarm:\n%s", z.cols, z.rows, ansiStrip(got), ansiStrip(want))
		}
	}
}
