package ui

import (
	"slices"
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
	c       *common
	loaded  bool // the first status load has arrived: until then the relay's state is unknown
	holder  string
	expires time.Time
	// checked is when the lease was read: whether the relay is alive is
	// judged then, not at every frame, so a frame drawn at the lease's
	// deadline, before the renewed lease is read, does not flash "not
	// running" for a relay that has already renewed it.
	checked  time.Time
	accounts []inbox.AccountInfo
	counts   map[inbox.Delivery]int
	// local is this process's relay's own state (nil: the relay runs
	// elsewhere): it says why a lease check failed, which the lease row
	// cannot while writes fail, and that no deadline needs watching.
	local  *inbox.RelayState
	msg    string
	msgBad bool
	marked int // conversations marked for a `;` action
	// shown keeps the rows last drawn and what they were drawn from, so a
	// frame that changes neither row does not draw them again. Shared by
	// the model's copies; a memo only. nil: nothing kept.
	shown *statusShown
}

// statusShown is the status bar's memo: each row with its inputs.
type statusShown struct {
	parts    []part
	barWidth int
	barPlain bool
	barOut   string
	msgKey   messageKey
	msgOut   string
}

// messageKey is everything the bottom row is drawn from.
type messageKey struct {
	width int
	here  where
	draft bool
	// deciding: a reply in the open conversation waits for this admin's
	// approval (the approvals view).
	deciding bool
	overlay  string
	msg      string
	bad      bool
	plain    bool // the look
}

// bar returns the status row drawn before from the same parts, width and look.
func (sh *statusShown) bar(parts []part, width int, plain bool) (string, bool) {
	if sh == nil || sh.barOut == "" || sh.barWidth != width || sh.barPlain != plain || !slices.Equal(sh.parts, parts) {
		return "", false
	}
	return sh.barOut, true
}

// keepBar records the status row as drawn.
func (sh *statusShown) keepBar(parts []part, width int, plain bool, out string) {
	if sh != nil {
		sh.parts, sh.barWidth, sh.barPlain, sh.barOut = parts, width, plain, out
	}
}

// set takes freshly loaded status data.
func (s *statusModel) set(m statusLoadedMsg) {
	if m.err != nil {
		s.say(m.err.Error(), true)
		return
	}
	s.holder, s.expires, s.accounts, s.counts, s.local = m.holder, m.expires, m.accounts, m.counts, m.relay
	s.loaded, s.checked = true, s.c.now()
}

// say sets the transient message.
func (s *statusModel) say(msg string, bad bool) { s.msg, s.msgBad = msg, bad }

// relayOK reports a relay holding a live lease when it was last read; the
// watcher reads it again at its deadline.
func (s statusModel) relayOK() bool { return s.holder != "" && s.expires.After(s.checked) }

// followsRelay reports that this process's relay tells the screen of every
// change of the lease, so its deadline needs no watching: while that relay
// runs it either holds the lease or finds the holder alive at each renewal,
// and it says so when that changes.
func (s statusModel) followsRelay() bool { return s.local != nil && !s.local.Stopped }

// relayErr is why this process's relay last failed to check its lease.
func (s statusModel) relayErr() error {
	if s.local == nil {
		return nil
	}
	return s.local.Err
}

// part is one styled piece of the status row.
type part struct {
	text  string
	style *lipgloss.Style // nil: unstyled
}

// View draws the status row, exactly width cells.
func (s statusModel) View(width int) string {
	st, loc := &s.c.st, s.c.loc
	parts := []part{{s.c.admin, &st.Header}}
	// Nothing about the relay until the lease has been read once: a start-up
	// frame drawn before that would say "not running" and be redrawn a moment
	// later, bytes on the link for a state that was never true.
	bad := s.unhealthy()
	switch {
	case !s.loaded:
	case s.relayErr() != nil:
		// The lease row cannot tell: writes to the store are failing.
		parts = append(parts, part{loc.F("status.relay_failing", sanitize.Line(s.relayErr().Error())), &st.Error})
	case len(s.accounts) == 0:
		// A relay with nothing to fetch is not "ok": say why the inbox is empty.
		parts = append(parts, part{loc.T("status.no_accounts"), &st.Warn})
	case s.relayOK() && len(bad) > 0:
		// The failing accounts follow; "ok" beside them would not be true.
	case s.relayOK():
		parts = append(parts, part{loc.T("status.relay_ok"), &st.OK})
	default:
		parts = append(parts, part{loc.T("status.relay_down"), &st.Error})
	}
	if n := s.counts[inbox.DeliveryQueued] + s.counts[inbox.DeliverySending]; n > 0 {
		parts = append(parts, part{loc.F("status.queued", n), nil})
	}
	if n := s.counts[inbox.DeliveryFailed]; n > 0 {
		parts = append(parts, part{loc.F("status.failed", n), &st.Error})
	}
	if n := s.counts[inbox.DeliveryUnknown]; n > 0 {
		parts = append(parts, part{loc.F("status.unknown", n), &st.Warn})
	}
	if s.marked > 0 {
		parts = append(parts, part{loc.F("status.marked", s.marked), &st.Warn})
	}
	if len(bad) > 0 {
		a := bad[0]
		text := sanitize.Line(a.Name) + ": " + sanitize.Line(a.LastError)
		if a.LastError == "" {
			text = sanitize.Line(a.Name) + ": " + loc.T("status.account_bad")
		}
		if len(bad) > 1 {
			text = loc.F("status.accounts_bad", len(bad)) + ", " + text
		}
		parts = append(parts, part{text, &st.Warn})
	}
	if out, ok := s.shown.bar(parts, width, st.Plain); ok {
		return out
	}
	out := fitParts(parts, " │ ", width)
	s.shown.keepBar(parts, width, st.Plain, out)
	return out
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
// message, or the hints of the screen the admin is on (here), built from
// the key map: while composing, the composer's keys, since list keys type
// text there; in a conversation holding a draft, how to resume or discard it.
//
// overlay, when not empty, is the locale key of the scrolling sheet's hint
// (help's or the report's): how to scroll it and that other keys close it.
func (s statusModel) MessageView(width int, here where, draft, deciding bool, overlay string) string {
	k := messageKey{width: width, here: here, draft: draft, deciding: deciding, overlay: overlay, msg: s.msg, bad: s.msgBad, plain: s.c.st.Plain}
	if s.shown != nil && s.shown.msgOut != "" && s.shown.msgKey == k {
		return s.shown.msgOut
	}
	out := s.messageView(k)
	if s.shown != nil {
		s.shown.msgKey, s.shown.msgOut = k, out
	}
	return out
}

// messageView draws the bottom row.
func (s statusModel) messageView(k messageKey) string {
	width, here, draft, overlay := k.width, k.here, k.draft, k.overlay
	if overlay != "" {
		first := func(keys string) string { k, _, _ := strings.Cut(keys, "/"); return k }
		scroll := joinNonEmpty("/", first(s.c.keys.HelpOn(inList, actDown)), first(s.c.keys.HelpOn(inList, actUp)))
		return s.c.st.Dim.Render(line(" "+s.c.loc.F(overlay, scroll), width))
	}
	if s.msg != "" {
		l := line(" "+s.msg, width)
		if s.msgBad {
			return s.c.st.Error.Render(l)
		}
		return l
	}
	return s.c.st.Dim.Render(line(" "+s.hints(here, draft, k.deciding, width-1), width))
}

// footerActions are the actions the footer names on each screen, with the
// words it names them by ("" for the action's help text). Help comes first,
// so even a phone's narrow footer says where the rest is.
var footerActions = map[where][]footerHint{
	inList:    {{actHelp, ""}, {actOpen, ""}, {actReply, ""}, {actCommand, ""}, {actSearch, ""}},
	inThread:  {{actHelp, ""}, {actReply, ""}, {actBack, ""}, {actCommand, ""}, {actSearch, ""}},
	inCompose: {{actSend, "compose.send"}, {actBack, "compose.close"}, {actEditor, "compose.editor"}, {actDiscard, "compose.discard"}},
}

// draftHints replace the thread's while a draft waits in the conversation.
var draftHints = []footerHint{{actHelp, ""}, {actReply, "compose.resume"}, {actDiscard, "key.discard"}, {actBack, ""}, {actCommand, ""}}

// decideHints replace the thread's while its reply waits for the admin's
// approval: approve, edit then approve, reject.
var decideHints = []footerHint{{actApprove, "hint.approve"}, {actApproveEdit, "hint.approve_edit"}, {actReject, "hint.reject"},
	{actBack, ""}, {actHelp, ""}}

// footerHint is one action the footer names.
type footerHint struct {
	id   actionID
	desc string // locale key; "" for the action's help text
}

// hints is "enter/l buka percakapan · r balas · …" for a screen, the whole
// hints that fit in width.
func (s statusModel) hints(here where, draft, deciding bool, width int) string {
	list := footerActions[here]
	switch {
	case here == inThread && draft:
		list = draftHints
	case here == inThread && deciding:
		list = decideHints
	}
	var parts []string
	for _, h := range list {
		if !s.c.actions.available(h.id) {
			continue
		}
		r, _ := s.c.actions.row(h.id)
		desc := h.desc
		if desc == "" {
			desc = r.helpKey()
		}
		parts = append(parts, keyHint(s.c.keys.HelpOn(here, h.id), s.c.loc.T(desc)))
	}
	return fitHints(" · ", width, parts...)
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
		used += lead + sanitize.Width(text)
		if p.style != nil {
			text = p.style.Render(text)
		}
		b.WriteString(text)
	}
	if used < width {
		b.WriteString(strings.Repeat(" ", width-used))
	}
	return b.String()
}
