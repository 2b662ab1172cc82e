package ui

import (
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"

	"sapa/inbox"
)

// listModel is the inbox list pane: a window of one screen of conversations
// over the store's keyset-paged list. It never holds more rows than fit on
// the screen, so memory does not grow with the inbox; moving past an edge
// asks the root for the next window.
type listModel struct {
	c       *common
	filter  inbox.Filter
	rows    []inbox.Conversation
	sel     int
	anchor  *inbox.Cursor // inclusive top of the window; nil: the top of the list
	count   int           // conversations in the view; -1 unknown
	width   int
	height  int // the whole pane, header included
	gen     int // sequence of window requests; older answers are dropped
	loading bool
	loaded  bool // a window has arrived: before that, an empty list is not known to be empty
	stale   bool // a reload was wanted while a page was loading
	// noAccounts: the store knows no account, so an empty list says how
	// to start (sapa demo, sapa doctor) instead of only "no conversations".
	noAccounts bool
	touched    bool  // the admin has moved the selection since the list was shown
	keepID     int64 // a resumed screen's selection, kept by the next window
	cols       listCols
	marks      marks  // the marked conversations (space), for `;` actions
	idsTitle   string // names the list of chosen conversations (filter.IDs) in the header
	// drawn keeps the rows and header of the last frames, so a key that
	// moves the selection draws two rows, not the whole window. Shared by
	// the model's copies; a memo only (see rowKey), never state.
	drawn *rowCache
}

// listCols are the fixed column widths of a row, computed on resize only so
// that moving the selection never changes the layout.
type listCols struct {
	author, snippet, age, status, assignee int
}

func newList(c *common, f inbox.Filter) listModel {
	return listModel{c: c, filter: f, count: -1, drawn: newRowCache()}
}

// listStatusWidth is the narrowest list that keeps the status and assignee
// columns; the wide layout gives the list at least this much.
const listStatusWidth = 66

// SetSize fits the pane and recomputes the columns.
func (l *listModel) SetSize(w, h int) {
	l.width, l.height = w, h
	// A running deadline shows in the status column (the conversation is
	// open); the narrow layout, which has none, shows it in the time
	// column instead of the last message's time.
	c := listCols{author: 16, age: 6, status: dueWidth, assignee: 8}
	switch {
	case w < listStatusWidth:
		c.status, c.assignee, c.author, c.age = 0, 0, 12, dueWidth
	case w < 70:
		c.author = 12
	}
	// marker, unread, space, badge(3), space, author, space, snippet, then
	// " age", " status", " assignee" and " " plus the priority mark (2).
	fixed := 1 + 1 + 1 + 3 + 1 + c.author + 1 + 1 + c.age + 1 + 2
	if c.status > 0 {
		fixed += 1 + c.status + 1 + c.assignee
	}
	c.snippet = max(0, w-fixed)
	l.cols = c
}

// visible is how many rows fit below the header.
func (l listModel) visible() int { return max(1, l.height-1) }

// selected returns the selected conversation.
func (l listModel) selected() (inbox.Conversation, bool) {
	if l.sel < 0 || l.sel >= len(l.rows) {
		return inbox.Conversation{}, false
	}
	return l.rows[l.sel], true
}

// Update handles the list keys. It returns an intent for the root: a window
// to load or a conversation to open; moving inside the window needs none.
func (l listModel) Update(msg tea.KeyPressMsg) (listModel, tea.Msg) {
	k := l.c.keys
	l.touched = true
	switch {
	case k.Matches(msg, actDown):
		return l.down()
	case k.Matches(msg, actUp):
		if l.sel > 0 {
			l.sel--
			return l, nil
		}
		if l.anchor == nil {
			return l, nil
		}
		return l.request(winPrev)
	case k.Matches(msg, actPageDown):
		return l.request(winNext)
	case k.Matches(msg, actPageUp):
		if l.anchor == nil {
			l.sel = 0
			return l, nil
		}
		return l.request(winPrev)
	case k.Matches(msg, actTop):
		if l.anchor == nil {
			l.sel = 0
			return l, nil
		}
		return l.request(winTop)
	case k.Matches(msg, actBottom):
		return l.request(winLast)
	case k.Matches(msg, actOpen):
		if c, ok := l.selected(); ok {
			return l, openIntent{conv: c}
		}
	}
	return l, nil
}

// down moves the selection one row down, loading the next window at the
// bottom of this one.
func (l listModel) down() (listModel, tea.Msg) {
	if l.sel < len(l.rows)-1 {
		l.sel++
		return l, nil
	}
	return l.request(winNext)
}

// request starts loading a window the admin asked for. Keys pressed while it
// loads do not stack further requests.
func (l listModel) request(kind windowKind) (listModel, tea.Msg) {
	if l.loading {
		return l, nil
	}
	req := windowReq{kind: kind, filter: l.filter, limit: l.visible()}
	switch kind {
	case winNext:
		if len(l.rows) == 0 {
			return l, nil
		}
		req.edge = inbox.CursorOf(l.rows[len(l.rows)-1])
	case winPrev:
		if len(l.rows) == 0 {
			return l, nil
		}
		req.edge = inbox.CursorOf(l.rows[0])
	}
	l.loading = true
	l.gen++
	req.gen = l.gen
	return l, req
}

// reload asks for the same window again (same anchor, same selection) after
// a change in the store. While a page the admin asked for is loading, the
// reload waits for it instead of racing it.
func (l listModel) reload(kind windowKind) (listModel, tea.Msg) {
	if l.loading && kind == winReload {
		l.stale = true
		return l, nil
	}
	req := windowReq{kind: kind, filter: l.filter, limit: l.visible(), anchor: l.anchor, keepAt: l.sel, count: true}
	// Until the admin moves, the selection stays on the top row while the
	// first rows arrive; afterwards it stays on the conversation it is on.
	if c, ok := l.selected(); ok && (l.touched || l.anchor != nil) {
		req.keepID = c.ID
	}
	if l.keepID != 0 {
		req.keepID = l.keepID
	}
	if kind != winReload {
		l.loading = true
	}
	l.gen++
	req.gen = l.gen
	return l, req
}

// fit keeps the selected row inside a window of n rows at once, before the
// reload a resize asks for arrives: a shrinking window moves its anchor
// down to the selection rather than leaving it below the screen.
func (l *listModel) fit(n int) {
	if len(l.rows) <= n {
		return
	}
	start := max(0, l.sel-n+1)
	if start > 0 {
		l.anchor = inclusive(l.rows[start])
	}
	l.rows = l.rows[start : start+n]
	l.sel -= start
}

// setWindow takes a loaded window. It reports whether a deferred reload is due.
func (l *listModel) setWindow(w windowMsg) (reloadDue bool) {
	if w.gen != l.gen {
		return false
	}
	l.loading = false
	if w.err == nil {
		l.loaded = true
		l.keepID = 0
		if w.moved {
			l.rows, l.sel, l.anchor = w.rows, w.sel, w.anchor
		} else if w.atEnd {
			l.sel = max(0, len(l.rows)-1)
		} else {
			l.sel, l.anchor = 0, nil
		}
		if w.count >= 0 {
			l.count = w.count
		}
		l.sel = min(max(0, l.sel), max(0, len(l.rows)-1))
	}
	due := l.stale
	l.stale = false
	return due
}

// replace updates one row in place after a triage action, before the
// reload that follows confirms it.
func (l *listModel) replace(c inbox.Conversation) {
	for i := range l.rows {
		if l.rows[i].ID == c.ID {
			l.rows[i] = c
		}
	}
}

// View draws the header and the rows, each exactly the pane's width.
func (l listModel) View() string {
	var b strings.Builder
	b.Grow(l.height * (l.width + 32)) // a row's text and a few styles: one allocation
	b.WriteString(l.header())
	n := l.visible()
	empty := []string{"  " + l.c.loc.T("list.empty")}
	if l.noAccounts {
		empty = []string{"  " + l.c.loc.T("list.no_accounts"), "",
			"  sapa demo    " + l.c.loc.T("list.try_demo"), "  sapa doctor  " + l.c.loc.T("list.try_doctor")}
	}
	l.drawn.startFrame()
	now := l.c.now()
	for i := 0; i < n; i++ {
		b.WriteByte('\n')
		switch {
		case i < len(l.rows):
			b.WriteString(l.row(i, now))
		case len(l.rows) == 0 && i < len(empty) && (l.loaded || l.noAccounts):
			b.WriteString(line(empty[i], l.width))
		default:
			b.WriteString(strings.Repeat(" ", l.width))
		}
	}
	l.drawn.endFrame()
	return b.String()
}

func (l listModel) header() string {
	loc := l.c.loc
	view := l.filter.View
	if l.filter.Search != "" {
		view = inbox.ViewAll // a search spans every view
	}
	left := " " + loc.view(view)
	if l.filter.Platform != "" {
		left += " · " + l.c.st.platforms.badge(l.filter.Platform)
	}
	if l.filter.Search != "" {
		left += " · " + loc.T("list.search") + " " + l.filter.Search
	}
	left += l.narrowed()
	right := ""
	switch {
	case l.filter.Search != "" && l.count > inbox.SearchCountCap:
		right = loc.F("list.count_over", loc.number(inbox.SearchCountCap)) + " "
	case l.count >= 0:
		right = fmt.Sprintf("%d ", l.count)
	}
	if s, ok := l.drawn.header(left, right, l.width, l.c.st.Plain); ok {
		return s
	}
	s := l.c.st.Header.Render(cell(left, l.width-len(right)) + right)
	l.drawn.keepHeader(left, right, l.width, l.c.st.Plain, s)
	return s
}

// narrowed names the label, unit, assignee and waiting time the list is
// narrowed by, for the header.
func (l listModel) narrowed() string {
	f, loc, out := l.filter, l.c.loc, ""
	if f.Label != "" {
		out += " · " + loc.T("list.label") + " " + f.Label
	}
	if f.Unit != "" {
		out += " · " + loc.T("list.unit") + " " + f.Unit
	}
	switch f.Assignee {
	case "":
	case "-":
		out += " · " + loc.T("list.nobody")
	default:
		out += " · @" + f.Assignee
	}
	if f.Waiting > 0 {
		out += " · " + loc.F("list.waiting", spanText(loc, f.Waiting))
	}
	if f.IDs != nil {
		out += " · " + l.idsTitle
	}
	return out
}
