package store

import (
	"context"
	"testing"
	"time"

	"sapa/inbox"
)

// Drafts are saved on every few keys, so they go through their own
// connection with synchronous=NORMAL, while the writer that holds outbox and
// triage writes stays FULL; a draft save wakes no other session.
func TestDraftsHaveTheirOwnCheapConnection(t *testing.T) {
	s, _ := openTest(t)
	ctx := context.Background()
	var drafts, writer string
	if err := s.d.QueryRow("PRAGMA synchronous").Scan(&drafts); err != nil {
		t.Fatal(err)
	}
	if err := s.w.QueryRow("PRAGMA synchronous").Scan(&writer); err != nil {
		t.Fatal(err)
	}
	if drafts != "1" || writer != "2" {
		t.Fatalf("synchronous: drafts %s, writer %s; want 1 (NORMAL) and 2 (FULL)", drafts, writer)
	}
	acc := account(t, s, "fb", inbox.Facebook)
	if _, err := s.Ingest(ctx, acc, []inbox.Inbound{item("t1", "m1", "halo", t0.Add(-time.Hour))}, ""); err != nil {
		t.Fatal(err)
	}
	convs, err := s.List(ctx, inbox.Filter{View: inbox.ViewAll}, Page{Limit: 1})
	if err != nil || len(convs) != 1 {
		t.Fatalf("list: %v %v", convs, err)
	}
	before, _ := s.ChangeCounter(ctx)
	for _, text := range []string{"M", "Mo", "Moh"} {
		if err := s.SaveDraft(ctx, convs[0].ID, "budi", text); err != nil {
			t.Fatal(err)
		}
	}
	if after, _ := s.ChangeCounter(ctx); after != before {
		t.Errorf("saving a draft moved the change counter from %d to %d", before, after)
	}
	if d, err := s.LoadDraft(ctx, convs[0].ID, "budi"); err != nil || d.Text != "Moh" {
		t.Fatalf("draft = %q, %v", d.Text, err)
	}
	// Sending still deletes the draft in the same transaction as the outbox row.
	if _, err := s.Enqueue(ctx, convs[0].ID, "budi", "Mohon", time.Time{}, inbox.StatusPending, false); err != nil {
		t.Fatal(err)
	}
	if d, _ := s.LoadDraft(ctx, convs[0].ID, "budi"); d.Text != "" {
		t.Fatalf("draft after send = %q", d.Text)
	}
}
