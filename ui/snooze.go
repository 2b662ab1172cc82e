package ui

import (
	"errors"
	"strconv"
	"strings"
	"time"
)

// morning is the hour a snooze "until tomorrow" or "until a date" ends.
const morning = 8

// errWhen is returned for a snooze time Sapa cannot read.
var errWhen = errors.New("unknown time")

// parseWhen reads when a snooze ends, relative to now, in the units the
// screen shows in the admin's language (loc's unit.* letters: m, j, h for
// menit, jam, hari in Indonesian; m, h, d in English):
//
//	30m, 2j, 3h, 1j30m   Indonesian: minutes, hours (jam), days (hari)
//	30m, 2h, 3d, 1h30m   English: minutes, hours, days
//	2 jam, 3 hari, 1w    the words, and weeks, in either language
//	besok, tomorrow                       tomorrow at 08:00
//	lusa                                  the day after tomorrow at 08:00
//	16:00                                 today at 16:00, or tomorrow if that has passed
//	2026-11-25, 25/11, 25/11/2026         that day at 08:00
//
// The result is always in the future.
func parseWhen(s string, now time.Time, loc locale) (time.Time, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	day := func(d time.Time, add int) time.Time {
		y, m, dd := d.Date()
		return time.Date(y, m, dd+add, morning, 0, 0, 0, now.Location())
	}
	var t time.Time
	switch s {
	case "besok", "tomorrow":
		t = day(now, 1)
	case "lusa":
		t = day(now, 2)
	default:
		var err error
		if t, err = parseClock(s, now); err != nil {
			if t, err = parseDate(s, now); err != nil {
				d, derr := parseSpan(s, loc)
				if derr != nil {
					return time.Time{}, errWhen
				}
				t = now.Add(d)
			}
		}
	}
	if !t.After(now) {
		return time.Time{}, errWhen
	}
	return t, nil
}

// parseClock reads "16:00" as the next time the clock shows it.
func parseClock(s string, now time.Time) (time.Time, error) {
	c, err := time.ParseInLocation("15:04", s, now.Location())
	if err != nil {
		return time.Time{}, err
	}
	y, m, d := now.Date()
	t := time.Date(y, m, d, c.Hour(), c.Minute(), 0, 0, now.Location())
	if !t.After(now) {
		t = t.AddDate(0, 0, 1)
	}
	return t, nil
}

// parseDate reads an ISO date or a day/month[/year] date, at 08:00.
func parseDate(s string, now time.Time) (time.Time, error) {
	for _, layout := range []string{"2006-01-02", "2/1/2006"} {
		if d, err := time.ParseInLocation(layout, s, now.Location()); err == nil {
			return d.Add(morning * time.Hour), nil
		}
	}
	d, err := time.ParseInLocation("2/1", s, now.Location())
	if err != nil {
		return time.Time{}, err
	}
	t := time.Date(now.Year(), d.Month(), d.Day(), morning, 0, 0, 0, now.Location())
	if !t.After(now) {
		t = t.AddDate(1, 0, 0)
	}
	return t, nil
}

// parseSpan reads a duration made of number+unit pairs. The one-letter
// units are the locale's, so "h" is hari in Indonesian and hours in English,
// as the screen shows them; the words mean the same in both.
func parseSpan(s string, loc locale) (time.Duration, error) {
	units := map[string]time.Duration{
		"min": time.Minute, "menit": time.Minute, "jam": time.Hour, "hour": time.Hour, "hours": time.Hour,
		"hari": 24 * time.Hour, "day": 24 * time.Hour, "days": 24 * time.Hour,
		"w": 7 * 24 * time.Hour, "minggu": 7 * 24 * time.Hour,
		"j": time.Hour, "d": 24 * time.Hour, // the other language's letters that mean one thing
		loc.T("unit.min"): time.Minute, loc.T("unit.hour"): time.Hour, loc.T("unit.day"): 24 * time.Hour,
	}
	s = strings.ReplaceAll(s, " ", "")
	var total time.Duration
	for s != "" {
		i := 0
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		j := i
		for j < len(s) && (s[j] < '0' || s[j] > '9') {
			j++
		}
		n, err := strconv.Atoi(s[:i])
		unit, ok := units[s[i:j]]
		if err != nil || !ok {
			return 0, errWhen
		}
		total += time.Duration(n) * unit
		s = s[j:]
	}
	if total <= 0 {
		return 0, errWhen
	}
	return total, nil
}
