package ui

import (
	"context"
	"errors"
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"

	"sapa/inbox"
	"sapa/sanitize"
)

// The desk actions move a conversation between units and keep admins'
// notes on it: U places it (the correction of a route), E escalates it to
// the parent unit, D delegates it down or across to an agency, n notes it.
// Where it may go is read from the store (the admin's scope decides) each
// time one of them starts, so completion offers only units that will work.

// deskState is the desk action in progress between its prompts.
type deskState struct {
	conv    inbox.Conversation
	targets inbox.Targets
	route   *inbox.Routing
	to      inbox.UnitRef // the unit chosen for a delegation, before its note
}

// targetsMsg brings where a conversation may go, for the action that asked.
type targetsMsg struct {
	conv    inbox.Conversation
	targets inbox.Targets
	route   *inbox.Routing
	then    promptKind // the prompt the action opens next
	arg     string     // what a `:` command gave
	err     error
}

// deskDoneMsg is the outcome of a handoff, a note or a unit change.
type deskDoneMsg struct {
	done string
	err  error
}

func targetsCmd(ctx context.Context, st Store, c inbox.Conversation, then promptKind, arg string) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := call(ctx)
		defer cancel()
		out := targetsMsg{conv: c, then: then, arg: arg}
		if out.targets, out.err = st.Targets(ctx, c.ID); out.err != nil {
			return out
		}
		tr, err := st.Trail(ctx, c.ID)
		out.route, out.err = tr.Route, err
		return out
	}
}

func handoffCmd(ctx context.Context, st Store, convID int64, admin, to, note, done string) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := call(ctx)
		defer cancel()
		_, err := st.Handoff(ctx, convID, admin, to, note)
		return deskDoneMsg{done: done, err: err}
	}
}

func noteCmd(ctx context.Context, st Store, convID int64, admin, text, done string) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := call(ctx)
		defer cancel()
		return deskDoneMsg{done: done, err: st.AddNote(ctx, convID, admin, text)}
	}
}

func setUnitCmd(ctx context.Context, st Store, convID int64, admin, unit, done string) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := call(ctx)
		defer cancel()
		return deskDoneMsg{done: done, err: st.SetUnit(ctx, convID, admin, unit)}
	}
}

// deskStart loads the targets of the current conversation for an action.
func (m *Model) deskStart(then promptKind, args []string) tea.Cmd {
	c, ok := m.current()
	if !ok {
		m.fail(m.c.loc.T("err.no_conv"))
		return nil
	}
	return targetsCmd(m.deps.Ctx, m.deps.Store, c, then, strings.Join(args, " "))
}

func (m *Model) unitAction(args []string) tea.Cmd { return m.deskStart(promptUnit, args) }
func (m *Model) escalateAction(args []string) tea.Cmd {
	if m.bulk {
		return m.escalateMarked(args)
	}
	return m.deskStart(promptEscalate, args)
}

// escalateMarked sends every marked conversation up to its own unit's
// parent with one note: the note given, else asked for once.
func (m *Model) escalateMarked(args []string) tea.Cmd {
	if len(args) > 0 {
		return escalateManyCmd(m.deps.Ctx, m.deps.Store, m.marked(), m.c.admin, strings.Join(args, " "), m.c.loc)
	}
	m.prompt = newPrompt(promptEscalate, m.c.loc.F("prompt.escalate_marked", len(m.list.marks)), "")
	return nil
}

// escalateManyCmd hands each conversation to its unit's parent. Each
// handoff is its own transaction; the first refusal stops the rest and is
// reported with how many went before it.
func escalateManyCmd(ctx context.Context, st Store, ids []int64, admin, note string, loc locale) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := call(ctx)
		defer cancel()
		for i, id := range ids {
			t, err := st.Targets(ctx, id)
			if err == nil && t.Up == nil {
				err = errors.New(loc.T("err.no_parent"))
			}
			if err == nil {
				_, err = st.Handoff(ctx, id, admin, t.Up.Code, note)
			}
			if err != nil {
				return bulkDoneMsg{err: fmt.Errorf("%s: %w", loc.F("done.bulk", loc.T("bulk.escalated"), i), err)}
			}
		}
		return bulkDoneMsg{done: loc.F("done.bulk", loc.T("bulk.escalated"), len(ids))}
	}
}
func (m *Model) delegateAction(args []string) tea.Cmd { return m.deskStart(promptDelegate, args) }

// noteAction writes an internal note, or asks for one.
func (m *Model) noteAction(args []string) tea.Cmd {
	c, ok := m.current()
	if !ok {
		m.fail(m.c.loc.T("err.no_conv"))
		return nil
	}
	if len(args) == 0 {
		m.desk = deskState{conv: c}
		return m.ask(promptNote, m.c.loc.T("prompt.note"))
	}
	return noteCmd(m.deps.Ctx, m.deps.Store, c.ID, m.c.admin, strings.Join(args, " "), m.c.loc.F("done.note", who(c)))
}

// targetsLoaded goes on with the action that loaded them: runs a `:`
// command's argument, or opens its prompt.
func (m *Model) targetsLoaded(msg targetsMsg) tea.Cmd {
	if msg.err != nil {
		m.fail(m.describeErr(msg.err))
		return nil
	}
	loc := m.c.loc
	m.desk = deskState{conv: msg.conv, targets: msg.targets, route: msg.route}
	t := msg.targets
	switch msg.then {
	case promptEscalate:
		if t.Up == nil {
			m.fail(loc.T("err.no_parent"))
			return nil
		}
		if msg.arg != "" {
			return m.escalate(msg.arg)
		}
		m.prompt = newPrompt(promptEscalate, loc.F("prompt.escalate", t.Up.Short()), "")
	case promptDelegate:
		if msg.arg != "" {
			return m.chooseDelegate(msg.arg)
		}
		m.prompt = newPrompt(promptDelegate, loc.T("prompt.delegate"), m.suggestedAgency())
	case promptUnit:
		if msg.arg != "" {
			return m.placeIn(msg.arg)
		}
		m.prompt = newPrompt(promptUnit, loc.F("prompt.unit", t.Unit.Short()), m.suggestedPlace())
	}
	return nil
}

// suggestedPlace is the unit the matcher only suggested, if the admin may
// place the conversation there.
func (m *Model) suggestedPlace() string {
	r := m.desk.route
	if r == nil || r.Applied || r.Unit.Code == "" {
		return ""
	}
	if u, ok := pickUnit(m.desk.targets.Places, r.Unit.Code); ok {
		return choiceOf(m.desk.targets.Places, u)
	}
	return ""
}

// suggestedAgency is the agency a keyword named, when it is one to delegate to.
func (m *Model) suggestedAgency() string {
	r := m.desk.route
	if r == nil || r.Agency.Code == "" {
		return ""
	}
	if u, ok := pickUnit(m.desk.targets.Across, r.Agency.Code); ok {
		return choiceOf(m.desk.targets.Across, u)
	}
	return ""
}

func (m *Model) escalate(note string) tea.Cmd {
	d := m.desk
	return handoffCmd(m.deps.Ctx, m.deps.Store, d.conv.ID, m.c.admin, d.targets.Up.Code, note,
		m.c.loc.F("done.escalate", who(d.conv), d.targets.Up.Short()))
}

// chooseDelegate takes the unit of a delegation, then asks for its note.
func (m *Model) chooseDelegate(name string) tea.Cmd {
	cands := m.delegateTargets()
	u, ok := pickUnit(cands, name)
	if !ok {
		m.fail(m.unitMiss(cands, name, "err.no_target"))
		return nil
	}
	m.desk.to = u
	m.prompt = newPrompt(promptDelegateNote, m.c.loc.F("prompt.delegate_note", u.Short()), "")
	return nil
}

func (m *Model) delegateTargets() []inbox.UnitRef {
	return append(append([]inbox.UnitRef{}, m.desk.targets.Down...), m.desk.targets.Across...)
}

func (m *Model) placeIn(name string) tea.Cmd {
	u, ok := pickUnit(m.desk.targets.Places, name)
	if !ok {
		m.fail(m.unitMiss(m.desk.targets.Places, name, "err.no_place"))
		return nil
	}
	d := m.desk
	return setUnitCmd(m.deps.Ctx, m.deps.Store, d.conv.ID, m.c.admin, u.Code, m.c.loc.F("done.unit", who(d.conv), u.Short()))
}

// finishDeskPrompt runs what a desk prompt asked for; ok is false for the
// other prompts. An empty note still hands the conversation on.
func (m *Model) finishDeskPrompt(r promptResult) (tea.Cmd, bool) {
	v := strings.TrimSpace(r.value)
	switch r.kind {
	case promptEscalate, promptDelegate, promptDelegateNote, promptUnit, promptNote:
	default:
		return nil, false
	}
	if r.cancel {
		return nil, true
	}
	d := m.desk
	switch r.kind {
	case promptEscalate:
		if m.bulk {
			return escalateManyCmd(m.deps.Ctx, m.deps.Store, m.marked(), m.c.admin, v, m.c.loc), true
		}
		return m.escalate(v), true
	case promptDelegate:
		return m.chooseDelegate(v), true
	case promptDelegateNote:
		return handoffCmd(m.deps.Ctx, m.deps.Store, d.conv.ID, m.c.admin, d.to.Code, v,
			m.c.loc.F("done.delegate", who(d.conv), d.to.Short())), true
	case promptUnit:
		if v == "" {
			return nil, true
		}
		return m.placeIn(v), true
	}
	if v == "" {
		return nil, true
	}
	return noteCmd(m.deps.Ctx, m.deps.Store, d.conv.ID, m.c.admin, v, m.c.loc.F("done.note", who(d.conv))), true
}

// deskDone reports a desk action's outcome and shows what it changed.
func (m *Model) deskDone(msg deskDoneMsg) tea.Cmd {
	if msg.err != nil {
		m.fail(m.describeErr(msg.err))
		return nil
	}
	m.tell(msg.done)
	return m.reloadAll()
}

// deskCandidates are the completions of a desk prompt.
func (m *Model) deskCandidates(kind promptKind) []string {
	switch kind {
	case promptUnit:
		return choices(m.desk.targets.Places)
	case promptDelegate:
		return choices(m.delegateTargets())
	}
	return nil
}

// choices are the names completion offers for units: each one's label, with
// its parent's name beside a label several of them share.
func choices(us []inbox.UnitRef) []string {
	out := make([]string, len(us))
	for i, u := range us {
		out[i] = choiceOf(us, u)
	}
	return out
}

// choiceOf is u's name among us.
func choiceOf(us []inbox.UnitRef, u inbox.UnitRef) string {
	n := 0
	for _, o := range us {
		if o.Label() == u.Label() {
			n++
		}
	}
	if n > 1 && u.Parent != "" {
		return u.Label() + " (" + u.Parent + ")"
	}
	return u.Label()
}

// unitMiss says why name picked none of us: several units answer to it
// (Ciawi is a kecamatan and a desa), or none may be chosen from here.
func (m *Model) unitMiss(us []inbox.UnitRef, name, none string) string {
	if len(withWordPrefix(choices(us), strings.TrimSpace(name))) > 1 {
		return m.c.loc.F("err.unit_several", sanitize.Line(name))
	}
	return m.c.loc.F(none, sanitize.Line(name))
}

// pickUnit finds the unit s names among us: its code, its completion name,
// or a label, short name or plain name that only one of them has.
func pickUnit(us []inbox.UnitRef, s string) (inbox.UnitRef, bool) {
	want := strings.ToLower(strings.Join(strings.Fields(s), " "))
	if want == "" {
		return inbox.UnitRef{}, false
	}
	for _, u := range us {
		if strings.ToLower(u.Code) == want || strings.ToLower(choiceOf(us, u)) == want {
			return u, true
		}
	}
	var found []inbox.UnitRef
	for _, u := range us {
		for _, n := range []string{u.Label(), u.Short(), u.Name} {
			if strings.ToLower(n) == want {
				found = append(found, u)
				break
			}
		}
	}
	if len(found) == 1 {
		return found[0], true
	}
	return inbox.UnitRef{}, false
}
