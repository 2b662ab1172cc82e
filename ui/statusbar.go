package ui

import (
	"strings"
	"time"

	"charm.land/lipgloss/v2"

	"sapa/inbox"
	"sapa/sanitize"
)

// statusModel is the status bar: who is working, whether the relay runs,
// unhealthy accounts, replies waiting; and below it the message row that
// shows prompts, the latest result, or a hint. A result message stays until
// the next key, so nothing needs a timer to clear it.
type statusModel struct {
	c        *common
	loaded   bool // the first status load has arrived: until then the relay's state is unknown
	holder   string
	expires  time.Time
	accounts []inbox.AccountInfo
	counts   map[inbox.Delivery]int
	msg      string
	msgBad   bool
}

// set takes freshly loaded status data.
func (s *statusModel) set(m statusLoadedMsg) {
	if m.err != nil {
		s.say(m.err.Error(), true)
		return
	}
	s.holder, s.expires, s.accounts, s.counts = m.holder, m.expires, m.accounts, m.counts
	s.loaded = true
}

// say sets the transient message.
func (s *statusModel) say(msg string, bad bool) { s.msg, s.msgBad = msg, bad }

// relayOK reports a relay holding a live lease.
func (s statusModel) relayOK() bool { return s.holder != "" && s.expires.After(s.c.now()) }

// part is one styled piece of the status row.
type part struct {
	text  string
	style lipgloss.Style
}

// View draws the status row, exactly width cells.
func (s statusModel) View(width int) string {
	st, loc := s.c.st, s.c.loc
	parts := []part{{s.c.admin, st.Header}}
	// Nothing about the relay until the lease has been read once: a start-up
	// frame drawn before that would say "not running" and be redrawn a moment
	// later, bytes on the link for a state that was never true.
	switch {
	case !s.loaded:
	case s.relayOK():
		parts = append(parts, part{loc.T("status.relay_ok"), st.OK})
	default:
		parts = append(parts, part{loc.T("status.relay_down"), st.Error})
	}
	if n := s.counts[inbox.DeliveryQueued] + s.counts[inbox.DeliverySending]; n > 0 {
		parts = append(parts, part{loc.F("status.queued", n), lipgloss.NewStyle()})
	}
	if n := s.counts[inbox.DeliveryFailed]; n > 0 {
		parts = append(parts, part{loc.F("status.failed", n), st.Error})
	}
	if n := s.counts[inbox.DeliveryUnknown]; n > 0 {
		parts = append(parts, part{loc.F("status.unknown", n), st.Warn})
	}
	if bad := s.unhealthy(); len(bad) > 0 {
		a := bad[0]
		text := sanitize.Line(a.Name) + ": " + sanitize.Line(a.LastError)
		if a.LastError == "" {
			text = sanitize.Line(a.Name) + ": " + loc.T("status.account_bad")
		}
		if len(bad) > 1 {
			text = loc.F("status.accounts_bad", len(bad)) + ", " + text
		}
		parts = append(parts, part{text, st.Warn})
	}
	return fitParts(parts, " │ ", width)
}

// unhealthy lists the accounts whose last sync failed.
func (s statusModel) unhealthy() []inbox.AccountInfo {
	var out []inbox.AccountInfo
	for _, a := range s.accounts {
		if !a.Healthy {
			out = append(out, a)
		}
	}
	return out
}

// MessageView draws the bottom row when no prompt is open: the transient
// message, or a hint for the screen built from the key map.
func (s statusModel) MessageView(width int, inThread, inHelp bool) string {
	if inHelp {
		return s.c.st.Dim.Render(line(" "+s.c.loc.T("help.close"), width))
	}
	if s.msg != "" {
		l := line(" "+s.msg, width)
		if s.msgBad {
			return s.c.st.Error.Render(l)
		}
		return l
	}
	loc, k := s.c.loc, s.c.keys
	first, second := "open", "reply"
	if inThread {
		first, second = "reply", "back"
	}
	hint := joinNonEmpty(" · ",
		keyHint(k.Help(first, false), loc.T("key."+first)),
		keyHint(k.Help(second, false), loc.T("key."+second)),
		keyHint(k.Help("help", false), loc.T("key.help")),
		keyHint(k.Help("command", false), loc.T("key.command")),
		keyHint(k.Help("search", false), loc.T("key.search")))
	return s.c.st.Dim.Render(line(" "+hint, width))
}

// fitParts draws " " and the styled parts joined by sep, cutting the last
// ones to fit, padded to exactly width cells.
func fitParts(parts []part, sep string, width int) string {
	if width <= 0 {
		return ""
	}
	var b strings.Builder
	b.WriteByte(' ')
	used, sw := 1, sanitize.Width(sep)
	for i, p := range parts {
		lead := 0
		if i > 0 {
			lead = sw
		}
		room := width - used - lead
		if room <= 0 {
			break
		}
		text := sanitize.Truncate(p.text, room)
		if text == "" {
			break
		}
		if i > 0 {
			b.WriteString(sep)
		}
		b.WriteString(p.style.Render(text))
		used += lead + sanitize.Width(text)
	}
	if used < width {
		b.WriteString(strings.Repeat(" ", width-used))
	}
	return b.String()
}
