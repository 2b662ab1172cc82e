package main

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"time"

	"sapa/config"
	"sapa/inbox"
	"sapa/workhours"
)

// weekdayNames are the names [hours] days uses.
var weekdayNames = map[string]time.Weekday{"sun": time.Sunday, "mon": time.Monday, "tue": time.Tuesday,
	"wed": time.Wednesday, "thu": time.Thursday, "fri": time.Friday, "sat": time.Saturday}

// officeZone is the office's time zone, [hours] timezone (WIB when the
// system has no zone database): the one zone Sapa shows clock times and
// reads days in, whatever TZ the server runs with.
func officeZone(h config.Hours) (*time.Location, error) {
	if h.Timezone == "Asia/Jakarta" {
		return workhours.WIB(), nil
	}
	loc, err := time.LoadLocation(h.Timezone)
	if err != nil {
		return nil, fmt.Errorf("config hours.timezone: %w", err)
	}
	return loc, nil
}

// loadCalendar builds the office's working-time calendar from [hours]: its
// zone (officeZone), days, hours, and the holidays file or the built-in
// Indonesian one.
func loadCalendar(h config.Hours) (*workhours.Calendar, error) {
	loc, err := officeZone(h)
	if err != nil {
		return nil, err
	}
	var days []time.Weekday
	for _, d := range h.Days {
		days = append(days, weekdayNames[d])
	}
	start, _ := config.ClockTime(h.Start) // validated with the config
	end, _ := config.ClockTime(h.End)
	holidays := workhours.IndonesianHolidays(loc)
	if h.Holidays != "" {
		var err error
		if holidays, err = workhours.LoadHolidays(h.Holidays, loc); err != nil {
			return nil, fmt.Errorf("config hours.holidays: %w", err)
		}
	}
	c, err := workhours.New(loc, days, workhours.Hours{Start: start, End: end}, holidays)
	if err != nil {
		return nil, fmt.Errorf("config hours: %w", err)
	}
	return c, nil
}

// loadTargets turns [[hours.target]] into policies; none: the defaults.
func loadTargets(h config.Hours) workhours.Targets {
	if len(h.Targets) == 0 {
		return workhours.DefaultTargets
	}
	ts := make(workhours.Targets, len(h.Targets))
	for i, t := range h.Targets {
		p := -1
		if t.Priority != "" {
			p = config.Priorities[t.Priority]
		}
		ts[i] = workhours.Target{Priority: p, Platform: string(t.Platform), First: t.First.Duration, Next: t.Next.Duration}
	}
	return ts
}

// holidaysWarning says what to do when the holidays file does not cover
// now's year; "" when it does.
func holidaysWarning(c *workhours.Calendar, h config.Hours, now time.Time) string {
	y := now.In(c.Location()).Year()
	if c.Covers(y) {
		return ""
	}
	file := "the built-in holidays (2026 and 2027)"
	if h.Holidays != "" {
		file = h.Holidays
	}
	return fmt.Sprintf("Warning: %s list no day of %d: response targets count\n"+
		"its national holidays and cuti bersama as working days.\n"+
		"fix: write that year's days (SKB 3 Menteri) as `YYYY-MM-DD description`\n"+
		"lines to a file and set [hours] holidays to it.", file, y)
}

// deadlines is the office's response-time policy as the store stamps it on
// each conversation: the calendar and targets of [hours].
type deadlines struct {
	cal    *workhours.Calendar
	ts     workhours.Targets
	policy string
}

// loadDeadlines builds the policy from [hours]. Its name is a hash of
// everything a due time depends on (zone, days, hours, holidays, targets),
// so a store opened after any of them changed stamps its due times again.
func loadDeadlines(h config.Hours) (*deadlines, error) {
	cal, err := loadCalendar(h)
	if err != nil {
		return nil, err
	}
	ts := loadTargets(h)
	sum := sha256.New()
	fmt.Fprintf(sum, "%s %v %s %s %v\n", h.Timezone, h.Days, h.Start, h.End, ts)
	for y := 1970; y <= 2200; y++ {
		if !cal.Covers(y) {
			continue
		}
		for d := time.Date(y, 1, 1, 12, 0, 0, 0, cal.Location()); d.Year() == y; d = d.AddDate(0, 0, 1) {
			if desc, ok := cal.Holiday(d); ok {
				fmt.Fprintf(sum, "%s %s\n", d.Format("2006-01-02"), desc)
			}
		}
	}
	return &deadlines{cal: cal, ts: ts, policy: hex.EncodeToString(sum.Sum(nil))}, nil
}

// Due is when an answer is due by the office's targets in working hours.
func (d *deadlines) Due(priority int, platform inbox.Platform, since time.Time, answered bool) (time.Time, bool) {
	return workhours.Due(d.cal, d.ts, workhours.Waiting{Priority: priority, Platform: string(platform), Since: since, Answered: answered})
}

// Policy names the policy for the store's restamping.
func (d *deadlines) Policy() string { return d.policy }
