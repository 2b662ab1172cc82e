package store

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"sapa/inbox"
)

// scaleFixture is a small inbox with words spread over conversations and
// messages, statuses and assignees, on two platforms.
func scaleFixture(t *testing.T) (*Store, int64) {
	t.Helper()
	s, _ := openTest(t)
	ctx := context.Background()
	fb := account(t, s, "fb", inbox.Facebook)
	tg := account(t, s, "tg", inbox.Telegram)
	texts := []string{"Jalan rusak di Cibadak", "tolong diperbaiki", "KTP-el belum jadi", "Banjir di Desa Cibeureum",
		"café di pasar tutup", "jalanan licin sekali", "blangko KTP habis", "terima kasih"}
	for i := 0; i < 24; i++ {
		acc := fb
		if i%3 == 0 {
			acc = tg
		}
		th := fmt.Sprint("t", i)
		items := []inbox.Inbound{
			item(th, th+"-1", texts[i%len(texts)], t0.Add(time.Duration(i)*time.Minute)),
			item(th, th+"-2", texts[(i*5+1)%len(texts)], t0.Add(time.Duration(i)*time.Minute+time.Second)),
		}
		if _, err := s.Ingest(ctx, acc, items, ""); err != nil {
			t.Fatal(err)
		}
	}
	me := "ani"
	var batch []IDChange
	for id := int64(1); id <= 24; id++ {
		switch id % 4 {
		case 0:
			batch = append(batch, IDChange{ID: id, Change: Change{Status: inbox.StatusDone}})
		case 1:
			batch = append(batch, IDChange{ID: id, Change: Change{Assign: &me, Status: inbox.StatusPending}})
		case 2:
			batch = append(batch, IDChange{ID: id, Change: Change{Assign: &me}})
		}
	}
	if err := s.ApplyMany(ctx, "ani", batch); err != nil {
		t.Fatal(err)
	}
	return s, fb
}

func ids(cs []inbox.Conversation) []int64 {
	var out []int64
	for _, c := range cs {
		out = append(out, c.ID)
	}
	return out
}

// bruteSearch is what a search means: every term starts a word of some
// message of the conversation, in list order.
func bruteSearch(t *testing.T, s *Store, terms []string) []int64 {
	t.Helper()
	q := `SELECT c.id FROM conversations c WHERE 1`
	var args []any
	for _, term := range terms {
		q += ` AND c.id IN (SELECT m.conversation_id FROM messages m, words_tokenizer k WHERE k.input = m.text AND k.token LIKE ?)`
		args = append(args, term+"%")
	}
	rows, err := s.r.Query(q+` ORDER BY c.priority DESC, c.last_message_at DESC, c.id DESC`, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		rows.Scan(&id)
		out = append(out, id)
	}
	return out
}

func TestSearchPlansAgree(t *testing.T) {
	s, _ := scaleFixture(t)
	ctx := context.Background()
	for _, q := range []struct {
		text  string
		terms []string
	}{
		{"jalan", []string{"jalan"}},
		{"JALAN rusak", []string{"jalan", "rusak"}},
		{"ktp tolong", []string{"ktp", "tolong"}}, // in different messages of one conversation
		{"cafe", []string{"cafe"}},                // diacritics folded
		{"Café", []string{"cafe"}},
		{"bl", []string{"bl"}},
		{"zzz", []string{"zzz"}},
	} {
		want := bruteSearch(t, s, q.terms)
		for _, plan := range []struct{ rare, walk int }{{0, 1 << 30}, {0, 2}, {1 << 30, 0}} { // walk; give up walking; start from matches
			s.plan = SearchPlan{RareMatches: plan.rare, WalkCap: plan.walk, CatchUp: indexChunk}
			got, err := s.List(ctx, inbox.Filter{View: inbox.ViewDone, Search: q.text}, Page{Limit: 100})
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(ids(got), want) {
				t.Errorf("%q with %+v: %v, want %v", q.text, plan, ids(got), want)
			}
			n, err := s.Count(ctx, inbox.Filter{Search: q.text})
			if err != nil || n != len(want) {
				t.Errorf("count %q with %+v: %d (%v), want %d", q.text, plan, n, err, len(want))
			}
			// Paging through the results in threes gives the same rows.
			paged := pageDown(t, s, inbox.Filter{Search: q.text}, 3)
			if !reflect.DeepEqual(paged, want) {
				t.Errorf("%q paged with %+v: %v, want %v", q.text, plan, paged, want)
			}
		}
	}
	tg := inbox.Filter{Search: "jalan", Platform: inbox.Telegram}
	list, _ := s.List(ctx, tg, Page{Limit: 100})
	if n, _ := s.Count(ctx, tg); n != len(list) || n == 0 || n == len(bruteSearch(t, s, []string{"jalan"})) {
		t.Errorf("telegram conversations with jalan: count %d, list %d", n, len(list))
	}
}

func TestViewCountsFollowChanges(t *testing.T) {
	s, fb := scaleFixture(t)
	ctx := context.Background()
	check := func(when string) {
		t.Helper()
		for _, v := range inbox.Views() {
			for _, p := range []inbox.Platform{"", inbox.Telegram} {
				f := inbox.Filter{View: v, Me: "ani", Platform: p}
				where, args := filterSQL(f, nil)
				var want int
				s.r.QueryRow("SELECT COUNT(*) FROM conversations c WHERE "+joinAnd(where), args...).Scan(&want)
				if got, err := s.Count(ctx, f); err != nil || got != want {
					t.Errorf("%s: count %s/%s = %d (%v), want %d", when, v, p, got, err, want)
				}
			}
		}
	}
	check("after triage")
	s.Ingest(ctx, fb, []inbox.Inbound{item("t1", "t1-3", "masih rusak", t0.Add(time.Hour))}, "") // reopens
	budi := "budi"
	s.Apply(ctx, 2, "budi", Change{Assign: &budi})
	s.Apply(ctx, 5, "budi", Change{SnoozeUntil: t0.Add(time.Hour)})
	check("after more changes")
	s.WakeSnoozed(ctx, t0.Add(2*time.Hour))
	check("after waking")
}

func joinAnd(where []string) string {
	out := where[0]
	for _, w := range where[1:] {
		out += " AND " + w
	}
	return out
}

func TestMessageIDsNameTheirConversation(t *testing.T) {
	s, clk := openTest(t)
	ctx := context.Background()
	acc := account(t, s, "fb", inbox.Facebook)
	s.Ingest(ctx, acc, []inbox.Inbound{item("a", "a1", "halo", t0), item("b", "b1", "halo juga", t0)}, "")
	s.Ingest(ctx, acc, []inbox.Inbound{item("a", "a2", "jembatan putus", t0.Add(time.Minute))}, "")
	for conv := int64(1); conv <= 2; conv++ {
		msgs, _ := s.Thread(ctx, conv, 10)
		for k, m := range msgs {
			if m.ID != conv<<idBits+int64(k+1) {
				t.Errorf("conversation %d message %d has id %#x", conv, k, m.ID)
			}
		}
	}
	// A sent reply becomes a message of its conversation and is searchable.
	if _, err := s.Enqueue(ctx, 1, "ani", "Petugas PUPR meluncur", time.Time{}, inbox.StatusPending, false); err != nil {
		t.Fatal(err)
	}
	claims, _ := s.ClaimDue(ctx, "", nil, 1)
	clk.add(time.Hour)
	if err := s.MarkSent(ctx, claims[0].OutboxID, inbox.Sent{ExternalID: "r1"}); err != nil {
		t.Fatal(err)
	}
	got, _ := s.List(ctx, inbox.Filter{Search: "meluncur"}, Page{})
	if len(got) != 1 || got[0].ID != 1 {
		t.Fatalf("search for the sent reply: %v", ids(got))
	}
	msgs, _ := s.Thread(ctx, 1, 10)
	if last := msgs[len(msgs)-1]; last.ID != 1<<idBits+3 || last.Text != "Petugas PUPR meluncur" {
		t.Fatalf("sent reply %+v", last)
	}
	var fts int
	s.r.QueryRow(`SELECT count(*) FROM messages_fts WHERE messages_fts MATCH 'halo'`).Scan(&fts)
	if fts != 2 {
		t.Fatalf("halo in %d indexed messages", fts)
	}
}

// TestMigrationKeepsOldStores opens a store written before migration 0003
// (sequential message ids, a trigger filling the full-text index) and checks
// that its messages are renumbered, indexed once, and found.
func TestMigrationKeepsOldStores(t *testing.T) {
	p := filepath.Join(t.TempDir(), "old.db")
	db, err := sql.Open("sqlite3", dsn(p, time.Second, connWrite))
	if err != nil {
		t.Fatal(err)
	}
	all, _ := migrations()
	for _, m := range all[:2] {
		if _, err := db.Exec(m.sql); err != nil {
			t.Fatal(err)
		}
	}
	_, err = db.Exec(`CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL);
		INSERT INTO schema_migrations VALUES (1, '0001', 0), (2, '0002', 0);
		INSERT INTO accounts (id, name, platform) VALUES (1, 'fb', 'facebook');
		INSERT INTO conversations (id, account_id, platform, external_key, kind, status, assignee) VALUES
			(1, 1, 'facebook', 'a', 'comment', 'new', ''), (2, 1, 'facebook', 'b', 'comment', 'done', 'ani');
		INSERT INTO messages (id, conversation_id, account_id, external_id, direction, text, sent_at) VALUES
			(1, 1, 1, 'a1', 'in', 'jalan rusak', 1), (2, 2, 1, 'b1', 'in', 'banjir lagi', 2), (3, 1, 1, 'a2', 'in', 'tolong', 3)`)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	s, err := Open(context.Background(), p, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	ctx := context.Background()
	msgs, _ := s.Thread(ctx, 1, 10)
	if len(msgs) != 2 || msgs[0].ID != 1<<idBits+1 || msgs[1].ID != 1<<idBits+2 {
		t.Fatalf("renumbered thread %+v", msgs)
	}
	for q, want := range map[string]int{"jalan tolong": 1, "banjir": 1, "rusak banjir": 0} {
		if n, _ := s.Count(ctx, inbox.Filter{Search: q}); n != want {
			t.Errorf("%q: %d, want %d", q, n, want)
		}
	}
	if n, _ := s.Count(ctx, inbox.Filter{View: inbox.ViewDone}); n != 1 {
		t.Errorf("done: %d", n)
	}
	acc := int64(1)
	if _, err := s.Ingest(ctx, acc, []inbox.Inbound{item("a", "a3", "masih rusak", t0)}, ""); err != nil {
		t.Fatal(err)
	}
	if msgs, _ := s.Thread(ctx, 1, 10); len(msgs) != 3 || msgs[2].ID != 1<<idBits+3 {
		t.Fatalf("thread after ingest %+v", msgs)
	}
}
