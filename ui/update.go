package ui

import (
	"errors"
	"time"

	tea "charm.land/bubbletea/v2"

	"sapa/inbox"
	"sapa/sanitize"
)

// handleKey routes a key: ctrl+c, help, an open prompt and the composer
// first; then the global keys; then triage keys; then the focused pane. A
// status message lasts until the next key.
func (m *Model) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	m.status.say("", false)
	if msg.String() == "ctrl+c" {
		return m.leave()
	}
	if m.help {
		if m.report != nil {
			if cmd, ok := m.reportKey(msg); ok {
				return cmd
			}
		}
		m.helpKey(msg)
		return nil
	}
	if m.prompt.active() && m.prompt.kind != promptConfirm && (msg.String() == "tab" || msg.String() == "shift+tab") {
		step := 1
		if msg.String() == "shift+tab" {
			step = -1
		}
		m.complete(step)
		return nil
	}
	if m.prompt.active() {
		var r *promptResult
		m.prompt, r = m.prompt.Update(msg)
		if r == nil {
			return nil
		}
		cmd := m.finishPrompt(*r)
		if !m.prompt.active() {
			m.bulk = false
		}
		return cmd
	}
	if m.composing {
		var intent tea.Msg
		m.composer, intent = m.composer.Update(msg)
		return m.intentCmd(intent)
	}
	id, line, ok := m.c.keys.lookup(m.here(), msg)
	if m.tagPrefix {
		r, found := m.c.actions.row(id)
		return m.runPrefixed(r, ok && found && line == "")
	}
	if ok && line != "" {
		return m.runCommand(line)
	}
	if r, found := m.c.actions.row(id); ok && found && (r.run != nil || r.onKey != nil) {
		return m.runKey(r)
	}
	if m.screen == screenThread {
		var intent tea.Msg
		m.thread, intent = m.thread.Update(msg)
		return m.intentCmd(intent)
	}
	return m.listKey(msg)
}

// listKey handles the keys of the list screen that only the list has.
func (m *Model) listKey(msg tea.KeyPressMsg) tea.Cmd {
	if m.c.keys.Matches(msg, actBack) {
		if m.list.filter.Search != "" {
			return m.setFilter(func(f *inbox.Filter) { f.Search = "" })
		}
		return nil
	}
	var intent tea.Msg
	m.list, intent = m.list.Update(msg)
	return m.intentCmd(intent)
}

// handlePaste gives pasted text to the prompt or the composer.
func (m *Model) handlePaste(msg tea.PasteMsg) tea.Cmd {
	switch {
	case m.prompt.active():
		m.prompt, _ = m.prompt.Update(msg)
	case m.composing:
		var intent tea.Msg
		m.composer, intent = m.composer.Update(msg)
		return m.intentCmd(intent)
	}
	return nil
}

// intentCmd turns a pane's intent into state changes and commands.
func (m *Model) intentCmd(intent tea.Msg) tea.Cmd {
	switch it := intent.(type) {
	case windowReq:
		it.preview = m.wantsPreview()
		if !m.list.loaded && m.deps.Backfilled != nil {
			return firstWindowCmd(m.deps.Ctx, m.deps.Store, it, m.deps.Backfilled, backfillWait)
		}
		return loadWindowCmd(m.deps.Ctx, m.deps.Store, it)
	case openIntent:
		return m.openConversation(it.conv)
	case backIntent:
		return m.closeConversation()
	case replyIntent:
		return m.reply()
	case draftChangedIntent:
		return tea.Batch(m.draftChanged(), m.countLater())
	case sendIntent:
		return m.trySend(it.text)
	case editorIntent:
		if m.deps.NoEditor {
			m.fail(m.c.loc.T("err.no_editor"))
			return nil
		}
		return editorFileCmd(it.convID, it.text)
	case discardIntent:
		return m.askDiscard()
	case cannedIntent:
		return m.cannedAction(nil)
	case closeComposerIntent:
		m.composing = false
		m.composer.Blur()
		return m.saveIfChanged()
	}
	return nil
}

// handleResult takes what a command brought back.
func (m *Model) handleResult(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case ShutdownMsg:
		// Keys the terminal delivered just before the signal may still be
		// on their way through the input reader: take them in, then quit.
		return tea.Tick(shutdownGrace, func(time.Time) tea.Msg { return shutdownNowMsg{} })
	case shutdownNowMsg:
		return m.quit()
	case baselineMsg:
		m.counter = msg.counter
		m.resume.loaded = true
		var resumed tea.Cmd
		if msg.err != nil {
			m.fail(m.describeErr(msg.err))
		} else if msg.resume {
			resumed = m.restore(msg.screen)
		}
		return tea.Batch(m.reloadList(), m.watch(), resumed)
	case presenceMsg:
		return m.presenceChanged(msg)
	case resumeConvMsg:
		return m.resumeConv(msg)
	case screenTickMsg:
		return m.screenRested()
	case screenSavedMsg:
		if msg.err != nil {
			m.fail(m.describeErr(msg.err))
		}
	case changedMsg:
		if msg.counter == m.counter {
			// The relay's lease deadline, nothing changed: only the
			// status bar can differ.
			return tea.Batch(m.loadStatus(), m.watch())
		}
		m.counter = msg.counter
		return tea.Batch(m.reloadAll(), m.watch())
	case windowMsg:
		if m.list.setWindow(msg) {
			return m.reloadList()
		}
		if msg.err != nil && msg.gen == m.list.gen {
			m.fail(m.describeErr(msg.err))
		}
		m.previewWith(msg.preview)
		return m.armPreview()
	case convLoadedMsg:
		m.conversationLoaded(msg)
	case previewTickMsg:
		return m.previewTick(msg)
	case previewLoadedMsg:
		m.previewLoaded(msg)
	case statusLoadedMsg:
		m.status.set(msg)
		m.list.noAccounts = m.status.loaded && len(m.status.accounts) == 0
		return m.followRelay(msg.relayChanged)
	case relayChangedMsg:
		m.relayWatch = nil
		return m.loadStatus()
	case counterRestMsg:
		m.composer.rested(msg.gen)
		return nil
	case draftTickMsg:
		m.drafts.armed = false
		return m.saveIfChanged()
	case draftSavedMsg:
		return m.draftSaved(msg)
	case sentMsg:
		return m.sent(msg)
	case appliedMsg:
		return m.applied(msg)
	case bulkDoneMsg:
		return m.bulkDone(msg)
	case moderatedMsg:
		return m.moderated(msg)
	case spamModelMsg:
		return m.spamLoaded(msg)
	case spamViewMsg:
		return m.spamViewLoaded(msg)
	case approvalsMsg:
		return m.approvalsLoaded(msg)
	case decidedMsg:
		return m.decided(msg)
	case outboxDoneMsg:
		if msg.err != nil {
			m.fail(m.describeErr(msg.err))
			return nil
		}
		m.tell(msg.done)
		return m.reloadAll()
	case editorFileMsg:
		if msg.err != nil {
			m.fail(m.describeErr(msg.err))
			return nil
		}
		return editorCmd(m.editor, msg.convID, msg.path)
	case editorDoneMsg:
		return m.editorDone(msg)
	case historyMsg:
		m.historyLoaded(msg)
	case targetsMsg:
		return m.targetsLoaded(msg)
	case deskDoneMsg:
		return m.deskDone(msg)
	case reportMsg:
		m.reportLoaded(msg)
	case savedViewMsg, viewSavedMsg:
		return m.viewsMsg(msg)
	case namesLoadedMsg:
		if msg.err != nil {
			m.fail(m.describeErr(msg.err))
			return nil
		}
		m.names = msg.names
	case errMsg:
		m.fail(m.describeErr(msg.err))
	}
	return nil
}

// watch arms the change watcher, unless tests turned it off. The relay's
// lease expiry goes with it, so a relay that dies silently still shows.
func (m *Model) watch() tea.Cmd {
	if m.noWatch {
		return nil
	}
	var deadline time.Time
	if m.status.relayOK() && !m.status.followsRelay() {
		deadline = m.status.expires
	}
	if w, ok := m.deps.Store.(changeWaiter); ok {
		return waitChangeCmd(m.deps.Ctx, w, m.counter, deadline, m.c.now, m.watchEvery)
	}
	return watchCmd(m.deps.Ctx, m.deps.Store, m.counter, deadline, m.c.now, m.watchEvery)
}

// loadStatus reloads the status bar's data.
func (m *Model) loadStatus() tea.Cmd {
	return statusCmd(m.deps.Ctx, m.deps.Store, m.deps.Relay, leaseCheckWait)
}

// followRelay waits for the next change of this process's relay, told by
// changed (from the latest status load), unless it already waits on it.
// One wait per screen, woken only when the lease's state changes.
func (m *Model) followRelay(changed <-chan struct{}) tea.Cmd {
	if changed == nil || changed == m.relayWatch || m.noWatch {
		return nil
	}
	m.relayWatch = changed
	return relayWatchCmd(m.deps.Ctx, changed)
}

// reloadList reloads the visible window, keeping its anchor and selection.
func (m *Model) reloadList() tea.Cmd {
	m.previews.forget() // a reload follows a change: what was previewed may be stale
	if m.height <= 0 {
		return nil
	}
	var req tea.Msg
	m.list, req = m.list.reload(winReload)
	return m.intentCmd(req)
}

// reloadAll reloads what is on screen: the window, the open conversation
// (without touching the composer) and the status bar.
func (m *Model) reloadAll() tea.Cmd {
	cmds := []tea.Cmd{m.reloadList(), m.loadStatus()}
	if m.screen == screenThread && m.thread.conv.ID != 0 {
		cmds = append(cmds, openConvCmd(m.deps.Ctx, m.deps.Store, m.thread.conv.ID, m.c.admin, false))
	}
	if m.preview.conv.ID != 0 && m.previewing() {
		cmds = append(cmds, m.loadPreview(m.preview.conv.ID))
	}
	return tea.Batch(cmds...)
}

// openConversation shows a conversation at once from its list row, loads the
// thread and draft, and marks it read.
func (m *Model) openConversation(c inbox.Conversation) tea.Cmd {
	m.screen, m.composing, m.help = screenThread, false, false
	m.openedAt = m.c.now() // replies by others after this are news to the admin
	m.thread.open(c)
	m.composer.Blur()
	m.composer.load(c.ID, m.capsOf(c.AccountID), c.LastInboundAt, "")
	m.composer.answering(c.Contact.Handle)
	m.drafts.resetDraft("")
	cmds := []tea.Cmd{openConvCmd(m.deps.Ctx, m.deps.Store, c.ID, m.c.admin, true)}
	if c.Unread {
		c.Unread = false
		m.list.replace(c)
		cmds = append(cmds, markReadCmd(m.deps.Ctx, m.deps.Store, c.ID))
	}
	return tea.Batch(cmds...)
}

// capsOf returns an account's capabilities from the status bar's data.
func (m *Model) capsOf(accountID int64) inbox.Capabilities {
	for _, a := range m.status.accounts {
		if a.ID == accountID {
			return a.Caps
		}
	}
	return inbox.Capabilities{Reply: true}
}

func (m *Model) conversationLoaded(msg convLoadedMsg) {
	if m.screen != screenThread || msg.conv.ID != m.thread.conv.ID {
		return
	}
	if msg.err != nil {
		m.fail(m.describeErr(msg.err))
		return
	}
	m.thread.trail = msg.trail
	m.thread.setData(msg.conv, msg.msgs)
	m.composer.setLimits(msg.caps, msg.conv.LastInboundAt)
	m.composer.answering(answered(msg.conv, msg.msgs))
	if msg.opened && m.composer.convID == msg.conv.ID && m.composer.value() == "" && msg.draft.Text != "" {
		m.composer.load(msg.conv.ID, msg.caps, msg.conv.LastInboundAt, msg.draft.Text)
		m.drafts.resetDraft(msg.draft.Text)
	}
}

// closeConversation returns to the list, keeping the reply as a draft.
func (m *Model) closeConversation() tea.Cmd {
	if m.screen != screenThread {
		return nil
	}
	cmd := m.saveIfChanged()
	m.screen, m.composing = screenList, false
	m.composer.Blur()
	return cmd
}

// reply focuses the composer, opening the selected conversation first when
// the list has the screen. Where another admin is writing a reply right
// now, it asks first: two answers to one citizen help nobody.
func (m *Model) reply() tea.Cmd {
	id := m.thread.conv.ID
	if m.screen != screenThread {
		if c, ok := m.list.selected(); ok {
			id = c.ID
		}
	}
	if w := m.c.writer(id); w != "" && !m.composing {
		return m.askYesNo(pendingAsk{what: askReply, convID: id}, m.c.loc.F("confirm.reply_writing", sanitize.Line(w)))
	}
	return m.startReply()
}

// startReply is reply once nobody else is writing, or the admin chose to.
func (m *Model) startReply() tea.Cmd {
	var cmd tea.Cmd
	if m.screen != screenThread {
		c, ok := m.list.selected()
		if !ok {
			m.fail(m.c.loc.T("err.no_conv"))
			return nil
		}
		cmd = m.openConversation(c)
	}
	m.composing = true
	m.composer.Focus()
	return cmd
}

func (m *Model) sent(msg sentMsg) tea.Cmd {
	m.drafts.inflight, m.drafts.sending = false, false
	if msg.err != nil {
		var coll *inbox.CollisionError
		if errors.As(msg.err, &coll) {
			m.drafts.retry = &sendReq{convID: msg.convID, text: msg.text, force: true}
			m.askYesNo(pendingAsk{what: askSend, convID: msg.convID}, m.describeErr(msg.err)+" "+m.c.loc.T("confirm.send_anyway"))
		} else {
			m.fail(m.describeErr(msg.err))
		}
		return m.pump()
	}
	done := m.c.loc.T("done.queued")
	if m.composer.convID == msg.convID && m.composer.value() == msg.text {
		done = m.composer.queuedNote()
		if msg.outboxID < 0 { // held for a supervisor's approval
			done = m.c.loc.T("done.awaiting_approval")
		}
		m.composer.clear()
		m.composing = false
		m.composer.Blur()
		m.drafts.resetDraft("")
	}
	if done == m.c.loc.T("done.queued") && m.status.loaded && m.status.relayErr() == nil && !m.status.relayOK() {
		done = m.c.loc.T("done.queued_no_relay") // the admin should not wait for a send nobody will make
	}
	m.tell(done)
	return tea.Batch(m.pump(), m.reloadAll())
}

// confirmSend answers the collision question.
func (m *Model) confirmSend(yes bool) tea.Cmd {
	req := m.drafts.retry
	m.drafts.retry = nil
	if !yes || req == nil {
		m.tell(m.c.loc.T("done.not_sent"))
		return nil
	}
	return m.send(*req)
}

func (m *Model) applied(msg appliedMsg) tea.Cmd {
	if msg.err != nil {
		m.fail(m.describeErr(msg.err))
		return nil
	}
	m.list.replace(msg.conv)
	if m.screen == screenThread && m.thread.conv.ID == msg.conv.ID {
		m.thread.setData(msg.conv, m.thread.msgs)
	}
	m.tell(msg.done)
	return tea.Batch(m.reloadList(), m.loadStatus())
}

func (m *Model) editorDone(msg editorDoneMsg) tea.Cmd {
	if msg.err != nil {
		m.fail(m.describeErr(msg.err))
		return nil
	}
	if m.screen != screenThread || m.composer.convID != msg.convID {
		return nil
	}
	m.composing = true
	m.composer.Focus()
	return m.intentCmd(m.composer.setText(msg.text))
}

// leave is quitting by the admin's choice: the next session starts on the
// list, not in the conversation left.
func (m *Model) leave() tea.Cmd {
	m.resume.quit = true
	return m.quit()
}

// quit leaves once the draft being typed is safely in the store.
func (m *Model) quit() tea.Cmd {
	m.drafts.quit = true
	return m.saveIfChanged()
}

// answered is the handle of the author a reply answers: the newest inbound
// message's (the store answers it), else the conversation's contact.
func answered(c inbox.Conversation, msgs []inbox.Message) string {
	for i := len(msgs) - 1; i >= 0; i-- {
		if msgs[i].Direction == inbox.In {
			if h := msgs[i].Author.Handle; h != "" {
				return h
			}
			break
		}
	}
	return c.Contact.Handle
}
