package ui

import (
	"context"
	"slices"

	tea "charm.land/bubbletea/v2"

	"sapa/inbox"
)

// keptPreviews is how many previewed conversations a screen keeps: j/k back
// and forth over a screenful shows each again without reading the store or
// wrapping its thread again.
const keptPreviews = 32

// previewKeep keeps the conversations the wide layout previewed, with their
// wrapped lines and the pane drawn from them, for one state of the store:
// every reload (a change seen in the store, the admin's own action, ctrl+r)
// empties it, so nothing kept outlives what it was read from. It is shared
// by the model's copies, as the list's kept rows are.
type previewKeep struct {
	kept map[int64]*keptPreview
}

// keptPreview is one previewed conversation as the store gave it, and what
// was drawn from it for one look of the pane.
type keptPreview struct {
	row  inbox.Conversation // the list row the preview was loaded for
	conv inbox.Conversation
	msgs []inbox.Message
	look previewLook // what lines and body were drawn for
	// lines are the thread's wrapped lines; body the pane's visible part
	// at the newest message, where a preview opens.
	lines []string
	body  string
}

// previewLook is everything a preview's lines depend on besides the
// conversation: a change draws them again.
type previewLook struct {
	width, height int
	plain         bool
	spamGen       int
	today         int // yyyymmdd: message times show relative to the date
}

func newPreviewKeep() *previewKeep { return &previewKeep{kept: map[int64]*keptPreview{}} }

// forget empties the keep: the store may have changed.
func (k *previewKeep) forget() { clear(k.kept) }

// get returns the kept preview of the list row c, if the row is still the
// one the preview was loaded from: a row that changed loads it again.
func (k *previewKeep) get(c inbox.Conversation) (*keptPreview, bool) {
	p, ok := k.kept[c.ID]
	if !ok || !sameRow(p.row, c) {
		return nil, false
	}
	return p, true
}

// sameRow reports whether two list rows of a conversation show the same
// state of it: its last message, status, owner, priority, read mark and
// labels.
func sameRow(a, b inbox.Conversation) bool {
	return a.ID == b.ID && a.LastMessageAt.Equal(b.LastMessageAt) && a.Status == b.Status &&
		a.Assignee == b.Assignee && a.Priority == b.Priority && a.Unread == b.Unread &&
		a.Hiding == b.Hiding && slices.Equal(a.Labels, b.Labels)
}

// keep stores a preview loaded for the list row row.
func (k *previewKeep) keep(row, c inbox.Conversation, msgs []inbox.Message) *keptPreview {
	if len(k.kept) >= keptPreviews {
		clear(k.kept)
	}
	p := &keptPreview{row: row, conv: c, msgs: msgs}
	k.kept[c.ID] = p
	return p
}

// previewLook is the preview pane's current look.
func (m Model) previewLook() previewLook {
	return previewLook{width: m.preview.width, height: m.preview.height, plain: m.c.st.Plain,
		spamGen: m.c.spamGen, today: dayOf(m.c.now())}
}

// showKept shows a kept preview in the pane, drawing its lines and body
// only when the pane's look changed since they were kept.
func (m *Model) showKept(p *keptPreview) {
	look := m.previewLook()
	t := &m.preview
	t.conv, t.msgs, t.trail, t.loaded = p.conv, p.msgs, inbox.Trail{}, true
	if p.lines == nil || p.look != look {
		p.lines, p.body, p.look = t.lines(), "", look
	}
	vp := t.scroll()
	vp.SetContentLines(slices.Clone(p.lines))
	vp.GotoBottom()
	if p.body == "" {
		p.body = vp.View()
	}
	t.shown.body, t.shown.hasBody = p.body, true
}

// previewConv reads what the preview pane shows of conversation id: the
// conversation and its thread (not the trail, capabilities or draft that
// only an open conversation needs).
func previewConv(ctx context.Context, st Store, id int64) convLoadedMsg {
	var out convLoadedMsg
	if out.conv, out.err = st.Conversation(ctx, id); out.err != nil {
		return out
	}
	out.msgs, out.err = st.Thread(ctx, id, threadLimit)
	return out
}

// loadPreview reads conversation id for the preview pane.
func (m *Model) loadPreview(id int64) tea.Cmd {
	ctx, st := m.deps.Ctx, m.deps.Store
	return func() tea.Msg {
		ctx, cancel := call(ctx)
		defer cancel()
		return previewLoadedMsg(previewConv(ctx, st, id))
	}
}
