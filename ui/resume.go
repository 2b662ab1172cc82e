package ui

import (
	"context"
	"reflect"
	"time"

	tea "charm.land/bubbletea/v2"

	"sapa/inbox"
)

// Resuming: where the admin is (the list's filter and window, the selected
// and open conversation, whether the composer has the keyboard) is kept in
// the store, so a session that reconnects after a dropped link opens where
// the last one was; the draft comes back with the conversation, from the
// drafts. Opening, closing, composing and changing the filter are saved at
// once (they are rare); moving the selection is saved once it rests for
// screenRest, so holding j writes once. Nothing is written while idle.

// screenRest is how long the selection rests before it is saved.
const screenRest = time.Second

// resumeState is what the model knows about its kept screen.
type resumeState struct {
	loaded bool         // the kept screen was read at start (or there was none): saving may begin
	saved  inbox.Screen // the screen last asked to be kept
	armed  bool         // a rest tick is on its way
	seq    uint64       // numbers the saves, for log
	log    *draftLog    // orders the saves, the one at exit last
	quit   bool         // the admin chose to leave: the next session starts on the list
}

// screenTickMsg ends a rest of the selection.
type screenTickMsg struct{}

// screenSavedMsg is a landed save of the screen.
type screenSavedMsg struct{ err error }

// resumeConvMsg brings the conversation the kept screen had open.
type resumeConvMsg struct {
	conv      inbox.Conversation
	composing bool
	err       error
}

// screenNow is where the admin is now.
func (m Model) screenNow() inbox.Screen {
	f := m.list.filter
	// The suggested-spam view (IDs) is computed by this session; a new one
	// resumes the open view it narrows.
	f.Me, f.Now, f.IDs = "", time.Time{}, nil
	s := inbox.Screen{Filter: f, Top: m.list.anchor}
	if c, ok := m.list.selected(); ok {
		s.Selected = c.ID
	}
	if m.screen == screenThread && m.thread.conv.ID != 0 && !m.resume.quit {
		s.Open, s.Composing = m.thread.conv.ID, m.composing
	}
	return s
}

// sameTop compares two window tops by value.
func sameTop(a, b *inbox.Cursor) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a.Priority == b.Priority && a.ID == b.ID && a.LastMessageAt.Equal(b.LastMessageAt)
}

// onlyMoved reports whether a and b differ at most in the selection and the
// window's top.
func onlyMoved(a, b inbox.Screen) bool {
	return reflect.DeepEqual(a.Filter, b.Filter) && a.Open == b.Open && a.Composing == b.Composing
}

// sameScreen reports whether a and b are the same place.
func sameScreen(a, b inbox.Screen) bool {
	return onlyMoved(a, b) && a.Selected == b.Selected && sameTop(a.Top, b.Top)
}

// syncScreen saves the screen when it changed: at once, or once the
// selection rests when only the selection moved.
func (m *Model) syncScreen() tea.Cmd {
	if !m.resume.loaded || m.resume.log == nil {
		return nil
	}
	now := m.screenNow()
	switch {
	case sameScreen(now, m.resume.saved):
		return nil
	case !onlyMoved(now, m.resume.saved) || m.noWatch: // tests: no timer
		return m.saveScreen(now)
	case m.resume.armed:
		return nil
	}
	m.resume.armed = true
	return tea.Tick(screenRest, func(time.Time) tea.Msg { return screenTickMsg{} })
}

// screenRested saves the selection where it rests.
func (m *Model) screenRested() tea.Cmd {
	m.resume.armed = false
	if now := m.screenNow(); !sameScreen(now, m.resume.saved) {
		return m.saveScreen(now)
	}
	return nil
}

func (m *Model) saveScreen(s inbox.Screen) tea.Cmd {
	m.resume.saved = s
	m.resume.seq++
	ctx, st, admin, log, seq := m.deps.Ctx, m.deps.Store, m.c.admin, m.resume.log, m.resume.seq
	return func() tea.Msg {
		ctx, cancel := call(ctx)
		defer cancel()
		return screenSavedMsg{err: log.save(seq, func() error { return st.SaveScreen(ctx, admin, s) })}
	}
}

// restore puts the kept screen back: the list's filter, window and
// selection now, the open conversation once it is loaded (resumeConvMsg).
func (m *Model) restore(s inbox.Screen) tea.Cmd {
	m.resume.saved = s
	f := s.Filter
	f.Me = m.c.admin
	m.list.filter = f
	m.list.anchor = s.Top
	if s.Selected != 0 {
		m.list.keepID, m.list.touched = s.Selected, true
	}
	if s.Open == 0 {
		return nil
	}
	ctx, st, id, composing := m.deps.Ctx, m.deps.Store, s.Open, s.Composing
	return func() tea.Msg {
		ctx, cancel := call(ctx)
		defer cancel()
		c, err := st.Conversation(ctx, id)
		return resumeConvMsg{conv: c, composing: composing, err: err}
	}
}

// resumeConv opens the conversation the kept screen had open, unless the
// admin has already gone elsewhere. One that is gone (or has left the
// admin's scope) leaves the list on screen.
func (m *Model) resumeConv(msg resumeConvMsg) tea.Cmd {
	if msg.err != nil || m.screen != screenList || m.help {
		return nil
	}
	cmd := m.openConversation(msg.conv)
	if msg.composing {
		m.composing = true
		m.composer.Focus()
	}
	m.resume.saved = m.screenNow() // as kept: no save needed
	return cmd
}

// saveScreenOnExit is SaveOnExit's part for the screen: the last place the
// admin was, or the list when they chose to quit.
func saveScreenOnExit(ctx context.Context, m Model) error {
	if !m.resume.loaded || m.resume.log == nil {
		return nil
	}
	now := m.screenNow()
	if sameScreen(now, m.resume.saved) {
		return nil
	}
	ctx, cancel := call(ctx)
	defer cancel()
	return m.resume.log.save(^uint64(0), func() error { return m.deps.Store.SaveScreen(ctx, m.c.admin, now) })
}
