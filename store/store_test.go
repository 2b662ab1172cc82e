package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"sapa/inbox"
)

type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

var t0 = time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)

func openTest(t *testing.T) (*Store, *clock) {
	t.Helper()
	clk := &clock{t: t0}
	s, err := Open(context.Background(), filepath.Join(t.TempDir(), "sapa.db"), Options{Now: clk.now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, clk
}

func account(t *testing.T, s *Store, name string, p inbox.Platform) int64 {
	t.Helper()
	id, err := s.EnsureAccount(context.Background(), name, p, inbox.Capabilities{Reply: true, MaxLength: 280})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func item(thread, id, text string, at time.Time) inbox.Inbound {
	return inbox.Inbound{
		Thread: inbox.Thread{ExternalKey: thread, Kind: inbox.KindComment, Title: "Post " + thread},
		Message: inbox.Message{ExternalID: id, Direction: inbox.In, Text: text, SentAt: at,
			Author: inbox.Contact{ExternalID: "u-" + thread, Name: "Warga " + thread, Handle: "@w" + thread}},
	}
}

func TestOpenSetsPragmasAndPermissions(t *testing.T) {
	s, _ := openTest(t)
	var mode, sync string
	var fk int
	s.w.QueryRow("PRAGMA journal_mode").Scan(&mode)
	s.w.QueryRow("PRAGMA synchronous").Scan(&sync)
	s.w.QueryRow("PRAGMA foreign_keys").Scan(&fk)
	if mode != "wal" || sync != "2" || fk != 1 {
		t.Fatalf("journal_mode=%s synchronous=%s foreign_keys=%d", mode, sync, fk)
	}
	st, err := os.Stat(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Fatalf("database mode %v, want 0600", st.Mode().Perm())
	}
}

func TestOpenRejectsGarbageFile(t *testing.T) {
	p := filepath.Join(t.TempDir(), "bad.db")
	os.WriteFile(p, []byte("this is not a database, just some text that is long enough to look like a header...."), 0o600)
	_, err := Open(context.Background(), p, Options{})
	if !errors.Is(err, ErrCorrupt) {
		t.Fatalf("want ErrCorrupt, got %v", err)
	}
}

func TestMigrationsIdempotentAcrossOpens(t *testing.T) {
	p := filepath.Join(t.TempDir(), "sapa.db")
	for i := 0; i < 2; i++ {
		s, err := Open(context.Background(), p, Options{})
		if err != nil {
			t.Fatal(err)
		}
		var n int
		s.r.QueryRow("SELECT COUNT(*) FROM schema_migrations").Scan(&n)
		if want, _ := migrations(); n != len(want) {
			t.Fatalf("open %d: %d migrations recorded, want %d", i, n, len(want))
		}
		s.Close()
	}
}

func TestIngestDedupesAndReopens(t *testing.T) {
	s, clk := openTest(t)
	ctx := context.Background()
	acc := account(t, s, "fb", inbox.Facebook)
	batch := []inbox.Inbound{item("p1", "m1", "Jalan rusak di Cibadak", t0), item("p1", "m2", "tolong pak", t0.Add(time.Minute))}
	res, err := s.Ingest(ctx, acc, batch, "c1")
	if err != nil || res.New != 2 || res.Conversations != 1 {
		t.Fatalf("first ingest: %+v %v", res, err)
	}
	res, err = s.Ingest(ctx, acc, batch, "c2")
	if err != nil || res.New != 0 {
		t.Fatalf("redelivery stored again: %+v %v", res, err)
	}
	if c, _ := s.Cursor(ctx, acc); c != "c2" {
		t.Fatalf("cursor %q", c)
	}
	list, _ := s.List(ctx, inbox.Filter{View: inbox.ViewOpen}, Page{})
	if len(list) != 1 || list[0].Snippet != "tolong pak" || !list[0].Unread || list[0].Contact.Name != "Warga p1" {
		t.Fatalf("list: %+v", list)
	}
	id := list[0].ID
	if _, err := s.Apply(ctx, id, "ani", Change{Status: inbox.StatusDone}); err != nil {
		t.Fatal(err)
	}
	if l, _ := s.List(ctx, inbox.Filter{View: inbox.ViewOpen}, Page{}); len(l) != 0 {
		t.Fatalf("done conversation still open")
	}
	clk.add(time.Hour)
	s.Ingest(ctx, acc, []inbox.Inbound{item("p1", "m3", "masih rusak!!", t0.Add(time.Hour))}, "c3")
	c, _ := s.Conversation(ctx, id)
	if c.Status != inbox.StatusOpen {
		t.Fatalf("new inbound message left status %s", c.Status)
	}
	reply := item("p1", "m4", "Sudah kami teruskan ke PUPR", t0.Add(2*time.Hour))
	reply.Message.Direction = inbox.Out
	s.Ingest(ctx, acc, []inbox.Inbound{reply}, "c4")
	if c, _ := s.Conversation(ctx, id); c.Status != inbox.StatusPending || c.FirstResponseAt.IsZero() {
		t.Fatalf("office reply seen in a fetch: status %s, first response %v", c.Status, c.FirstResponseAt)
	}
}

func TestKeysetPaginationVisitsEveryRowOnce(t *testing.T) {
	s, _ := openTest(t)
	ctx := context.Background()
	acc := account(t, s, "wa", inbox.WhatsApp)
	var batch []inbox.Inbound
	for i := 0; i < 57; i++ {
		// Equal times for some rows exercise the id tie-breaker.
		batch = append(batch, item(fmt.Sprint("t", i), fmt.Sprint("m", i), "halo", t0.Add(time.Duration(i/3)*time.Minute)))
	}
	if _, err := s.Ingest(ctx, acc, batch, ""); err != nil {
		t.Fatal(err)
	}
	hi := 2
	first, _ := s.List(ctx, inbox.Filter{}, Page{Limit: 3})
	s.Apply(ctx, first[2].ID, "ani", Change{Priority: &hi})
	seen := map[int64]bool{}
	var pg Page
	var pages [][]inbox.Conversation
	for {
		pg.Limit = 10
		rows, err := s.List(ctx, inbox.Filter{}, pg)
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) == 0 {
			break
		}
		pages = append(pages, rows)
		for _, r := range rows {
			if seen[r.ID] {
				t.Fatalf("row %d twice", r.ID)
			}
			seen[r.ID] = true
		}
		k := CursorOf(rows[len(rows)-1])
		pg = Page{After: &k}
	}
	if len(seen) != 57 {
		t.Fatalf("saw %d rows", len(seen))
	}
	if pages[0][0].Priority != 2 {
		t.Fatalf("urgent conversation not first")
	}
	// Paging back up from the second page returns the first page exactly.
	k := CursorOf(pages[1][0])
	back, _ := s.List(ctx, inbox.Filter{}, Page{Before: &k, Limit: 10})
	for i := range back {
		if back[i].ID != pages[0][i].ID {
			t.Fatalf("page back differs at %d", i)
		}
	}
	last, _ := s.List(ctx, inbox.Filter{}, Page{Last: true, Limit: 7})
	if last[6].ID != pages[len(pages)-1][len(pages[len(pages)-1])-1].ID {
		t.Fatalf("Last page does not end with the last row")
	}
}

func TestViewsAndSearch(t *testing.T) {
	s, _ := openTest(t)
	ctx := context.Background()
	fb := account(t, s, "fb", inbox.Facebook)
	tg := account(t, s, "tg", inbox.Telegram)
	s.Ingest(ctx, fb, []inbox.Inbound{item("a", "1", "Banjir di Desa Cibeureum sudah sepinggang", t0)}, "")
	s.Ingest(ctx, tg, []inbox.Inbound{item("b", "2", "KTP-el saya belum jadi", t0), item("c", "3", "Pengumuman PPDB kapan?", t0)}, "")
	all, _ := s.List(ctx, inbox.Filter{}, Page{})
	me := "budi"
	s.Apply(ctx, all[0].ID, "budi", Change{Assign: &me})
	s.Apply(ctx, all[1].ID, "budi", Change{Status: inbox.StatusPending})
	s.Apply(ctx, all[2].ID, "budi", Change{SnoozeUntil: t0.Add(time.Hour), AddLabel: "banjir"})
	count := func(f inbox.Filter) int { n, _ := s.Count(ctx, f); return n }
	cases := map[string]struct {
		f    inbox.Filter
		want int
	}{
		"open":       {inbox.Filter{View: inbox.ViewOpen}, 1},
		"mine":       {inbox.Filter{View: inbox.ViewMine, Me: "budi"}, 1},
		"unassigned": {inbox.Filter{View: inbox.ViewUnassigned}, 0},
		"pending":    {inbox.Filter{View: inbox.ViewPending}, 1},
		"snoozed":    {inbox.Filter{View: inbox.ViewSnoozed}, 1},
		"telegram":   {inbox.Filter{View: inbox.ViewAll, Platform: inbox.Telegram}, 2},
		"label":      {inbox.Filter{View: inbox.ViewAll, Label: "banjir"}, 1},
		"search":     {inbox.Filter{View: inbox.ViewAll, Search: "cibeur"}, 1},
		"search all": {inbox.Filter{View: inbox.ViewOpen, Search: "cibeur"}, 1},
		"search and": {inbox.Filter{View: inbox.ViewAll, Search: "ktp belum"}, 1},
		"search ops": {inbox.Filter{View: inbox.ViewAll, Search: `"OR* NEAR(`}, 0},
	}
	for name, tc := range cases {
		if got := count(tc.f); got != tc.want {
			t.Errorf("%s: %d, want %d", name, got, tc.want)
		}
	}
	if n, _ := s.WakeSnoozed(ctx, t0.Add(2*time.Hour)); n != 1 {
		t.Fatalf("woke %d", n)
	}
}

func TestAssignmentRace(t *testing.T) {
	s, _ := openTest(t)
	ctx := context.Background()
	acc := account(t, s, "fb", inbox.Facebook)
	s.Ingest(ctx, acc, []inbox.Inbound{item("a", "1", "halo", t0)}, "")
	l, _ := s.List(ctx, inbox.Filter{}, Page{})
	ani, budi := "ani", "budi"
	if _, err := s.Apply(ctx, l[0].ID, ani, Change{Assign: &ani, ExpectAssignee: "-"}); err != nil {
		t.Fatal(err)
	}
	_, err := s.Apply(ctx, l[0].ID, budi, Change{Assign: &budi, ExpectAssignee: "-"})
	var ea *ErrAssigned
	if !errors.As(err, &ea) || ea.Who != "ani" {
		t.Fatalf("second assignment: %v", err)
	}
}

// Only an ExpectAssignee of exactly "-" means nobody; an admin whose name
// starts with "-" is guarded like any other.
func TestExpectAssigneeNamedWithDash(t *testing.T) {
	s, _ := openTest(t)
	ctx := context.Background()
	acc := account(t, s, "fb", inbox.Facebook)
	s.Ingest(ctx, acc, []inbox.Inbound{item("a", "1", "halo", t0)}, "")
	l, _ := s.List(ctx, inbox.Filter{}, Page{})
	dash, budi := "-x", "budi"
	if _, err := s.Apply(ctx, l[0].ID, dash, Change{Assign: &dash, ExpectAssignee: "-"}); err != nil {
		t.Fatal(err)
	}
	var ea *ErrAssigned
	if _, err := s.Apply(ctx, l[0].ID, budi, Change{Assign: &budi, ExpectAssignee: "x"}); !errors.As(err, &ea) || ea.Who != "-x" {
		t.Fatalf("guard on x while -x holds it: %v", err)
	}
	if _, err := s.Apply(ctx, l[0].ID, budi, Change{Assign: &budi, ExpectAssignee: "-"}); !errors.As(err, &ea) || ea.Who != "-x" {
		t.Fatalf("guard on nobody while -x holds it: %v", err)
	}
	c, err := s.Apply(ctx, l[0].ID, budi, Change{Assign: &budi, ExpectAssignee: "-x"})
	if err != nil || c.Assignee != "budi" {
		t.Fatalf("guard on -x while -x holds it: %+v %v", c, err)
	}
}

func TestAuditLogIsAppendOnly(t *testing.T) {
	s, _ := openTest(t)
	ctx := context.Background()
	acc := account(t, s, "fb", inbox.Facebook)
	s.Ingest(ctx, acc, []inbox.Inbound{item("a", "1", "halo", t0)}, "")
	l, _ := s.List(ctx, inbox.Filter{}, Page{})
	s.Apply(ctx, l[0].ID, "ani", Change{Status: inbox.StatusDone})
	if _, err := s.w.Exec("UPDATE audit_log SET admin = 'x'"); err == nil {
		t.Fatal("audit log accepted an update")
	}
	if _, err := s.w.Exec("DELETE FROM audit_log"); err == nil {
		t.Fatal("audit log accepted a delete")
	}
	log, _ := s.Audit(ctx, l[0].ID, 10)
	if len(log) != 1 || log[0].Admin != "ani" || log[0].Action != "status" || log[0].Detail != "done" {
		t.Fatalf("audit: %+v", log)
	}
}

func TestChangeCounterSeesOtherProcesses(t *testing.T) {
	p := filepath.Join(t.TempDir(), "sapa.db")
	a, err := Open(context.Background(), p, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	b, err := Open(context.Background(), p, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	ctx := context.Background()
	before, _ := a.ChangeCounter(ctx)
	same, _ := a.ChangeCounter(ctx)
	if before != same {
		t.Fatal("counter moved without a change")
	}
	acc := account(t, b, "fb", inbox.Facebook)
	after, _ := a.ChangeCounter(ctx)
	if after == before {
		t.Fatal("a commit by another connection was not seen")
	}
	// Bookkeeping nobody sees must not wake every session.
	b.AcquireLease(ctx, "relay", time.Minute)
	b.AcquireLease(ctx, "relay", time.Minute)
	b.Ingest(ctx, acc, nil, "cursor-moved")
	b.SetAccountHealth(ctx, acc, true, "")
	if quiet, _ := a.ChangeCounter(ctx); quiet != after {
		t.Fatal("lease heartbeat or empty ingest counted as a change")
	}
	b.SetAccountHealth(ctx, acc, false, "token revoked")
	if c, _ := a.ChangeCounter(ctx); c == after {
		t.Fatal("an account turning unhealthy was not seen")
	}
}

func TestOpenReportsALockedDatabase(t *testing.T) {
	p := filepath.Join(t.TempDir(), "sapa.db")
	s, err := Open(context.Background(), p, Options{})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	holder, err := sql.Open("sqlite3", "file:"+p)
	if err != nil {
		t.Fatal(err)
	}
	defer holder.Close()
	holder.SetMaxOpenConns(1)
	if _, err := holder.Exec("BEGIN EXCLUSIVE"); err != nil {
		t.Fatal(err)
	}
	_, err = Open(context.Background(), p, Options{BusyTimeout: 50 * time.Millisecond})
	if !errors.Is(err, ErrLocked) || !strings.Contains(err.Error(), p) {
		t.Fatalf("want a locked-database error naming the file, got %v", err)
	}
	holder.Exec("ROLLBACK")
	if s, err := Open(context.Background(), p, Options{}); err != nil {
		t.Fatalf("open after the lock was released: %v", err)
	} else {
		s.Close()
	}
}

func TestSearchSeesWordsBesideEscapeSequences(t *testing.T) {
	s, _ := openTest(t)
	ctx := context.Background()
	acc := account(t, s, "wa", inbox.WhatsApp)
	hostile := "Halo\x1b[2JSELAMAT\x1b]52;c;cm0gLXJm\x07hadiah Bu\u200bdi \u202eexe.gpj"
	if _, err := s.Ingest(ctx, acc, []inbox.Inbound{item("h", "1", hostile, t0)}, ""); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"selamat", "hadiah", "budi", "halo", "warga"} {
		if n, _ := s.Count(ctx, inbox.Filter{Search: q}); n != 1 {
			t.Errorf("search %q found %d", q, n)
		}
	}
	th, _ := s.Thread(ctx, mustFirst(t, s).ID, 5)
	if th[0].Text != hostile {
		t.Fatalf("stored text altered: %q", th[0].Text)
	}
}

func mustFirst(t *testing.T, s *Store) inbox.Conversation {
	t.Helper()
	l, err := s.List(context.Background(), inbox.Filter{View: inbox.ViewAll}, Page{})
	if err != nil || len(l) == 0 {
		t.Fatalf("list: %v %v", l, err)
	}
	return l[0]
}

func TestPlainText(t *testing.T) {
	cases := map[string]string{
		"jalan rusak":            "jalan rusak",
		"a\x1b[31mb":             "a b",
		"x\x1b]0;title\x07y":     "x y",
		"x\x1b]52;c;AAAA\x1b\\y": "x y",
		"x\x1b]0;t\x18y":         "x y", // OSC ended by CAN, as the terminal ends it
		"x\x1b]0;t\u009cy":       "x y", // OSC ended by C1 ST
		"x\x1b(By":               "x y", // ESC with an intermediate byte
		"tab\there":              "tab    here",
		"Bu\u200bdi":             "Budi",
		"\u202eabc":              "abc",
		"c1\u009bmore":           "c1 ore",
	}
	for in, want := range cases {
		if got := plainText(in); got != want {
			t.Errorf("plainText(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestIngestStatusChangesAreAudited: a citizen writing again reopens a done
// conversation; nobody chose that, so the audit log says the relay did it.
func TestIngestStatusChangesAreAudited(t *testing.T) {
	s, _ := openTest(t)
	ctx := context.Background()
	acc := account(t, s, "wa", inbox.WhatsApp)
	if _, err := s.Ingest(ctx, acc, []inbox.Inbound{item("h", "1", "air mati", t0)}, ""); err != nil {
		t.Fatal(err)
	}
	c := mustFirst(t, s)
	if _, err := s.Apply(ctx, c.ID, "ani", Change{Status: inbox.StatusDone}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Ingest(ctx, acc, []inbox.Inbound{item("h", "2", "masih mati", t0.Add(time.Hour))}, ""); err != nil {
		t.Fatal(err)
	}
	got, _ := s.Conversation(ctx, c.ID)
	entries, err := s.Audit(ctx, c.ID, 10)
	if err != nil || got.Status != inbox.StatusOpen || len(entries) == 0 {
		t.Fatalf("status %s, audit %v, %v", got.Status, entries, err)
	}
	last := entries[len(entries)-1]
	if last.Admin != RelayActor || last.Action != "status" || !strings.HasPrefix(last.Detail, "open") {
		t.Fatalf("the reopen is not audited as the relay's: %+v", entries)
	}
	// A message already seen changes nothing and logs nothing.
	if _, err := s.Ingest(ctx, acc, []inbox.Inbound{item("h", "2", "masih mati", t0.Add(time.Hour))}, ""); err != nil {
		t.Fatal(err)
	}
	if again, _ := s.Audit(ctx, c.ID, 10); len(again) != len(entries) {
		t.Fatalf("a redelivered message was audited: %+v", again)
	}
}

// TestUnchangedAccountHealthIsNotWritten: the relay reports an account's
// health after every page; the same health again takes no write lock (it
// returns while another process holds it), a new one is written.
func TestUnchangedAccountHealthIsNotWritten(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(dir, "s.db"), Options{BusyTimeout: 50 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	acc := account(t, s, "tg", inbox.Telegram)
	if err := s.SetAccountHealth(ctx, acc, false, "token expired"); err != nil {
		t.Fatal(err)
	}
	other, err := Open(ctx, s.Path(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	held, release := make(chan struct{}), make(chan struct{})
	go other.writeQuiet(ctx, func(*sql.Tx) error { close(held); <-release; return nil })
	<-held
	defer close(release)
	if err := s.SetAccountHealth(ctx, acc, false, "token expired"); err != nil {
		t.Errorf("the same health while the store is locked: %v, want no write", err)
	}
	if err := s.SetAccountHealth(ctx, acc, true, ""); err == nil {
		t.Error("a new health while the store is locked: written, want it to wait for the lock")
	}
}
