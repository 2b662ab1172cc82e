package store

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"sapa/inbox"
)

// scopePlanFixture is scopeFixture with 40 more conversations spread over
// its units, statuses, priorities, assignees and due times; the kabupaten
// delegated one of them to desa A and desa A escalated one of its own to
// its kecamatan (so siti follows it read only). It returns the id of that
// escalated one.
func scopePlanFixture(t *testing.T) (*Store, map[string]*Scoped, int64) {
	t.Helper()
	s, v := scopeFixture(t)
	ctx := context.Background()
	acc := account(t, s, "fb-plan", inbox.Facebook)
	units := []string{"32.01.05.2001", "32.01.05.2002", "32.01.06.2001", "32.01.05", "32.01"}
	statuses := []inbox.Status{"new", "open", "pending", "snoozed", "done", "open", "new"}
	for i := range 40 {
		th := fmt.Sprintf("p%d", i)
		if _, err := s.Ingest(ctx, acc, []inbox.Inbound{item(th, "m"+th, "lampu mati", t0.Add(time.Duration(i%9)*time.Minute))}, ""); err != nil {
			t.Fatal(err)
		}
		due := int64(0)
		if i%3 != 0 {
			due = ms(t0) + int64(i%5-3)*60000 // some overdue, some not yet
		}
		if _, err := s.w.Exec(`UPDATE conversations SET unit = ?, status = ?, priority = ?, assignee = ?, due_at = ?
			WHERE id = (SELECT id FROM conversations WHERE external_key = ?)`,
			units[i%len(units)], statuses[i%len(statuses)], i%3, []string{"", "siti", "camat", "ujang"}[i%4], due, th); err != nil {
			t.Fatal(err)
		}
	}
	var atKab, inDesa int64
	if err := s.r.QueryRow(`SELECT id FROM conversations WHERE unit = '32.01' AND status = 'open' ORDER BY id LIMIT 1`).Scan(&atKab); err != nil {
		t.Fatal(err)
	}
	if _, err := v["bupati"].Handoff(ctx, atKab, "", "32.01.05.2001", "tolong cek"); err != nil {
		t.Fatal(err)
	}
	if err := s.r.QueryRow(`SELECT id FROM conversations WHERE unit = '32.01.05.2001' AND status = 'new' AND id != ? ORDER BY id LIMIT 1`, atKab).Scan(&inDesa); err != nil {
		t.Fatal(err)
	}
	if _, err := v["siti"].Handoff(ctx, inDesa, "", "32.01.05", "bukan wewenang desa"); err != nil {
		t.Fatal(err)
	}
	return s, v, inDesa
}

// pageDown lists f size rows at a time down the list, and pageUp from its
// end up three at a time, each page keyed on the row before it, as the
// screen scrolls.
func pageDown(t *testing.T, l lister, f inbox.Filter, size int) []int64 {
	t.Helper()
	var out []int64
	var after *inbox.Cursor
	for range 100 {
		rows, err := l.List(context.Background(), f, Page{After: after, Limit: size})
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, ids(rows)...)
		if len(rows) < size {
			return out
		}
		k := CursorOf(rows[len(rows)-1])
		after = &k
	}
	t.Fatal("the list does not end")
	return nil
}

func pageUp(t *testing.T, l lister, f inbox.Filter) []int64 {
	t.Helper()
	var out []int64
	pg := Page{Last: true, Limit: 3}
	for range 100 {
		rows, err := l.List(context.Background(), f, pg)
		if err != nil {
			t.Fatal(err)
		}
		out = append(ids(rows), out...)
		if len(rows) < 3 {
			return out
		}
		k := CursorOf(rows[0])
		pg = Page{Before: &k, Limit: 3}
	}
	t.Fatal("the list does not end")
	return nil
}

// A scope's list, paged down and up, and its count are the unscoped
// store's, filtered to what the scope may read (its units' conversations
// and those its units handed on), in every view and both list orders (the
// breach view's by due time), narrowed or not.
func TestScopedListEqualsStoreFiltered(t *testing.T) {
	s, v, escalated := scopePlanFixture(t)
	ctx := context.Background()
	followed := map[string]map[int64]bool{"siti": {escalated: true}}
	for _, name := range []string{"siti", "ujang", "asep", "camat"} {
		q := v[name]
		for _, view := range inbox.Views() {
			for _, narrow := range []inbox.Filter{{}, {Assignee: "siti"}, {Unit: "32.01.05.2001"}} {
				f := narrow
				f.View, f.Me = view, name
				all, err := s.List(ctx, f, Page{Limit: 1000})
				if err != nil {
					t.Fatal(err)
				}
				var want []int64
				for _, c := range all {
					if q.sees(c.Unit) || followed[name][c.ID] {
						want = append(want, c.ID)
					}
				}
				if got := pageDown(t, q, f, 3); !slices.Equal(got, want) {
					t.Errorf("%s %s %+v: down %v, want %v", name, view, narrow, got, want)
				}
				if got := pageUp(t, q, f); !slices.Equal(got, want) {
					t.Errorf("%s %s %+v: up %v, want %v", name, view, narrow, got, want)
				}
				if n, err := q.Count(ctx, f); err != nil || n != len(want) {
					t.Errorf("%s %s %+v: count %d (%v), want %d", name, view, narrow, n, err, len(want))
				}
			}
		}
	}
	// The fixture holds what the test is about: the desa lists the
	// conversation delegated to it and the one it escalated.
	mine, err := v["siti"].List(ctx, inbox.Filter{View: inbox.ViewAll}, Page{Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	var delegated, follows bool
	for _, c := range mine {
		delegated = delegated || c.HandedFrom.Level == "kabupaten"
		follows = follows || c.ID == escalated && c.Unit == "32.01.05"
	}
	if !delegated || !follows {
		t.Errorf("siti lists the delegated one: %v, the escalated one: %v", delegated, follows)
	}
}

// A desa's window and count in every view, and the open ones the spam
// suggestion weighs, are read through the unit index (and the followed ones
// by id), never along a list index of the whole store checking each row's
// unit.
func TestScopedPlansReadTheScope(t *testing.T) {
	s, v, _ := scopePlanFixture(t)
	q := v["siti"]
	for _, view := range inbox.Views() {
		f := s.clocked(inbox.Filter{View: view, Me: "siti"})
		where, args := filterSQL(f, nil)
		byDue := view == inbox.ViewBreaches
		where, args = keysetSQL(where, args, Page{}, byDue)
		p := pageQuery{where: where, args: args, order: "DESC", limit: 40, byDue: byDue, scope: q}
		ids, idArgs := p.plain()
		list := "SELECT c.id FROM conversations c WHERE c.id IN (" + ids + ")" + p.orderBy("c", p.limit)
		count, countArgs := countSQL(f, q)
		spam, spamArgs := spamCandidatesSQL(500, q)
		for what, query := range map[string]string{"list": list, "count": count, "spam candidates": spam} {
			a := map[string][]any{"list": idArgs, "count": countArgs, "spam candidates": spamArgs}[what]
			plan := explain(t, s, query, a)
			if !strings.Contains(plan, "INDEX conversations_unit (unit=?") ||
				regexp.MustCompile(`SCAN c\b|INDEX conversations_(queue|all|assignee|platform|due)`).MatchString(plan) {
				t.Errorf("%s %s reads beyond the scope:\n%s", view, what, plan)
			}
		}
	}
}

// A desa's search of common words walks its own list, narrowed to a
// platform too (the platform index read that platform's conversations of
// the whole store).
func TestScopedSearchWalkReadsTheScope(t *testing.T) {
	s, v, _ := scopePlanFixture(t)
	sr := &search{terms: []string{"lampu"}, seed: -1}
	for _, plat := range []inbox.Platform{"", inbox.Facebook} {
		where, args := filterSQL(s.clocked(inbox.Filter{Search: "lampu", Platform: plat}), nil)
		p := pageQuery{where: where, args: args, order: "DESC", limit: 40, scope: v["siti"]}
		query, qargs := sr.walkPage(p, 20000)
		plan := explain(t, s, query, qargs)
		if !strings.Contains(plan, "INDEX conversations_unit (unit=?") ||
			regexp.MustCompile(`SCAN c\b|INDEX conversations_(queue|all|assignee|platform|due)`).MatchString(plan) {
			t.Errorf("platform %q: the walk reads beyond the scope:\n%s", plat, plan)
		}
	}
}

// explain is the query plan of query, one step a line.
func explain(t *testing.T, s *Store, query string, args []any) string {
	t.Helper()
	rows, err := s.r.Query("EXPLAIN QUERY PLAN "+query, args...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var b strings.Builder
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			t.Fatal(err)
		}
		b.WriteString(detail + "\n")
	}
	return b.String()
}
