package ui

import (
	"context"
	"slices"
	"strings"

	tea "charm.land/bubbletea/v2"

	"sapa/inbox"
	"sapa/sanitize"
)

// Marking several conversations and acting on all of them, as mutt's
// tag-prefix: space marks or unmarks, `;` then an action key applies the
// action to every marked conversation in one store transaction.

// marks are the marked conversations as they were when marked: an
// assignment in bulk is guarded by the assignee seen then.
type marks map[int64]inbox.Conversation

// bulkDoneMsg is the outcome of a bulk action.
type bulkDoneMsg struct {
	done string
	err  error
}

// applyManyCmd applies the changes in one transaction.
func applyManyCmd(ctx context.Context, st Store, admin string, changes []inbox.IDChange, done string) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := call(ctx)
		defer cancel()
		return bulkDoneMsg{done: done, err: st.ApplyMany(ctx, admin, changes)}
	}
}

// marked lists the marked conversations' ids, in a stable order.
func (m *Model) marked() []int64 {
	ids := make([]int64, 0, len(m.list.marks))
	for id := range m.list.marks {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}

// toggleMark marks or unmarks the current conversation; in the list the
// selection then moves down, so space space space marks a run of rows.
func (m *Model) toggleMark() tea.Cmd {
	c, ok := m.current()
	if !ok {
		m.fail(m.c.loc.T("err.no_conv"))
		return nil
	}
	if m.list.marks == nil {
		m.list.marks = marks{}
	}
	if _, on := m.list.marks[c.ID]; on {
		delete(m.list.marks, c.ID)
	} else {
		m.list.marks[c.ID] = c
	}
	m.status.marked = len(m.list.marks)
	if m.screen == screenList {
		var intent tea.Msg
		m.list.touched = true
		m.list, intent = m.list.down()
		return m.intentCmd(intent)
	}
	return nil
}

// unmarkAll forgets every mark.
func (m *Model) unmarkAll() tea.Cmd {
	m.list.marks = nil
	m.status.marked = 0
	return nil
}

// startTagPrefix waits for the action to apply to every marked conversation.
func (m *Model) startTagPrefix() tea.Cmd {
	if len(m.list.marks) == 0 {
		m.fail(m.c.loc.T("err.none_marked"))
		return nil
	}
	m.tagPrefix = true
	m.tell(m.c.loc.F("status.tag_prefix", len(m.list.marks)))
	return nil
}

// runPrefixed runs the action of the key typed after `;` on the marked
// conversations, if it is one that can.
func (m *Model) runPrefixed(r actionRow, found bool) tea.Cmd {
	m.tagPrefix = false
	if !found || !r.bulk {
		m.fail(m.c.loc.T("err.not_bulk"))
		return nil
	}
	return m.runBulk(func() tea.Cmd { return m.runKey(r) })
}

// markedAction is `:marked ACTION [ARGS]`: the action on every marked
// conversation.
func (m *Model) markedAction(args []string) tea.Cmd {
	if len(args) == 0 {
		return m.startTagPrefix()
	}
	r, ok := m.c.actions.named(strings.ToLower(args[0]))
	if !ok || !r.bulk {
		m.fail(m.c.loc.F("err.not_bulk_named", sanitize.Line(args[0])))
		return nil
	}
	if m.refused(r) {
		return nil
	}
	if len(m.list.marks) == 0 {
		m.fail(m.c.loc.T("err.none_marked"))
		return nil
	}
	return m.runBulk(func() tea.Cmd { return r.run(m, args[1:]) })
}

// runBulk runs an action with bulk set; an action that asks for its
// argument first (assign, label) keeps it until the prompt is answered.
func (m *Model) runBulk(run func() tea.Cmd) tea.Cmd {
	m.bulk = true
	cmd := run()
	if !m.prompt.active() {
		m.bulk = false
	}
	return cmd
}

// changeMarked applies one change to every marked conversation; assignments
// are guarded by the assignee each row showed when it was marked.
func (m *Model) changeMarked(ch inbox.Change, done string) tea.Cmd {
	ids := m.marked()
	changes := make([]inbox.IDChange, len(ids))
	for i, id := range ids {
		c := ch
		if ch.Assign != nil && m.list.marks[id].Version != 0 { // a row seen, not one the spam view marked
			c.ExpectAssignee = m.list.marks[id].Assignee
			if c.ExpectAssignee == "" {
				c.ExpectAssignee = "-"
			}
		}
		changes[i] = inbox.IDChange{ID: id, Change: c}
	}
	return applyManyCmd(m.deps.Ctx, m.deps.Store, m.c.admin, changes, m.c.loc.F("done.bulk", done, len(ids)))
}

// bulkDone reports a bulk action; on success the marks are spent.
func (m *Model) bulkDone(msg bulkDoneMsg) tea.Cmd {
	if msg.err != nil {
		m.fail(m.describeErr(msg.err))
		return nil
	}
	m.unmarkAll()
	m.tell(msg.done)
	return m.reloadAll()
}

// markGlyph is the first cell of a list row: the mark, and in the plain
// look the selection.
func markGlyph(marked, selected, plain bool) string {
	switch {
	case marked && selected && plain:
		return "»"
	case marked:
		return "+"
	case selected && plain:
		return ">"
	}
	return " "
}

// flag is the cell between the unread mark and the badge: how hiding the
// conversation's comments stands, else whether it looks like spam (asked:
// the suggestion is to be asked about snippet), else blank. A blank costs
// nothing on the wire, so rows without a flag draw as before.
func (l listModel) flag(hiding inbox.HideState, asked bool, snippet string) string {
	switch hiding {
	case inbox.HideFailed:
		return l.c.st.Error.Render("×")
	case inbox.HideHiding, inbox.HideUnhiding:
		return "~"
	case inbox.HideHidden:
		return l.c.st.Dim.Render("⊘")
	}
	if asked && l.c.suggestSpam(snippet) {
		return l.c.st.Warn.Render("$")
	}
	return " "
}
