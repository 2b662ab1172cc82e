package ui

import (
	"fmt"
	"time"

	"sapa/inbox"
)

// common holds the values every pane reads: look, words, keys and clock. It
// is built once by New and shared read-only (soft-serve's common.Common).
type common struct {
	st      Styles
	loc     locale
	actions actionTable
	keys    KeyMap
	now     func() time.Time
	admin   string
	// suggestSpam is the trained spam suggestion; nil until the admins
	// have marked enough to learn from.
	suggestSpam func(text string) bool
	// spamGen counts the trainings of suggestSpam: a list row drawn with an
	// older suggestion is drawn again (rowKey).
	spamGen int
	// present is where the other admins are, by conversation (Seat).
	present map[int64][]inbox.Present
}

// when is a list row's time: "09:05" today, "20 Nov" this year, "2025"
// before. A clock time or a date never goes stale, so an idle screen has
// nothing to redraw until midnight (nextMidnight), when "today" moves.
// now is the frame's moment.
func (c *common) when(t, now time.Time) string {
	if t.IsZero() {
		return ""
	}
	t = t.In(now.Location())
	y1, m1, d1 := t.Date()
	y2, m2, d2 := now.Date()
	switch {
	case y1 == y2 && m1 == m2 && d1 == d2:
		return t.Format("15:04")
	case y1 == y2:
		return fmt.Sprintf("%d %s", d1, c.loc.month(m1))
	}
	return fmt.Sprint(y1)
}

// nextMidnight is when "today" next ends in now's time zone: the one moment
// a shown clock time or date changes meaning.
func nextMidnight(now time.Time) time.Time {
	y, m, d := now.Date()
	return time.Date(y, m, d+1, 0, 0, 0, 0, now.Location())
}

// dayOf is now's date as yyyymmdd: kept rows and previews show times
// relative to it, so they are drawn again when it changes.
func dayOf(now time.Time) int {
	y, m, d := now.Date()
	return y*10000 + int(m)*100 + d
}

// stamp is a message time in the conversation pane: "09:05" today,
// "20 Nov 09:05" this year, "20 Nov 2025" before.
func (c *common) stamp(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	now := c.now()
	t = t.In(now.Location())
	hm := t.Format("15:04")
	y1, m1, d1 := t.Date()
	y2, m2, d2 := now.Date()
	switch {
	case y1 == y2 && m1 == m2 && d1 == d2:
		return hm
	case y1 == y2:
		return fmt.Sprintf("%d %s %s", d1, c.loc.month(m1), hm)
	}
	return fmt.Sprintf("%d %s %d", d1, c.loc.month(m1), y1)
}

// priorityMark draws a conversation's priority: "", "!" or "!!".
func priorityMark(p int) string {
	switch {
	case p >= 2:
		return "!!"
	case p == 1:
		return "!"
	}
	return ""
}

// isOpenStatus reports statuses that still need an answer.
func isOpenStatus(s inbox.Status) bool { return s == inbox.StatusNew || s == inbox.StatusOpen }
