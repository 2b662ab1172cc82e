package storebench

import (
	"context"
	"testing"

	"sapa/inbox"
	"sapa/store"
)

// firstFrame does what Sapa's first frame needs from the store: open it,
// read the accounts and the outbox and lease state, the first window of the
// open view and its count.
func firstFrame(path string) (*store.Store, []inbox.Conversation, error) {
	ctx := context.Background()
	st, err := store.Open(ctx, path, store.Options{})
	if err != nil {
		return nil, nil, err
	}
	fail := func(err error) (*store.Store, []inbox.Conversation, error) {
		st.Close()
		return nil, nil, err
	}
	if _, err := st.Accounts(ctx); err != nil {
		return fail(err)
	}
	if _, err := st.OutboxCounts(ctx); err != nil {
		return fail(err)
	}
	if _, _, err := st.Lease(ctx); err != nil {
		return fail(err)
	}
	if _, err := st.ChangeCounter(ctx); err != nil {
		return fail(err)
	}
	f := inbox.Filter{View: inbox.ViewOpen}
	rows, err := st.List(ctx, f, store.Page{Limit: screen})
	if err != nil {
		return fail(err)
	}
	if _, err := st.Count(ctx, f); err != nil {
		return fail(err)
	}
	return st, rows, nil
}

// BenchmarkFirstFrameStore times the store's share of the first frame with a
// warm file cache: open, migrations check, first window, count, status.
func BenchmarkFirstFrameStore(b *testing.B) {
	path, _ := cached(b)
	if st, _, err := firstFrame(path); err != nil { // warm the file cache
		b.Fatal(err)
	} else {
		st.Close()
	}
	var lat latencies
	for b.Loop() {
		var st *store.Store
		var err error
		lat.time(func() { st, _, err = firstFrame(path) })
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		st.Close()
		b.StartTimer()
	}
	lat.report(b, 0.5, 0.99)
}
