package ui

import (
	"context"
	"fmt"
	"testing"
	"time"

	"sapa/inbox"
)

// pageLog is a Store that records the pages the list asks for.
type pageLog struct {
	Store
	pages []inbox.Page
}

func (p *pageLog) List(ctx context.Context, f inbox.Filter, pg inbox.Page) ([]inbox.Conversation, error) {
	p.pages = append(p.pages, pg)
	return p.Store.List(ctx, f, pg)
}

// aboveQueries counts the one-row pages asked above a row: the anchor query.
func (p *pageLog) aboveQueries() int {
	n := 0
	for _, pg := range p.pages {
		if pg.Before != nil && pg.Limit == 1 {
			n++
		}
	}
	return n
}

// A window load learns whether rows lie above it from the load itself: the
// top of the list (every search's first page), a page below the window, the
// last page and a page above the window ask no extra question of the store,
// and still get the anchor right.
func TestWindowAnchorWithoutExtraQuery(t *testing.T) {
	e := newEnv(t)
	for i := 0; i < 30; i++ {
		e.msg(t, "fb-pemkab", fmt.Sprintf("post/c%d", i), "Jalan", "Siti Rahma", fmt.Sprintf("c%d", i),
			fmt.Sprintf("jalan rusak nomor %d", i), t0.Add(-time.Duration(i)*time.Minute))
	}
	ctx := context.Background()
	all := inbox.Filter{View: inbox.ViewAll}
	for _, f := range []inbox.Filter{all, {View: inbox.ViewAll, Search: "jalan"}} {
		log := &pageLog{Store: e.st}
		top := loadWindow(ctx, log, windowReq{kind: winTop, filter: f, limit: 10, count: true})
		if top.err != nil || len(top.rows) != 10 || top.anchor != nil {
			t.Fatalf("%q top: %d rows, anchor %v, err %v", f.Search, len(top.rows), top.anchor, top.err)
		}
		next := loadWindow(ctx, log, windowReq{kind: winNext, filter: f, limit: 10, edge: inbox.CursorOf(top.rows[9])})
		if next.anchor == nil || len(next.rows) != 10 || next.rows[0].LastMessageAt.After(top.rows[9].LastMessageAt) {
			t.Fatalf("%q next: anchor %v", f.Search, next.anchor)
		}
		prev := loadWindow(ctx, log, windowReq{kind: winPrev, filter: f, limit: 10, edge: inbox.CursorOf(next.rows[0])})
		if prev.anchor != nil || prev.rows[0].ID != top.rows[0].ID {
			t.Fatalf("%q prev back to the top: anchor %v, first row %d want %d", f.Search, prev.anchor, prev.rows[0].ID, top.rows[0].ID)
		}
		last := loadWindow(ctx, log, windowReq{kind: winLast, filter: f, limit: 10})
		if last.anchor == nil || len(last.rows) != 10 || last.sel != 9 {
			t.Fatalf("%q last: %d rows, sel %d, anchor %v", f.Search, len(last.rows), last.sel, last.anchor)
		}
		up := loadWindow(ctx, log, windowReq{kind: winPrev, filter: f, limit: 10, edge: inbox.CursorOf(last.rows[0])})
		if up.anchor == nil || len(up.rows) != 10 || up.rows[9].ID == last.rows[0].ID {
			t.Fatalf("%q page above the last: %d rows, anchor %v", f.Search, len(up.rows), up.anchor)
		}
		if n := log.aboveQueries(); n != 0 {
			t.Errorf("%q: %d anchor queries, want none", f.Search, n)
		}
	}
}

// A search that finds more than the store counts shows "1.000+" (in
// Indonesian; "1,000+" in English), an exact count otherwise.
func TestListHeaderCountOverCap(t *testing.T) {
	c := testCommon(true)
	l := newList(c, inbox.Filter{View: inbox.ViewAll, Search: "jalan"})
	l.SetSize(80, 10)
	l.count = inbox.SearchCountCap + 1
	if h := l.header(); !contains(h, "1.000+") {
		t.Errorf("header %q lacks 1.000+", h)
	}
	c.loc = newLocale("en")
	if h := l.header(); !contains(h, "1,000+") {
		t.Errorf("English header %q lacks 1,000+", h)
	}
	l.count = 999
	if h := l.header(); !contains(h, "999 ") || contains(h, "+") {
		t.Errorf("header %q for 999", h)
	}
	// Only a search's count stops at the cap: a view's is exact.
	l.filter.Search = ""
	l.count = 1942
	if h := l.header(); !contains(h, "1942 ") || contains(h, "+") {
		t.Errorf("header %q for a view of 1942", h)
	}
}

// The list says it has no conversations only once a window has said so:
// the first frame, drawn before the first load, must not flash "(tidak ada
// percakapan)" and then draw the rows over it.
func TestEmptyListTextOnlyAfterLoad(t *testing.T) {
	l := newList(testCommon(true), inbox.Filter{View: inbox.ViewOpen})
	l.SetSize(80, 10)
	if contains(l.View(), "tidak ada percakapan") {
		t.Fatalf("before the first load:\n%s", l.View())
	}
	l.setWindow(windowMsg{gen: l.gen, moved: true, count: 0})
	if !contains(l.View(), "tidak ada percakapan") {
		t.Fatalf("after an empty load:\n%s", l.View())
	}
}
