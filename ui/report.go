package ui

import (
	"context"
	"fmt"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"sapa/inbox"
	"sapa/report"
	"sapa/workhours"
)

// reportPeriod is the span :report covers: [from, to), days of the office's
// calendar; kind is "week", "month" or "" for days typed.
type reportPeriod struct {
	from, to time.Time
	kind     string
}

// thisPeriod is the week (Monday to Sunday) or month around now.
func thisPeriod(kind string, now time.Time) reportPeriod {
	y, mo, d := now.Date()
	if kind == "week" {
		back := (int(now.Weekday()) + 6) % 7 // days since Monday
		from := time.Date(y, mo, d-back, 0, 0, 0, 0, now.Location())
		return reportPeriod{from, from.AddDate(0, 0, 7), kind}
	}
	from := time.Date(y, mo, 1, 0, 0, 0, 0, now.Location())
	return reportPeriod{from, from.AddDate(0, 1, 0), "month"}
}

// step moves a period back (-1) or on (+1) by its own length.
func (p reportPeriod) step(dir int) reportPeriod {
	switch p.kind {
	case "week":
		return reportPeriod{p.from.AddDate(0, 0, 7*dir), p.to.AddDate(0, 0, 7*dir), p.kind}
	case "month":
		return reportPeriod{p.from.AddDate(0, dir, 0), p.to.AddDate(0, dir, 0), p.kind}
	}
	d := p.to.Sub(p.from)
	return reportPeriod{p.from.Add(time.Duration(dir) * d), p.to.Add(time.Duration(dir) * d), ""}
}

// parsePeriod reads :report's argument: nothing or "bulan"/"month" (this
// month), "minggu"/"week" (this week), or two days YYYY-MM-DD, both
// included (one day: from it to today).
func parsePeriod(args []string, now time.Time) (reportPeriod, bool) {
	switch {
	case len(args) == 0:
		return thisPeriod("month", now), true
	case len(args) == 1 && (args[0] == "bulan" || args[0] == "month"):
		return thisPeriod("month", now), true
	case len(args) == 1 && (args[0] == "minggu" || args[0] == "week"):
		return thisPeriod("week", now), true
	case len(args) > 2:
		return reportPeriod{}, false
	}
	from, err := time.ParseInLocation("2006-01-02", args[0], now.Location())
	if err != nil {
		return reportPeriod{}, false
	}
	y, mo, d := now.Date()
	to := time.Date(y, mo, d+1, 0, 0, 0, 0, now.Location())
	if len(args) == 2 {
		last, err := time.ParseInLocation("2006-01-02", args[1], now.Location())
		if err != nil {
			return reportPeriod{}, false
		}
		to = last.AddDate(0, 0, 1)
	}
	return reportPeriod{from, to, ""}, from.Before(to)
}

// reportMsg brings a period's report, every breakdown of it.
type reportMsg struct {
	period reportPeriod
	reps   map[report.By]report.Report
	units  int // how many units the scope holds
	err    error
}

// reportCmd reads the scope's facts for the period and computes every
// breakdown, off the update loop.
func reportCmd(ctx context.Context, st Store, rules report.Rules, p reportPeriod) tea.Cmd {
	return func() tea.Msg {
		f, err := st.ReportFacts(ctx, inbox.ReportQuery{From: p.from, To: p.to, Responders: true})
		if err != nil {
			return reportMsg{period: p, err: err}
		}
		reps := map[report.By]report.Report{}
		for _, b := range report.Breakdowns {
			reps[b] = report.Build(f, b, p.from, p.to, rules)
		}
		return reportMsg{period: p, reps: reps, units: len(f.Units)}
	}
}

// calendar is the office's calendar: Deps' or, when main gave none,
// Monday to Friday 08:00–16:00 WIB with Indonesia's holidays.
func (m Model) calendar() *workhours.Calendar {
	if m.deps.Calendar != nil {
		return m.deps.Calendar
	}
	loc := workhours.WIB()
	c, _ := workhours.New(loc, []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday},
		workhours.Hours{Start: 8 * time.Hour, End: 16 * time.Hour}, workhours.IndonesianHolidays(loc))
	return c
}

// loadReport asks for the report of period p.
func (m *Model) loadReport(p reportPeriod) tea.Cmd {
	targets := m.deps.Targets
	if targets == nil {
		targets = workhours.DefaultTargets
	}
	rules := report.Rules{Calendar: m.calendar(), Targets: targets, Now: m.c.now()}
	return reportCmd(m.deps.Ctx, m.deps.Store, rules, p)
}

// reportAction opens the report of the admin's own scope: this month, this
// week, or the days given.
func (m *Model) reportAction(args []string) tea.Cmd {
	now := m.c.now().In(m.calendar().Location())
	if args == nil && m.report != nil {
		return m.loadReport(m.report.period)
	}
	p, ok := parsePeriod(args, now)
	if !ok {
		m.fail(m.c.loc.F("report.bad_period", strings.Join(args, " ")))
		return nil
	}
	return m.loadReport(p)
}

// reportLoaded shows the report over the screen; it scrolls like help and
// esc closes it.
func (m *Model) reportLoaded(msg reportMsg) {
	if msg.err != nil {
		m.fail(m.describeErr(msg.err))
		return
	}
	by := report.ByUnit
	if m.report != nil {
		by = m.report.by
	}
	if msg.units <= 1 && by == report.ByUnit { // a desa has no units under it
		by = report.ByPlatform
	}
	m.report = &reportSheet{period: msg.period, reps: msg.reps, by: by}
	m.history = nil
	m.help, m.helpTop = true, 0
}

// reportSheet is the report :report shows.
type reportSheet struct {
	period reportPeriod
	reps   map[report.By]report.Report
	by     report.By
}

// reportKey handles the sheet's own keys: w this week, m this month, [ and
// ] the period before and after, tab the next breakdown. false: not one of
// them (moving keys scroll; others close).
func (m *Model) reportKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	now := m.c.now().In(m.calendar().Location())
	switch msg.String() {
	case "w":
		return m.loadReport(thisPeriod("week", now)), true
	case "m":
		return m.loadReport(thisPeriod("month", now)), true
	case "[":
		return m.loadReport(m.report.period.step(-1)), true
	case "]":
		return m.loadReport(m.report.period.step(1)), true
	case "tab", "shift+tab":
		step := 1
		if msg.String() == "shift+tab" {
			step = len(report.Breakdowns) - 1
		}
		m.report.by = nextBreakdown(m.report.by, step)
		m.helpTop = 0
		return nil, true
	}
	return nil, false
}

// nextBreakdown is the breakdown step places after by (tab: 1).
func nextBreakdown(by report.By, step int) report.By {
	for i, b := range report.Breakdowns {
		if b == by {
			return report.Breakdowns[(i+step)%len(report.Breakdowns)]
		}
	}
	return by
}

// decimal writes x with one decimal in the screen's language (2,5 / 2.5).
func (m Model) decimal(x float64) string {
	return strings.Replace(fmt.Sprintf("%.1f", x), ".", m.c.loc.T("number.decimal"), 1)
}

// percent writes a share as "83%", or "–" when there is none.
func (m Model) percent(v float64, ok bool) string {
	if !ok {
		return "–"
	}
	return fmt.Sprintf("%.0f%%", v)
}

// hoursPair is "2,0 j kerja (18,0 j)": working hours, clock hours beside.
func (m Model) hoursPair(work, clock time.Duration) string {
	return m.c.loc.F("report.hours", m.decimal(work.Hours()), m.decimal(clock.Hours()))
}
