package ui

import (
	"context"
	"errors"

	tea "charm.land/bubbletea/v2"

	"sapa/inbox"
)

// moderatedMsg is the outcome of asking to hide or unhide comments.
type moderatedMsg struct {
	res  inbox.Moderated
	hide bool
	bulk bool // on the marked conversations: the marks are spent
	err  error
}

// moderateCmd writes the intention to hide (or show again) the comments of
// the conversations; the relay performs it on the platform.
func moderateCmd(ctx context.Context, st Store, ids []int64, admin string, hide, bulk bool) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := call(ctx)
		defer cancel()
		res, err := st.Moderate(ctx, ids, admin, hide)
		return moderatedMsg{res: res, hide: hide, bulk: bulk, err: err}
	}
}

// hideAction toggles the current conversation's comments: hidden (or on
// their way there) are shown again, otherwise hidden. `:hide` and `:unhide`
// say which.
func (m *Model) hideAction(hide *bool) tea.Cmd {
	if m.bulk {
		// On marked conversations x hides: toggling each alone would leave
		// a mixed set half shown.
		return moderateCmd(m.deps.Ctx, m.deps.Store, m.marked(), m.c.admin, hide == nil || *hide, true)
	}
	c, ok := m.current()
	if !ok {
		m.fail(m.c.loc.T("err.no_conv"))
		return nil
	}
	want := c.Hiding != inbox.HideHidden && c.Hiding != inbox.HideHiding
	if hide != nil {
		want = *hide
	}
	return moderateCmd(m.deps.Ctx, m.deps.Store, []int64{c.ID}, m.c.admin, want, false)
}

// moderated reports the outcome and redraws what changed.
func (m *Model) moderated(msg moderatedMsg) tea.Cmd {
	loc := m.c.loc
	switch {
	case errors.Is(msg.err, inbox.ErrCannotHide):
		m.fail(loc.T("err.cannot_hide"))
		return nil
	case msg.err != nil:
		m.fail(m.describeErr(msg.err))
		return nil
	case msg.res.Queued == 0:
		m.tell(loc.T("done.nothing_to_hide"))
		return nil
	}
	done := loc.F("done.hide", msg.res.Queued)
	if !msg.hide {
		done = loc.F("done.unhide", msg.res.Queued)
	}
	if msg.res.Refused > 0 {
		done += " · " + loc.F("done.hide_refused", msg.res.Refused)
	}
	if msg.bulk {
		m.unmarkAll()
	}
	m.tell(done)
	return m.reloadAll()
}
