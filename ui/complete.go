package ui

import (
	"context"
	"strings"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"

	"sapa/inbox"
)

// knownNames are the names completion offers that live in the store. They
// are loaded when a prompt that may need them opens, never in Update.
type knownNames struct {
	admins []string
	labels []string
	views  []string // the admin's own saved views
}

// namesLoadedMsg carries freshly loaded names.
type namesLoadedMsg struct {
	names knownNames
	err   error
}

// loadNamesCmd reads the assignees and labels in use and the admin's own views.
func loadNamesCmd(ctx context.Context, st Store, admin string) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := call(ctx)
		defer cancel()
		var out namesLoadedMsg
		if out.names.admins, out.err = st.KnownAssignees(ctx); out.err != nil {
			return out
		}
		if out.names.labels, out.err = st.KnownLabels(ctx); out.err != nil {
			return out
		}
		var own []inbox.SavedView
		own, out.err = st.SavedViews(ctx, admin)
		for _, v := range own {
			out.names.views = append(out.names.views, v.Name)
		}
		return out
	}
}

// completing is a tab cycle in progress: the candidates for the word being
// completed, which was shown last, and the input before the word.
type completing struct {
	head  string
	cands []string
	i     int
}

// complete handles tab (step 1) and shift+tab (step -1) in the open prompt:
// one candidate is taken whole; several extend the word to what they share,
// then each further tab shows the next one.
func (m *Model) complete(step int) {
	p := &m.prompt
	if p.cycle != nil && string(p.input) == p.cycle.head+p.cycle.cands[p.cycle.i] {
		c := p.cycle
		c.i = (c.i + step + len(c.cands)) % len(c.cands)
		p.set(c.head + c.cands[c.i])
		p.shown = c.cands
		return
	}
	p.cycle = nil
	head, word := splitArg(p.kind, string(p.input[:p.pos]))
	cands := m.candidates(p.kind, head, word)
	switch {
	case len(cands) == 0:
		return
	case len(cands) == 1:
		p.set(head + cands[0] + " ")
		return
	}
	p.shown = cands // several: the admin sees what is on offer
	if common := sharedPrefix(cands); len(common) > len(word) {
		p.set(head + common)
		return
	}
	i := 0
	if step < 0 {
		i = len(cands) - 1
	}
	p.cycle = &completing{head: head, cands: cands, i: i}
	p.set(head + cands[i])
}

// splitArg cuts the input into what stays and the word to complete. Every
// command takes one argument, which may hold spaces (a unit's name), so the
// word is everything after the command's name; a prompt's word is all of it.
func splitArg(kind promptKind, input string) (head, word string) {
	if kind != promptCommand {
		return "", input
	}
	lead := len(input) - len(strings.TrimLeft(input, " "))
	name, rest, found := strings.Cut(input[lead:], " ")
	if !found {
		return input[:lead], name
	}
	arg := strings.TrimLeft(rest, " ")
	return input[:len(input)-len(arg)], arg
}

// candidates are the completions of word, given the input before it.
func (m *Model) candidates(kind promptKind, head, word string) []string {
	var from []string
	switch kind {
	case promptCommand:
		fields := strings.Fields(head)
		if len(fields) == 0 {
			return withPrefix(m.c.actions.commandNames(), word)
		}
		r, ok := m.c.actions.named(strings.ToLower(fields[0]))
		if !ok {
			return nil
		}
		if r.arg == argLabel {
			return m.labelCandidates(word)
		}
		if r.arg == argCanned {
			return m.cannedNames(word)
		}
		if r.arg == argUnit {
			return withWordPrefix(m.argValues(r.arg), word)
		}
		from = m.argValues(r.arg)
	case promptAssign:
		from = append(m.argValues(argAdmin), "-")
	case promptLabel:
		return m.labelCandidates(word)
	case promptCanned:
		return m.cannedNames(word)
	case promptUnit, promptDelegate:
		return withWordPrefix(m.deskCandidates(kind), word)
	}
	return withPrefix(from, word)
}

// labelCandidates completes a label, or "-label" (removing one).
func (m *Model) labelCandidates(word string) []string {
	if rest, ok := strings.CutPrefix(word, "-"); ok {
		return prefixAll("-", withPrefix(m.names.labels, rest))
	}
	return withPrefix(m.names.labels, word)
}

// argValues are the values an argument kind takes.
func (m *Model) argValues(k argKind) []string {
	switch k {
	case argView:
		var out []string
		for _, v := range inbox.Views() {
			out = append(out, string(v))
		}
		for _, v := range m.shared {
			out = append(out, v.Name)
		}
		return append(out, m.names.views...)
	case argPlatform:
		return append(m.platformWords(), "all")
	case argLabel:
		return m.names.labels
	case argAdmin:
		return m.names.admins
	case argUnit:
		return m.deps.Units
	case argPriority:
		return []string{"0", "1", "2"}
	case argAction:
		return m.c.actions.bulkNames()
	}
	return nil
}

// withPrefix keeps the names starting with prefix, ignoring case.
func withPrefix(names []string, prefix string) []string {
	var out []string
	p := strings.ToLower(prefix)
	for _, n := range names {
		if strings.HasPrefix(strings.ToLower(n), p) && n != "" {
			out = append(out, n)
		}
	}
	return out
}

// withWordPrefix keeps the names starting with prefix, or holding a word
// that does, ignoring case: a unit is found by its own name ("ciawi") as
// well as by its label ("Kecamatan Ciawi"). Whole-name matches come first.
func withWordPrefix(names []string, prefix string) []string {
	out := withPrefix(names, prefix)
	p := strings.ToLower(prefix)
	if p == "" {
		return out
	}
	for _, n := range names {
		l := strings.ToLower(n)
		if strings.HasPrefix(l, p) {
			continue
		}
		for _, w := range strings.FieldsFunc(l, func(r rune) bool { return r == ' ' || r == '(' }) {
			if strings.HasPrefix(w, p) {
				out = append(out, n)
				break
			}
		}
	}
	return out
}

func prefixAll(p string, names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = p + n
	}
	return out
}

// sharedPrefix is the longest start all names share.
func sharedPrefix(names []string) string {
	p := names[0]
	for _, n := range names[1:] {
		for !strings.HasPrefix(n, p) {
			_, size := utf8.DecodeLastRuneInString(p)
			p = p[:len(p)-size]
		}
	}
	return p
}
