package ui

import (
	"strings"

	"sapa/inbox"
	"sapa/sanitize"
)

// deskHead is what the thread says above the messages about the
// conversation's place: read only when the admin's unit handed it on, where
// the relay routed it (and which key corrects it), what it only suggests,
// and the agency a keyword named.
func (t threadModel) deskHead(w int) []string {
	st, loc, tr := t.c.st, t.c.loc, t.trail
	var out []string
	add := func(s string, warn bool) {
		for _, l := range sanitize.Wrap(s, w) {
			if warn {
				out = append(out, st.Warn.Render("  "+l))
			} else {
				out = append(out, st.Note.Render("  "+l))
			}
		}
	}
	if tr.Following && len(tr.Handoffs) > 0 {
		add(loc.F("thread.following", tr.Handoffs[len(tr.Handoffs)-1].To.Short()), true)
	}
	if r := tr.Route; r != nil {
		// Keys are offered only where they would work: not on a
		// conversation the admin only follows, nor once it has moved on.
		unitKey, delegateKey := "", ""
		if !tr.Following {
			unitKey, delegateKey = t.c.keys.HelpOn(inThread, actUnit), t.c.keys.HelpOn(inThread, actDelegate)
		}
		if r.Applied && t.conv.Unit != r.Unit.Code {
			unitKey = ""
		}
		switch {
		case r.Unit.Code != "" && r.Applied:
			add(withKey(loc.F("thread.routed", r.Unit.Short(), quoted(r.Matched)), unitKey, loc.T("thread.correct")), false)
		case r.Unit.Code != "":
			add(withKey(loc.F("thread.suggest", r.Unit.Short(), quoted(r.Matched)), unitKey, loc.T("thread.apply")), false)
		case r.Matched != "":
			add(loc.F("thread.unsettled", quoted(r.Matched)), false)
		}
		if r.Agency.Name != "" && !(r.Applied && r.Unit.Code == r.Agency.Code) {
			s := loc.F("thread.agency", r.Agency.Short(), quoted(r.Keyword))
			if r.Agency.Code != "" && t.conv.Unit != r.Agency.Code {
				s = withKey(s, delegateKey, loc.T("thread.delegate"))
			}
			add(s, false)
		}
	}
	if len(out) > 0 {
		out = append(out, st.Dim.Render(strings.Repeat("─", min(t.width, 40))))
	}
	return out
}

// withKey adds "(U: correct)" when a key runs the action.
func withKey(s, key, what string) string {
	if key == "" {
		return s
	}
	return s + " (" + key + ": " + what + ")"
}

// quoted puts the citizen's words in typographic quotes.
func quoted(s string) string {
	if s == "" {
		return ""
	}
	return "“" + s + "”"
}

// handoffLines draw one handoff: who sent it where, when, and the note.
func (t threadModel) handoffLines(h inbox.Handoff, w int) []string {
	st, loc := t.c.st, t.c.loc
	way := loc.T("thread.way.down")
	switch h.Way {
	case inbox.Up:
		way = "⇡ " + loc.T("thread.way.up")
	case inbox.Across:
		way = "⇢ " + loc.T("thread.way.across")
	default:
		way = "⇣ " + way
	}
	head := way + " " + h.From.Short() + " → " + h.To.Short() +
		" · " + sanitize.Truncate(h.Admin, 24) + " · " + t.c.stamp(h.At)
	out := []string{st.Note.Render(sanitize.Truncate(head, t.width))}
	for _, l := range sanitize.Wrap(h.Note, w) {
		out = append(out, st.Note.Render("  "+l))
	}
	return append(out, "")
}

// noteLines draw an internal note, marked as never sent.
func (t threadModel) noteLines(n inbox.Note, w int) []string {
	st, loc := t.c.st, t.c.loc
	head := "✎ " + loc.T("thread.note") + " · " + sanitize.Truncate(n.Admin, 24) + " · " + t.c.stamp(n.At)
	out := []string{st.Note.Render(sanitize.Truncate(head, t.width))}
	for _, l := range sanitize.Wrap(n.Text, w) {
		out = append(out, st.Note.Render("  │ "+l))
	}
	return append(out, "")
}
