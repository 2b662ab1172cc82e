package ui

import (
	"fmt"
	"time"

	"sapa/inbox"
)

// dueWidth is the width of a deadline in the list: "!Sen 09:00" (a breach
// on another day) is the widest.
const dueWidth = 10

// runningDue is a conversation's deadline when its clock runs: open and
// stamped with a due time (the store stamps none while it waits for the
// citizen, is snoozed or done).
func runningDue(c inbox.Conversation) (time.Time, bool) {
	return c.DueAt, isOpenStatus(c.Status) && !c.DueAt.IsZero()
}

// dueText is a deadline as the list shows it: "→14:30" today,
// "→Sen 09:00" within six days either side, "→20 Nov" further off; a breach
// starts with "!" instead of the arrow, which the low-bandwidth look shows
// without colour. It changes only at midnight and at the due time itself,
// when the screen redraws. now is the frame's moment.
func (c *common) dueText(due, now time.Time) string {
	due = due.In(now.Location())
	mark := "→"
	if !now.Before(due) {
		mark = "!"
	}
	y1, m1, d1 := due.Date()
	y2, m2, d2 := now.Date()
	day1 := time.Date(y1, m1, d1, 0, 0, 0, 0, time.UTC)
	day2 := time.Date(y2, m2, d2, 0, 0, 0, 0, time.UTC)
	days := int(day1.Sub(day2).Hours() / 24)
	switch {
	case days == 0:
		return mark + due.Format("15:04")
	case days >= -6 && days <= 6:
		return mark + c.loc.weekday(due.Weekday()) + " " + due.Format("15:04")
	}
	return mark + fmt.Sprintf("%d %s", d1, c.loc.month(m1))
}

// nextDue is the next moment a shown deadline turns into a breach: the
// earliest running due time after now among rows; zero when none.
func (c *common) nextDue(rows []inbox.Conversation) time.Time {
	now := c.now()
	var next time.Time
	for _, r := range rows {
		if due, ok := runningDue(r); ok && due.After(now) && (next.IsZero() || due.Before(next)) {
			next = due
		}
	}
	return next
}

func (l locale) weekday(d time.Weekday) string { return l.T(fmt.Sprintf("weekday.%d", int(d))) }

// localeDeadlinesID are the Indonesian strings of deadlines and breaches.
func localeDeadlinesID() map[string]string {
	return map[string]string{
		"weekday.0": "Min", "weekday.1": "Sen", "weekday.2": "Sel", "weekday.3": "Rab",
		"weekday.4": "Kam", "weekday.5": "Jum", "weekday.6": "Sab",
		"view.breaches": "Lewat target",
		"key.breaches":  "yang lewat target waktu jawab, paling lama dulu",
		"legend.due":    "batas jawab (jam kerja): →16:00 hari ini, →Sen 09:00 minggu ini; !16:00 sudah lewat; tanpa batas saat menunggu warga",
	}
}

// localeDeadlinesEN are the English strings of deadlines and breaches.
func localeDeadlinesEN() map[string]string {
	return map[string]string{
		"weekday.0": "Sun", "weekday.1": "Mon", "weekday.2": "Tue", "weekday.3": "Wed",
		"weekday.4": "Thu", "weekday.5": "Fri", "weekday.6": "Sat",
		"view.breaches": "Overdue",
		"key.breaches":  "those past their response target, longest overdue first",
		"legend.due":    "answer due (working hours): →16:00 today, →Mon 09:00 this week; !16:00 overdue; no clock while waiting for the citizen",
	}
}
