package ui

import (
	"context"
	"time"

	tea "charm.land/bubbletea/v2"
)

// previewRest is how long the selection must rest on a row before the wide
// layout previews it: moving with j/k draws only the list, so the bytes per
// key stay those of the list alone.
const previewRest = 300 * time.Millisecond

// previewTickMsg fires once the selection may have rested on conversation id.
type previewTickMsg struct{ id int64 }

// previewLoadedMsg is a conversation loaded for the preview pane.
type previewLoadedMsg convLoadedMsg

// stepConversation leaves the open conversation for the next (step 1) or
// previous (-1) one of the list, as J and K do in aerc. The reply typed so
// far stays as a draft.
func (m *Model) stepConversation(step int) tea.Cmd {
	if m.screen != screenThread {
		return nil
	}
	i := m.list.sel + step
	if i < 0 || i >= len(m.list.rows) {
		m.fail(m.c.loc.T("err.list_edge"))
		return nil
	}
	cmd := m.closeConversation()
	m.list.sel = i
	return tea.Batch(cmd, m.openConversation(m.list.rows[i]))
}

// previewing reports whether the right pane previews the list's selection:
// the wide layout, with the list on screen.
func (m Model) previewing() bool {
	lw, cw := m.split()
	return lw != cw && m.screen == screenList && !m.help
}

// armPreview schedules a preview of the selection, unless it is shown
// already; the tick carries the selection's id, so a selection that moved
// on meanwhile loads nothing.
func (m *Model) armPreview() tea.Cmd {
	if !m.previewing() {
		return nil
	}
	c, ok := m.list.selected()
	if !ok || c.ID == m.preview.conv.ID {
		return nil
	}
	id := c.ID
	return tea.Tick(m.restAfter, func(time.Time) tea.Msg { return previewTickMsg{id: id} })
}

// previewTick loads the selection read-only when it has rested: it is not
// marked read and its draft is not touched.
func (m *Model) previewTick(msg previewTickMsg) tea.Cmd {
	c, ok := m.list.selected()
	if !ok || c.ID != msg.id || !m.previewing() {
		return nil
	}
	if p, ok := m.previews.get(c); ok {
		m.showKept(p)
		return nil
	}
	m.preview.open(c)
	return m.loadPreview(c.ID)
}

// loadWindowPreview loads the window and, when r asks (the wide layout's
// first window, nothing previewed yet), the selected row's conversation
// with it, so the first frame carries the list and its preview together
// instead of the list, then "loading…" in the right pane, then the preview.
func loadWindowPreview(ctx context.Context, st Store, r windowReq) windowMsg {
	out := loadWindow(ctx, st, r)
	if r.preview && out.err == nil && out.sel >= 0 && out.sel < len(out.rows) {
		p := previewConv(ctx, st, out.rows[out.sel].ID)
		out.preview = &p
	}
	return out
}

// wantsPreview reports whether a window load should bring the selection's
// preview: the wide layout previews and shows nothing yet.
func (m Model) wantsPreview() bool { return m.previewing() && m.preview.conv.ID == 0 }

// previewWith shows the preview a window load brought, if it is still the
// selection's and nothing is previewed; otherwise armPreview loads it.
func (m *Model) previewWith(p *convLoadedMsg) {
	if p == nil || !m.wantsPreview() {
		return
	}
	c, ok := m.list.selected()
	if !ok || c.ID != p.conv.ID {
		return
	}
	m.preview.open(c)
	m.previewLoaded(previewLoadedMsg(*p))
}

// previewLoaded shows the loaded conversation if it is still the one previewed.
func (m *Model) previewLoaded(msg previewLoadedMsg) {
	if msg.conv.ID != m.preview.conv.ID {
		return
	}
	if msg.err != nil {
		m.fail(m.describeErr(msg.err))
		return
	}
	row, ok := m.list.selected()
	if !ok || row.ID != msg.conv.ID {
		row = msg.conv
	}
	m.showKept(m.previews.keep(row, msg.conv, msg.msgs))
}
