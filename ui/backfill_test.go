package ui

import (
	"context"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"sapa/inbox"
)

// On a fresh store the first window waits for the relay's backlog, even
// when its first page is already in, instead of drawing what is there and
// then again as every page arrives.
func TestFirstWindowWaitsForBackfill(t *testing.T) {
	e := newEnv(t)
	e.msg(t, "fb-pemkab", "post7/c70", "Perbaikan jalan", "Siti Rahma", "c70", "Jalan rusak", t0)
	backfilled := make(chan struct{})
	req := windowReq{kind: winReload, filter: inbox.Filter{View: inbox.ViewAll}, limit: 10, count: true}
	got := make(chan tea.Msg, 1)
	go func() { got <- firstWindowCmd(context.Background(), e.st, req, backfilled, time.Hour)() }()
	select {
	case msg := <-got:
		t.Fatalf("the first window came before the backlog: %+v", msg)
	default:
	}
	e.seed(t) // the relay ingests the rest of the backlog
	close(backfilled)
	msg := (<-got).(windowMsg)
	if msg.err != nil || len(msg.rows) != 6 {
		t.Fatalf("first window after the backfill: %d rows, %v", len(msg.rows), msg.err)
	}
}

func TestFirstWindowWaitIsBounded(t *testing.T) {
	e := newEnv(t)
	e.seed(t)
	req := windowReq{kind: winReload, filter: inbox.Filter{View: inbox.ViewAll}, limit: 10, count: true}
	// Backfilled never closes: the bound lets the window load.
	msg := firstWindowCmd(context.Background(), e.st, req, make(chan struct{}), time.Millisecond)().(windowMsg)
	if msg.err != nil || len(msg.rows) != 5 {
		t.Fatalf("first window: %d rows, %v", len(msg.rows), msg.err)
	}
}
