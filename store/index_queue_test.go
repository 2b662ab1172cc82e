package store

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"sapa/inbox"
)

// indexState counts the full-text matches of word, the queued messages and
// the conversations with a word list.
func indexState(t *testing.T, s *Store, word string) (matches, queued, lists int) {
	t.Helper()
	err := s.r.QueryRow(`SELECT (SELECT count(*) FROM messages_fts WHERE messages_fts MATCH ?),
		(SELECT count(*) FROM index_queue), (SELECT count(*) FROM conversation_words)`, word).Scan(&matches, &queued, &lists)
	if err != nil {
		t.Fatal(err)
	}
	return matches, queued, lists
}

func ingestJalan(t *testing.T, s *Store, acc int64, n int) {
	t.Helper()
	var items []inbox.Inbound
	for i := range n {
		items = append(items, item(fmt.Sprint("t", i), fmt.Sprint("m", i), fmt.Sprint("jalan rusak nomor ", i), t0.Add(time.Duration(i)*time.Minute)))
	}
	if _, err := s.Ingest(context.Background(), acc, items, "c"); err != nil {
		t.Fatal(err)
	}
}

// TestIngestQueuesWhatIndexPendingIndexes: ingest stores the messages and
// queues them; IndexPending puts them in the full-text index and the word
// lists and empties the queue.
func TestIngestQueuesWhatIndexPendingIndexes(t *testing.T) {
	s, _ := openTest(t)
	ctx := context.Background()
	acc := account(t, s, "fb", inbox.Facebook)
	ingestJalan(t, s, acc, 3)
	if m, q, l := indexState(t, s, "jalan"); m != 0 || q != 3 || l != 0 {
		t.Fatalf("after ingest: %d matches, %d queued, %d word lists; want 0, 3, 0", m, q, l)
	}
	if n, err := s.IndexPending(ctx); err != nil || n != 3 {
		t.Fatalf("IndexPending: %d, %v; want 3", n, err)
	}
	if m, q, l := indexState(t, s, "jalan"); m != 3 || q != 0 || l != 3 {
		t.Fatalf("after IndexPending: %d matches, %d queued, %d word lists; want 3, 0, 3", m, q, l)
	}
	if n, err := s.IndexPending(ctx); err != nil || n != 0 {
		t.Fatalf("IndexPending again: %d, %v; want nothing left", n, err)
	}
}

// TestIndexPendingTakesWhatAnotherHandleQueued: a store opened after
// another process ingested indexes that process's queue too.
func TestIndexPendingTakesWhatAnotherHandleQueued(t *testing.T) {
	s, _ := openTest(t)
	acc := account(t, s, "fb", inbox.Facebook)
	ingestJalan(t, s, acc, 2)
	other, err := Open(context.Background(), s.Path(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if n, err := other.IndexPending(context.Background()); err != nil || n != 2 {
		t.Fatalf("IndexPending on another handle: %d, %v; want 2", n, err)
	}
}

// TestSearchIndexesAShortQueueFirst: a search finds a message stored a
// moment before it, though nobody indexed the queue yet; a queue longer
// than CatchUp (a backfill the relay is indexing) is searched as indexed.
func TestSearchIndexesAShortQueueFirst(t *testing.T) {
	for _, c := range []struct {
		catchUp, found, left int
	}{{10, 3, 0}, {2, 0, 3}} {
		s, err := Open(context.Background(), filepath.Join(t.TempDir(), "s.db"), Options{Search: SearchPlan{CatchUp: c.catchUp}})
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		acc := account(t, s, "fb", inbox.Facebook)
		ingestJalan(t, s, acc, 3)
		rows, err := s.List(context.Background(), inbox.Filter{View: inbox.ViewAll, Search: "rusak"}, Page{Limit: 10})
		if err != nil || len(rows) != c.found {
			t.Errorf("catch-up %d: search found %d (%v), want %d", c.catchUp, len(rows), err, c.found)
		}
		if _, q, _ := indexState(t, s, "jalan"); q != c.left {
			t.Errorf("catch-up %d: %d left queued, want %d", c.catchUp, q, c.left)
		}
	}
}

// TestIndexedBacklogMovesTheChangeCounter: a backlog longer than a search
// indexes itself moves the change counter once it is indexed, so a screen
// that searched meanwhile loads its search again; a short queue, which
// every search indexed first, does not.
func TestIndexedBacklogMovesTheChangeCounter(t *testing.T) {
	for _, c := range []struct {
		queued int
		moves  bool
	}{{indexChunk + 1, true}, {3, false}} {
		s, _ := openTest(t)
		ctx := context.Background()
		acc := account(t, s, "fb", inbox.Facebook)
		ingestJalan(t, s, acc, c.queued)
		before, err := s.ChangeCounter(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if n, err := s.IndexPending(ctx); err != nil || n != c.queued {
			t.Fatalf("IndexPending: %d, %v; want %d", n, err, c.queued)
		}
		after, err := s.ChangeCounter(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if moved := after != before; moved != c.moves {
			t.Errorf("%d queued: counter moved %v, want %v", c.queued, moved, c.moves)
		}
	}
}
