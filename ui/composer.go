package ui

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/textarea"
	tea "charm.land/bubbletea/v2"

	"sapa/inbox"
	"sapa/sanitize"
)

// composerHeight is the composer's rows: one row of limits and keys, then
// the text.
const composerHeight = 5

// composerModel is the reply composer: a textarea with a live length counter
// against the account's limit (in the low-bandwidth look only near it), the
// reply-window and capability notes. It
// asks the root to save, send or open the editor; it never writes anything
// itself.
type composerModel struct {
	c *common
	// ta is shared by the model's copies and never changed in place: an
	// edit changes a copy (edit), so a key that does not touch the composer
	// does not copy its 15 kB with every Update of the root model.
	ta          *textarea.Model
	convID      int64
	caps        inbox.Capabilities
	lastInbound time.Time
	mention     string // handle of the author answered, which some connectors put in front
	width       int
	// typing: keys are changing the text, and the counter shows counted,
	// the length before they started, until the root's counterRestMsg with
	// restGen ends the burst (see counterRest).
	typing  bool
	counted int
	restGen int
}

func newComposer(c *common) composerModel {
	ta := textarea.New()
	ta.ShowLineNumbers = false
	ta.Prompt = "  "
	ta.CharLimit = 0 // the counter shows the platform's limit instead
	ta.MaxHeight = 0
	ta.KeyMap.Paste.SetEnabled(false) // a server has no clipboard; bracketed paste still works
	ta.KeyMap.LineEnd.SetKeys("end")  // ctrl+e opens the editor
	ta.SetVirtualCursor(false)        // the terminal's own cursor: nothing blinks
	ta.SetStyles(textarea.Styles{Cursor: textarea.CursorStyle{Shape: tea.CursorBar}})
	ta.SetHeight(composerHeight - 1)
	return composerModel{c: c, ta: &ta}
}

// edit returns the textarea to change: a copy, so the model's older copies
// keep theirs.
func (m *composerModel) edit() *textarea.Model {
	ta := *m.ta
	m.ta = &ta
	return m.ta
}

// SetSize fits the composer to the width.
func (m *composerModel) SetSize(w int) {
	m.width = w
	m.edit().SetWidth(w)
}

// load puts a conversation's draft in the composer, word for word.
func (m *composerModel) load(convID int64, caps inbox.Capabilities, lastInbound time.Time, draft string) {
	m.convID, m.caps, m.lastInbound = convID, caps, lastInbound
	m.edit().SetValue(sanitize.Text(draft))
	m.typing = false
}

// rested ends a burst of typing (the counterRestMsg of its last key): the
// counter shows the length again.
func (m *composerModel) rested(gen int) {
	if gen == m.restGen {
		m.typing = false
	}
}

// setLimits refreshes the account's capabilities and the reply window.
func (m *composerModel) setLimits(caps inbox.Capabilities, lastInbound time.Time) {
	m.caps, m.lastInbound = caps, lastInbound
}

// answering notes the handle of the author the reply answers: a connector
// that mentions them in front (Mastodon) counts it toward the limit.
func (m *composerModel) answering(handle string) { m.mention = handle }

// setText replaces the text (after $EDITOR) and counts as an edit.
func (m *composerModel) setText(s string) tea.Msg {
	m.edit().SetValue(sanitize.Text(s))
	m.typing = false
	return draftChangedIntent{convID: m.convID}
}

// clear empties the composer after a send.
func (m *composerModel) clear() { m.edit().Reset(); m.typing = false }

func (m composerModel) value() string { return m.ta.Value() }

// Focus gives the textarea the keyboard.
func (m *composerModel) Focus() { m.edit().Focus() }

// Blur takes the keyboard away.
func (m *composerModel) Blur() { m.edit().Blur() }

// Update edits the text, or turns send, editor and back into intents.
func (m composerModel) Update(msg tea.Msg) (composerModel, tea.Msg) {
	k := m.c.keys
	if kp, ok := msg.(tea.KeyPressMsg); ok {
		switch {
		case k.MatchesInText(kp, actSend):
			return m, sendIntent{convID: m.convID, text: m.value()}
		case k.MatchesInText(kp, actEditor):
			return m, editorIntent{convID: m.convID, text: m.value()}
		case k.MatchesInText(kp, actBack):
			return m, closeComposerIntent{}
		case k.MatchesInText(kp, actDiscard):
			return m, discardIntent{}
		case k.MatchesInText(kp, actCanned):
			return m, cannedIntent{}
		}
	}
	before, n := m.value(), m.length()
	ta, _ := m.ta.Update(safeInput(msg))
	m.ta = &ta
	if m.value() == before {
		return m, nil
	}
	if !m.typing {
		m.typing, m.counted = true, n
	}
	m.restGen++
	return m, draftChangedIntent{convID: m.convID}
}

// safeInput passes typed and pasted text through the sanitizer before the
// textarea draws it: a paste copied from a citizen's message must not carry
// escape sequences or bidi overrides onto the screen (or into the reply).
func safeInput(msg tea.Msg) tea.Msg {
	switch msg := msg.(type) {
	case tea.PasteMsg:
		msg.Content = sanitize.Text(msg.Content)
		return msg
	case tea.KeyPressMsg:
		if msg.Text != "" {
			msg.Text = sanitize.Text(msg.Text)
			if msg.Text == "" {
				return nil
			}
		}
		return msg
	}
	return msg
}

// length is the reply's length as the platform counts it, with the
// mention the connector adds.
func (m composerModel) length() int { return m.caps.ReplyLength(m.value(), m.mention) }

// window is the reply window that applies now.
func (m composerModel) window() inbox.Window { return m.caps.WindowAt(m.lastInbound, m.c.now()) }

// windowClosed reports a reply window the platform refuses replies past.
func (m composerModel) windowClosed() bool { return m.window().Kind == inbox.WindowClosed }

// windowEnd is when the window that applies now ends (the next one, or
// none, follows); zero when there is none. The note shows it as a clock
// time, and the root redraws at that moment, so the note is never stale on
// an idle screen.
func (m composerModel) windowEnd() time.Time { return m.window().Ends }

// viaTemplate reports a reply that goes out as the account's approved
// template because the window has run out (WhatsApp).
func (m composerModel) viaTemplate() bool { return m.window().Kind == inbox.WindowTemplate }

// maxLength is the limit the text is counted against: the template's
// variable outside the window, else the platform's; 0 means none. The text
// is counted as typed: line breaks, which a template sends as spaces, only
// ever make it shorter.
func (m composerModel) maxLength() int {
	if m.viaTemplate() && m.caps.WindowMaxLength > 0 {
		return m.caps.WindowMaxLength
	}
	return m.caps.MaxLength
}

// templateName is the window template's name, safe to draw.
func (m composerModel) templateName() string { return sanitize.Line(m.caps.WindowTemplate) }

// windowHours is the reply window in whole hours, for the notes.
func (m composerModel) windowHours() int { return int(m.caps.ReplyWindow / time.Hour) }

// queuedNote is the status line for the composer's reply once queued: it
// names the template when the reply goes out as one, and warns that its
// line breaks become spaces.
func (m composerModel) queuedNote() string {
	loc := m.c.loc
	switch {
	case !m.viaTemplate():
		return loc.T("done.queued")
	case strings.ContainsAny(m.value(), "\n\t"):
		return loc.F("done.queued_template_flat", m.templateName())
	}
	return loc.F("done.queued_template", m.templateName())
}

// refusal says why the platform would refuse the text, "" when it would not.
func (m composerModel) refusal() string {
	loc := m.c.loc
	switch {
	case strings.TrimSpace(m.value()) == "":
		return loc.T("compose.empty")
	case !m.caps.Reply:
		return loc.T("compose.noreply")
	case m.windowClosed():
		return loc.T("compose.window_closed")
	case m.viaTemplate() && m.maxLength() > 0 && m.length() > m.maxLength():
		return loc.F("compose.too_long_template", m.templateName(), m.length(), m.maxLength())
	case m.maxLength() > 0 && m.length() > m.maxLength():
		return loc.F("compose.too_long", m.length(), m.maxLength())
	}
	return ""
}

// View draws the info row and the text. While the admin types, nothing on
// the info row changes until typing rests (see counterRest) or the text
// nears the limit; in the low-bandwidth look the counter shows only near
// the limit.
func (m composerModel) View() string {
	st, loc := m.c.st, m.c.loc
	n, limit := m.length(), m.maxLength()
	over := limit > 0 && n > limit
	if m.typing && !nearLimit(n, limit) {
		n = m.counted
	}
	counter := fmt.Sprint(n)
	if limit > 0 {
		counter = fmt.Sprintf("%d/%d", n, limit)
	}
	if over {
		counter = "! " + counter
	}
	if m.c.st.Plain && !nearLimit(n, limit) {
		// Low-bandwidth look: the counter would be rewritten on every typed
		// character, so it shows only near the limit or over it. Its cell
		// stays reserved, so the rest of the row does not move when it does.
		counter = ""
	}
	note, bad := m.note()
	title := loc.T("compose.title")
	if !m.ta.Focused() {
		title = loc.T("compose.draft")
	}
	cw := max(len(counter), 11)
	room := m.width - cw - 1
	keys := m.keyHints(" "+joinNonEmpty(" · ", title, note), room)
	// Key hints that do not fit are cut; a note that would be cut (the
	// template's name) drops the title and the hints, which `?` also shows.
	// The choice depends on the width and the note, never on the text, so
	// typing redraws only the counter.
	left := " " + joinNonEmpty(" · ", title, note, keys)
	if note != "" {
		// Cut text ends in "…", which takes the last cell: the title and
		// note are whole only with a cell to spare, else the keys go.
		switch head := " " + title + " · " + note; {
		case sanitize.Width(head) > room:
			left = " " + note
		case sanitize.Width(head) == room:
			left = head
		}
	}
	info := cell(left, room)
	if bad {
		info = cell(" "+title+" · "+note, m.width-cw-1)
		info = st.Error.Render(info)
	}
	c := cellRight(counter, cw) + " "
	if over {
		c = st.Error.Render(c)
	}
	return info + c + "\n" + m.ta.View()
}

// keyHints are the keys that work while typing (send, close, the editor),
// as many whole ones as fit in room beside the title and note. A draft left
// in a conversation shows none: its keys are the conversation's, in the
// footer.
func (m composerModel) keyHints(lead string, room int) string {
	if !m.ta.Focused() {
		return ""
	}
	var parts []string
	for _, h := range footerActions[inCompose][:3] { // send, close, the editor
		if m.c.actions.available(h.id) {
			parts = append(parts, keyHint(m.c.keys.HelpOn(inCompose, h.id), m.c.loc.T(h.desc)))
		}
	}
	return fitHints(" · ", room-sanitize.Width(lead)-3, parts...)
}

// nearLimit reports a length within 10 % of the limit or over it; with no
// limit, never.
func nearLimit(n, limit int) bool { return limit > 0 && n*10 >= limit*9 }

// note is the most important limit to show: no replies, a closed reply
// window (and the template that replaces free text, when there is one), a
// closing one, or top-level-only replies. bad marks a refusal.
func (m composerModel) note() (string, bool) {
	loc := m.c.loc
	switch {
	case !m.caps.Reply:
		return loc.T("compose.noreply"), true
	case m.viaTemplate():
		return loc.F("compose.window_template", m.windowHours(), m.templateName()), false
	case m.windowClosed():
		return loc.T("compose.window_closed"), true
	case m.window().Kind == inbox.WindowTagged:
		w := m.window()
		return loc.F("compose.window_tagged", sanitize.Line(m.caps.WindowTag), int(w.Length/(24*time.Hour)), m.c.stamp(w.Ends)), false
	case m.window().Kind == inbox.WindowOpen && m.caps.TaggedWindow > 0:
		// Say which window applies while a tagged one follows it.
		return loc.F("compose.window_hours_left", m.windowHours(), m.c.stamp(m.window().Ends)), false
	case m.window().Kind == inbox.WindowOpen:
		return loc.F("compose.window_left", m.c.stamp(m.window().Ends)), false
	case m.caps.TopLevelOnly:
		return loc.T("compose.toplevel"), false
	}
	return "", false
}

// keyHint is "ctrl+s kirim", or "" for an unbound action.
func keyHint(keys, desc string) string {
	if keys == "" {
		return ""
	}
	return keys + " " + desc
}
