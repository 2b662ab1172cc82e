package ui

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"sapa/inbox"
)

// Commands: the only place the UI does I/O. Each builder captures the values
// it needs before returning its closure and never reads the model.

// callTimeout bounds one store call, so a stuck disk shows an error instead
// of a frozen session.
const callTimeout = 10 * time.Second

func call(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(ctx, callTimeout)
}

func loadWindowCmd(ctx context.Context, st Store, r windowReq) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := call(ctx)
		defer cancel()
		return loadWindowPreview(ctx, st, r)
	}
}

// firstWindowCmd loads the first window of a fresh store (main passes
// Backfilled only when the store held nothing at start): it waits until
// this process's relay has fetched the platforms' waiting pages, at most
// wait, so the first frame shows the list as it is rather than empty, or
// with the first page, and then again row by row.
func firstWindowCmd(ctx context.Context, st Store, r windowReq, backfilled <-chan struct{}, wait time.Duration) tea.Cmd {
	return func() tea.Msg {
		t := time.NewTimer(wait)
		defer t.Stop()
		select {
		case <-backfilled:
		case <-t.C:
		case <-ctx.Done():
			return nil
		}
		lctx, cancel := call(ctx)
		defer cancel()
		return loadWindowPreview(lctx, st, r)
	}
}

// openConvCmd loads a conversation, its thread, the account's capabilities
// and (when opened) the admin's draft.
func openConvCmd(ctx context.Context, st Store, id int64, admin string, opened bool) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := call(ctx)
		defer cancel()
		return loadConv(ctx, st, id, admin, opened)
	}
}

// loadConv is openConvCmd's work: what the preview reads (previewConv),
// then the trail, the account's capabilities and, when opened, the draft.
func loadConv(ctx context.Context, st Store, id int64, admin string, opened bool) convLoadedMsg {
	out := previewConv(ctx, st, id)
	out.opened = opened
	if out.err != nil {
		return out
	}
	if out.trail, out.err = st.Trail(ctx, id); out.err != nil {
		return out
	}
	accts, err := st.Accounts(ctx)
	if out.err = err; err != nil {
		return out
	}
	for _, a := range accts {
		if a.ID == out.conv.AccountID {
			out.caps = a.Caps
		}
	}
	if opened {
		out.draft, out.err = st.LoadDraft(ctx, id, admin)
	}
	return out
}

func markReadCmd(ctx context.Context, st Store, id int64) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := call(ctx)
		defer cancel()
		if err := st.MarkRead(ctx, id); err != nil {
			return errMsg{err}
		}
		return nil
	}
}

// statusCmd loads the status bar's data. When rl is set (a relay runs in
// this process) the lease is read only once that relay has checked it, or
// after wait, whichever comes first; later loads find it checked. The
// relay's state goes with the data, read before the store so that the
// channel it brings wakes the screen at any change after what it shows.
func statusCmd(ctx context.Context, st Store, rl Relay, wait time.Duration) tea.Cmd {
	return func() tea.Msg {
		var out statusLoadedMsg
		if rl != nil {
			s, changed, ok := relayChecked(ctx, rl, wait)
			if !ok {
				return nil
			}
			out.relay, out.relayChanged = &s, changed
		}
		ctx, cancel := call(ctx)
		defer cancel()
		if out.holder, out.expires, out.err = st.Lease(ctx); out.err != nil {
			return out
		}
		if out.accounts, out.err = st.Accounts(ctx); out.err != nil {
			return out
		}
		out.counts, out.err = st.OutboxCounts(ctx)
		return out
	}
}

// relayChecked is rl's state and the channel closed at its next change,
// once rl has made its first lease check or wait has passed; ok is false
// when ctx ended first.
func relayChecked(ctx context.Context, rl Relay, wait time.Duration) (s inbox.RelayState, changed <-chan struct{}, ok bool) {
	if s, changed = rl.State(); s.Checked {
		return s, changed, true
	}
	t := time.NewTimer(wait)
	defer t.Stop()
	for {
		select {
		case <-changed:
		case <-t.C:
			return s, changed, true
		case <-ctx.Done():
			return s, changed, false
		}
		if s, changed = rl.State(); s.Checked {
			return s, changed, true
		}
	}
}

// relayWatchCmd waits for this process's relay's next change of state
// (changed is the channel the status bar's last load came with); it wakes
// nothing while the relay just renews its lease.
func relayWatchCmd(ctx context.Context, changed <-chan struct{}) tea.Cmd {
	return func() tea.Msg {
		select {
		case <-changed:
			return relayChangedMsg{}
		case <-ctx.Done():
			return nil
		}
	}
}

func saveDraftCmd(ctx context.Context, st Store, log *draftLog, seq uint64, convID int64, admin, text string) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := call(ctx)
		defer cancel()
		err := log.save(seq, func() error { return st.SaveDraft(ctx, convID, admin, text) })
		return draftSavedMsg{convID: convID, text: text, err: err}
	}
}

// sendCmd saves the draft first, so a failed enqueue keeps the text, then
// queues the reply; the store deletes the draft in the same transaction.
func sendCmd(ctx context.Context, st Store, req sendReq, admin string, then inbox.Status) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := call(ctx)
		defer cancel()
		out := sentMsg{convID: req.convID, text: req.text}
		if out.err = st.SaveDraft(ctx, req.convID, admin, req.text); out.err != nil {
			return out
		}
		out.outboxID, out.err = st.Enqueue(ctx, req.convID, admin, req.text, req.seen, then, req.force)
		return out
	}
}

func applyCmd(ctx context.Context, st Store, id int64, admin string, ch inbox.Change, done string) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := call(ctx)
		defer cancel()
		c, err := st.Apply(ctx, id, admin, ch)
		return appliedMsg{conv: c, done: done, err: err}
	}
}

// outboxCmd resends or cancels the newest reply of a conversation that is in
// one of the given states.
func outboxCmd(ctx context.Context, st Store, convID int64, admin string, resend bool, done, none string) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := call(ctx)
		defer cancel()
		msgs, err := st.Thread(ctx, convID, threadLimit)
		if err != nil {
			return outboxDoneMsg{err: err}
		}
		states := []inbox.Delivery{inbox.DeliveryFailed, inbox.DeliveryUnknown}
		if !resend {
			states = append(states, inbox.DeliveryQueued)
		}
		id, ok := outboxTarget(msgs, states...)
		if !ok {
			return outboxDoneMsg{err: errors.New(none)}
		}
		if resend {
			err = st.Resend(ctx, id, admin)
		} else {
			err = st.Cancel(ctx, id, admin)
		}
		return outboxDoneMsg{done: done, err: err}
	}
}

// baselineCmd reads the change counter and the admin's kept screen once at
// start.
func baselineCmd(ctx context.Context, st Store, admin string) tea.Cmd {
	return func() tea.Msg {
		n, err := st.ChangeCounter(ctx)
		if err != nil {
			return errMsg{err}
		}
		out := baselineMsg{counter: n}
		out.screen, out.resume, out.err = st.LoadScreen(ctx, admin)
		return out
	}
}

// watchCmd polls the change counter inside the command's goroutine and
// returns only when it moved, or when the relay's lease runs out (deadline),
// so an idle session gets no messages and draws nothing. The root re-arms it
// after every change.
func watchCmd(ctx context.Context, st Store, last uint64, deadline time.Time, now func() time.Time, every time.Duration) tea.Cmd {
	return func() tea.Msg {
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return nil
			case <-t.C:
			}
			n, err := st.ChangeCounter(ctx)
			if err == nil && n != last {
				return changedMsg{counter: n}
			}
			if !deadline.IsZero() && now().After(deadline) {
				return changedMsg{counter: last}
			}
		}
	}
}

// changeWaiter is a store that lets the screens of one process wait for
// the change counter together (the SSH service runs hundreds): one poller
// between them, so an idle screen neither queries nor wakes until a change
// or its relay deadline.
type changeWaiter interface {
	WaitChange(ctx context.Context, last uint64) (uint64, error)
}

// waitChangeCmd is watchCmd on such a store. At the relay's lease deadline
// (not sooner than every, so a deadline already past does not spin) it
// returns the unchanged counter, and the screen rechecks the relay.
func waitChangeCmd(ctx context.Context, w changeWaiter, last uint64, deadline time.Time, now func() time.Time, every time.Duration) tea.Cmd {
	return func() tea.Msg {
		wctx := ctx
		if !deadline.IsZero() {
			var cancel context.CancelFunc
			wctx, cancel = context.WithTimeout(ctx, max(deadline.Sub(now()), every))
			defer cancel()
		}
		n, err := w.WaitChange(wctx, last)
		switch {
		case err == nil:
			return changedMsg{counter: n}
		case ctx.Err() != nil:
			return nil // the session is ending
		}
		return changedMsg{counter: last}
	}
}

// editorFileCmd writes the reply to a private temp file for $EDITOR.
func editorFileCmd(convID int64, text string) tea.Cmd {
	return func() tea.Msg {
		f, err := os.CreateTemp("", "sapa-reply-*.txt")
		if err != nil {
			return editorFileMsg{err: err}
		}
		path := f.Name()
		err = f.Chmod(0o600)
		if err == nil {
			_, err = f.WriteString(text)
		}
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			os.Remove(path)
			return editorFileMsg{err: err}
		}
		return editorFileMsg{convID: convID, path: path}
	}
}

// editorCmd suspends the program, runs the editor on the file and reads the
// text back; the file is removed either way.
func editorCmd(editor string, convID int64, path string) tea.Cmd {
	args := strings.Fields(editor)
	if len(args) == 0 {
		args = []string{"vi"}
	}
	c := exec.Command(args[0], append(args[1:], path)...)
	return tea.ExecProcess(c, func(err error) tea.Msg {
		return readEditorFile(convID, path, err)
	})
}

// readEditorFile reads the edited reply back and removes the file. One
// trailing newline (which every editor adds) is dropped.
func readEditorFile(convID int64, path string, runErr error) tea.Msg {
	defer os.Remove(path)
	if runErr != nil {
		return editorDoneMsg{convID: convID, err: runErr}
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return editorDoneMsg{convID: convID, err: err}
	}
	text := strings.TrimSuffix(strings.TrimSuffix(string(b), "\n"), "\r")
	return editorDoneMsg{convID: convID, text: text}
}
