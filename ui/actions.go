package ui

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"

	"sapa/inbox"
	"sapa/sanitize"
)

// runCommand parses and runs a `:` line.
func (m *Model) runCommand(line string) tea.Cmd {
	fields := strings.Fields(line)
	if len(fields) == 0 {
		return nil
	}
	name := strings.ToLower(strings.TrimPrefix(fields[0], ":"))
	if r, ok := m.c.actions.named(name); ok && r.command() {
		if m.refused(r) {
			return nil
		}
		return r.run(m, fields[1:])
	}
	m.fail(m.c.loc.F("cmd.unknown", sanitize.Line(name)))
	return nil
}

// runKey runs what a key does: its action's key behaviour, else its command.
func (m *Model) runKey(r actionRow) tea.Cmd {
	if m.refused(r) {
		return nil
	}
	if r.onKey != nil {
		return r.onKey(m)
	}
	return r.run(m, nil)
}

// refused tells a read-only admin (a viewer) at once that an action would
// change something, before it opens a prompt or the composer whose answer
// the store would refuse anyway.
func (m *Model) refused(r actionRow) bool {
	ro, ok := m.deps.Store.(interface{ ReadOnly() bool })
	if !r.writes || !ok || !ro.ReadOnly() {
		return false
	}
	m.fail(m.c.loc.T("err.read_only"))
	return true
}

// current is the conversation an action applies to: the open one, or the
// selected row of the list.
func (m *Model) current() (inbox.Conversation, bool) {
	if m.screen == screenThread {
		return m.thread.conv, m.thread.conv.ID != 0
	}
	return m.list.selected()
}

func (m *Model) fail(s string) { m.status.say(s, true) }
func (m *Model) tell(s string) { m.status.say(s, false) }

// change applies a triage change to the current conversation.
func (m *Model) change(ch inbox.Change, done string) tea.Cmd {
	if m.bulk {
		return m.changeMarked(ch, done)
	}
	c, ok := m.current()
	if !ok {
		m.fail(m.c.loc.T("err.no_conv"))
		return nil
	}
	return applyCmd(m.deps.Ctx, m.deps.Store, c.ID, m.c.admin, ch, done+": "+who(c))
}

// who names a conversation in status messages.
func who(c inbox.Conversation) string {
	if c.Contact.Name != "" {
		return sanitize.Line(c.Contact.Name)
	}
	return sanitize.Line(c.Contact.Handle)
}

func statusAction(s inbox.Status) func(m *Model, _ []string) tea.Cmd {
	return func(m *Model, _ []string) tea.Cmd {
		return m.change(inbox.Change{Status: s}, m.c.loc.status(s))
	}
}

// assign gives the conversation to name ("" unassigns), guarded by the
// assignee this session saw, so two admins never silently overwrite each
// other.
func (m *Model) assign(name string) tea.Cmd {
	if m.bulk {
		done := m.c.loc.F("done.assigned", name)
		if name == "" {
			done = m.c.loc.T("done.unassigned")
		}
		return m.changeMarked(inbox.Change{Assign: &name}, done)
	}
	c, ok := m.current()
	if !ok {
		m.fail(m.c.loc.T("err.no_conv"))
		return nil
	}
	seen := c.Assignee
	if seen == "" {
		seen = "-"
	}
	done := m.c.loc.F("done.assigned", name)
	if name == "" {
		done = m.c.loc.T("done.unassigned")
	}
	if w := m.c.writer(c.ID); w != "" && name == m.c.admin && c.Assignee != m.c.admin {
		// Someone is writing a reply in it right now: taking it is asked.
		q := pendingAsk{what: askTakeover, convID: c.ID, assignee: name, holder: seen, done: done + ": " + who(c)}
		return m.askYesNo(q, m.c.loc.F("confirm.takeover_writing", sanitize.Line(w)))
	}
	if c.Assignee != "" && c.Assignee != name && c.Assignee != m.c.admin {
		// Someone else holds it: taking over (or handing it on) is asked, never silent.
		q := pendingAsk{what: askTakeover, convID: c.ID, assignee: name, holder: c.Assignee, done: done + ": " + who(c)}
		holder := sanitize.Line(c.Assignee)
		switch name {
		case m.c.admin:
			return m.askYesNo(q, m.c.loc.F("confirm.takeover", holder))
		case "":
			return m.askYesNo(q, m.c.loc.F("confirm.release", holder))
		}
		return m.askYesNo(q, m.c.loc.F("confirm.handover", holder, sanitize.Line(name)))
	}
	return m.change(inbox.Change{Assign: &name, ExpectAssignee: seen}, done)
}

func (m *Model) assignAction(args []string) tea.Cmd {
	if len(args) == 0 {
		return m.ask(promptAssign, m.c.loc.T("prompt.assign"))
	}
	name := strings.Join(args, " ")
	if name == "-" {
		name = ""
	}
	return m.assign(name)
}

func (m *Model) labelAction(args []string) tea.Cmd {
	if len(args) == 0 {
		return m.ask(promptLabel, m.c.loc.T("prompt.label"))
	}
	l := strings.Join(args, " ")
	if strings.HasPrefix(l, "-") {
		return m.unlabelAction([]string{strings.TrimPrefix(l, "-")})
	}
	return m.change(inbox.Change{AddLabel: l}, m.c.loc.F("done.label", l))
}

func (m *Model) unlabelAction(args []string) tea.Cmd {
	if len(args) == 0 {
		m.fail(m.c.loc.T("err.unlabel_usage"))
		return nil
	}
	l := strings.Join(args, " ")
	cmd := m.change(inbox.Change{RemoveLabel: l}, m.c.loc.F("done.unlabel", l))
	if cmd == nil || l != inbox.SpamLabel {
		return cmd
	}
	return tea.Sequence(cmd, spamCmd(m.deps.Ctx, m.deps.Spam, SpamSuggestion.Retrain)) // "not spam after all" teaches too
}

func (m *Model) snoozeAction(args []string) tea.Cmd {
	if len(args) == 0 {
		return m.ask(promptSnooze, m.c.loc.T("prompt.snooze"))
	}
	until, err := parseWhen(strings.Join(args, " "), m.c.now(), m.c.loc)
	if err != nil {
		m.fail(m.c.loc.T("err.when"))
		return nil
	}
	return m.change(inbox.Change{SnoozeUntil: until}, m.c.loc.F("done.snooze", m.c.stamp(until)))
}

func (m *Model) priorityAction(args []string) tea.Cmd {
	c, ok := m.current()
	if !ok {
		m.fail(m.c.loc.T("err.no_conv"))
		return nil
	}
	p := (c.Priority + 1) % 3
	if len(args) > 0 {
		n, err := strconv.Atoi(args[0])
		if err != nil || n < 0 || n > 2 {
			m.fail(m.c.loc.T("err.priority"))
			return nil
		}
		p = n
	}
	return m.change(inbox.Change{Priority: &p}, m.c.loc.F("done.priority", p))
}

func (m *Model) outboxAction(resend bool) tea.Cmd {
	c, ok := m.current()
	if !ok {
		m.fail(m.c.loc.T("err.no_conv"))
		return nil
	}
	done, none := m.c.loc.T("done.resend"), m.c.loc.T("err.no_resend")
	if !resend {
		done, none = m.c.loc.T("done.cancel"), m.c.loc.T("err.no_cancel")
	}
	return outboxCmd(m.deps.Ctx, m.deps.Store, c.ID, m.c.admin, resend, done, none)
}

func (m *Model) viewAction(args []string) tea.Cmd {
	if len(args) == 0 {
		return m.cycleView(1)
	}
	want := strings.ToLower(args[0])
	for _, v := range inbox.Views() {
		if want == string(v) || want == strings.ToLower(m.c.loc.view(v)) {
			return m.setFilter(func(f *inbox.Filter) { f.View = v })
		}
	}
	return m.openNamedView(args[0])
}

func (m *Model) platformAction(args []string) tea.Cmd {
	if len(args) == 0 {
		return m.cyclePlatform()
	}
	p, ok := m.c.st.platforms.parse(args[0])
	if !ok {
		m.fail(m.c.loc.F("err.platform", args[0]))
		return nil
	}
	return m.setFilter(func(f *inbox.Filter) { f.Platform = p })
}

func (m *Model) searchAction(args []string) tea.Cmd {
	if len(args) == 0 {
		return m.ask(promptSearch, "/")
	}
	q := strings.Join(args, " ")
	m.lastSearch = q
	return m.setFilter(func(f *inbox.Filter) { f.Search = q })
}

// cycleView moves to the next (or previous) view.
func (m *Model) cycleView(step int) tea.Cmd {
	views := inbox.Views()
	i := 0
	for j, v := range views {
		if v == m.list.filter.View {
			i = j
		}
	}
	next := views[(i+step+len(views))%len(views)]
	return m.setFilter(func(f *inbox.Filter) { f.View = next })
}

// cyclePlatform steps the platform filter: every platform, then each one
// that has an account.
func (m *Model) cyclePlatform() tea.Cmd {
	all := m.c.st.platforms.cycle()
	i := 0
	for j, p := range all {
		if p == m.list.filter.Platform {
			i = j
		}
	}
	next := all[(i+1)%len(all)]
	return m.setFilter(func(f *inbox.Filter) { f.Platform = next })
}

// setFilter changes the list's filter and loads its first window; the
// conversation screen returns to the list so the admin sees the result.
func (m *Model) setFilter(edit func(f *inbox.Filter)) tea.Cmd {
	m.list.filter.IDs, m.list.idsTitle = nil, "" // the spam and approvals views last until the next filter
	edit(&m.list.filter)
	m.list.loading = false
	cmd := m.closeConversation()
	var req tea.Msg
	m.list, req = m.list.reload(winTop)
	return tea.Batch(cmd, m.intentCmd(req))
}

// ask opens a prompt on the bottom row.
func (m *Model) ask(kind promptKind, label string) tea.Cmd {
	if kind != promptSearch && kind != promptCommand {
		if _, ok := m.current(); !ok {
			m.fail(m.c.loc.T("err.no_conv"))
			return nil
		}
	}
	// Every prompt starts empty; the previous search is one "up" away, so
	// "/jalan" after "/ktp ilang" searches "jalan".
	m.prompt = newPrompt(kind, label, "")
	if kind == promptSearch {
		m.prompt.prev = m.lastSearch
	}
	if kind == promptCommand || kind == promptAssign || kind == promptLabel {
		return loadNamesCmd(m.deps.Ctx, m.deps.Store, m.c.admin)
	}
	return nil
}

// finishPrompt runs what a closed prompt asked for.
func (m *Model) finishPrompt(r promptResult) tea.Cmd {
	if cmd, ok := m.finishDeskPrompt(r); ok {
		return cmd
	}
	if r.kind == promptConfirm {
		return m.answer(!r.cancel)
	}
	if r.kind == promptSearch && r.cancel {
		if m.list.filter.Search == "" {
			return nil
		}
		return m.setFilter(func(f *inbox.Filter) { f.Search = "" })
	}
	v := strings.TrimSpace(r.value)
	if r.cancel || (v == "" && r.kind != promptSearch) {
		return nil
	}
	switch r.kind {
	case promptCommand:
		return m.runCommand(v)
	case promptSearch:
		m.lastSearch = v
		return m.setFilter(func(f *inbox.Filter) { f.Search = v })
	case promptAssign:
		return m.assignAction([]string{v})
	case promptApproveEdit:
		return m.decide(true, v, m.c.loc.T("done.approved"))
	case promptReject:
		return m.decide(false, v, m.c.loc.T("done.rejected"))
	case promptLabel:
		return m.labelAction([]string{v})
	case promptSnooze:
		return m.snoozeAction([]string{v})
	case promptCanned:
		return m.insertCanned(v)
	}
	return nil
}

// describeErr turns a store error into words for the status bar.
func (m *Model) describeErr(err error) string {
	var assigned *inbox.ErrAssigned
	var coll *inbox.CollisionError
	var notAssignable *inbox.NotAssignableError
	switch {
	case errors.As(err, &notAssignable):
		return m.c.loc.F("err.not_assignable", sanitize.Line(notAssignable.Name))
	case errors.Is(err, inbox.ErrReadOnly):
		return m.c.loc.T("err.read_only")
	case errors.As(err, &assigned):
		who := assigned.Who
		if who == "" {
			who = m.c.loc.T("err.nobody")
		}
		return m.c.loc.F("err.assigned", sanitize.Line(who))
	case errors.As(err, &coll):
		return m.c.loc.F("err.collision", sanitize.Line(coll.Who), m.c.stamp(coll.At))
	case errors.Is(err, inbox.ErrNotFound):
		return m.c.loc.T("err.not_found")
	case errors.Is(err, inbox.ErrDamaged):
		return m.c.loc.T("err.damaged")
	case errors.Is(err, inbox.ErrFollowing):
		return m.c.loc.T("err.following")
	case errors.Is(err, inbox.ErrNoUnit):
		return m.c.loc.T("err.no_unit")
	case errors.Is(err, inbox.ErrHandoff):
		return m.c.loc.T("err.handoff")
	case errors.Is(err, inbox.ErrEmptyNote):
		return m.c.loc.T("err.empty_note")
	}
	return fmt.Sprintf("%s: %s", m.c.loc.T("err.prefix"), sanitize.Line(err.Error()))
}
