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
}

// age is a compact relative age for list rows: "5m", "3j"/"3h", "2h"/"2d";
// older than a month it becomes a date. It is measured from at, the list's
// age clock, which moves only on a key or when the rows really change, so
// ages never tick on their own.
func (c *common) age(t, at time.Time) string {
	if t.IsZero() {
		return ""
	}
	d := at.Sub(t)
	switch {
	case d < time.Minute:
		return c.loc.T("age.now")
	case d < time.Hour:
		return fmt.Sprintf("%d%s", int(d/time.Minute), c.loc.T("age.min"))
	case d < 24*time.Hour:
		return fmt.Sprintf("%d%s", int(d/time.Hour), c.loc.T("age.hour"))
	case d < 30*24*time.Hour:
		return fmt.Sprintf("%d%s", int(d/(24*time.Hour)), c.loc.T("age.day"))
	}
	t = t.In(c.now().Location())
	return fmt.Sprintf("%d %s", t.Day(), c.loc.month(t.Month()))
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

// until is the time left before t, "" when past: "5j"/"5h", "20m".
func (c *common) until(t time.Time) string {
	d := t.Sub(c.now())
	switch {
	case d <= 0:
		return ""
	case d < time.Hour:
		return fmt.Sprintf("%d%s", int(d/time.Minute)+1, c.loc.T("age.min"))
	}
	return fmt.Sprintf("%d%s", int(d/time.Hour), c.loc.T("age.hour"))
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
