package sshd

import (
	"context"
	"errors"
	"strings"
	"unicode"

	tea "charm.land/bubbletea/v2"

	"sapa/inbox"
)

// ErrBadCode is what Registry.Enroll returns for a code that is wrong,
// used or expired; any other error is the store's.
var ErrBadCode = errors.New("the code is wrong, used or expired")

// maxCode bounds what the code field takes: codes are 14 characters.
const maxCode = 64

// enrolState is where the enrolment screen is.
type enrolState int

const (
	asking enrolState = iota
	checking
	enrolled
	blockedOut
)

// enrolResult is the answer to one submitted code.
type enrolResult struct {
	admin inbox.Admin
	err   error
	left  int // attempts the address has left
}

// enrolModel is the only screen an unknown key gets while an invitation is
// pending: it asks for the code and nothing else.
type enrolModel struct {
	loc    locale
	submit func(code string) tea.Cmd
	code   []rune
	state  enrolState
	note   string // the last answer, shown under the field
	width  int
}

func (m enrolModel) Init() tea.Cmd { return nil }

func (m enrolModel) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width = msg.Width
	case enrolResult:
		return m.answered(msg)
	case tea.KeyPressMsg:
		return m.key(msg)
	}
	return m, nil
}

func (m enrolModel) answered(r enrolResult) (tea.Model, tea.Cmd) {
	switch {
	case r.err == nil:
		m.state, m.note = enrolled, m.loc.F("enrol.done", r.admin.Name)
	case errors.Is(r.err, ErrBadCode) && r.left == 0:
		m.state, m.note = blockedOut, m.loc.T("enrol.blocked")
		return m, tea.Quit
	case errors.Is(r.err, ErrBadCode):
		m.state, m.note, m.code = asking, m.loc.F("enrol.wrong", r.left), nil
	default:
		m.state, m.note = asking, m.loc.T("enrol.failed")
	}
	return m, nil
}

func (m enrolModel) key(k tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	switch k.String() {
	case "esc", "ctrl+c", "ctrl+d":
		return m, tea.Quit
	case "enter":
		switch {
		case m.state == enrolled:
			return m, tea.Quit
		case m.state == asking && strings.TrimSpace(string(m.code)) != "":
			m.state, m.note = checking, m.loc.T("enrol.checking")
			return m, m.submit(string(m.code))
		}
	case "backspace":
		if m.state == asking && len(m.code) > 0 {
			m.code = m.code[:len(m.code)-1]
		}
	default:
		if m.state != asking {
			break
		}
		for _, r := range k.Text {
			if unicode.IsPrint(r) && len(m.code) < maxCode {
				m.code = append(m.code, r)
			}
		}
	}
	return m, nil
}

func (m enrolModel) View() tea.View {
	var b strings.Builder
	b.WriteString(m.loc.T("enrol.title") + "\n\n")
	b.WriteString(wrap(m.loc.T("enrol.intro"), m.width) + "\n\n")
	if m.state != enrolled {
		b.WriteString(m.loc.T("enrol.prompt") + string(m.code) + "\n\n")
	}
	if m.note != "" {
		b.WriteString(wrap(m.note, m.width) + "\n\n")
	}
	if m.state == enrolled {
		b.WriteString(m.loc.T("enrol.done_keys"))
	} else if m.state != blockedOut {
		b.WriteString(m.loc.T("enrol.keys"))
	}
	v := tea.NewView(b.String())
	v.AltScreen = true
	return v
}

// wrap breaks text at spaces to fit width (no wrapping while the width is
// unknown).
func wrap(text string, width int) string {
	if width <= 0 {
		return text
	}
	var b strings.Builder
	col := 0
	for i, w := range strings.Fields(text) {
		n := len([]rune(w))
		if i > 0 && col+1+n > width {
			b.WriteByte('\n')
			col = 0
		} else if i > 0 {
			b.WriteByte(' ')
			col++
		}
		b.WriteString(w)
		col += n
	}
	return b.String()
}

// enrolCmd spends the code for the key; a wrong code counts as a failure
// of the address.
func (s *Server) enrolCmd(ctx context.Context, key inbox.AdminKey, addr, from string) func(string) tea.Cmd {
	return func(code string) tea.Cmd {
		return func() tea.Msg {
			a, err := s.reg.Enroll(ctx, code, key, from)
			if errors.Is(err, ErrBadCode) {
				s.fails.add(addr)
				s.opts.Log.Warn("SSH enrolment code refused", "fingerprint", key.Fingerprint, "from", from)
			} else if err != nil {
				s.opts.Log.Error("SSH key not enrolled", "fingerprint", key.Fingerprint, "err", err)
			} else {
				s.opts.Log.Info("SSH key enrolled", "admin", a.Name, "fingerprint", key.Fingerprint, "from", from)
			}
			return enrolResult{admin: a, err: err, left: s.fails.left(addr)}
		}
	}
}
