package ui

import (
	"strings"
	"time"

	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"

	"sapa/inbox"
	"sapa/sanitize"
)

// threadLimit is how many of the newest messages a conversation shows.
const threadLimit = 200

// contextLines caps the post or video text shown above a comment thread.
const contextLines = 4

// threadModel is the conversation pane: a two-row header (who, where, state,
// and what the conversation is about), then the scrollable thread: the post
// or video text, the messages in and out, and each reply's delivery state.
type threadModel struct {
	c      *common
	conv   inbox.Conversation
	msgs   []inbox.Message
	trail  inbox.Trail // routing, handoffs and internal notes, drawn among the messages
	loaded bool
	// vp is shared by the model's copies and never changed in place: a
	// change goes to a copy (scroll), which also drops the drawn text kept
	// in shown, so a frame in which the thread did not move draws nothing
	// of it again, and a root Update does not copy its 2.6 kB.
	vp     *viewport.Model
	shown  *threadShown
	width  int
	height int // the whole pane, header included
	// exposesID reports whether a citizen's text shows an NIK or KK number;
	// nil: nothing is checked.
	exposesID func(text string) bool
}

func newThread(c *common, exposesID func(string) bool) threadModel {
	vp := viewport.New()
	vp.KeyMap = viewport.KeyMap{} // scrolling keys come from the KeyMap
	vp.MouseWheelEnabled = false
	return threadModel{c: c, vp: &vp, shown: &threadShown{}, exposesID: exposesID}
}

// threadShown keeps what a thread pane drew: the visible part of the
// thread (for one state of the viewport: a change makes a new threadShown)
// and the header (for the texts it was drawn from).
type threadShown struct {
	body     string
	hasBody  bool
	headKey  [3]string
	headSize int
	headLook bool // the low-bandwidth look
	head     string
}

// scroll returns the viewport to change: a copy, with nothing drawn from it
// yet, so the model's older copies keep theirs.
func (t *threadModel) scroll() *viewport.Model {
	vp := *t.vp
	t.vp = &vp
	t.shown = &threadShown{headKey: t.shown.headKey, headSize: t.shown.headSize, headLook: t.shown.headLook, head: t.shown.head}
	return t.vp
}

// SetSize fits the pane; the thread is re-wrapped only here and when data
// arrives, never per keystroke.
func (t *threadModel) SetSize(w, h int) {
	t.width, t.height = w, h
	bottom := t.vp.AtBottom()
	vp := t.scroll()
	vp.SetWidth(w)
	vp.SetHeight(max(1, h-2))
	t.render()
	if bottom {
		t.scroll().GotoBottom()
	}
}

// open shows a conversation from the list row at once; messages follow.
func (t *threadModel) open(c inbox.Conversation) {
	t.conv, t.msgs, t.trail, t.loaded = c, nil, inbox.Trail{}, false
	t.render()
	t.scroll().GotoTop()
}

// setData takes a loaded conversation. The view stays where the admin
// scrolled it, unless it was at the newest message, where it stays.
func (t *threadModel) setData(c inbox.Conversation, msgs []inbox.Message) {
	follow := !t.loaded || t.vp.AtBottom()
	t.conv, t.msgs, t.loaded = c, msgs, true
	t.render()
	if follow {
		t.scroll().GotoBottom()
	}
}

// Update scrolls the thread or asks to reply or go back.
func (t threadModel) Update(msg tea.KeyPressMsg) (threadModel, tea.Msg) {
	k := t.c.keys
	switch {
	case k.Matches(msg, actDown):
		t.scroll().ScrollDown(1)
	case k.Matches(msg, actUp):
		t.scroll().ScrollUp(1)
	case k.Matches(msg, actPageDown):
		t.scroll().PageDown()
	case k.Matches(msg, actPageUp):
		t.scroll().PageUp()
	case k.Matches(msg, actTop):
		t.scroll().GotoTop()
	case k.Matches(msg, actBottom):
		t.scroll().GotoBottom()
	case k.Matches(msg, actReply):
		return t, replyIntent{}
	case k.Matches(msg, actBack):
		return t, backIntent{}
	}
	return t, nil
}

// View draws the header and the visible part of the thread.
func (t threadModel) View() string {
	if !t.shown.hasBody {
		t.shown.body, t.shown.hasBody = t.vp.View(), true
	}
	return t.header() + "\n" + t.shown.body
}

func (t threadModel) header() string {
	c, loc, st := t.conv, t.c.loc, t.c.st
	who := c.Contact.Name
	if c.Contact.Handle != "" && c.Contact.Handle != who {
		who = strings.TrimSpace(who + " " + c.Contact.Handle)
	}
	var labels []string
	for _, l := range c.Labels {
		labels = append(labels, "#"+l)
	}
	first := joinNonEmpty(" · ", who, c.AccountName, loc.status(c.Status), c.Assignee,
		priorityMark(c.Priority), strings.Join(labels, " "))
	b := st.platforms.badge(c.Platform)
	about := c.Title
	if about == "" {
		about = c.ContextText
	}
	row2 := " " + loc.kind(c.Kind)
	if here := t.c.presenceLine(c.ID); here != "" {
		row2 = " " + here + " ·" + row2
	}
	if about != "" {
		row2 += ": " + about
	}
	key := [3]string{string(c.Platform), first, row2}
	if sh := t.shown; sh.head != "" && sh.headKey == key && sh.headSize == t.width && sh.headLook == st.Plain {
		return sh.head
	}
	row1 := st.Badge(c.Platform).Render(b) + st.Header.Render(cell(" "+first, t.width-len(b)))
	head := row1 + "\n" + st.Dim.Render(line(row2, t.width))
	t.shown.headKey, t.shown.headSize, t.shown.headLook, t.shown.head = key, t.width, st.Plain, head
	return head
}

// render rebuilds the thread's lines for the current width.
func (t *threadModel) render() {
	if t.width <= 0 {
		return
	}
	t.scroll().SetContentLines(t.lines())
}

// lines draws the thread's lines for the current width.
func (t *threadModel) lines() []string {
	w := max(1, t.width-2)
	var lines []string
	add := func(s string) { lines = append(lines, s) }
	c, st, loc := t.conv, t.c.st, t.c.loc
	if c.ContextText != "" && c.ContextText != c.Title {
		wrapped := sanitize.Wrap(c.ContextText, w)
		if len(wrapped) > contextLines {
			wrapped = append(wrapped[:contextLines-1], sanitize.Truncate(wrapped[contextLines-1]+" …", w))
		}
		for _, l := range wrapped {
			add(st.Dim.Render("  " + l))
		}
	}
	if c.ContextURL != "" {
		add(st.Dim.Render("  " + sanitize.Truncate(c.ContextURL, w)))
	}
	if len(lines) > 0 {
		add(st.Dim.Render(strings.Repeat("─", min(t.width, 40))))
	}
	for _, l := range t.deskHead(w) {
		add(l)
	}
	switch {
	case !t.loaded:
		add("  " + loc.T("thread.loading"))
	case len(t.msgs) == 0:
		add("  " + loc.T("thread.empty"))
	case len(t.msgs) >= threadLimit:
		add(st.Dim.Render("  " + loc.F("thread.older", threadLimit)))
	}
	hs, ns := t.trail.Handoffs, t.trail.Notes
	// desk draws the handoffs and notes made before at (all of them for
	// the zero time), so they sit among the messages in time order.
	desk := func(at time.Time) {
		for len(hs) > 0 || len(ns) > 0 {
			noteFirst := len(hs) == 0 || (len(ns) > 0 && ns[0].At.Before(hs[0].At))
			next := func() time.Time {
				if noteFirst {
					return ns[0].At
				}
				return hs[0].At
			}()
			if !at.IsZero() && next.After(at) {
				return
			}
			if noteFirst {
				lines, ns = append(lines, t.noteLines(ns[0], w)...), ns[1:]
			} else {
				lines, hs = append(lines, t.handoffLines(hs[0], w)...), hs[1:]
			}
		}
	}
	for i, m := range t.msgs {
		if i > 0 {
			add("")
		}
		desk(m.SentAt)
		add(t.meta(m))
		for _, l := range sanitize.Wrap(m.Text, w) {
			add("  " + l)
		}
		if t.publicID(m) {
			for _, l := range sanitize.Wrap(loc.F("thread.exposed_id", t.hideKey()), w) {
				add(st.Warn.Render("  " + l))
			}
		}
		if m.Direction == inbox.In && t.spammy(m.Text) {
			for _, l := range sanitize.Wrap(loc.T("thread.spam"), w) {
				add(st.Warn.Render("  " + l))
			}
		}
	}
	if len(hs)+len(ns) > 0 && len(t.msgs) > 0 {
		add("")
	}
	desk(time.Time{})
	return lines
}

// hideKey is how the admin hides a comment here: its key, else the command.
func (t threadModel) hideKey() string {
	if k := t.c.keys.HelpOn(inThread, actHide); k != "" {
		return k
	}
	return ":hide"
}

// publicID reports whether m is a citizen's public comment or mention that
// shows their NIK or KK number for anyone to read.
func (t threadModel) publicID(m inbox.Message) bool {
	public := t.conv.Kind == inbox.KindComment || t.conv.Kind == inbox.KindMention
	return public && m.Direction == inbox.In && !m.Hidden && t.exposesID != nil && t.exposesID(m.Text)
}

// meta is the line above a message: author and time, and for a reply who
// sent it and how its delivery stands. It is cut to the width as plain text
// and then styled whole.
func (t threadModel) meta(m inbox.Message) string {
	st, loc := t.c.st, t.c.loc
	when := t.c.stamp(m.SentAt)
	if m.Direction == inbox.In {
		name := m.Author.Name
		if name == "" {
			name = m.Author.Handle
		}
		s := sanitize.Truncate(name, 30) + " · " + when
		switch {
		case m.Hiding == inbox.HideHiding:
			s += " · " + loc.T("thread.hiding")
		case m.Hiding == inbox.HideUnhiding:
			s += " · " + loc.T("thread.unhiding")
		case m.Hiding == inbox.HideFailed:
			s += " · " + loc.F("thread.hide_failed", m.HideError)
		case m.Hidden:
			s += " · " + loc.T("thread.hidden")
		}
		return st.Inbound.Render(sanitize.Truncate(s, t.width))
	}
	by := m.SentBy
	if by == "" {
		by = m.Author.Name
	}
	if by == "" {
		by = loc.T("thread.office")
	}
	s := "→ " + sanitize.Truncate(by, 24) + " · " + when + " · " + loc.delivery(m.Delivery)
	if m.LastError != "" && (m.Delivery == inbox.DeliveryFailed || m.Delivery == inbox.DeliveryUnknown || m.Delivery == inbox.DeliveryRejected) {
		s += ": " + m.LastError
	}
	s = sanitize.Truncate(s, t.width)
	switch m.Delivery {
	case inbox.DeliveryFailed, inbox.DeliveryRejected:
		return st.Error.Render(s)
	case inbox.DeliveryUnknown, inbox.DeliveryAwaiting:
		return st.Warn.Render(s)
	}
	return st.Outbound.Render(s)
}

// outboxTarget finds the newest reply in the outbox in one of the states,
// for :resend and :cancel; the store's thread lists them with negative ids.
func outboxTarget(msgs []inbox.Message, states ...inbox.Delivery) (int64, bool) {
	for i := len(msgs) - 1; i >= 0; i-- {
		m := msgs[i]
		if m.ID >= 0 || m.Direction != inbox.Out {
			continue
		}
		for _, s := range states {
			if m.Delivery == s {
				return -m.ID, true
			}
		}
	}
	return 0, false
}
