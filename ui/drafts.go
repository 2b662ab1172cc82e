package ui

import (
	"context"
	"errors"
	"math"
	"sapa/inbox"
	"strings"
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"
)

// draftQueue serialises the writes of the composer's text: one draft save
// or send in flight at a time, and only the newest waiting save kept. So an
// older draft can never land after a newer one, nor after the send that
// deleted it, and quitting waits for the last keystrokes to be stored.
type draftQueue struct {
	inflight bool
	next     *draftWrite // the save to make when the one in flight lands
	send     *sendReq    // the send to make after that
	retry    *sendReq    // a send refused by a collision, waiting for y/n
	quit     bool        // quit once nothing is left to write
	sending  bool        // the send in flight has not answered yet
	armed    bool        // a batch tick is on its way
	seq      uint64      // numbers the draft saves, for draftLog
	want     string      // the composer text last asked to be stored
	saved    string      // the composer text known to be stored
}

// draftLog orders the draft writes of the program's commands and the last
// one made at exit (SaveOnExit): a write older than one already made is
// skipped, so a save still in flight when the program ends cannot put an
// older text over the final one. It is shared by every copy of the Model.
type draftLog struct {
	mu   sync.Mutex
	done uint64 // the newest save made
}

// save runs write unless a newer save (higher seq) has been made already.
func (l *draftLog) save(seq uint64, write func() error) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if seq <= l.done {
		return nil
	}
	if err := write(); err != nil {
		return err
	}
	l.done = seq
	return nil
}

// draftWrite is one draft save.
type draftWrite struct {
	convID int64
	text   string
}

// sendReq is one send of a reply.
type sendReq struct {
	convID int64
	text   string
	seen   time.Time // when the admin opened the conversation and saw its thread
	force  bool      // send despite another admin's newer reply
}

// resetDraft forgets the previous conversation's draft state.
func (q *draftQueue) resetDraft(text string) { q.want, q.saved = text, text }

// saveIfChanged queues a save of the composer's text when it differs from
// what was last asked for.
func (m *Model) saveIfChanged() tea.Cmd {
	if m.composer.convID == 0 {
		return m.pump()
	}
	text := m.composer.value()
	if text == m.drafts.want {
		return m.pump()
	}
	m.drafts.want = text
	m.drafts.next = &draftWrite{convID: m.composer.convID, text: text}
	return m.pump()
}

// trySend refuses what the platform would refuse, then queues the send.
func (m *Model) trySend(text string) tea.Cmd {
	if why := m.composer.refusal(); why != "" {
		m.fail(why)
		return nil
	}
	req := sendReq{convID: m.composer.convID, text: text, seen: m.openedAt}
	if found := m.personalData(text); found != "" {
		m.piiSend = &req
		return m.askYesNo(pendingAsk{what: askPII, convID: req.convID}, m.c.loc.F("confirm.pii", found))
	}
	m.tell(m.c.loc.T("done.sending"))
	return m.send(req)
}

// personalData names the personal data a public reply would expose, for
// the question before it goes out; "" when there is none or the channel is
// private.
func (m *Model) personalData(text string) string {
	conv := m.thread.conv
	if m.deps.PII == nil || (conv.Kind != inbox.KindComment && conv.Kind != inbox.KindMention) {
		return ""
	}
	thread := make([]string, 0, len(m.thread.msgs))
	for _, msg := range m.thread.msgs {
		thread = append(thread, msg.Text)
	}
	var names []string
	seen := map[string]bool{}
	for _, k := range m.deps.PII(text, thread) {
		if !seen[k] {
			seen[k] = true
			names = append(names, m.c.loc.T("pii."+k))
		}
	}
	return strings.Join(names, ", ")
}

// send queues a reply; the send itself saves the draft first.
func (m *Model) send(req sendReq) tea.Cmd {
	if m.drafts.next != nil && m.drafts.next.convID == req.convID {
		m.drafts.next = nil
	}
	if req.convID == m.composer.convID {
		m.drafts.want = req.text
	}
	m.drafts.send = &req
	return m.pump()
}

// pump starts the next write when none is in flight, or quits when asked
// and everything is written.
func (m *Model) pump() tea.Cmd {
	q := &m.drafts
	if q.inflight {
		return nil
	}
	switch {
	case q.next != nil:
		w := *q.next
		q.next, q.inflight = nil, true
		q.seq++
		return saveDraftCmd(m.deps.Ctx, m.deps.Store, m.dlog, q.seq, w.convID, m.c.admin, w.text)
	case q.send != nil:
		s := *q.send
		q.send, q.inflight, q.sending = nil, true, true
		return sendCmd(m.deps.Ctx, m.deps.Store, s, m.c.admin, m.done)
	case q.quit:
		return tea.Quit
	}
	return nil
}

// draftSaved records a landed save and starts what waits behind it.
func (m *Model) draftSaved(msg draftSavedMsg) tea.Cmd {
	m.drafts.inflight = false
	switch {
	case msg.err != nil:
		m.fail(m.describeErr(msg.err))
		if msg.convID == m.composer.convID {
			m.drafts.want = m.drafts.saved // the next change retries
		}
	case msg.convID == m.composer.convID:
		m.drafts.saved = msg.text
	}
	return m.pump()
}

// draftChanged batches the saves of typing: the first change arms one tick
// of the batch interval, and the tick saves whatever the composer holds by
// then. A steady stream of keys is so saved every few tens of
// milliseconds, not only after a pause, and a crash costs a keystroke or
// two at most.
func (m *Model) draftChanged() tea.Cmd {
	if m.drafts.armed {
		return nil
	}
	m.drafts.armed = true
	return tea.Tick(m.batch, func(time.Time) tea.Msg { return draftTickMsg{} })
}

// countLater arms the counter's catch-up for the key just typed: the
// composer's counter follows once typing rests (counterRest). Tests without
// timers (noWatch) see it follow every key.
func (m *Model) countLater() tea.Cmd {
	if !m.composer.typing {
		return nil
	}
	if m.noWatch {
		m.composer.typing = false
		return nil
	}
	gen := m.composer.restGen
	return tea.Tick(m.countAfter, func(time.Time) tea.Msg { return counterRestMsg{gen: gen} })
}

// SaveOnExit writes the draft the final model holds when the program ended
// before it was stored: a signal, a dropped link or a failing terminal can
// end the program between a key and its batched save. main calls it with
// the model tea.Program.Run returned, before closing the store. A reply
// whose send was under way is left alone: the send stores or deletes it.
func SaveOnExit(ctx context.Context, final tea.Model) error {
	m, ok := final.(Model)
	if !ok {
		return nil
	}
	return errors.Join(saveDraftOnExit(ctx, m), saveScreenOnExit(ctx, m))
}

// saveDraftOnExit is SaveOnExit's part for the draft.
func saveDraftOnExit(ctx context.Context, m Model) error {
	if m.composer.convID == 0 || m.dlog == nil {
		return nil
	}
	q := m.drafts
	text := m.composer.value()
	if q.sending || q.send != nil || (!q.inflight && q.next == nil && text == q.saved) {
		return nil
	}
	ctx, cancel := call(ctx)
	defer cancel()
	return m.dlog.save(math.MaxUint64, func() error {
		return m.deps.Store.SaveDraft(ctx, m.composer.convID, m.c.admin, text)
	})
}
