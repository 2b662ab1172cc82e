package ui

import (
	tea "charm.land/bubbletea/v2"

	"sapa/inbox"
)

// question is what a y/n prompt on the bottom row decides. Only one is
// open at a time; the prompt takes every key until it is answered.
type question int

const (
	askNone     question = iota
	askSend              // send over another admin's newer reply (drafts.retry holds it)
	askDiscard           // discard the open conversation's draft
	askTakeover          // assign a conversation someone else holds
	askPII               // send a public reply that holds personal data (Model.piiSend)
	askReply             // write a reply where another admin is writing one
)

// pendingAsk is the open question and what y would do.
type pendingAsk struct {
	what     question
	convID   int64
	assignee string // askTakeover: the new assignee ("" unassigns)
	holder   string // askTakeover: who holds it now, the guard for the change
	done     string // askTakeover: the status message once done
}

// askYesNo opens a y/n prompt for q.
func (m *Model) askYesNo(q pendingAsk, text string) tea.Cmd {
	m.asking = q
	m.prompt = newPrompt(promptConfirm, text+" ", "")
	return nil
}

// answer runs what y decides, or leaves everything as it was on any other key.
func (m *Model) answer(yes bool) tea.Cmd {
	q := m.asking
	m.asking = pendingAsk{}
	switch q.what {
	case askSend:
		return m.confirmSend(yes)
	case askPII:
		req := m.piiSend
		m.piiSend = nil
		if !yes || req == nil {
			m.tell(m.c.loc.T("done.not_sent"))
			return nil
		}
		m.tell(m.c.loc.T("done.sending"))
		return m.send(*req)
	case askDiscard:
		if !yes {
			m.tell(m.c.loc.T("done.draft_kept"))
			return nil
		}
		return m.discard(q.convID)
	case askReply:
		if !yes {
			m.tell(m.c.loc.T("done.not_writing"))
			return nil
		}
		return m.startReply()
	case askTakeover:
		if !yes {
			m.tell(m.c.loc.T("done.not_taken"))
			return nil
		}
		name := q.assignee
		return applyCmd(m.deps.Ctx, m.deps.Store, q.convID, m.c.admin,
			inbox.Change{Assign: &name, ExpectAssignee: q.holder}, q.done)
	}
	return nil
}

// askDiscard asks before throwing away the open conversation's draft.
func (m *Model) askDiscard() tea.Cmd {
	if m.screen != screenThread || m.composer.value() == "" {
		m.fail(m.c.loc.T("err.no_draft"))
		return nil
	}
	return m.askYesNo(pendingAsk{what: askDiscard, convID: m.composer.convID}, m.c.loc.T("confirm.discard"))
}

// discard empties the composer and deletes the stored draft (saving an
// empty draft deletes it), through the draft queue so no older save can
// bring it back.
func (m *Model) discard(convID int64) tea.Cmd {
	if m.composer.convID != convID {
		return nil
	}
	m.composer.clear()
	m.composing = false
	m.composer.Blur()
	m.tell(m.c.loc.T("done.discarded"))
	return m.saveIfChanged()
}
