package ui

import (
	"context"
	"strings"

	tea "charm.land/bubbletea/v2"

	"sapa/inbox"
	"sapa/sanitize"
)

// historyLimit is how many of a conversation's newest audit entries
// :history shows; older ones are in `sapa audit`.
const historyLimit = 500

// historyMsg brings a conversation's audit entries for :history.
type historyMsg struct {
	conv    inbox.Conversation
	entries []inbox.AuditEntry
	err     error
}

func historyCmd(ctx context.Context, st Store, c inbox.Conversation) tea.Cmd {
	return func() tea.Msg {
		e, err := st.Audit(ctx, c.ID, historyLimit)
		return historyMsg{conv: c, entries: e, err: err}
	}
}

// historyAction shows who did what to the current conversation.
func (m *Model) historyAction(_ []string) tea.Cmd {
	c, ok := m.current()
	if !ok {
		m.fail(m.c.loc.T("err.no_conv"))
		return nil
	}
	return historyCmd(m.deps.Ctx, m.deps.Store, c)
}

// historyLoaded opens the history sheet over the screen; it scrolls and
// closes like help.
func (m *Model) historyLoaded(msg historyMsg) {
	if msg.err != nil {
		m.fail(m.describeErr(msg.err))
		return
	}
	m.history, m.report = &historySheet{conv: msg.conv, entries: msg.entries}, nil
	m.help, m.helpTop = true, 0
}

// historySheet is the audit trail :history shows.
type historySheet struct {
	conv    inbox.Conversation
	entries []inbox.AuditEntry
}

// historyLines draws the sheet: a title, then one line an entry, newest
// last as in a thread: "7 Des 14:03  ani  status  done".
func (m Model) historyLines() []string {
	h, loc, w := m.history, m.c.loc, m.width
	out := []string{m.c.st.HelpTitle.Render(cell(" "+loc.F("history.title", who(h.conv)), w-1)) + " "}
	if len(h.entries) == 0 {
		return append(out, cell(" "+loc.T("history.empty"), w))
	}
	adminW := 0
	for _, e := range h.entries {
		adminW = max(adminW, sanitize.Width(sanitize.Line(e.Admin)))
	}
	adminW = min(adminW, 16)
	stampW := 0
	for _, e := range h.entries {
		stampW = max(stampW, sanitize.Width(m.c.stamp(e.At)))
	}
	for _, e := range h.entries {
		action := loc.T("audit." + e.Action)
		if strings.HasPrefix(action, "audit.") { // an action this build has no words for
			action = e.Action
		}
		head := " " + cellRight(m.c.stamp(e.At), stampW) + "  " + cell(sanitize.Line(e.Admin), adminW) + "  " + action + "  "
		detail := sanitize.Line(m.historyDetail(e))
		if hw := sanitize.Width(head); hw < w {
			// Only the detail is cut to fit: cutting the whole line would
			// fold its column spacing and shift this row against the others.
			out = append(out, head+cell(detail, w-hw))
			continue
		}
		out = append(out, cell(head+detail, w))
	}
	return out
}
