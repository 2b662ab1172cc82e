package ui

import (
	tea "charm.land/bubbletea/v2"

	"sapa/inbox"
)

// actionID names an action in code. It is not a string, so a misspelt
// action cannot compile; the row's name is what config files and `:` use.
type actionID int

// The actions, in the order help lists them within a group.
const (
	actUp actionID = iota + 1
	actDown
	actTop
	actBottom
	actPageUp
	actPageDown
	actOpen
	actBack
	actReply
	actSend
	actEditor
	actDiscard
	actDone
	actPending
	actReopen
	actAssignMe
	actAssign
	actLabel
	actUnlabel
	actSnooze
	actPriority
	actResend
	actCancel
	actNextView
	actPrevView
	actView
	actPlatformFilter
	actPlatform
	actSearch
	actCommand
	actHelp
	actQuit
	actRefresh
	actHistory
	actCanned
	actSaveView
	actLabelFilter
	actUnitFilter
	actAssigneeFilter
	actWaiting
	actNextConv
	actReport
	actPrevConv
	actUnit
	actEscalate
	actDelegate
	actNote
	actHide
	actUnhide
	actMark
	actUnmarkAll
	actMarked
	actSpam
	actSpamView
	actBreaches
	actApprovals
	actApprove
	actApproveEdit
	actReject
)

// where is the set of screens in which an action's keys work.
type where uint8

const (
	inList    where = 1 << iota // the inbox list
	inThread                    // a conversation, composer closed
	inCompose                   // the composer has the keyboard: only keys that type nothing
	inBrowse  = inList | inThread
)

// group is the heading an action is listed under in help.
type group int

const (
	groupMove group = iota
	groupCompose
	groupTriage
	groupFilter
	groupGlobal
)

// groupTitles are the help headings' locale keys, in the order help shows them.
var groupTitles = [...]string{
	groupMove: "help.move", groupCompose: "help.compose", groupTriage: "help.triage",
	groupFilter: "help.filter", groupGlobal: "help.global",
}

// argKind says what a command's argument is: it picks the placeholder help
// shows and what tab completes.
type argKind int

const (
	argNone     argKind = iota
	argText             // free text
	argView             // a view: open, mine, …
	argPlatform         // a configured platform's name or badge
	argLabel            // a label in use
	argAdmin            // an admin's name
	argUnit             // a unit of the government's tree
	argWhen             // a time or duration
	argPriority         // 0, 1 or 2
	argCanned           // a ready reply's name
	argPeriod           // a report's period
	argAction           // an action that applies to marked conversations
)

// argPlaceholders are the locale keys of each kind's placeholder.
var argPlaceholders = [...]string{
	argText: "arg.text", argView: "arg.view", argPlatform: "arg.platform", argLabel: "arg.label",
	argAdmin: "arg.name", argUnit: "arg.unit", argWhen: "arg.when", argPriority: "arg.priority",
	argCanned: "arg.canned", argPeriod: "arg.period", argAction: "arg.action",
}

// actionRow is one action: everything about it in one place. Keys run it
// with no arguments, `:name args` with arguments; help, the key map, the
// config's [keys] names and completion are all read from these rows.
type actionRow struct {
	id    actionID
	name  string   // in [keys], [binds] and `:`
	keys  []string // default keys
	where where    // screens where its keys work
	group group
	arg   argKind
	// help is the description's locale key; "" means "key.<name>".
	help string
	// run does it, for a key (args nil) or a `:` command. nil: a key only,
	// handled by the focused pane (moving, opening) or the composer.
	run func(m *Model, args []string) tea.Cmd
	// onKey, when set, is what its key does instead of run (q leaves a
	// conversation, while :quit quits).
	onKey func(m *Model) tea.Cmd
	// bulk: after `;` (or as `:marked name`) it applies to every marked
	// conversation at once.
	bulk bool
	// writes: it changes a conversation (or opens a prompt or the composer
	// to do so), so a read-only admin is refused at the key.
	writes bool
}

// helpKey is the locale key of the row's description.
func (r actionRow) helpKey() string {
	if r.help != "" {
		return r.help
	}
	return "key." + r.name
}

// command reports whether the action is also a `:` command.
func (r actionRow) command() bool { return r.run != nil }

// actionRows is Sapa's action table. A new action is a row here plus its
// "key.<name>" strings in both locales.
func actionRows() []actionRow {
	return []actionRow{
		{id: actUp, name: "up", keys: keysOf("k", "up"), where: inBrowse, group: groupMove},
		{id: actDown, name: "down", keys: keysOf("j", "down"), where: inBrowse, group: groupMove},
		{id: actTop, name: "top", keys: keysOf("g", "home"), where: inBrowse, group: groupMove},
		{id: actBottom, name: "bottom", keys: keysOf("G", "end"), where: inBrowse, group: groupMove},
		{id: actPageUp, name: "page_up", keys: keysOf("pgup", "ctrl+b"), where: inBrowse, group: groupMove},
		{id: actPageDown, name: "page_down", keys: keysOf("pgdown", "ctrl+f"), where: inBrowse, group: groupMove},
		{id: actNextConv, name: "next_conversation", keys: keysOf("J"), where: inThread, group: groupMove,
			onKey: func(m *Model) tea.Cmd { return m.stepConversation(1) }},
		{id: actPrevConv, name: "prev_conversation", keys: keysOf("K"), where: inThread, group: groupMove,
			onKey: func(m *Model) tea.Cmd { return m.stepConversation(-1) }},
		{id: actOpen, name: "open", keys: keysOf("enter", "l"), where: inList, group: groupMove},
		{id: actBack, name: "back", keys: keysOf("esc", "h"), where: inBrowse | inCompose, group: groupMove},
		{id: actReply, name: "reply", writes: true, keys: keysOf("r"), where: inBrowse, group: groupCompose,
			run: func(m *Model, _ []string) tea.Cmd { return m.reply() }},
		{id: actSend, name: "send", keys: keysOf("ctrl+s"), where: inCompose, group: groupCompose},
		{id: actEditor, name: "editor", keys: keysOf("ctrl+e"), where: inCompose, group: groupCompose},
		{id: actCanned, name: "canned", writes: true, keys: keysOf("ctrl+t"), where: inThread | inCompose, group: groupCompose,
			arg: argCanned, run: (*Model).cannedAction},
		{id: actDiscard, name: "discard", writes: true, keys: keysOf("ctrl+x", "X"), where: inThread | inCompose, group: groupCompose,
			run: func(m *Model, _ []string) tea.Cmd { return m.askDiscard() }},
		{id: actDone, name: "done", writes: true, keys: keysOf("d"), where: inBrowse, group: groupTriage, run: statusAction(inbox.StatusDone), bulk: true},
		{id: actPending, name: "pending", writes: true, keys: keysOf("p"), where: inBrowse, group: groupTriage, run: statusAction(inbox.StatusPending), bulk: true},
		{id: actReopen, name: "reopen", writes: true, keys: keysOf("o"), where: inBrowse, group: groupTriage, run: statusAction(inbox.StatusOpen), bulk: true},
		{id: actAssignMe, name: "assign_me", writes: true, keys: keysOf("m"), where: inBrowse, group: groupTriage,
			run: func(m *Model, _ []string) tea.Cmd { return m.assign(m.c.admin) }, bulk: true},
		{id: actAssign, name: "assign", writes: true, keys: keysOf("a"), where: inBrowse, group: groupTriage, arg: argAdmin, run: (*Model).assignAction, bulk: true},
		{id: actLabel, name: "label", writes: true, keys: keysOf("t"), where: inBrowse, group: groupTriage, arg: argLabel, run: (*Model).labelAction, bulk: true},
		{id: actUnlabel, name: "unlabel", writes: true, where: inBrowse, group: groupTriage, arg: argLabel, run: (*Model).unlabelAction, bulk: true},
		{id: actHide, name: "hide", writes: true, keys: keysOf("x"), where: inBrowse, group: groupTriage, bulk: true,
			run:   func(m *Model, _ []string) tea.Cmd { yes := true; return m.hideAction(&yes) },
			onKey: func(m *Model) tea.Cmd { return m.hideAction(nil) }},
		{id: actUnhide, name: "unhide", writes: true, where: inBrowse, group: groupTriage, bulk: true,
			run: func(m *Model, _ []string) tea.Cmd { no := false; return m.hideAction(&no) }},
		{id: actMark, name: "mark", keys: keysOf("space"), where: inBrowse, group: groupTriage,
			run: func(m *Model, _ []string) tea.Cmd { return m.toggleMark() }},
		{id: actUnmarkAll, name: "unmark_all", where: inBrowse, group: groupTriage,
			run: func(m *Model, _ []string) tea.Cmd { return m.unmarkAll() }},
		{id: actSpam, name: "spam", writes: true, keys: keysOf("$"), where: inBrowse, group: groupTriage, bulk: true, run: (*Model).spamAction},
		{id: actSpamView, name: "spam_view", where: inBrowse, group: groupFilter, run: (*Model).spamViewAction},
		{id: actApprovals, name: "approvals", keys: keysOf("A"), where: inBrowse, group: groupFilter, run: (*Model).approvalsAction},
		{id: actApprove, name: "approve", writes: true, keys: keysOf("Y"), where: inBrowse, group: groupTriage, arg: argText, run: (*Model).approveAction},
		{id: actApproveEdit, name: "approve_edit", writes: true, keys: keysOf("e"), where: inThread, group: groupTriage, arg: argText, run: (*Model).approveEditAction},
		{id: actReject, name: "reject", writes: true, keys: keysOf("N"), where: inBrowse, group: groupTriage, arg: argText, run: (*Model).rejectAction},
		{id: actMarked, name: "marked", keys: keysOf(";"), where: inBrowse, group: groupTriage, arg: argAction,
			run: (*Model).markedAction},
		{id: actSnooze, name: "snooze", writes: true, keys: keysOf("z"), where: inBrowse, group: groupTriage, arg: argWhen, run: (*Model).snoozeAction},
		{id: actPriority, name: "priority", writes: true, keys: keysOf("!"), where: inBrowse, group: groupTriage, arg: argPriority, run: (*Model).priorityAction},
		{id: actResend, name: "resend", writes: true, where: inBrowse, group: groupTriage,
			run: func(m *Model, _ []string) tea.Cmd { return m.outboxAction(true) }},
		{id: actCancel, name: "cancel", writes: true, where: inBrowse, group: groupTriage,
			run: func(m *Model, _ []string) tea.Cmd { return m.outboxAction(false) }},
		{id: actNextView, name: "next_view", keys: keysOf("tab"), where: inList, group: groupFilter,
			onKey: func(m *Model) tea.Cmd { return m.cycleView(1) }},
		{id: actPrevView, name: "prev_view", keys: keysOf("shift+tab"), where: inList, group: groupFilter,
			onKey: func(m *Model) tea.Cmd { return m.cycleView(-1) }},
		{id: actView, name: "view", where: inBrowse, group: groupFilter, arg: argView, run: (*Model).viewAction},
		{id: actBreaches, name: "breaches", keys: keysOf("B"), where: inBrowse, group: groupFilter,
			run: func(m *Model, _ []string) tea.Cmd {
				return m.setFilter(func(f *inbox.Filter) { f.View = inbox.ViewBreaches })
			}},
		{id: actPlatformFilter, name: "platform_filter", keys: keysOf("f"), where: inList, group: groupFilter,
			onKey: func(m *Model) tea.Cmd { return m.cyclePlatform() }},
		{id: actPlatform, name: "platform", where: inBrowse, group: groupFilter, arg: argPlatform, run: (*Model).platformAction},
		{id: actSearch, name: "search", keys: keysOf("/"), where: inBrowse, group: groupFilter, arg: argText, run: (*Model).searchAction},
		{id: actSaveView, name: "save_view", where: inBrowse, group: groupFilter, arg: argText, run: (*Model).saveViewAction},
		{id: actLabelFilter, name: "label_filter", where: inBrowse, group: groupFilter, arg: argLabel,
			run: narrow(setLabelFilter)},
		{id: actUnitFilter, name: "unit_filter", where: inBrowse, group: groupFilter, arg: argUnit,
			run: narrow(setUnitFilter)},
		{id: actAssigneeFilter, name: "held_by", where: inBrowse, group: groupFilter, arg: argAdmin,
			run: narrow(setAssigneeFilter)},
		{id: actWaiting, name: "waiting", where: inBrowse, group: groupFilter, arg: argWhen,
			run: narrow(setWaitingFilter)},
		{id: actCommand, name: "command", keys: keysOf(":"), where: inBrowse, group: groupGlobal,
			onKey: func(m *Model) tea.Cmd { return m.ask(promptCommand, ":") }},
		{id: actHelp, name: "help", keys: keysOf("?"), where: inBrowse, group: groupGlobal,
			run: func(m *Model, _ []string) tea.Cmd { m.help = true; return nil }},
		{id: actUnit, name: "unit", writes: true, keys: keysOf("U"), where: inBrowse, group: groupTriage, arg: argUnit, run: (*Model).unitAction},
		{id: actEscalate, name: "escalate", writes: true, keys: keysOf("E"), where: inBrowse, group: groupTriage, arg: argText, run: (*Model).escalateAction, bulk: true},
		{id: actDelegate, name: "delegate", writes: true, keys: keysOf("D"), where: inBrowse, group: groupTriage, arg: argUnit, run: (*Model).delegateAction},
		{id: actNote, name: "note", writes: true, keys: keysOf("n"), where: inBrowse, group: groupTriage, arg: argText, run: (*Model).noteAction},
		{id: actReport, name: "report", keys: keysOf("R"), where: inBrowse, group: groupGlobal, arg: argPeriod, run: (*Model).reportAction},
		{id: actHistory, name: "history", keys: keysOf("H"), where: inBrowse, group: groupTriage, run: (*Model).historyAction},
		{id: actRefresh, name: "refresh", keys: keysOf("ctrl+r"), where: inBrowse, group: groupGlobal,
			run: func(m *Model, _ []string) tea.Cmd { return m.reloadAll() }},
		{id: actQuit, name: "quit", keys: keysOf("q", "ctrl+c"), where: inBrowse, group: groupGlobal,
			run: func(m *Model, _ []string) tea.Cmd { return m.leave() },
			onKey: func(m *Model) tea.Cmd {
				if m.screen == screenThread {
					return m.closeConversation()
				}
				return m.leave()
			}},
	}
}

func keysOf(k ...string) []string { return k }

// actionTable is the rows with lookups by id and by name.
type actionTable struct {
	rows   []actionRow
	byID   map[actionID]int
	byName map[string]int
	// off are the actions this screen cannot run (the editor over the SSH
	// service): their keys are refused and no hint names them.
	off map[actionID]bool
}

// without is the table with ids unavailable on this screen.
func (t actionTable) without(ids ...actionID) actionTable {
	t.off = make(map[actionID]bool, len(ids))
	for _, id := range ids {
		t.off[id] = true
	}
	return t
}

// available reports whether the screen can run id (whether hints may name it).
func (t actionTable) available(id actionID) bool { return !t.off[id] }

func newActionTable(rows []actionRow) actionTable {
	t := actionTable{rows: rows, byID: make(map[actionID]int, len(rows)), byName: make(map[string]int, len(rows))}
	for i, r := range rows {
		t.byID[r.id] = i
		t.byName[r.name] = i
	}
	return t
}

// row returns the row of id.
func (t actionTable) row(id actionID) (actionRow, bool) {
	i, ok := t.byID[id]
	if !ok {
		return actionRow{}, false
	}
	return t.rows[i], true
}

// named returns the row called name.
func (t actionTable) named(name string) (actionRow, bool) {
	i, ok := t.byName[name]
	if !ok {
		return actionRow{}, false
	}
	return t.rows[i], true
}

// names lists every action's name in table order.
func (t actionTable) names() []string {
	out := make([]string, len(t.rows))
	for i, r := range t.rows {
		out[i] = r.name
	}
	return out
}

// bulkNames lists the actions `;` and `:marked` apply to marked
// conversations, in table order.
func (t actionTable) bulkNames() []string {
	var out []string
	for _, r := range t.rows {
		if r.bulk {
			out = append(out, r.name)
		}
	}
	return out
}

// commandNames lists the names that `:` accepts, in table order.
func (t actionTable) commandNames() []string {
	var out []string
	for _, r := range t.rows {
		if r.command() {
			out = append(out, r.name)
		}
	}
	return out
}
