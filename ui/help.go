package ui

import (
	"strings"

	tea "charm.land/bubbletea/v2"

	"sapa/inbox"
	"sapa/sanitize"
)

// helpGroup is one titled group of keys in the help screen.
type helpGroup struct {
	title   string // locale key
	entries []helpEntry
}

// helpEntry is one key line: the keys and what they do, both ready to draw.
type helpEntry struct{ keys, desc string }

// helpGroups are the groups for the current screen, read from the action
// table and the live key map: `?` shows exactly the keys that work where the
// admin is, then what the composer's keys do there, then the binds.
func (m Model) helpGroups() []helpGroup {
	here := m.here()
	if here == inCompose {
		here = inThread
	}
	var out []helpGroup
	for g, title := range groupTitles {
		var es []helpEntry
		for _, r := range m.c.actions.rows {
			if r.group == group(g) && r.where&here != 0 {
				es = m.addEntry(es, here, r)
			}
		}
		if here == inThread && group(g) == groupCompose {
			for _, r := range m.c.actions.rows {
				if r.where&inCompose != 0 && r.where&here == 0 {
					es = m.addEntry(es, inCompose, r)
				}
			}
			if keys := m.c.keys.HelpOn(inCompose, actBack); keys != "" {
				es = append(es, helpEntry{keys, m.c.loc.T("key.close_reply")})
			}
		}
		if len(es) > 0 {
			out = append(out, helpGroup{title, es})
		}
	}
	var binds []helpEntry
	for _, b := range m.c.keys.bindList() {
		binds = append(binds, helpEntry{b[0], b[1]})
	}
	if len(binds) > 0 {
		out = append(out, helpGroup{"help.binds", binds})
	}
	return out
}

// addEntry adds a row's keys on screen s, if any work there.
func (m Model) addEntry(es []helpEntry, s where, r actionRow) []helpEntry {
	keys := m.c.keys.HelpOn(s, r.id)
	if keys == "" || !m.c.actions.available(r.id) {
		return es
	}
	desc := r.helpKey()
	if r.id == actBack && s == inList {
		desc = "key.clear_search"
	}
	return append(es, helpEntry{keys, m.c.loc.T(desc)})
}

// helpLines renders the groups in two columns (one when narrow), then the
// `:` commands, their arguments and the legend of the list's marks.
func (m Model) helpLines() []string {
	if m.history != nil {
		return m.historyLines()
	}
	if m.report != nil {
		return m.reportLines()
	}
	loc, st, w := m.c.loc, m.c.st, m.width
	var out []string
	title := func(key string) string { return st.HelpTitle.Render(cell(" "+loc.T(key), w-1)) + " " }
	groups := m.helpGroups()
	var all []helpEntry
	for _, g := range groups {
		all = append(all, g.entries...)
	}
	cols, keyW := m.helpColumns(all)
	for _, g := range groups {
		out = append(out, title(g.title))
		out = append(out, m.entryLines(g.entries, cols, keyW)...)
	}
	out = append(out, title("help.commands"))
	var cmds []string
	for _, r := range m.c.actions.rows {
		if !r.command() {
			continue
		}
		s := ":" + r.name
		if r.arg != argNone {
			s += "\u00a0" + loc.T(argPlaceholders[r.arg]) // a no-break space keeps the argument with its command
		}
		cmds = append(cmds, s)
	}
	out = append(out, wrapWords(cmds, w-2, "  ")...)
	var views []string
	for _, v := range inbox.Views() {
		views = append(views, string(v))
	}
	out = append(out, wrapWords(append([]string{loc.T("arg.view") + ":"}, views...), w-2, "  ")...)
	plats := append(m.platformWords(), "all")
	out = append(out, wrapWords(append([]string{loc.T("arg.platform") + ":"}, plats...), w-2, "  ")...)
	out = append(out, title("help.legend"))
	return append(out, m.legendLines()...)
}

// helpColumns picks two columns of key lines, or one when two would cut a
// description (a phone over SSH, 40 or 60 columns wide), and a key column
// as wide as the longest keys, the same for every group.
func (m Model) helpColumns(es []helpEntry) (cols, keyW int) {
	keysW, descW := 0, 0
	for _, e := range es {
		keysW = max(keysW, sanitize.Width(sanitize.Line(e.keys)))
		descW = max(descW, sanitize.Width(sanitize.Line(e.desc)))
	}
	keyW = max(16, keysW+3)
	if 2*(keyW+1+descW) > m.width {
		return 1, min(keysW+3, m.width/2)
	}
	return 2, keyW
}

// entryLines lays key lines out in cols columns.
func (m Model) entryLines(es []helpEntry, cols, keyW int) []string {
	w := m.width
	colW := w / cols
	cells := make([]string, len(es))
	for i, e := range es {
		cells[i] = cell("  "+sanitize.Line(e.keys), keyW) + " " + cell(sanitize.Line(e.desc), colW-keyW-1)
	}
	if cols == 1 {
		for i := range cells {
			cells[i] = cell(cells[i], w)
		}
		return cells
	}
	var out []string
	half := (len(cells) + 1) / 2
	for i := 0; i < half; i++ {
		right := ""
		if i+half < len(cells) {
			right = cells[i+half]
		}
		out = append(out, cell(cells[i], colW)+cell(right, w-colW))
	}
	return out
}

// platformWords are the names `:platform` takes, one per platform badge.
func (m Model) platformWords() []string {
	var out []string
	for _, p := range m.c.st.platforms {
		out = append(out, strings.ToLower(p.Badge))
	}
	return out
}

// legendLines explain what list rows show: each platform's badge, the
// unread and priority marks, how the time of the last message reads, and
// the time units the screen and the snooze prompt use.
func (m Model) legendLines() []string {
	loc, w := m.c.loc, m.width
	var badges []string
	for _, p := range m.c.st.platforms {
		badges = append(badges, p.Badge+"\u00a0"+p.Title)
	}
	out := wrapWords(badges, w-2, "  ")
	marks := []string{
		"*\u00a0" + loc.T("legend.unread"),
		"!/!!\u00a0" + loc.T("legend.priority"),
		"+\u00a0" + loc.T("legend.marked"),
		"⊘\u00a0" + loc.T("legend.hidden"),
		"~\u00a0" + loc.T("legend.hiding"),
		"×\u00a0" + loc.T("legend.hide_failed"),
		"$\u00a0" + loc.T("legend.spam"),
		"✎\u00a0" + loc.T("legend.presence_writing"),
		"•\u00a0" + loc.T("legend.presence_reading"),
	}
	out = append(out, wrapWords(marks, w-2, "  ")...)
	out = append(out, wrapWords([]string{loc.T("legend.ages")}, w-2, "  ")...)
	out = append(out, wrapWords([]string{loc.T("legend.due")}, w-2, "  ")...)
	units := loc.F("legend.units", loc.T("unit.min"), loc.T("unit.hour"), loc.T("unit.day"))
	return append(out, wrapWords([]string{units}, w-2, "  ")...)
}

// helpView is the help screen from its scroll offset, cut or padded to h rows.
func (m Model) helpView(h int) string {
	lines := m.helpLines()
	top := min(m.helpTop, max(0, len(lines)-h))
	lines = lines[top:]
	if len(lines) > h {
		lines = lines[:h]
	}
	for len(lines) < h {
		lines = append(lines, strings.Repeat(" ", m.width))
	}
	return strings.Join(lines, "\n")
}

// helpKey scrolls help with the moving keys; any other key closes it.
func (m *Model) helpKey(msg tea.KeyPressMsg) {
	k, body := m.c.keys, max(1, m.height-2)
	last := max(0, len(m.helpLines())-body)
	m.helpTop = min(m.helpTop, last)
	switch {
	case k.Matches(msg, actDown):
		m.helpTop = min(last, m.helpTop+1)
	case k.Matches(msg, actUp):
		m.helpTop = max(0, m.helpTop-1)
	case k.Matches(msg, actPageDown):
		m.helpTop = min(last, m.helpTop+body)
	case k.Matches(msg, actPageUp):
		m.helpTop = max(0, m.helpTop-body)
	case k.Matches(msg, actTop):
		m.helpTop = 0
	case k.Matches(msg, actBottom):
		m.helpTop = last
	default:
		m.help, m.helpTop, m.history, m.report = false, 0, nil, nil
	}
}

// wrapWords lays words out in rows of at most width cells, each row
// indented and padded to width plus the indent.
func wrapWords(words []string, width int, indent string) []string {
	joined := strings.Join(words, "  ")
	var out []string
	for _, l := range sanitize.Wrap(joined, max(1, width)) {
		out = append(out, cell(indent+l, width+len(indent)))
	}
	return out
}
