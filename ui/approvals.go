package ui

import (
	"context"
	"errors"
	"strings"

	tea "charm.land/bubbletea/v2"

	"sapa/inbox"
)

// Reply approval: replies of admins registered with needs_approval wait
// for a supervisor. A supervisor lists the conversations holding them (A,
// :approvals) and approves (Y), edits then approves (e) or rejects with a
// note (N); the author reads the state in the thread.

// approvalsMsg lists the conversations waiting for this admin's approval.
type approvalsMsg struct {
	ids   []int64
	quiet bool // a refresh after a decision: the decision's message stays
	err   error
}

// decidedMsg is the outcome of approving or rejecting.
type decidedMsg struct {
	done string
	err  error
}

func approvalsCmd(ctx context.Context, st Store, quiet bool) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := call(ctx)
		defer cancel()
		ids, err := st.Approvals(ctx)
		return approvalsMsg{ids: ids, quiet: quiet, err: err}
	}
}

func decideCmd(ctx context.Context, st Store, convID int64, admin string, approve bool, text, done string) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := call(ctx)
		defer cancel()
		var err error
		if approve {
			err = st.Approve(ctx, convID, admin, text)
		} else {
			err = st.Reject(ctx, convID, admin, text)
		}
		return decidedMsg{done: done, err: err}
	}
}

func (m *Model) approvalsAction(_ []string) tea.Cmd {
	return approvalsCmd(m.deps.Ctx, m.deps.Store, false)
}

// approvalsLoaded shows the approvals view: the list narrowed to the
// conversations holding a reply for this admin to decide on.
func (m *Model) approvalsLoaded(msg approvalsMsg) tea.Cmd {
	if msg.err != nil {
		m.fail(m.describeErr(msg.err))
		return nil
	}
	if msg.ids == nil {
		msg.ids = []int64{}
	}
	if !msg.quiet {
		m.tell(m.c.loc.F("done.approvals", len(msg.ids)))
	}
	cmd := m.setFilter(func(f *inbox.Filter) { f.View, f.IDs = inbox.ViewAll, msg.ids })
	m.list.idsTitle = m.c.loc.T("list.approvals")
	return cmd
}

// approveAction approves the current conversation's waiting reply as it
// stands; with arguments, `:approve TEXT` sends TEXT instead.
func (m *Model) approveAction(args []string) tea.Cmd {
	return m.decide(true, strings.Join(args, " "), m.c.loc.T("done.approved"))
}

// approveEditAction opens the waiting reply in the prompt to edit before
// approving (line breaks become spaces there); `:approve_edit TEXT` is
// `:approve TEXT`.
func (m *Model) approveEditAction(args []string) tea.Cmd {
	if len(args) > 0 {
		return m.approveAction(args)
	}
	c, ok := m.current()
	if !ok {
		m.fail(m.c.loc.T("err.no_conv"))
		return nil
	}
	if m.screen != screenThread || m.thread.conv.ID != c.ID {
		m.fail(m.c.loc.T("err.approve_open"))
		return nil
	}
	text, ok := awaitingText(m.thread.msgs)
	if !ok {
		m.fail(m.c.loc.T("err.no_approval"))
		return nil
	}
	m.prompt = newPrompt(promptApproveEdit, m.c.loc.T("prompt.approve_edit"), strings.Join(strings.Fields(text), " "))
	return nil
}

// rejectAction asks for the note the author will read, then rejects.
func (m *Model) rejectAction(args []string) tea.Cmd {
	if len(args) == 0 {
		// In the conversation, whether a reply waits is on screen: say so
		// before asking for a note that would be refused.
		if _, waits := awaitingText(m.thread.msgs); m.screen == screenThread && !waits {
			m.fail(m.c.loc.T("err.no_approval"))
			return nil
		}
		return m.ask(promptReject, m.c.loc.T("prompt.reject"))
	}
	return m.decide(false, strings.Join(args, " "), m.c.loc.T("done.rejected"))
}

func (m *Model) decide(approve bool, text, done string) tea.Cmd {
	c, ok := m.current()
	if !ok {
		m.fail(m.c.loc.T("err.no_conv"))
		return nil
	}
	return decideCmd(m.deps.Ctx, m.deps.Store, c.ID, m.c.admin, approve, text, done+": "+who(c))
}

// decided reports a decision and refreshes what shows it, the approvals
// view included.
func (m *Model) decided(msg decidedMsg) tea.Cmd {
	switch {
	case errors.Is(msg.err, inbox.ErrNotApprover):
		m.fail(m.c.loc.T("err.not_approver"))
		return nil
	case errors.Is(msg.err, inbox.ErrNotFound):
		m.fail(m.c.loc.T("err.no_approval"))
		return nil
	case msg.err != nil:
		m.fail(m.describeErr(msg.err))
		return nil
	}
	m.tell(msg.done)
	if m.inApprovals() {
		return approvalsCmd(m.deps.Ctx, m.deps.Store, true)
	}
	return m.reloadAll()
}

// inApprovals reports whether the list is the approvals view.
func (m Model) inApprovals() bool { return m.list.idsTitle == m.c.loc.T("list.approvals") }

// deciding reports an open conversation of the approvals view whose reply
// waits for approval: the bottom row names the keys that decide it.
func (m Model) deciding() bool {
	if m.screen != screenThread || !m.inApprovals() {
		return false
	}
	_, waits := awaitingText(m.thread.msgs)
	return waits
}

// awaitingText is the text of the thread's reply waiting for approval.
func awaitingText(msgs []inbox.Message) (string, bool) {
	for _, msg := range msgs {
		if msg.Delivery == inbox.DeliveryAwaiting {
			return msg.Text, true
		}
	}
	return "", false
}
