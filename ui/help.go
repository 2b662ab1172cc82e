package ui

import (
	"strings"

	"sapa/inbox"
	"sapa/sanitize"
)

// helpGroup is one titled group of actions in the help screen.
type helpGroup struct {
	title   string // locale key
	entries []helpEntry
}

// helpEntry is one action in help.
type helpEntry struct {
	action string
	desc   string // locale key; default "key.<action>"
	inText bool   // the key works in the composer: character keys do not apply
}

func entries(actions ...string) []helpEntry {
	out := make([]helpEntry, len(actions))
	for i, a := range actions {
		out[i] = helpEntry{action: a}
	}
	return out
}

// helpGroups are the groups for the current screen: `?` shows the keys that
// work where the admin is, read from the live key map.
func (m Model) helpGroups() []helpGroup {
	global := helpGroup{"help.global", entries("help", "command", "search", "refresh", "quit")}
	triage := helpGroup{"help.triage", entries(triageActions()...)}
	if m.screen == screenThread {
		thread := entries("up", "down", "page_up", "page_down", "top", "bottom", "reply", "back")
		thread = append(thread, helpEntry{"send", "", true}, helpEntry{"editor", "", true},
			helpEntry{"back", "key.close_reply", true})
		return []helpGroup{{"help.thread", thread}, triage, global}
	}
	list := entries("up", "down", "page_up", "page_down", "top", "bottom", "open", "reply",
		"next_view", "prev_view", "platform_filter")
	list = append(list, helpEntry{"back", "key.clear_search", false})
	return []helpGroup{{"help.list", list}, triage, global}
}

// helpLines renders the groups in two columns, then the `:` commands.
func (m Model) helpLines() []string {
	loc, st, w := m.c.loc, m.c.st, m.width
	col := w / 2
	var out []string
	for _, g := range m.helpGroups() {
		out = append(out, st.HelpTitle.Render(cell(" "+loc.T(g.title), w-1))+" ")
		var entries []string
		for _, e := range g.entries {
			desc := e.desc
			if desc == "" {
				desc = "key." + e.action
			}
			keys := sanitize.Line(m.c.keys.Help(e.action, e.inText))
			if keys == "" {
				continue
			}
			entries = append(entries, cell("  "+keys, 16)+" "+cell(loc.T(desc), col-17))
		}
		half := (len(entries) + 1) / 2
		for i := 0; i < half; i++ {
			right := ""
			if i+half < len(entries) {
				right = entries[i+half]
			}
			out = append(out, cell(entries[i], col)+cell(right, w-col))
		}
	}
	out = append(out, st.HelpTitle.Render(cell(" "+loc.T("help.commands"), w-1))+" ")
	var cmds []string
	for _, c := range commands() {
		s := ":" + c.name
		if c.args != "" {
			s += "\u00a0" + loc.T(c.args) // a no-break space keeps the argument with its command
		}
		cmds = append(cmds, s)
	}
	out = append(out, wrapWords(cmds, w-2, "  ")...)
	var views []string
	for _, v := range inbox.Views() {
		views = append(views, string(v))
	}
	out = append(out, wrapWords(append([]string{loc.T("arg.view") + ":"}, views...), w-2, "  ")...)
	var plats []string
	for _, p := range inbox.Platforms() {
		plats = append(plats, strings.ToLower(badge(p)))
	}
	out = append(out, wrapWords(append([]string{loc.T("arg.platform") + ":"}, append(plats, "all")...), w-2, "  ")...)
	return out
}

// helpView is the help screen cut or padded to h rows.
func (m Model) helpView(h int) string {
	lines := m.helpLines()
	if len(lines) > h {
		lines = lines[:h]
	}
	for len(lines) < h {
		lines = append(lines, strings.Repeat(" ", m.width))
	}
	return strings.Join(lines, "\n")
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
