package ui

import (
	"strings"

	"sapa/sanitize"
)

// Width helpers. Every string drawn passes through sanitize (Truncate and
// Wrap sanitize what they are given), so outside text never reaches the
// terminal raw; Sapa's own strings pass through the same path harmlessly.

// cell returns s sanitized, cut to w cells and padded to exactly w cells, so
// columns keep their place whatever the text.
func cell(s string, w int) string {
	if w <= 0 {
		return ""
	}
	if !strings.Contains(s, "\n") && sanitize.Text(s) == s && sanitize.Width(s) <= w {
		return pad(s, w) // safe and fits: keep its spacing as laid out
	}
	lead := leadingSpaces(s, w)
	return pad(strings.Repeat(" ", lead)+sanitize.Truncate(s[lead:], w-lead), w)
}

// leadingSpaces counts the ASCII spaces s starts with (at most w): layout
// indentation that Truncate, which trims, would otherwise drop.
func leadingSpaces(s string, w int) int {
	n := 0
	for n < len(s) && n < w && s[n] == ' ' {
		n++
	}
	return n
}

// cellRight is cell aligned to the right.
func cellRight(s string, w int) string {
	if w <= 0 {
		return ""
	}
	t := sanitize.Truncate(s, w)
	return strings.Repeat(" ", max(0, w-sanitize.Width(t))) + t
}

// pad appends spaces to already-safe text s up to w cells.
func pad(s string, w int) string {
	if n := w - sanitize.Width(s); n > 0 {
		return s + strings.Repeat(" ", n)
	}
	return s
}

// line fits one screen row: sanitized, cut and padded to the full width.
func line(s string, w int) string { return cell(s, w) }

// joinNonEmpty joins the non-empty parts with sep.
func joinNonEmpty(sep string, parts ...string) string {
	out := parts[:0:0]
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, sep)
}

// fitHints joins as many whole hints as fit in width cells, in order, so a
// narrow screen drops the last hints rather than cutting one in the middle.
func fitHints(sep string, width int, hints ...string) string {
	out := ""
	for _, h := range hints {
		if h == "" {
			continue
		}
		next := h
		if out != "" {
			next = out + sep + h
		}
		if sanitize.Width(next) > width {
			break
		}
		out = next
	}
	return out
}
