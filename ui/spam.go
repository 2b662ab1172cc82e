package ui

import (
	"context"
	"slices"

	tea "charm.land/bubbletea/v2"

	"sapa/inbox"
)

// The spam suggestion: one per process (Deps.Spam), trained from the
// admins' own marking in the store and shared by every screen of it, drawn
// as a `$` on rows and a line in the thread. It never acts: `$` (an admin's
// decision) labels spam and closes, and trains it further for everyone.

// spamCandidates bounds the suggested-spam view: the newest open ones.
const spamCandidates = 500

// SpamSuggestion is the process's spam suggestion, shared by its screens:
// it learns from the whole office's marking (it only suggests; what a
// screen marks with it is always its own scoped rows).
type SpamSuggestion interface {
	// Ready returns the current model, training it first if no screen
	// has yet.
	Ready(ctx context.Context) (SpamModel, error)
	// Retrain learns again after a judgement changed, for every screen.
	Retrain(ctx context.Context) (SpamModel, error)
}

// SpamModel is one training of the suggestion.
type SpamModel struct {
	// Suggest picks likely spam; nil while the admins have taught too
	// little.
	Suggest func(text string) bool
	// Gen counts the trainings; a screen keeps the newest it was told of.
	Gen int
	// Next is closed once a newer training replaces this one.
	Next <-chan struct{}
}

// spamModelMsg carries the suggestion's current training.
type spamModelMsg struct {
	model SpamModel
	err   error
}

// spamViewMsg lists the open conversations the suggestion picks.
type spamViewMsg struct {
	ids   []int64
	ready bool
	err   error
}

// spamCmd asks the shared suggestion for its training: get is
// SpamSuggestion.Ready (trained by the first screen that asks) or
// SpamSuggestion.Retrain (after this screen changed a judgement).
func spamCmd(ctx context.Context, s SpamSuggestion, get func(SpamSuggestion, context.Context) (SpamModel, error)) tea.Cmd {
	if s == nil {
		return nil
	}
	return func() tea.Msg {
		ctx, cancel := call(ctx)
		defer cancel()
		sm, err := get(s, ctx)
		return spamModelMsg{model: sm, err: err}
	}
}

// spamFollowCmd waits until any screen of the process retrains the
// suggestion (next closes), then fetches the new training.
func spamFollowCmd(ctx context.Context, s SpamSuggestion, next <-chan struct{}) tea.Cmd {
	return func() tea.Msg {
		select {
		case <-next:
		case <-ctx.Done():
			return nil
		}
		return spamCmd(ctx, s, SpamSuggestion.Ready)()
	}
}

// spamLoaded keeps a training newer than the screen's and follows the next.
func (m *Model) spamLoaded(msg spamModelMsg) tea.Cmd {
	if msg.err != nil || msg.model.Gen <= m.c.spamGen {
		return nil
	}
	m.c.suggestSpam, m.c.spamGen = msg.model.Suggest, msg.model.Gen
	if msg.model.Next == nil || msg.model.Next == m.spamNext {
		return nil
	}
	m.spamNext = msg.model.Next
	if m.noWatch {
		return nil // tests: no background watcher
	}
	return spamFollowCmd(m.deps.Ctx, m.deps.Spam, m.spamNext)
}

// spamViewCmd weighs the newest open conversations with the suggestion.
func spamViewCmd(ctx context.Context, st Store, suggest func(string) bool) tea.Cmd {
	return func() tea.Msg {
		if suggest == nil {
			return spamViewMsg{}
		}
		ctx, cancel := call(ctx)
		defer cancel()
		cands, err := st.SpamCandidates(ctx, spamCandidates)
		out := spamViewMsg{ready: true, err: err, ids: []int64{}}
		for _, c := range cands {
			if suggest(c.Text) {
				out.ids = append(out.ids, c.ConvID)
			}
		}
		slices.Sort(out.ids)
		return out
	}
}

// spamAction is `$`: label spam and close, then learn from it.
func (m *Model) spamAction(_ []string) tea.Cmd {
	ch := inbox.Change{AddLabel: inbox.SpamLabel, Status: inbox.StatusDone}
	cmd := m.change(ch, m.c.loc.T("done.spam"))
	if cmd == nil {
		return nil
	}
	return tea.Sequence(cmd, spamCmd(m.deps.Ctx, m.deps.Spam, SpamSuggestion.Retrain))
}

// spamViewAction opens the suggested-spam view with every row marked, so
// `;$` confirms them all once the admin has unmarked any that are not.
func (m *Model) spamViewAction(_ []string) tea.Cmd {
	return spamViewCmd(m.deps.Ctx, m.deps.Store, m.c.suggestSpam)
}

func (m *Model) spamViewLoaded(msg spamViewMsg) tea.Cmd {
	switch {
	case msg.err != nil:
		m.fail(m.describeErr(msg.err))
		return nil
	case !msg.ready:
		m.fail(m.c.loc.T("err.spam_untrained"))
		return nil
	}
	m.list.marks = marks{}
	for _, id := range msg.ids {
		m.list.marks[id] = inbox.Conversation{ID: id}
	}
	m.status.marked = len(m.list.marks)
	m.tell(m.c.loc.F("done.spam_view", len(msg.ids)))
	cmd := m.setFilter(func(f *inbox.Filter) { f.View, f.IDs = inbox.ViewOpen, msg.ids })
	m.list.idsTitle = m.c.loc.T("list.spam_view")
	return cmd
}

// spammy reports whether the suggestion picks a citizen's message of the
// open conversation.
func (t threadModel) spammy(text string) bool {
	c := t.conv
	if t.c.suggestSpam == nil || c.Status == inbox.StatusDone || slices.Contains(c.Labels, inbox.SpamLabel) {
		return false
	}
	return t.c.suggestSpam(text)
}

// spamAsked reports whether the suggestion is asked about a conversation:
// one whose newest message is the citizen's, not closed or labelled spam
// yet, while a suggestion is trained. The answer depends on the snippet
// alone, so a list row drawn once keeps it until the model is retrained
// (spamGen).
func (c *common) spamAsked(conv inbox.Conversation) bool {
	return c.suggestSpam != nil && conv.Status != inbox.StatusDone && !slices.Contains(conv.Labels, inbox.SpamLabel) &&
		!conv.LastInboundAt.Before(conv.LastMessageAt)
}
