package ui

import (
	"strings"
	"time"

	"charm.land/lipgloss/v2"

	"sapa/inbox"
	"sapa/sanitize"
)

// rowKey is everything a list row is drawn from, but the selection: drawRow
// reads nothing else that can change during a session, so two rows with
// equal keys draw the same, and the drawn row is kept (rowCache) until its
// key changes. Values the clock changes (the time, the deadline and whether
// it passed) are part of the key, computed at every frame; outside text is
// kept raw and sanitized only when the row is drawn.
type rowKey struct {
	cols     listCols // the widths: a resize draws again
	plain    bool     // the low-bandwidth look
	marked   bool
	unread   bool
	platform inbox.Platform
	author   string // the contact's name, else handle, raw
	snippet  string // raw
	from     string // the unit that handed it here, short ("" none)
	tag      string // who else is in the conversation (presenceTag)
	search   string // the words the snippet's matches are underlined for
	hiding   inbox.HideState
	spam     int   // spamGen+1 when the suggestion is asked about the snippet; 0 not asked
	at       int64 // the last message's time (UnixNano; 0 none)
	running  bool  // a deadline runs: it shows instead of the status
	due      int64 // the deadline (UnixNano)
	breached bool  // the deadline has passed
	today    int   // the frame's date (yyyymmdd): times and deadlines show relative to it
	status   inbox.Status
	assignee string
	priority int
}

// rowKeyOf computes c's key as the list shows it at the frame's moment now.
func (l listModel) rowKeyOf(c inbox.Conversation, now time.Time) rowKey {
	_, marked := l.marks[c.ID]
	k := rowKey{cols: l.cols, plain: l.c.st.Plain, marked: marked, unread: c.Unread, platform: c.Platform,
		author: c.Contact.Name, snippet: c.Snippet, tag: l.c.presenceTag(c.ID), search: l.filter.Search,
		hiding: c.Hiding, status: c.Status, assignee: c.Assignee, priority: c.Priority}
	if !c.LastMessageAt.IsZero() {
		k.at = c.LastMessageAt.UnixNano()
	}
	k.today = dayOf(now)
	if k.author == "" {
		k.author = c.Contact.Handle
	}
	if c.HandedFrom.Name != "" {
		k.from = c.HandedFrom.Short()
	}
	if l.c.spamAsked(c) {
		k.spam = l.c.spamGen + 1
	}
	if due, running := runningDue(c); running {
		k.running, k.due, k.breached = true, due.UnixNano(), !now.Before(due)
	}
	return k
}

// row draws row i of the window at the frame's moment now, from the frames
// before when it has not changed.
func (l listModel) row(i int, now time.Time) string {
	k, sel := l.rowKeyOf(l.rows[i], now), i == l.sel
	if s, ok := l.drawn.row(k, sel); ok {
		return s
	}
	s := l.drawRow(k, sel, now)
	l.drawn.keep(k, sel, s)
	return s
}

// drawRow draws one conversation from its key, at the moment now the key
// was computed for. The selected row is drawn from plain cells and
// highlighted whole (default look) or marked with ">" (low-bandwidth look).
func (l listModel) drawRow(k rowKey, sel bool, now time.Time) string {
	st := l.c.st
	plain := sel || st.Plain
	marker := markGlyph(k.marked, sel, st.Plain)
	unread := " "
	if k.unread {
		unread = "*"
	}
	// Text is styled, padding is not: a styled run of blanks costs an SGR
	// pair for nothing, and an empty styled cell none at all.
	styled := func(text string, w int, right bool, ls lipgloss.Style) string {
		var t string
		if right {
			t = cellRight(text, w)
		} else {
			t = cell(text, w)
		}
		core := strings.TrimRight(strings.TrimLeft(t, " "), " ")
		if core == "" || plain {
			return t
		}
		i := strings.Index(t, core)
		return t[:i] + ls.Render(core) + t[i+len(core):]
	}
	var b strings.Builder
	b.WriteString(marker + unread + l.flag(k.hiding, k.spam != 0, k.snippet))
	b.WriteString(styled(st.platforms.badge(k.platform), 3, false, st.Badge(k.platform)))
	if k.unread {
		b.WriteString(" " + styled(sanitize.Line(k.author), k.cols.author, false, st.Unread) + " ")
	} else {
		b.WriteString(" " + cell(sanitize.Line(k.author), k.cols.author) + " ")
	}
	text := sanitize.Line(k.snippet)
	if k.from != "" {
		text = l.c.loc.F("list.from", k.from) + text
	}
	// Who else is in the conversation goes first: the admin must not miss it.
	tag := k.tag
	if tag != "" {
		tag = cell(tag, min(k.cols.snippet, sanitize.Width(tag)+1))
	}
	snippet := cell(text, k.cols.snippet-sanitize.Width(tag))
	if k.search != "" && !st.Plain {
		snippet = markWords(snippet, searchWords(k.search))
	}
	if tag != "" && !plain {
		tag = st.Warn.Render(tag)
	}
	b.WriteString(tag + snippet)
	dueCell := func(w int, right bool) string {
		ls := lipgloss.NewStyle()
		if k.breached {
			ls = st.Error
		}
		return styled(l.c.dueText(time.Unix(0, k.due), now), w, right, ls)
	}
	if k.running && k.cols.status == 0 {
		b.WriteString(" " + dueCell(k.cols.age, true))
	} else {
		when := ""
		if k.at != 0 {
			when = l.c.when(time.Unix(0, k.at), now)
		}
		b.WriteString(" " + cellRight(when, k.cols.age))
	}
	if k.cols.status > 0 {
		if k.running {
			b.WriteString(" " + dueCell(k.cols.status, false))
		} else {
			b.WriteString(" " + cell(l.c.loc.status(k.status), k.cols.status))
		}
		b.WriteString(" " + styled(k.assignee, k.cols.assignee, false, st.Dim))
	}
	b.WriteString(" " + styled(priorityMark(k.priority), 2, false, st.Priority))
	out := b.String()
	if sel && !st.Plain {
		// Highlight the row up to its last text: blank cells after it
		// would cost a reverse-video space each, on every move.
		text := strings.TrimRight(out, " ")
		return st.Selected.Render(text) + out[len(text):]
	}
	return out
}

// rowCache keeps the list rows drawn in the last frames, by key, each as
// drawn selected and not. It holds the rows of the window on screen and
// nothing else: a frame forgets the rows it did not draw, so the cache is
// bounded by the window whatever the inbox holds. A nil cache keeps nothing.
type rowCache struct {
	frame uint64
	rows  map[rowKey]*drawnRow
	// head is the header row, drawn again only when its text or the width
	// changes.
	head struct {
		left, right string
		width       int
		plain       bool
		out         string
	}
}

// drawnRow is a row as drawn, in both states of the selection ("" not yet
// drawn in that state), and the frame that last showed it.
type drawnRow struct {
	plain, sel string
	frame      uint64
}

func newRowCache() *rowCache { return &rowCache{rows: map[rowKey]*drawnRow{}} }

// startFrame begins a frame: the rows it draws are kept.
func (c *rowCache) startFrame() {
	if c != nil {
		c.frame++
	}
}

// endFrame forgets the rows the frame did not draw.
func (c *rowCache) endFrame() {
	if c == nil {
		return
	}
	for k, r := range c.rows {
		if r.frame != c.frame {
			delete(c.rows, k)
		}
	}
}

// row returns the row of key k as drawn before, if it was.
func (c *rowCache) row(k rowKey, sel bool) (string, bool) {
	if c == nil {
		return "", false
	}
	r, ok := c.rows[k]
	if !ok {
		return "", false
	}
	r.frame = c.frame
	s := r.plain
	if sel {
		s = r.sel
	}
	return s, s != ""
}

// keep records the row of key k as drawn.
func (c *rowCache) keep(k rowKey, sel bool, s string) {
	if c == nil {
		return
	}
	r, ok := c.rows[k]
	if !ok {
		r = &drawnRow{}
		c.rows[k] = r
	}
	r.frame = c.frame
	if sel {
		r.sel = s
	} else {
		r.plain = s
	}
}

// header returns the header row drawn for this text, width and look, if it was.
func (c *rowCache) header(left, right string, width int, plain bool) (string, bool) {
	if c == nil {
		return "", false
	}
	h := &c.head
	return h.out, h.out != "" && h.left == left && h.right == right && h.width == width && h.plain == plain
}

// keepHeader records the header row as drawn.
func (c *rowCache) keepHeader(left, right string, width int, plain bool, s string) {
	if c != nil {
		c.head.left, c.head.right, c.head.width, c.head.plain, c.head.out = left, right, width, plain, s
	}
}
