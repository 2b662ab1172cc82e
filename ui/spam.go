package ui

import (
	"context"
	"slices"

	tea "charm.land/bubbletea/v2"

	"sapa/inbox"
)

// The spam suggestion: trained in this process from the admins' own
// marking in the store (Deps.Spam), drawn as a `$` on rows and a line in
// the thread. It never acts: `$` (an admin's decision) labels spam and
// closes, and trains it further.

// spamExamples bounds training: the newest judgements of each kind.
const spamExamples = 500

// spamCandidates bounds the suggested-spam view: the newest open ones.
const spamCandidates = 500

// spamModelMsg carries a freshly trained suggestion; nil suggest: not
// enough marking yet to suggest anything.
type spamModelMsg struct {
	suggest func(string) bool
	err     error
}

// spamViewMsg lists the open conversations the suggestion picks.
type spamViewMsg struct {
	ids   []int64
	ready bool
	err   error
}

// trainSpamCmd reads the admins' judgements and trains the suggestion.
func trainSpamCmd(ctx context.Context, st Store, train func([]inbox.Judged) func(string) bool) tea.Cmd {
	if train == nil {
		return nil
	}
	return func() tea.Msg {
		ctx, cancel := call(ctx)
		defer cancel()
		ex, err := st.SpamExamples(ctx, spamExamples)
		if err != nil {
			return spamModelMsg{err: err}
		}
		return spamModelMsg{suggest: train(ex)}
	}
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
	return tea.Sequence(cmd, trainSpamCmd(m.deps.Ctx, m.deps.Store, m.deps.Spam))
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
