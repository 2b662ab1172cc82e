package ui

import (
	"math"
	"strings"
	"time"

	"sapa/inbox"
	"sapa/report"
	"sapa/sanitize"
)

// reportByKeys are the locale keys naming each breakdown.
var reportByKeys = map[report.By]string{report.ByUnit: "report.by.unit", report.ByAdmin: "report.by.admin",
	report.ByPlatform: "report.by.platform", report.ByLabel: "report.by.label"}

// reportStatW is the width of one figure column beside the bars.
const reportStatW = 8

// reportLines draws the report: a title with the scope and period, the
// sheet's keys, the totals in three lines, then one bar a row: its length
// the conversations in, its solid part those answered, and beside it in,
// answered %, breaches and backlog.
func (m Model) reportLines() []string {
	s, loc, st, w := m.report, m.c.loc, m.c.st, m.width
	rep := s.reps[s.by]
	period := rep.From.Format("2006-01-02") + " – " + rep.To.Add(-time.Nanosecond).Format("2006-01-02")
	out := []string{
		st.HelpTitle.Render(cell(" "+loc.F("report.title", m.reportScope(), period), w-1)) + " ",
		st.Dim.Render(cell(" "+loc.F("report.keys", loc.T(reportByKeys[nextBreakdown(s.by, 1)])), w)),
		cell("", w),
	}
	t := rep.Total
	answered, okA := t.AnsweredPct()
	out = append(out, cell(" "+loc.F("report.in", loc.number(t.In), loc.number(t.Answered), m.percent(answered, okA),
		loc.number(t.Closed)), w))
	first := loc.T("report.first_none")
	if t.Work.N > 0 {
		first = loc.F("report.first", m.hoursPair(t.Work.Median, t.Clock.Median), m.hoursPair(t.Work.P90, t.Clock.P90))
	}
	out = append(out, cell(" "+first, w))
	met, okM := t.MetPct()
	out = append(out, cell(" "+loc.F("report.targets", m.percent(met, okM), loc.number(t.Breaches), loc.number(t.EscUp),
		loc.number(t.EscDown), loc.number(t.Backlog)), w), cell("", w))
	rows := rep.Rows
	if s.by == report.ByUnit && len(rows) > 0 && rows[0].Depth == 0 {
		rows = rows[1:] // the root is the total above
	}
	if t.In == 0 && t.Backlog == 0 && t.EscUp+t.EscDown == 0 {
		return append(out, cell(" "+loc.T("report.empty"), w))
	}
	return append(out, m.reportBars(rows)...)
}

// reportScope names the report's root: the admin's unit, or "all".
func (m Model) reportScope() string {
	if u := m.report.reps[report.ByUnit].Rows; len(u) > 0 && u[0].Depth == 0 && u[0].Name != "" {
		return sanitize.Line(u[0].Name)
	}
	return m.c.loc.T("report.all")
}

// reportBars draws the header and one bar row per breakdown row.
func (m Model) reportBars(rows []report.Row) []string {
	loc, st, w := m.c.loc, m.c.st, m.width
	nameW := min(22, max(8, w/4))
	statsW := 4 * reportStatW
	barW := max(4, w-nameW-statsW-3)
	head := cell(" "+loc.T(reportByKeys[m.report.by]), nameW+1) + " " +
		cell(loc.T("report.legend"), barW) + " "
	for _, k := range []string{"report.col.in", "report.col.answered", "report.col.breaches", "report.col.backlog"} {
		head += cellRight(loc.T(k), reportStatW)
	}
	out := []string{st.Header.Render(cell(head, w))}
	most := 1
	for _, r := range rows {
		most = max(most, r.In)
	}
	for _, r := range rows {
		name := m.reportRowName(r)
		solid, total := 0, 0
		if r.In > 0 {
			total = max(1, int(math.Round(float64(r.In)/float64(most)*float64(barW))))
			solid = int(math.Round(float64(r.Answered) / float64(r.In) * float64(total)))
		}
		bar := st.OK.Render(strings.Repeat("█", solid)) + st.Dim.Render(strings.Repeat("░", total-solid)) +
			strings.Repeat(" ", barW-total)
		pctA, okA := r.AnsweredPct()
		stats := cellRight(loc.number(r.In), reportStatW) + cellRight(m.percent(pctA, okA), reportStatW) +
			cellRight(loc.number(r.Breaches), reportStatW) + cellRight(loc.number(r.Backlog), reportStatW)
		out = append(out, cell(" "+name, nameW+1)+" "+bar+" "+stats+strings.Repeat(" ", max(0, w-(nameW+1+1+barW+1+statsW))))
	}
	return out
}

// reportRowName is how a row is named on screen: units indented under
// their parent, and the rows of nobody's or no label in words.
func (m Model) reportRowName(r report.Row) string {
	loc := m.c.loc
	switch {
	case m.report.by == report.ByUnit && r.Name != "":
		return strings.Repeat(" ", max(0, r.Depth-1)) + sanitize.Line(r.Name)
	case m.report.by == report.ByPlatform && r.Key != "":
		return sanitize.Line(m.c.st.platforms.title(inbox.Platform(r.Key)))
	case r.Key != "":
		return sanitize.Line(r.Key)
	case m.report.by == report.ByAdmin:
		return loc.T("report.no_admin")
	case m.report.by == report.ByLabel:
		return loc.T("report.no_label")
	}
	return loc.T("report.no_unit")
}
