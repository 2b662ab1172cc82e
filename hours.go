package main

import (
	"fmt"
	"time"

	"sapa/config"
	"sapa/workhours"
)

// weekdayNames are the names [hours] days uses.
var weekdayNames = map[string]time.Weekday{"sun": time.Sunday, "mon": time.Monday, "tue": time.Tuesday,
	"wed": time.Wednesday, "thu": time.Thursday, "fri": time.Friday, "sat": time.Saturday}

// loadCalendar builds the office's working-time calendar from [hours]: its
// zone (WIB when the system has no zone database), days, hours, and the
// holidays file or the built-in Indonesian one.
func loadCalendar(h config.Hours) (*workhours.Calendar, error) {
	loc := workhours.WIB()
	if h.Timezone != "Asia/Jakarta" {
		var err error
		if loc, err = time.LoadLocation(h.Timezone); err != nil {
			return nil, fmt.Errorf("config hours.timezone: %w", err)
		}
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
