package workhours

import (
	_ "embed" // the national holidays shipped with Sapa
	"strings"
	"time"
)

//go:embed holidays-id.txt
var holidaysID string

// IndonesianHolidays returns the national holidays and cuti bersama Sapa
// ships (2026 and 2027), midnight in loc.
func IndonesianHolidays(loc *time.Location) []Holiday {
	hs, err := ReadHolidays(strings.NewReader(holidaysID), loc)
	if err != nil {
		panic("workhours: the built-in holidays file is invalid: " + err.Error()) // a test reads it
	}
	return hs
}

// WIB is Western Indonesia Time (UTC+7, no daylight saving), from the
// system's zone database when it has one.
func WIB() *time.Location {
	if loc, err := time.LoadLocation("Asia/Jakarta"); err == nil {
		return loc
	}
	return time.FixedZone("WIB", 7*60*60)
}

// Target is a response-time policy: how many working hours the office has
// to answer. Priority -1 and Platform "" match any.
type Target struct {
	Priority int    // 0 normal, 1 high, 2 urgent; -1 any
	Platform string // "facebook", "whatsapp"…; "" any
	First    time.Duration
	Next     time.Duration
}

// Targets are the policies of an office; the most specific one that
// matches a conversation applies (priority and platform, then priority,
// then platform, then the catch-all).
type Targets []Target

// DefaultTargets answer an urgent message within one working hour, a high
// one within four, anything else within a working day.
var DefaultTargets = Targets{
	{Priority: 2, First: time.Hour, Next: 2 * time.Hour},
	{Priority: 1, First: 4 * time.Hour, Next: 4 * time.Hour},
	{Priority: -1, First: 8 * time.Hour, Next: 8 * time.Hour},
}

// For returns the target for a conversation's priority and platform.
func (ts Targets) For(priority int, platform string) (Target, bool) {
	best, score := Target{}, -1
	for _, t := range ts {
		if (t.Priority != -1 && t.Priority != priority) || (t.Platform != "" && t.Platform != platform) {
			continue
		}
		s := 0
		if t.Priority != -1 {
			s += 2
		}
		if t.Platform != "" {
			s++
		}
		if s > score {
			best, score = t, s
		}
	}
	return best, score >= 0
}

// Waiting is what the clock needs to know of a conversation.
type Waiting struct {
	Priority int
	Platform string
	// Since is when the oldest message still unanswered arrived; zero when
	// nothing waits for the office.
	Since time.Time
	// Answered is true once the office has replied at least once: the next
	// response target applies, else the first.
	Answered bool
	// Paused is true while the office waits for the citizen (status
	// pending), or the conversation is done or snoozed: no clock runs.
	Paused bool
}

// Due returns when the office's answer is due, and false when no clock runs.
func Due(c *Calendar, ts Targets, w Waiting) (time.Time, bool) {
	if w.Paused || w.Since.IsZero() {
		return time.Time{}, false
	}
	t, ok := ts.For(w.Priority, w.Platform)
	if !ok {
		return time.Time{}, false
	}
	d := t.First
	if w.Answered {
		d = t.Next
	}
	if d <= 0 {
		return time.Time{}, false
	}
	return c.Add(w.Since, d), true
}

// NextBreach returns the earliest deadline after now among dues: the moment
// a screen that shows them must redraw. False when none lies ahead.
func NextBreach(now time.Time, dues []time.Time) (time.Time, bool) {
	var next time.Time
	for _, d := range dues {
		if d.After(now) && (next.IsZero() || d.Before(next)) {
			next = d
		}
	}
	return next, !next.IsZero()
}
