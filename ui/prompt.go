package ui

import (
	"strings"

	tea "charm.land/bubbletea/v2"

	"sapa/sanitize"
)

// promptKind says what a one-line prompt on the bottom row is for.
type promptKind int

const (
	promptNone         promptKind = iota
	promptCommand                 // ":" commands
	promptSearch                  // "/" search
	promptAssign                  // assign to whom
	promptLabel                   // which label
	promptSnooze                  // until when
	promptConfirm                 // a y/n question (Model.asking says which)
	promptCanned                  // which ready reply
	promptUnit                    // which unit to place the conversation in
	promptEscalate                // the note of an escalation
	promptDelegate                // which unit to delegate to
	promptDelegateNote            // the note of a delegation
	promptNote                    // an internal note
	promptApproveEdit             // the waiting reply, edited before approval
	promptReject                  // the note a rejected reply's author reads
)

// promptModel is the one-line input on the bottom row. It edits runes with
// the usual keys and answers enter (submit) or esc (cancel).
type promptModel struct {
	kind  promptKind
	label string
	input []rune
	pos   int
	prev  string      // the previous entry, brought back by "up"
	cycle *completing // the tab cycle in progress, if any
	shown []string    // completions on offer, drawn after the input until the next key
}

// promptResult is what a finished prompt gives the root.
type promptResult struct {
	kind   promptKind
	value  string
	cancel bool
}

func newPrompt(kind promptKind, label, value string) promptModel {
	r := []rune(value)
	return promptModel{kind: kind, label: label, input: r, pos: len(r)}
}

// active reports whether a prompt is open.
func (p promptModel) active() bool { return p.kind != promptNone }

// Update edits the input; on enter or esc it closes and returns the result.
func (p promptModel) Update(msg tea.Msg) (promptModel, *promptResult) {
	if paste, ok := msg.(tea.PasteMsg); ok {
		p.insert([]rune(sanitize.Line(paste.Content)))
		return p, nil
	}
	kp, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return p, nil
	}
	p.shown = nil
	if p.kind == promptConfirm {
		return p.confirm(kp)
	}
	switch kp.String() {
	case "enter":
		return promptModel{}, &promptResult{kind: p.kind, value: string(p.input)}
	case "esc", "ctrl+g":
		return promptModel{}, &promptResult{kind: p.kind, value: string(p.input), cancel: true}
	case "backspace", "ctrl+h":
		if p.pos > 0 {
			p.input = append(p.input[:p.pos-1:p.pos-1], p.input[p.pos:]...)
			p.pos--
		} else if len(p.input) == 0 {
			return promptModel{}, &promptResult{kind: p.kind, cancel: true}
		}
	case "delete", "ctrl+d":
		if p.pos < len(p.input) {
			p.input = append(p.input[:p.pos:p.pos], p.input[p.pos+1:]...)
		}
	case "left", "ctrl+b":
		p.pos = max(0, p.pos-1)
	case "right", "ctrl+f":
		p.pos = min(len(p.input), p.pos+1)
	case "home", "ctrl+a":
		p.pos = 0
	case "up":
		if p.prev != "" {
			p.input = []rune(p.prev)
			p.pos = len(p.input)
		}
	case "end", "ctrl+e":
		p.pos = len(p.input)
	case "ctrl+u":
		p.input, p.pos = append([]rune(nil), p.input[p.pos:]...), 0
	case "ctrl+w":
		p.deleteWord()
	default:
		if kp.Text != "" {
			p.insert([]rune(kp.Text))
		}
	}
	return p, nil
}

// confirm answers a y/n question; anything but y is no.
func (p promptModel) confirm(kp tea.KeyPressMsg) (promptModel, *promptResult) {
	switch kp.String() {
	case "y", "Y":
		return promptModel{}, &promptResult{kind: p.kind, value: "y"}
	}
	return promptModel{}, &promptResult{kind: p.kind, value: "n", cancel: true}
}

// set replaces the input, cursor at its end.
func (p *promptModel) set(s string) {
	p.input = []rune(s)
	p.pos = len(p.input)
}

func (p *promptModel) insert(r []rune) {
	out := make([]rune, 0, len(p.input)+len(r))
	out = append(out, p.input[:p.pos]...)
	out = append(out, r...)
	p.input = append(out, p.input[p.pos:]...)
	p.pos += len(r)
}

func (p *promptModel) deleteWord() {
	i := p.pos
	for i > 0 && p.input[i-1] == ' ' {
		i--
	}
	for i > 0 && p.input[i-1] != ' ' {
		i--
	}
	p.input = append(p.input[:i:i], p.input[p.pos:]...)
	p.pos = i
}

// value is the text typed so far.
func (p promptModel) value() string { return string(p.input) }

// View draws the prompt cut to width, and the cursor's column; hint, when
// set, follows the input (the snooze prompt's parsed time). Spaces the
// admin typed are kept (sanitize.Text, not Line), so the cursor sits where
// the next character goes.
func (p promptModel) View(width int, hint string) (string, int) {
	head := sanitize.Text(p.label)
	all := head + sanitize.Text(string(p.input))
	if hint != "" {
		all += "  " + hint
	}
	x := sanitize.Width(head) + sanitize.Width(sanitize.Text(string(p.input[:p.pos])))
	if len(p.shown) > 0 {
		all += "   [" + sanitize.Line(strings.Join(p.shown, " ")) + "]"
	}
	if sanitize.Width(all) > width {
		return line(all, width), min(x, max(0, width-1))
	}
	return pad(all, width), x
}
