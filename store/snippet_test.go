package store

import (
	"context"
	"strings"
	"testing"
	"time"

	"sapa/inbox"
)

// A search lists each conversation with the message that matches it, the
// one holding the most searched words and the newest among those, not its
// newest message; without a search the newest message stays.
func TestSearchRowsShowTheMatchingMessage(t *testing.T) {
	s, _ := openTest(t)
	ctx := context.Background()
	fb := account(t, s, "fb", inbox.Facebook)
	s.Ingest(ctx, fb, []inbox.Inbound{
		item("a", "1", "KTP-el saya hilang di pasar", t0),
		item("a", "2", "ktp anak saya juga belum jadi", t0.Add(time.Minute)),
		item("a", "3", "terima kasih infonya", t0.Add(2*time.Minute)),
	}, "")
	snippet := func(f inbox.Filter) string {
		t.Helper()
		rows, err := s.List(ctx, f, Page{})
		if err != nil || len(rows) != 1 {
			t.Fatalf("%+v: %d rows, %v", f, len(rows), err)
		}
		return rows[0].Snippet
	}
	if got := snippet(inbox.Filter{View: inbox.ViewAll}); !strings.Contains(got, "terima kasih") {
		t.Fatalf("without a search the row shows %q, want the newest message", got)
	}
	if got := snippet(inbox.Filter{View: inbox.ViewAll, Search: "ktp"}); !strings.Contains(got, "anak saya") {
		t.Fatalf("search ktp shows %q, want the newest message with ktp", got)
	}
	if got := snippet(inbox.Filter{View: inbox.ViewAll, Search: "ktp hil"}); !strings.Contains(got, "hilang di pasar") {
		t.Fatalf("search \"ktp hil\" shows %q, want the message with both words", got)
	}
	// The scoped store lists the same.
	sc := s.As(Scope{})
	rows, err := sc.List(ctx, inbox.Filter{View: inbox.ViewAll, Search: "ktp"}, Page{})
	if err != nil || len(rows) != 1 || !strings.Contains(rows[0].Snippet, "anak saya") {
		t.Fatalf("scoped search: %+v, %v", rows, err)
	}
}
