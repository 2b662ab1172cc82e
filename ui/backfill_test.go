package ui

import (
	"context"
	"testing"
	"time"

	"sapa/inbox"
)

// listingStore tells of every List call before answering it.
type listingStore struct {
	Store
	listed chan struct{}
}

func (s listingStore) List(ctx context.Context, f inbox.Filter, pg inbox.Page) ([]inbox.Conversation, error) {
	s.listed <- struct{}{}
	return s.Store.List(ctx, f, pg)
}

// On a fresh store the first window waits for the relay's backlog instead of
// coming back empty (to be drawn again as every page arrives).
func TestFirstWindowWaitsForBackfillOnEmptyStore(t *testing.T) {
	e := newEnv(t)
	st := listingStore{Store: e.st, listed: make(chan struct{}, 4)}
	backfilled := make(chan struct{})
	req := windowReq{kind: winReload, filter: inbox.Filter{View: inbox.ViewAll}, limit: 10, count: true}
	got := make(chan windowMsg, 1)
	go func() { got <- firstWindowCmd(context.Background(), st, req, backfilled, time.Hour)().(windowMsg) }()
	<-st.listed // the store was found empty
	e.seed(t)   // the relay ingests the backlog
	close(backfilled)
	msg := <-got
	if msg.err != nil || len(msg.rows) != 5 {
		t.Fatalf("first window after the backfill: %d rows, %v", len(msg.rows), msg.err)
	}
}

func TestFirstWindowOnAFilledStoreDoesNotWait(t *testing.T) {
	e := newEnv(t)
	e.seed(t)
	st := listingStore{Store: e.st, listed: make(chan struct{}, 4)}
	req := windowReq{kind: winReload, filter: inbox.Filter{View: inbox.ViewAll}, limit: 10, count: true}
	// Backfilled never closes and the wait is an hour: only a load that
	// does not wait returns.
	msg := firstWindowCmd(context.Background(), st, req, make(chan struct{}), time.Hour)().(windowMsg)
	if msg.err != nil || len(msg.rows) != 5 {
		t.Fatalf("first window: %d rows, %v", len(msg.rows), msg.err)
	}
}
