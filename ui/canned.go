package ui

import (
	"strings"

	tea "charm.land/bubbletea/v2"

	"sapa/canned"
	"sapa/sanitize"
)

// replies are the ready replies on offer.
func (m *Model) replies() []canned.Reply {
	if m.deps.Canned != nil {
		return m.deps.Canned
	}
	return canned.Defaults
}

// cannedNames completes a ready reply: the names of those whose name or
// text holds every word typed.
func (m *Model) cannedNames(word string) []string {
	var out []string
	for _, r := range canned.Search(m.replies(), word) {
		out = append(out, r.Name)
	}
	return out
}

// cannedAction asks which ready reply (ctrl+t), or inserts the one named
// (`:canned terima-kasih`).
func (m *Model) cannedAction(args []string) tea.Cmd {
	if len(args) == 0 {
		return m.ask(promptCanned, m.c.loc.T("prompt.canned"))
	}
	return m.insertCanned(strings.Join(args, " "))
}

// insertCanned puts a ready reply, its variables filled in for the open
// conversation, at the end of the composer: the reply of that name, else
// the first whose words match.
func (m *Model) insertCanned(query string) tea.Cmd {
	var pick *canned.Reply
	rs := m.replies()
	for i := range rs {
		if rs[i].Name == query {
			pick = &rs[i]
		}
	}
	if pick == nil {
		if found := canned.Search(rs, query); len(found) > 0 {
			pick = &found[0]
		}
	}
	if pick == nil {
		m.fail(m.c.loc.F("err.no_canned", sanitize.Line(query)))
		return nil
	}
	var cmd tea.Cmd
	if !m.composing {
		if cmd = m.reply(); !m.composing {
			return cmd
		}
	}
	conv := m.thread.conv
	text := canned.Expand(pick.Text, canned.Vars{
		Nama:     sanitize.Line(conv.Contact.Name),
		Platform: m.c.st.platforms.title(conv.Platform),
		Unit:     m.deps.Config.Admin.Unit,
		Admin:    m.c.admin,
		Tanggal:  m.c.now(),
	})
	if cur := strings.TrimRight(m.composer.value(), " \n"); cur != "" {
		text = cur + "\n" + text
	}
	return tea.Batch(cmd, m.intentCmd(m.composer.setText(text)))
}
