package store

import (
	"context"
	"strings"
	"testing"
	"time"

	"sapa/inbox"
)

func TestIngestCommitsUnsyncedUntilSync(t *testing.T) {
	s, _ := openTest(t)
	ctx := context.Background()
	acc := account(t, s, "tg", inbox.Telegram)
	var sync string
	s.g.QueryRow("PRAGMA synchronous").Scan(&sync)
	if sync != "1" {
		t.Fatalf("ingest connection synchronous=%s, want 1 (NORMAL)", sync)
	}
	if !s.Synced() {
		t.Fatal("a fresh store has nothing to sync")
	}
	if _, err := s.Ingest(ctx, acc, []inbox.Inbound{item("a", "1", "jalan rusak", t0)}, "c1"); err != nil {
		t.Fatal(err)
	}
	if s.Synced() {
		t.Fatal("a polled batch counts as on disk before Sync")
	}
	if err := s.Sync(); err != nil || !s.Synced() {
		t.Fatalf("Sync: %v, synced %v", err, s.Synced())
	}
	// A pushed batch is answered to the platform at once: it is synced by
	// its own commit.
	if _, err := s.IngestPushed(ctx, acc, []inbox.Inbound{item("b", "2", "lampu mati", t0)}); err != nil {
		t.Fatal(err)
	}
	if !s.Synced() {
		t.Fatal("a pushed batch left something to sync")
	}
}

func TestConversationWordsListEachWordOnce(t *testing.T) {
	s, _ := openTest(t)
	ctx := context.Background()
	acc := account(t, s, "fb", inbox.Facebook)
	at := t0
	batches := [][]inbox.Inbound{
		{item("a", "1", "Jalan rusak di Cibinong, jalan licin", at), item("a", "2", "tolong jalan", at.Add(time.Minute))},
		{item("a", "3", "rusak parah, TOLONG segera", at.Add(2*time.Minute)), item("b", "4", "banjir", at)},
	}
	for _, b := range batches {
		if _, err := s.Ingest(ctx, acc, b, "c"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.IndexPending(ctx); err != nil {
			t.Fatal(err)
		}
	}
	var words string
	if err := s.r.QueryRow(`SELECT w.words FROM conversation_words w JOIN conversations c ON c.id = w.conversation_id
		WHERE c.external_key = 'a'`).Scan(&words); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(words, " ") || !strings.HasSuffix(words, " ") {
		t.Fatalf("words %q: want them between spaces", words)
	}
	seen := map[string]int{}
	for _, w := range strings.Fields(words) {
		seen[w]++
	}
	for _, w := range []string{"warga", "a", "jalan", "rusak", "di", "cibinong", "licin", "tolong", "parah", "segera"} {
		if seen[w] != 1 {
			t.Errorf("%q listed %d times in %q", w, seen[w], words)
		}
	}
	if len(seen) != 10 {
		t.Errorf("words %q: want the 10 distinct words of the thread and its author", words)
	}
	rows, err := s.List(ctx, inbox.Filter{View: inbox.ViewAll, Search: "rusak tolong"}, Page{Limit: 10})
	if err != nil || len(rows) != 1 {
		t.Fatalf("search across two batches: %d rows, %v", len(rows), err)
	}
}

func TestAddWords(t *testing.T) {
	for _, c := range []struct{ have, add, want string }{
		{" a b ", " c a ", " a b c "},
		{" a ", " a ", " a "},
		{" ", " x y x ", " x y "},
		{" jalan ", " jalanan jala ", " jalan jalanan jala "},
	} {
		if got := addWords(c.have, c.add); got != c.want {
			t.Errorf("addWords(%q, %q) = %q, want %q", c.have, c.add, got, c.want)
		}
	}
}
