package store

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"sapa/inbox"
)

// TestIngestLeavesCheckpointsToTheBackground: pages whose WAL passes
// SQLite's default 1000-page checkpoint leave the database file as it was
// (ingest does not copy the WAL in its commit); every checkpointEvery-th
// page starts the copy beside it, and the file then holds the pages.
func TestIngestLeavesCheckpointsToTheBackground(t *testing.T) {
	s, _ := openTest(t)
	ctx := context.Background()
	acc := account(t, s, "fb", inbox.Facebook)
	size := func() int64 {
		fi, err := os.Stat(s.Path())
		if err != nil {
			t.Fatal(err)
		}
		return fi.Size()
	}
	long := strings.Repeat("jalan rusak di desa kami sudah lama ", 480) // about 17 KB
	page := func(p int) {
		var items []inbox.Inbound
		for i := range 100 {
			items = append(items, item(fmt.Sprint("t", p, "-", i), fmt.Sprint("m", p, "-", i), long, t0.Add(time.Duration(i)*time.Minute)))
		}
		if _, err := s.Ingest(ctx, acc, items, "c"); err != nil {
			t.Fatal(err)
		}
	}
	before := size()
	for p := range checkpointEvery - 1 {
		page(p)
	}
	if fi, err := os.Stat(s.Path() + "-wal"); err != nil || fi.Size() < 1000*4096 {
		t.Fatalf("WAL %v (%v): want past SQLite's default checkpoint", fi.Size(), err)
	}
	if got := size(); got != before {
		t.Fatalf("the database file went from %d to %d bytes before the background checkpoint", before, got)
	}
	page(checkpointEvery)
	s.bg.Wait()
	if got := size(); got < before+1000*4096 {
		t.Fatalf("the database file holds %d bytes after the background checkpoint, want the WAL's pages (%d before)", got, before)
	}
}
