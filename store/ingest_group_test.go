package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"sapa/inbox"
)

// TestIngestTogetherEqualsAlone ingests the same traffic by concurrent
// callers, whose batches are written in shared transactions (two of the
// same account among them, two accounts of one platform sharing contacts),
// and by one caller, one batch per transaction: every row and every call's
// result must come out the same.
func TestIngestTogetherEqualsAlone(t *testing.T) {
	for _, size := range []int{25, 400} {
		alone, aloneRes := ingestScenario(t, inBatches, size, 5)
		grouped, groupedRes := ingestScenario(t, together, size, 5)
		if len(alone) < 100 {
			t.Fatalf("scenario too small: %d rows", len(alone))
		}
		sameLines(t, fmt.Sprint("batches of ", size, ", rows alone / together"), alone, grouped)
		sameLines(t, fmt.Sprint("batches of ", size, ", results alone / together"), aloneRes, groupedRes)
	}
}

// TestIngestGroupsConcurrentCalls counts the transactions concurrent calls
// take by the change counter, which each transaction adding messages moves
// once: the first call alone, then the others together, in groups of at
// most groupBatches batches and groupMessages messages.
func TestIngestGroupsConcurrentCalls(t *testing.T) {
	for _, tc := range []struct {
		calls, items int
		want         uint64 // transactions
	}{
		{calls: 5, items: 10, want: 2},                    // 1 + 4
		{calls: 1 + groupBatches + 3, items: 10, want: 3}, // 1 + 32 + 3
		{calls: 1 + 30, items: 100, want: 3},              // 1 + 20 (2,000 messages) + 10
	} {
		s, _ := openTest(t)
		accs := []int64{account(t, s, "fb", inbox.Facebook), account(t, s, "tg", inbox.Telegram)}
		var calls []ingestArgs
		for i := range tc.calls {
			var items []inbox.Inbound
			for j := range tc.items {
				items = append(items, item(fmt.Sprint("t", i), fmt.Sprint("m", i, "-", j), "jalan rusak", t0))
			}
			calls = append(calls, ingestArgs{accs[i%len(accs)], items, fmt.Sprint("c", i)})
		}
		before := counter(t, s)
		res := ingestTogether(t, s, calls)
		if got := counter(t, s) - before; got != tc.want {
			t.Errorf("%d calls of %d messages: %d transactions, want %d", tc.calls, tc.items, got, tc.want)
		}
		for i, r := range res {
			if r.New != tc.items || r.Conversations != 1 || len(r.Inbound) != tc.items {
				t.Errorf("call %d: %+v, want its own %d messages in one new conversation", i, r, tc.items)
			}
		}
		if s.Synced() {
			t.Error("grouped ingest left the store marked synced")
		}
	}
}

// TestIngestGroupFailureStaysWithItsCaller puts a batch for an account
// that does not exist among good batches of one group: its caller gets the
// error, every other batch is stored with its cursor.
func TestIngestGroupFailureStaysWithItsCaller(t *testing.T) {
	s, _ := openTest(t)
	fb, tg := account(t, s, "fb", inbox.Facebook), account(t, s, "tg", inbox.Telegram)
	calls := []ingestArgs{
		{fb, []inbox.Inbound{item("a", "m1", "pertama", t0)}, "fb-1"},
		{tg, []inbox.Inbound{item("b", "m2", "kedua", t0)}, "tg-1"},
		{999, []inbox.Inbound{item("c", "m3", "tanpa akun", t0)}, "x-1"},
		{fb, []inbox.Inbound{item("d", "m4", "keempat", t0)}, "fb-2"},
	}
	errs := make([]error, len(calls))
	res := ingestTogetherErr(t, s, calls, errs)
	for i, err := range errs {
		if (err != nil) != (i == 2) {
			t.Errorf("call %d: error %v", i, err)
		}
		if i != 2 && res[i].New != 1 {
			t.Errorf("call %d: %+v, want its message new", i, res[i])
		}
	}
	if !errors.Is(errs[2], sql.ErrNoRows) {
		t.Errorf("the bad batch's error: %v", errs[2])
	}
	var texts []string
	collectRows(t, s, `SELECT text FROM messages ORDER BY id`, func(v []any) { texts = append(texts, v[0].(string)) })
	if fmt.Sprint(texts) != "[pertama kedua keempat]" {
		t.Errorf("messages stored: %v", texts)
	}
	for acc, want := range map[int64]string{fb: "fb-2", tg: "tg-1"} {
		if got, err := s.Cursor(context.Background(), acc); err != nil || got != want {
			t.Errorf("account %d cursor %q (%v), want %q", acc, got, err, want)
		}
	}
}

// ingestArgs is one Ingest call's arguments.
type ingestArgs struct {
	account int64
	items   []inbox.Inbound
	cursor  string
}

// ingestTogether makes the calls at once, one goroutine each, and returns
// their results once all are written; any error fails the test.
func ingestTogether(t *testing.T, s *Store, calls []ingestArgs) []IngestResult {
	t.Helper()
	errs := make([]error, len(calls))
	res := ingestTogetherErr(t, s, calls, errs)
	for i, err := range errs {
		if err != nil {
			t.Fatalf("call %d: %v", i, err)
		}
	}
	return res
}

// ingestTogetherErr is ingestTogether keeping each call's error in errs.
// The test holds the write lock until every call waits: the first call's
// transaction waits for it, and the others queue behind, in order, so the
// groups they are written in do not depend on the scheduler.
func ingestTogetherErr(t *testing.T, s *Store, calls []ingestArgs, errs []error) []IngestResult {
	t.Helper()
	lock, err := s.w.Begin() // immediate: takes the write lock
	if err != nil {
		t.Fatal(err)
	}
	res := make([]IngestResult, len(calls))
	var wg sync.WaitGroup
	for i, c := range calls {
		wg.Add(1)
		go func() {
			defer wg.Done()
			res[i], errs[i] = s.Ingest(context.Background(), c.account, c.items, c.cursor)
		}()
		// The first call takes itself as its group; each after it waits.
		queued := func() bool {
			q := &s.ingests
			q.mu.Lock()
			defer q.mu.Unlock()
			return q.writing && len(q.waiting) == i
		}
		for deadline := time.Now().Add(10 * time.Second); !queued(); time.Sleep(time.Millisecond) {
			if time.Now().After(deadline) {
				lock.Rollback()
				t.Fatalf("call %d never queued", i)
			}
		}
	}
	if err := lock.Rollback(); err != nil {
		t.Fatal(err)
	}
	wg.Wait()
	return res
}

func counter(t *testing.T, s *Store) uint64 {
	t.Helper()
	n, err := s.ChangeCounter(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return n
}
