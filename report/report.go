// Package report computes the office's response-time report from the
// store's facts: conversations in, answered, first-response times in
// working hours (median and p90, nearest rank), targets met and breached,
// and the backlog at the end of the period, broken down by unit (each
// unit's whole subtree), admin, platform or label. The store counts; this
// package does the working-hour arithmetic, which SQL cannot.
package report

import (
	"fmt"
	"sort"
	"time"

	"sapa/inbox"
	"sapa/workhours"
)

// By is what a report breaks its rows down by.
type By string

// The breakdowns.
const (
	ByUnit     By = "unit"
	ByAdmin    By = "admin"
	ByPlatform By = "platform"
	ByLabel    By = "label"
)

// Breakdowns are every breakdown, in the order an xlsx file lists them.
var Breakdowns = []By{ByUnit, ByAdmin, ByPlatform, ByLabel}

// ParseBy checks a breakdown's name.
func ParseBy(s string) (By, error) {
	for _, b := range Breakdowns {
		if string(b) == s {
			return b, nil
		}
	}
	return "", fmt.Errorf("%q: want unit, admin, platform or label", s)
}

// Rules are how the office measures: its working-time calendar, its
// response targets, and the present moment (a target not yet due is not
// breached).
type Rules struct {
	Calendar *workhours.Calendar
	Targets  workhours.Targets
	Now      time.Time
}

// Stats are the median and 90th percentile of a set of durations (nearest
// rank: the ⌈n/2⌉-th and ⌈0.9n⌉-th smallest, always a response that
// happened). N is 0 when there is none.
type Stats struct {
	N           int
	Median, P90 time.Duration
}

// Row is one line of a report: a unit's subtree, an admin, a platform or a
// label, or the total.
type Row struct {
	// Key is the unit code, admin name, platform or label; "" is "none"
	// (no admin, no label).
	Key string
	// Name and Level describe a unit; Depth is its depth below the
	// report's root (0 for the root).
	Name, Level string
	Depth       int

	In       int // conversations whose first message arrived in the period
	Answered int // of those, first answered before the period ended
	Closed   int // of those, closed without any reply
	Met      int // answered within the first-response target
	Breaches int // answered after the target, or still unanswered past it
	Backlog  int // waiting for a first response at the end of the period
	EscUp    int // handoffs up to a parent unit made from here in the period
	EscDown  int // handoffs down to a unit below, or across to an agency

	Work  Stats // first-response times in working hours
	Clock Stats // the same in clock hours

	work, clock []time.Duration
}

// AnsweredPct is the share answered of those that wanted an answer (in,
// less closed without reply); false when none did.
func (r Row) AnsweredPct() (float64, bool) {
	n := r.In - r.Closed
	if n <= 0 {
		return 0, false
	}
	return 100 * float64(r.Answered) / float64(n), true
}

// MetPct is the share of targets met among those whose outcome is known
// (met or breached); false when none is.
func (r Row) MetPct() (float64, bool) {
	n := r.Met + r.Breaches
	if n == 0 {
		return 0, false
	}
	return 100 * float64(r.Met) / float64(n), true
}

// Report is a period's figures, a total and one row per group.
type Report struct {
	// From and To bound the period: [From, To).
	From, To time.Time
	By       By
	Total    Row
	Rows     []Row
}

// Build computes a report from the store's facts.
func Build(f inbox.ReportFacts, by By, from, to time.Time, r Rules) Report {
	end := to
	if r.Now.Before(end) {
		end = r.Now
	}
	rep := Report{From: from, To: to, By: by}
	g := newGroups(f.Units, by)
	for _, c := range f.Convs {
		o := outcome(c, to, end, r)
		rep.Total.add(o)
		for _, k := range g.keys(c.Unit, c.Labels, adminOf(c, o.answered), c.Platform) {
			g.row(k).add(o)
		}
	}
	for _, b := range f.Backlog {
		rep.Total.Backlog += b.N
		for _, k := range g.keys(b.Unit, b.Labels, b.Assignee, b.Platform) {
			g.row(k).Backlog += b.N
		}
	}
	for _, h := range f.Handoffs {
		rep.Total.handoff(h)
		for _, k := range g.keys(h.Unit, h.Labels, h.Admin, h.Platform) {
			g.row(k).handoff(h)
		}
	}
	rep.Total.finish()
	rep.Rows = g.finish()
	return rep
}

// adminOf is who a conversation counts under when broken down by admin:
// whoever sent its first response, else whoever holds it.
func adminOf(c inbox.ReportConv, answered bool) string {
	if answered {
		return c.Responder
	}
	return c.Assignee
}

// convOutcome is one conversation's part in a row.
type convOutcome struct {
	answered, closed, met, breached bool
	work, clock                     time.Duration
}

// outcome measures a conversation against its first-response target: an
// answer counts when made before the period ended (to); an unanswered one
// is breached once its due moment lies before end (the period's end, or
// now while the period runs).
func outcome(c inbox.ReportConv, to, end time.Time, r Rules) convOutcome {
	var o convOutcome
	due, hasDue := time.Time{}, false
	if t, ok := r.Targets.For(c.Priority, c.Platform); ok && t.First > 0 {
		due, hasDue = r.Calendar.Add(c.In, t.First), true
	}
	switch {
	case !c.FirstResponse.IsZero() && c.FirstResponse.Before(to):
		o.answered = true
		o.work, o.clock = r.Calendar.Between(c.In, c.FirstResponse), c.FirstResponse.Sub(c.In)
		if hasDue {
			o.met, o.breached = !c.FirstResponse.After(due), c.FirstResponse.After(due)
		}
	case c.ClosedUnanswered:
		o.closed = true
	default:
		o.breached = hasDue && due.Before(end)
	}
	return o
}

func (r *Row) add(o convOutcome) {
	r.In++
	switch {
	case o.answered:
		r.Answered++
		r.work, r.clock = append(r.work, o.work), append(r.clock, o.clock)
	case o.closed:
		r.Closed++
	}
	if o.met {
		r.Met++
	}
	if o.breached {
		r.Breaches++
	}
}

func (r *Row) handoff(h inbox.ReportHandoffs) {
	if h.Up {
		r.EscUp += h.N
	} else {
		r.EscDown += h.N
	}
}

// finish computes the row's percentiles.
func (r *Row) finish() {
	r.Work, r.Clock = stats(r.work), stats(r.clock)
	r.work, r.clock = nil, nil
}

// stats sorts ds and reads the nearest-rank median and p90.
func stats(ds []time.Duration) Stats {
	if len(ds) == 0 {
		return Stats{}
	}
	sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
	return Stats{N: len(ds), Median: rank(ds, 50), P90: rank(ds, 90)}
}

// rank is the nearest-rank p-th percentile of sorted ds: the ⌈p·n/100⌉-th
// smallest.
func rank(ds []time.Duration, p int) time.Duration {
	k := (p*len(ds) + 99) / 100
	return ds[max(k, 1)-1]
}
