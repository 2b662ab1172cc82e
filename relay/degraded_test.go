package relay

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"sapa/inbox"
	"sapa/platforms"
	"sapa/store"
)

// partlyFailing is a connector whose direct messages feed fails while its
// comments are read.
type partlyFailing struct{ fakeConn }

func (p *partlyFailing) Fetch(ctx context.Context, cursor string) (platforms.Batch, error) {
	return platforms.Batch{Items: []inbox.Inbound{msg("a", "1")}, Cursor: "c1", Degraded: "direct messages: code 100"}, nil
}

// TestDegradedFeedShowsAsAccountHealth: a fetch that reads one feed while
// another fails ingests what it read and records which feed is failing as
// the account's health.
func TestDegradedFeedShowsAsAccountHealth(t *testing.T) {
	ctx := context.Background()
	conn := &partlyFailing{}
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "sapa.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	id, _ := st.EnsureAccount(ctx, "ig", inbox.Instagram, conn.Capabilities())
	r := New(st, []Account{{ID: id, Name: "ig", Conn: conn, Poll: time.Hour}}, Options{})
	r.fetch(ctx, r.accounts[id])
	if n, _ := st.Count(ctx, inbox.Filter{}); n != 1 {
		t.Fatalf("%d conversations ingested, want 1", n)
	}
	accs, _ := st.Accounts(ctx)
	if len(accs) != 1 || accs[0].Healthy || accs[0].LastError != "direct messages: code 100" {
		t.Fatalf("account health %+v; want the failing feed named", accs)
	}
}
