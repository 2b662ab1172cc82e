package store

import (
	"context"
	"fmt"
	"math/rand"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"sapa/inbox"
)

// TestIngestBatchEqualsOneByOne ingests the same traffic (replies of the
// office, messages redelivered and repeated within a batch, authors
// renaming themselves, threads whose title arrives late, conversations
// done, pending and snoozed between batches) into two stores: in batches,
// and one message per Ingest. A batch carries each conversation's row from
// message to message in memory and writes it once; one message per call
// reads it back every time. Every row must come out the same.
func TestIngestBatchEqualsOneByOne(t *testing.T) {
	// Batches of up to 25 items, and of up to 400, which a backfill hands
	// over and which are written in several multi-row statements each.
	for _, size := range []int{25, 400} {
		batched, _ := ingestScenario(t, inBatches, size, 1)
		single, _ := ingestScenario(t, oneByOne, size, 1)
		if len(batched) < 100 {
			t.Fatalf("scenario too small: %d rows", len(batched))
		}
		sameLines(t, fmt.Sprint("batches of ", size, ", batched / one by one"), batched, single)
	}
}

// sameLines fails the test at the first line where a and b differ.
func sameLines(t *testing.T, what string, a, b []string) {
	t.Helper()
	at := func(rows []string, i int) string {
		if i < len(rows) {
			return rows[i]
		}
		return "(none)"
	}
	for i := range max(len(a), len(b)) {
		if i >= len(a) || i >= len(b) || a[i] != b[i] {
			t.Fatalf("%s: line %d differs:\n%v\n%v", what, i, at(a, i), at(b, i))
		}
	}
}

// ingestMode is how ingestScenario hands its traffic to Ingest.
type ingestMode int

const (
	inBatches ingestMode = iota // one call per part, one after another
	oneByOne                    // one call per message
	together                    // a round's parts at once, by concurrent callers
)

// ingestScenario ingests a seeded random traffic and returns the rows of
// every table ingest writes, as text, and the result of every call. Each
// round's traffic is cut into parts, each for the next account.
func ingestScenario(t *testing.T, mode ingestMode, size, parts int) (rows, results []string) {
	clk := &clock{t: t0}
	s := openDeadlines(t, filepath.Join(t.TempDir(), "s.db"), clk, hourly{"h1"})
	ctx := context.Background()
	// Two accounts of one platform share its contacts.
	accs := []int64{account(t, s, "fb", inbox.Facebook), account(t, s, "tg", inbox.Telegram),
		account(t, s, "fb2", inbox.Facebook)}
	r := rand.New(rand.NewSource(7))
	words := []string{"jalan", "rusak", "banjir", "tolong", "Pak", "café", "naïve", "lampu", "ÉCOLE"}
	text := func() string {
		var b []string
		for range 1 + r.Intn(8) {
			b = append(b, words[r.Intn(len(words))])
		}
		return strings.Join(b, " ")
	}
	var sent []inbox.Inbound
	for round := range max(3, 30*25/size) {
		var batch []inbox.Inbound
		n := 1 + r.Intn(size)
		if size > chunk {
			n = chunk + 1 + r.Intn(size-chunk) // more than one statement's rows
		}
		for range n {
			switch k := r.Intn(10); {
			case k == 0 && len(sent) > 0:
				batch = append(batch, sent[r.Intn(len(sent))])
			case k == 1 && len(batch) > 0:
				batch = append(batch, batch[r.Intn(len(batch))])
			default:
				it := item(fmt.Sprint("t", r.Intn(20)), fmt.Sprint("m", len(sent)+len(batch)), text(),
					t0.Add(time.Duration(r.Intn(5000))*time.Minute))
				if r.Intn(3) == 0 {
					it.Message.Direction, it.Message.Author = inbox.Out, inbox.Contact{}
				}
				if r.Intn(4) == 0 {
					it.Thread.Title = ""
				}
				if r.Intn(5) == 0 {
					it.Message.Author.Name = fmt.Sprint("Ganti ", r.Intn(3))
				}
				batch = append(batch, it)
			}
		}
		var calls []ingestArgs
		for j := range parts {
			c := ingestArgs{accs[(round+j)%len(accs)], batch[j*len(batch)/parts : (j+1)*len(batch)/parts], fmt.Sprint("c", round, "-", j)}
			if mode != oneByOne {
				calls = append(calls, c)
				continue
			}
			for i := range c.items {
				calls = append(calls, ingestArgs{c.account, c.items[i : i+1], c.cursor})
			}
		}
		var res []IngestResult
		if mode == together {
			res = ingestTogether(t, s, calls)
		} else {
			for _, c := range calls {
				r, err := s.Ingest(ctx, c.account, c.items, c.cursor)
				if err != nil {
					t.Fatal(err)
				}
				res = append(res, r)
			}
		}
		for _, r := range res {
			results = append(results, fmt.Sprintf("%+v", r))
		}
		sent = append(sent, batch...)
		var ids []int64
		collectRows(t, s, `SELECT id FROM conversations ORDER BY id`, func(v []any) { ids = append(ids, v[0].(int64)) })
		for _, id := range ids {
			var err error
			switch r.Intn(6) {
			case 0:
				_, err = s.Apply(ctx, id, "ani", Change{Status: inbox.StatusDone})
			case 1:
				_, err = s.Apply(ctx, id, "ani", Change{Status: inbox.StatusPending})
			case 2:
				_, err = s.Apply(ctx, id, "ani", Change{Status: inbox.StatusSnoozed, SnoozeUntil: clk.now().Add(time.Hour)})
			}
			if err != nil {
				t.Fatal(err)
			}
		}
		clk.add(time.Minute)
	}
	var out []string
	for _, q := range []string{`SELECT * FROM conversations ORDER BY id`, `SELECT * FROM messages ORDER BY id`,
		`SELECT * FROM contacts ORDER BY id`, `SELECT * FROM conversation_words ORDER BY conversation_id`,
		`SELECT at, admin, action, conversation_id, detail FROM audit_log ORDER BY id`,
		`SELECT * FROM sync_cursors ORDER BY account_id`} {
		collectRows(t, s, q, func(v []any) { out = append(out, fmt.Sprintf("%.20s %v", q[14:], v)) })
	}
	for _, w := range words {
		var ids []int64
		collectRows(t, s, `SELECT docid FROM messages_fts WHERE messages_fts MATCH '`+w+`' ORDER BY docid`,
			func(v []any) { ids = append(ids, v[0].(int64)) })
		out = append(out, fmt.Sprint(w, ids))
	}
	if !slices.ContainsFunc(out, func(r string) bool { return strings.Contains(r, "reply made on the platform") }) {
		t.Fatal("no status moved by a reply made on the platform: the scenario misses a case")
	}
	return out, results
}

func collectRows(t *testing.T, s *Store, q string, fn func([]any)) {
	t.Helper()
	rows, err := s.r.Query(q)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	for rows.Next() {
		v := make([]any, len(cols))
		p := make([]any, len(cols))
		for i := range v {
			p[i] = &v[i]
		}
		if err := rows.Scan(p...); err != nil {
			t.Fatal(err)
		}
		for i := range v {
			if b, ok := v[i].([]byte); ok {
				v[i] = string(b)
			}
		}
		fn(v)
	}
}

// TestSnippetKeepsTheStartOfALongMessage: a conversation's row keeps at
// most snippetMax bytes of its newest message, cut between code points; a
// short message is kept whole.
func TestSnippetKeepsTheStartOfALongMessage(t *testing.T) {
	s, _ := openTest(t)
	ctx := context.Background()
	acc := account(t, s, "mail", inbox.Email)
	long := strings.Repeat("é", snippetMax) // two bytes each: the cut falls inside one at an odd limit
	for _, text := range []string{"pendek saja", long + "x", "a" + long} {
		if _, err := s.Ingest(ctx, acc, []inbox.Inbound{item("t-"+text[:4], "m-"+text[:4], text, t0)}, ""); err != nil {
			t.Fatal(err)
		}
	}
	rows, err := s.List(ctx, inbox.Filter{View: inbox.ViewAll}, Page{Limit: 10})
	if err != nil || len(rows) != 3 {
		t.Fatalf("List: %d rows, %v", len(rows), err)
	}
	for _, c := range rows {
		if len(c.Snippet) > snippetMax || !utf8.ValidString(c.Snippet) || c.Snippet == "" {
			t.Errorf("snippet of %d bytes, valid %v: want at most %d, whole code points", len(c.Snippet), utf8.ValidString(c.Snippet), snippetMax)
		}
		if len(c.Snippet) < snippetMax-1 && c.Snippet != "pendek saja" {
			t.Errorf("snippet %q...: want the first %d bytes of a long message", c.Snippet[:10], snippetMax)
		}
	}
}
