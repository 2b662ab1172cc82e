package ui

import (
	"context"

	"sapa/inbox"
)

// windowKind says which window of the list to load.
type windowKind int

const (
	winReload windowKind = iota // the same window again (same anchor)
	winTop                      // the first rows
	winNext                     // the rows below the window
	winPrev                     // the rows above the window
	winLast                     // the final rows
)

// windowReq asks the root to load a window of the list.
type windowReq struct {
	kind   windowKind
	filter inbox.Filter
	limit  int
	anchor *inbox.Cursor // winReload: inclusive top; nil: the top of the list
	edge   inbox.Cursor  // winNext: the last row; winPrev: the first row
	keepID int64         // winReload: keep this conversation selected
	keepAt int           // winReload: else keep this index
	// fromTop (winReload after the screen grew): show the list from its
	// top when the kept conversation is among the first rows, so a taller
	// screen shows the newest rows instead of starting at the old anchor.
	fromTop bool
	count   bool // also count the view
	gen     int
	preview bool // also load the selected row for the wide layout's preview pane
}

// windowMsg is a loaded window.
type windowMsg struct {
	gen    int
	rows   []inbox.Conversation
	anchor *inbox.Cursor
	sel    int
	moved  bool // false: nothing in that direction; the window stays
	atEnd  bool // with !moved: the window is already the last one
	count  int  // -1: not counted
	err    error
	// preview is the selected row's conversation when the request asked
	// for it (see loadWindowPreview); nil otherwise.
	preview *convLoadedMsg
}

// inclusive is the anchor that lists a row and everything below it: the
// keyset order is (priority, last message, id) descending and ids are
// integers, so "< (p, t, id+1)" is "<= (p, t, id)".
func inclusive(c inbox.Conversation) *inbox.Cursor {
	k := inbox.CursorOf(c)
	k.ID++
	return &k
}

// loadWindow runs a window request against the store. A short page at
// either end is topped up from that end, so the screen stays full.
//
// The window's anchor says whether rows lie above it. Where the load itself
// tells (a load from the top, a page below the window, one row more asked
// for above it) no query is made for it: with a search, the question "is
// there a matching row above this one" walks the list upwards and can cost
// more than the page itself.
//
// The count runs beside the rows, on its own connection: neither needs the
// other, and a desa's search count reads its word lists from the disk
// while the rows are read.
func loadWindow(ctx context.Context, st Store, r windowReq) windowMsg {
	out := windowMsg{gen: r.gen, count: -1, moved: true}
	var counted chan countResult
	if r.count {
		counted = make(chan countResult, 1)
		go func() {
			n, err := st.Count(ctx, r.filter)
			counted <- countResult{n, err}
		}()
	}
	n := r.limit
	list := func(pg inbox.Page, limit int) []inbox.Conversation {
		if out.err != nil {
			return nil
		}
		pg.Limit = limit
		rows, err := st.List(ctx, r.filter, pg)
		out.err = err
		return rows
	}
	// last loads the final rows, and one more to learn whether any lie above.
	last := func() ([]inbox.Conversation, bool) {
		rows := list(inbox.Page{Last: true}, n+1)
		if len(rows) > n {
			return rows[1:], true
		}
		return rows, false
	}
	above := false // rows lie above the window
	switch r.kind {
	case winTop:
		out.rows = list(inbox.Page{}, n)
	case winLast:
		out.rows, above = last()
		out.sel = len(out.rows) - 1
	case winNext:
		rows := list(inbox.Page{After: &r.edge}, n)
		switch {
		case len(rows) == 0:
			out.moved, out.atEnd = false, true
		case len(rows) < n:
			out.rows, above = last()
			out.sel = indexOf(out.rows, rows[0].ID, 0)
		default:
			out.rows, above = rows, true
		}
	case winPrev:
		rows := list(inbox.Page{Before: &r.edge}, n+1)
		switch {
		case len(rows) == 0:
			out.moved = false
		case len(rows) < n:
			out.rows = list(inbox.Page{}, n)
			out.sel = indexOf(out.rows, rows[len(rows)-1].ID, 0)
		default:
			above = len(rows) > n
			out.rows = rows[len(rows)-n:]
			out.sel = len(out.rows) - 1
		}
	default:
		if r.fromTop && r.anchor != nil {
			top := list(inbox.Page{}, n)
			if i := indexOf(top, r.keepID, r.keepAt); len(top) > 0 && (r.keepID == 0 || top[i].ID == r.keepID) {
				out.rows, out.sel = top, i
				break
			}
		}
		out.rows = list(inbox.Page{After: r.anchor}, n)
		switch {
		case r.anchor != nil && len(out.rows) < n:
			out.rows, above = last()
		case r.anchor != nil && out.moved && out.err == nil:
			above = anchorOf(ctx, st, r.filter, out.rows) != nil
		}
		out.sel = indexOf(out.rows, r.keepID, r.keepAt)
	}
	if out.moved && out.err == nil && above && len(out.rows) > 0 {
		out.anchor = inclusive(out.rows[0])
	}
	if counted != nil {
		c := <-counted
		if out.err == nil {
			out.count, out.err = c.n, c.err
		}
	}
	return out
}

// countResult is a window's count, taken beside its rows.
type countResult struct {
	n   int
	err error
}

// anchorOf is the window's inclusive anchor, nil when its first row is the
// first of the list (so new arrivals show at the top).
func anchorOf(ctx context.Context, st Store, f inbox.Filter, rows []inbox.Conversation) *inbox.Cursor {
	if len(rows) == 0 {
		return nil
	}
	above, err := st.List(ctx, f, inbox.Page{Before: ptr(inbox.CursorOf(rows[0])), Limit: 1})
	if err != nil || len(above) > 0 {
		return inclusive(rows[0])
	}
	return nil
}

func indexOf(rows []inbox.Conversation, id int64, fallback int) int {
	for i, c := range rows {
		if c.ID == id {
			return i
		}
	}
	return min(max(0, fallback), max(0, len(rows)-1))
}

func ptr[T any](v T) *T { return &v }
