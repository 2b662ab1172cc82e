// Package workhours measures time the way a public office's response
// targets do: in working hours (Monday to Friday, 08:00–16:00 WIB by
// default), skipping weekends and the national holidays and cuti bersama of
// a holidays file. It answers two questions: when is a target of N working
// hours from a moment due, and how many working hours lie between two
// moments.
package workhours

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"time"
)

// Calendar is an office's working time. It is immutable; build it with New.
type Calendar struct {
	loc        *time.Location
	days       [7]bool // by time.Weekday
	start, end time.Duration
	holidays   map[civil]string
	years      map[int]bool // the years the holidays file lists
}

// civil is a calendar date in the office's time zone.
type civil struct {
	y int
	m time.Month
	d int
}

func dateOf(t time.Time) civil {
	y, m, d := t.Date()
	return civil{y, m, d}
}

// Hours is the working day: from Start to End (offsets from midnight).
type Hours struct {
	Start, End time.Duration
}

// Holiday is a day off that is not a weekend.
type Holiday struct {
	Date        time.Time // midnight in the calendar's zone
	Description string
}

// New builds a calendar. days are the working weekdays; hours the working
// day; holidays the days off. The working day must be non-empty and lie
// within one day.
func New(loc *time.Location, days []time.Weekday, hours Hours, holidays []Holiday) (*Calendar, error) {
	if loc == nil {
		return nil, errors.New("no time zone")
	}
	if hours.Start < 0 || hours.End > 24*time.Hour || hours.End <= hours.Start {
		return nil, fmt.Errorf("working hours %s–%s are not a span within one day", clock(hours.Start), clock(hours.End))
	}
	c := &Calendar{loc: loc, start: hours.Start, end: hours.End, holidays: map[civil]string{}, years: map[int]bool{}}
	for _, d := range days {
		c.days[d] = true
	}
	if c.days == [7]bool{} {
		return nil, errors.New("no working days")
	}
	for _, h := range holidays {
		k := dateOf(h.Date.In(loc))
		c.holidays[k] = h.Description
		c.years[k.y] = true
	}
	return c, nil
}

func clock(d time.Duration) string {
	return fmt.Sprintf("%02d:%02d", int(d.Hours()), int(d.Minutes())%60)
}

// Location is the calendar's time zone.
func (c *Calendar) Location() *time.Location { return c.loc }

// Covers reports whether the holidays file lists any day of year: a file
// that does not is out of date, and deadlines would fall on holidays.
func (c *Calendar) Covers(year int) bool { return c.years[year] }

// Holiday returns the description of t's day when it is a holiday.
func (c *Calendar) Holiday(t time.Time) (string, bool) {
	d, ok := c.holidays[dateOf(t.In(c.loc))]
	return d, ok
}

// working reports whether the day of t is a working day.
func (c *Calendar) working(t time.Time) bool {
	_, holiday := c.holidays[dateOf(t)]
	return c.days[t.Weekday()] && !holiday
}

// span returns the working span of t's day, in the calendar's zone.
func (c *Calendar) span(t time.Time) (from, to time.Time) {
	y, m, d := t.Date()
	midnight := time.Date(y, m, d, 0, 0, 0, 0, c.loc)
	return midnight.Add(c.start), midnight.Add(c.end)
}

// nextDay is midnight of the day after t's.
func (c *Calendar) nextDay(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d+1, 0, 0, 0, 0, c.loc)
}

// maxDays bounds the walk over days: a calendar whose every day is a
// holiday would otherwise never finish.
const maxDays = 3660

// Add returns the moment d working time after t: a message that arrives
// Friday 15:00 with a 4-hour target is due Monday 11:00 (08:00–16:00).
func (c *Calendar) Add(t time.Time, d time.Duration) time.Time {
	t = t.In(c.loc)
	for i := 0; i < maxDays; i++ {
		if c.working(t) {
			from, to := c.span(t)
			if t.Before(from) {
				t = from
			}
			if t.Before(to) {
				if left := to.Sub(t); d <= left {
					return t.Add(d)
				} else {
					d -= left
				}
			}
		}
		t = c.nextDay(t)
	}
	return t
}

// Between returns the working time from a to b (0 when b is not after a).
func (c *Calendar) Between(a, b time.Time) time.Duration {
	a, b = a.In(c.loc), b.In(c.loc)
	var sum time.Duration
	for i := 0; a.Before(b) && i < maxDays; i++ {
		if c.working(a) {
			from, to := c.span(a)
			lo, hi := later(a, from), earlier(b, to)
			if lo.Before(hi) {
				sum += hi.Sub(lo)
			}
		}
		a = c.nextDay(a)
	}
	return sum
}

func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func earlier(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

// ReadHolidays reads a holidays file: one `YYYY-MM-DD description` line a
// day; blank lines and lines starting with # are ignored. A bad line is an
// error naming its number; nothing is half-read.
func ReadHolidays(r io.Reader, loc *time.Location) ([]Holiday, error) {
	var out []Holiday
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		date, desc, _ := strings.Cut(line, " ")
		t, err := time.ParseInLocation("2006-01-02", date, loc)
		if err != nil {
			return nil, fmt.Errorf("line %d: %q is not a date YYYY-MM-DD", n, date)
		}
		desc = strings.TrimSpace(desc)
		if desc == "" {
			return nil, fmt.Errorf("line %d: %s has no description", n, date)
		}
		out = append(out, Holiday{Date: t, Description: desc})
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Date.Before(out[j].Date) })
	return out, nil
}

// LoadHolidays reads a holidays file from path.
func LoadHolidays(path string, loc *time.Location) ([]Holiday, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	hs, err := ReadHolidays(f, loc)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return hs, nil
}
