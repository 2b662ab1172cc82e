// Package ui is Sapa's terminal interface: the root bubbletea model and its
// panes (inbox list, conversation, composer, status bar, help), keys built
// from the configuration, styles and the Indonesian and English strings.
//
// The UI reads and writes only the store, through the small Store interface
// declared here; every store call runs in a tea.Cmd, so Update stays pure.
// Nothing ticks while the admin is idle: a command polls the store's change
// counter in its own goroutine and speaks only when another session (or the
// relay) changed something, and then only the visible window is reloaded.
package ui

import (
	"context"
	"os"
	"sapa/canned"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"sapa/config"
	"sapa/inbox"
	"sapa/workhours"
)

// Deps are what the UI needs from main.
type Deps struct {
	// Store is the open database; *store.Store satisfies it.
	Store Store
	// Admin signs triage, drafts and replies; default: Config.Admin.Name.
	Admin string
	// Config supplies keys, language (config.Language), ui.low_bandwidth,
	// ui.done_on_reply and ui.editor.
	Config config.Config
	// Now is the clock; default time.Now. Tests pass a fixed one.
	Now func() time.Time
	// Location is the office's time zone ([hours] timezone): the screen
	// shows clock times, dates and deadlines in it and reads typed times
	// ("until 16:00") in it, whatever zone the server runs in. nil: Now's.
	Location *time.Location
	// Ctx is cancelled when the program ends; it stops background commands.
	Ctx context.Context
	// Relay, when set, is the relay running in this process (a local
	// `sapa`, or `sapa serve` for its SSH sessions). The status bar follows
	// its lease from it, told of every change (taken, lost, a failing
	// check, stopped), so an idle screen neither queries nor wakes; and it
	// reads the lease only after that relay's first check (waiting at most
	// leaseCheckWait), so it does not say "relay not running" a moment before
	// this process takes the lease. nil: the relay runs in another process
	// (or none does), and the lease row is read again at its deadline.
	Relay Relay
	// Backfilled, set by main on a fresh store (nothing ingested yet), is
	// closed once the relay running in this process has fetched the
	// platforms' waiting pages. The first list window waits for it (at most
	// backfillWait), so a fresh start draws the list once, not empty first
	// and then again as every page arrives.
	Backfilled <-chan struct{}
	// NoEditor refuses ctrl+e: the screen serves an admin of the SSH
	// service, who has no shell on the server, and $EDITOR (vi's :!sh)
	// would give them one as the service's user.
	NoEditor bool
	// Platforms are every platform's badge, colour and name, in display
	// order, those with an account marked: main builds them from the
	// platform descriptors.
	Platforms []Platform
	// Units are the unit names `:` completes; the unit tree will fill it.
	Units []string
	// ResolveUnit turns a unit's code or name into its code for
	// :unit_filter; nil: codes are taken as typed.
	ResolveUnit func(s string) (code string, err error)
	// PII, when set, names the personal data in a reply that a public
	// comment or mention should not carry ("nik", "kk", "phone", "email",
	// "address"), given the thread's texts; the admin is asked before such a
	// reply is sent. Private channels are not checked.
	PII func(reply string, thread []string) []string
	// Seat, when set, shares presence with the other sessions of this
	// process (the SSH service): who reads or writes in which conversation
	// shows in the list and the thread, and taking over or replying where
	// someone is writing asks first.
	Seat Seat
	// Canned are the ready replies the composer offers (ctrl+t); nil:
	// canned.Defaults.
	Canned []canned.Reply
	// Spam is the process's spam suggestion, shared by all its screens;
	// nil: no suggestion.
	Spam SpamSuggestion
	// Calendar and Targets measure :report's response times ([hours]); nil:
	// Monday to Friday 08:00–16:00 WIB and workhours.DefaultTargets.
	Calendar *workhours.Calendar
	Targets  workhours.Targets
}

// exposesID turns the PII check into the thread's: does a text show an NIK
// or KK number.
func exposesID(check func(string, []string) []string) func(string) bool {
	if check == nil {
		return nil
	}
	return func(text string) bool {
		for _, k := range check(text, nil) {
			if k == "nik" || k == "kk" {
				return true
			}
		}
		return false
	}
}

// screen is what fills the screen above the status bar.
type screen int

const (
	screenList   screen = iota // the inbox list
	screenThread               // one conversation (and its composer)
)

// Timings of the background work. Only the draft batch and the watcher use
// timers, and both run only after something happened; the first status load
// may wait for the session's relay (at start, once). Drafts are saved at
// most draftBatch after a key, so a crash loses a keystroke or two.
const (
	draftBatch = 30 * time.Millisecond
	// counterRest: while the admin types, the composer's length counter
	// holds its value (every key would move the cursor to it and back, 27
	// bytes for a 1-byte letter) and catches up once typing rests this
	// long; near the platform's limit it follows every key.
	counterRest    = 500 * time.Millisecond
	watchInterval  = 300 * time.Millisecond
	leaseCheckWait = 3 * time.Second
	backfillWait   = 3 * time.Second
	// shutdownGrace is how long a shutdown waits for keys already typed.
	shutdownGrace = 100 * time.Millisecond
)

// Model is the root model. It routes keys (global first, then the focused
// pane), turns pane intents into commands and lays the panes out.
type Model struct {
	c      *common
	deps   Deps
	editor string
	done   inbox.Status // the status a conversation takes after a reply

	width, height int
	screen        screen
	composing     bool // the composer has the keyboard
	help          bool
	helpTop       int           // the first help row shown
	history       *historySheet // shown in help's place by :history
	report        *reportSheet  // shown in help's place by :report

	list     listModel
	thread   threadModel
	preview  threadModel  // the wide layout's right pane while the list has the keys
	previews *previewKeep // conversations previewed since the last reload
	composer composerModel
	status   statusModel
	prompt   promptModel
	asking   pendingAsk        // what the open y/n prompt decides
	piiSend  *sendReq          // a public reply holding personal data, waiting for y
	names    knownNames        // assignees and labels for completion
	desk     deskState         // the unit, escalate, delegate or note action in progress
	shared   []inbox.SavedView // the config's [[view]]s

	counter    uint64          // the store's change counter last seen
	relayWatch <-chan struct{} // the relay change the screen waits for, if any
	spamNext   <-chan struct{} // closed when the spam suggestion is retrained
	noWatch    bool            // tests: no background watcher
	batch      time.Duration   // draft saves are batched over this long
	watchEvery time.Duration
	restAfter  time.Duration // the selection rests this long before it is previewed
	countAfter time.Duration // the length counter catches up once typing rests this long

	drafts draftQueue
	// lastSearch is the previous search, which "up" brings back into the
	// (empty) search prompt.
	lastSearch string
	dlog       *draftLog
	// wake is the redraw armed for the next moment a shown value changes
	// (midnight, a reply window closing); nothing else ticks.
	wakeAt  time.Time
	wakeGen int
	// resume keeps where the admin is, for the next session after a drop.
	resume resumeState
	seat   seatState // what the Seat was told last
	// openedAt is when the open conversation was opened: the collision guard
	// asks before sending over another admin's reply made after it.
	openedAt time.Time
	// tagPrefix: `;` was typed, the next action applies to the marked
	// conversations; bulk: the action running (or its prompt) does.
	tagPrefix, bulk bool
}

// New builds the root model.
func New(deps Deps) Model { return build(deps, actionRows()) }

// build is New with a given action table.
func build(deps Deps, rows []actionRow) Model {
	if deps.Now == nil {
		deps.Now = time.Now
	}
	if deps.Location != nil {
		clock, zone := deps.Now, deps.Location
		deps.Now = func() time.Time { return clock().In(zone) }
	}
	if deps.Ctx == nil {
		deps.Ctx = context.Background()
	}
	cfg := deps.Config
	if deps.Admin == "" {
		deps.Admin = cfg.Admin.Name
	}
	st := DefaultStyles(deps.Platforms)
	if cfg.UI.LowBandwidth {
		st = PlainStyles(deps.Platforms)
	}
	tab := newActionTable(rows)
	if deps.NoEditor {
		tab = tab.without(actEditor)
	}
	keys, keysErr := newKeyMap(tab, cfg.Keys, cfg.Binds)
	if keysErr != nil { // main checks first (CheckKeys); a bad table here falls back to the defaults
		keys, _ = newKeyMap(tab, nil, nil)
	}
	c := &common{st: st, loc: newLocale(config.Language(cfg)), actions: tab, keys: keys, now: deps.Now, admin: deps.Admin}
	m := Model{
		c: c, deps: deps, editor: editorCommand(cfg.UI.Editor), done: inbox.StatusPending,
		list:     newList(c, inbox.Filter{View: inbox.ViewOpen, Me: deps.Admin}),
		thread:   newThread(c, exposesID(deps.PII)),
		preview:  newThread(c, exposesID(deps.PII)),
		composer: newComposer(c),
		status:   statusModel{c: c, shown: &statusShown{}},
		batch:    draftBatch, watchEvery: watchInterval, restAfter: previewRest, countAfter: counterRest, dlog: &draftLog{}, previews: newPreviewKeep(),
		resume: resumeState{log: &draftLog{}},
		shared: sharedViews(cfg.Views),
	}
	if cfg.UI.DoneOnReply {
		m.done = inbox.StatusDone
	}
	if keysErr != nil {
		m.fail(keysErr.Error())
	}
	return m
}

// editorCommand is ui.editor, else $VISUAL, else $EDITOR, else vi.
func editorCommand(configured string) string {
	for _, e := range []string{configured, os.Getenv("VISUAL"), os.Getenv("EDITOR")} {
		if strings.TrimSpace(e) != "" {
			return e
		}
	}
	return "vi"
}

// Init reads the change counter and the kept screen (then loads the list)
// and the status bar.
func (m Model) Init() tea.Cmd {
	return tea.Batch(baselineCmd(m.deps.Ctx, m.deps.Store, m.c.admin), m.loadStatus(), spamCmd(m.deps.Ctx, m.deps.Spam, SpamSuggestion.Ready),
		firstPresenceCmd(m.deps.Seat))
}

// Update dispatches: sizes, keys, paste, then results of commands.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		next, cmd := m.resize(msg.Width, msg.Height)
		return next, cmd
	case tea.KeyPressMsg:
		cmd := m.handleKey(msg)
		m.layout()
		return m, tea.Batch(cmd, m.armWake(), m.armPreview(), m.syncScreen(), m.syncSeat())
	case tea.PasteMsg:
		cmd := m.handlePaste(msg)
		m.layout()
		return m, tea.Batch(cmd, m.syncScreen(), m.syncSeat())
	case wakeMsg:
		if msg.gen == m.wakeGen {
			m.wakeAt = time.Time{} // this frame redraws; arm the next
		}
		return m, m.armWake()
	}
	cmd := m.handleResult(msg)
	m.layout()
	return m, tea.Batch(cmd, m.armWake(), m.syncScreen(), m.syncSeat())
}

// wakeMsg is the armed redraw firing; only the latest armed one counts.
type wakeMsg struct{ gen int }

// nextChange is the next moment a value on screen changes by the clock
// alone: midnight (list times and message stamps say "today" by showing
// only the time), a shown deadline passing (its row turns into a breach),
// or the open draft's reply window closing.
func (m Model) nextChange() time.Time {
	now := m.c.now()
	next := nextMidnight(now)
	if lw, cw := m.split(); m.screen == screenList || lw != cw { // the list is on screen
		if due := m.c.nextDue(m.list.rows); !due.IsZero() && due.Before(next) {
			next = due
		}
	}
	if m.composerShown() {
		if end := m.composer.windowEnd(); end.After(now) && end.Before(next) {
			next = end.Add(time.Millisecond) // the window is closed once past its end
		}
	}
	return next
}

// armWake arms one timer for nextChange, unless the armed one is already
// for that moment. It is not a tick: it fires once, at a moment the screen
// really changes, so an idle screen writes nothing until then.
func (m *Model) armWake() tea.Cmd {
	if m.noWatch { // tests: no background watcher, no timer
		return nil
	}
	next := m.nextChange()
	if next.Equal(m.wakeAt) {
		return nil
	}
	m.wakeAt = next
	m.wakeGen++
	gen := m.wakeGen
	return tea.Tick(next.Sub(m.c.now()), func(time.Time) tea.Msg { return wakeMsg{gen: gen} })
}

func (m Model) resize(w, h int) (tea.Model, tea.Cmd) {
	m.width, m.height = w, h
	old := m.list.visible()
	m.layout()
	if m.list.visible() == old && len(m.list.rows) > 0 {
		return m, nil
	}
	n := m.list.visible()
	m.list.fit(n)
	var req tea.Msg
	m.list, req = m.list.reload(winReload)
	if r, ok := req.(windowReq); ok && n > old {
		r.fromTop = true
		req = r
	}
	return m, m.intentCmd(req)
}

// conversationView draws the thread and, when shown, the composer; x is the
// column the pane starts at, for the terminal cursor.
func (m Model) conversationView(v *tea.View, x int) string {
	out := m.thread.View()
	if !m.composerShown() {
		return out
	}
	out += "\n" + m.composer.View()
	if m.composing && !m.prompt.active() {
		if c := m.composer.ta.Cursor(); c != nil {
			c.X += x
			c.Y += m.thread.height + 1
			c.Blink = false
			v.Cursor = c
		}
	}
	return out
}

// sideBySide joins two blocks of equal height row by row.
func sideBySide(left, right, sep string) string {
	var b strings.Builder
	b.Grow(len(left) + len(right) + (strings.Count(left, "\n")+1)*len(sep))
	rightLines := strings.Count(right, "\n") + 1
	for i := 0; ; i++ {
		l, rest, more := strings.Cut(left, "\n")
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(l)
		if i < rightLines {
			r, rrest, _ := strings.Cut(right, "\n")
			b.WriteString(sep)
			b.WriteString(r)
			right = rrest
		}
		if !more {
			return b.String()
		}
		left = rest
	}
}

// here is the screen that has the keyboard, for key lookups and hints.
func (m Model) here() where {
	switch {
	case m.composing:
		return inCompose
	case m.screen == screenThread:
		return inThread
	}
	return inList
}

// composerShown reports whether the composer takes rows: while typing, or
// when the open conversation has a draft.
func (m Model) composerShown() bool {
	return m.screen == screenThread && (m.composing || m.composer.value() != "")
}

// wideWidth is the width from which the list stays on the left while a
// conversation is open on the right.
const wideWidth = 120

// split returns the widths of the list and conversation columns; the
// conversation takes the whole width when the screen is narrow.
func (m Model) split() (list, conv int) {
	if m.width < wideWidth {
		return m.width, m.width
	}
	// Wide enough for the status and assignee columns (listStatusWidth).
	list = min(80, max(listStatusWidth, m.width*2/5))
	return list, m.width - list - 1
}

// layout gives each pane its rows: the panes above, then the status bar and
// the message row. It changes only when the screen or composer changes.
func (m *Model) layout() {
	if m.width <= 0 || m.height <= 0 {
		return
	}
	body := max(1, m.height-2)
	lw, cw := m.split()
	if lw != m.list.width || body != m.list.height {
		m.list.SetSize(lw, body)
	}
	th := body
	if m.composerShown() {
		th = max(3, body-composerHeight)
	}
	if th != m.thread.height || cw != m.thread.width {
		m.thread.SetSize(cw, th)
	}
	if body != m.preview.height || cw != m.preview.width {
		m.preview.SetSize(cw, body)
	}
	if cw != m.composer.width {
		m.composer.SetSize(cw)
	}
}

// View draws the whole screen: every row exactly the terminal's width, so
// the renderer's diff sends only the cells that really changed.
func (m Model) View() tea.View {
	var v tea.View
	v.AltScreen = true
	if m.width <= 0 || m.height <= 0 {
		return v
	}
	var b strings.Builder
	b.Grow(m.height * (m.width + 32)) // the rows' text and a few styles: one allocation
	body := max(1, m.height-2)
	lw, cw := m.split()
	wide := lw != cw
	switch {
	case m.help:
		b.WriteString(m.helpView(body))
	case wide && !m.list.loaded && m.screen == screenList:
		// Until the first window (which brings the preview) arrives, no
		// pane border: drawn now, every row of the list would be written
		// over it, each caught half-drawn on a slow link.
		b.WriteString(m.list.View())
	case wide:
		right := strings.Repeat(strings.Repeat(" ", cw)+"\n", body-1) + strings.Repeat(" ", cw)
		if m.screen == screenThread {
			right = m.conversationView(&v, lw+1)
		} else if m.preview.conv.ID != 0 {
			right = m.preview.View()
		}
		b.WriteString(sideBySide(m.list.View(), right, m.c.st.Dim.Render("│")))
	case m.screen == screenThread:
		b.WriteString(m.conversationView(&v, 0))
	default:
		b.WriteString(m.list.View())
	}
	b.WriteString("\n" + m.status.View(m.width) + "\n")
	if m.prompt.active() {
		s, x := m.prompt.View(m.width, m.promptHint())
		b.WriteString(s)
		v.Cursor = &tea.Cursor{Position: tea.Position{X: x, Y: m.height - 1}, Shape: tea.CursorBlock}
	} else {
		b.WriteString(m.status.MessageView(m.width, m.here(), m.composerShown(), m.deciding(), m.overlayHint()))
	}
	v.SetContent(b.String())
	return v
}

// promptHint is what the open prompt's input means, shown as it is typed:
// the snooze prompt shows the time the snooze would end ("→ 21 Nov 08:00"),
// or "?" while the input is not a time, before enter applies it.
func (m Model) promptHint() string {
	if m.prompt.kind != promptSnooze || strings.TrimSpace(m.prompt.value()) == "" {
		return ""
	}
	t, err := parseWhen(m.prompt.value(), m.c.now(), m.c.loc)
	if err != nil {
		return "→ ?"
	}
	return "→ " + m.c.stamp(t)
}

// overlayHint is the locale key of the bottom row's hint while a scrolling
// sheet covers the screen: the report's, the history's, else help's; "" when none does.
func (m Model) overlayHint() string {
	switch {
	case m.help && m.report != nil:
		return "report.scroll"
	case m.help && m.history != nil:
		return "history.scroll"
	case m.help:
		return "help.scroll"
	}
	return ""
}
