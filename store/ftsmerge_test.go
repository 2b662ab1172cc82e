package store

import (
	"context"
	"fmt"
	"testing"
	"time"

	"sapa/inbox"
)

// TestIndexingLeavesMergingToMergeIndex: every indexing commit adds one
// segment to the full-text index and merges none (migration 0090);
// MergeIndex merges them down and every message is still found.
func TestIndexingLeavesMergingToMergeIndex(t *testing.T) {
	s, _ := openTest(t)
	ctx := context.Background()
	acc := account(t, s, "fb", inbox.Facebook)
	segments := func() int {
		var n int
		if err := s.r.QueryRow(`SELECT count(*) FROM messages_fts_segdir`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	found := func() int {
		var n int
		if err := s.r.QueryRow(`SELECT count(*) FROM messages_fts WHERE messages_fts MATCH 'jalan'`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	before := segments()
	const calls = 14 // below 16: FTS4 merges a full level in one go
	for i := range calls {
		it := item(fmt.Sprint("t", i), fmt.Sprint("m", i), fmt.Sprint("jalan rusak nomor ", i), t0.Add(time.Duration(i)*time.Minute))
		if _, err := s.Ingest(ctx, acc, []inbox.Inbound{it}, ""); err != nil {
			t.Fatal(err)
		}
		if got := segments() - before; got != i {
			t.Fatalf("ingest %d: %d segments added, want none by ingest itself", i, got)
		}
		if n, err := s.IndexPending(ctx); err != nil || n != 1 {
			t.Fatalf("IndexPending: %d, %v; want the ingested message", n, err)
		}
	}
	if got := segments() - before; got != calls {
		t.Fatalf("%d indexing commits added %d segments, want one each and no merge", calls, got)
	}
	done, err := s.MergeIndex(ctx, time.Minute)
	if err != nil || !done {
		t.Fatalf("MergeIndex: done %v, %v", done, err)
	}
	if n := segments(); n >= 8 {
		t.Fatalf("%d segments left after MergeIndex", n)
	}
	if n := found(); n != calls {
		t.Fatalf("jalan found in %d messages after merging, want %d", n, calls)
	}
	if done, err := s.MergeIndex(ctx, time.Minute); err != nil || !done {
		t.Fatalf("MergeIndex with nothing to merge: done %v, %v", done, err)
	}
}
