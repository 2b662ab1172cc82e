package sanitize

import (
	"strings"
	"unicode"

	"github.com/charmbracelet/x/ansi"
)

// Width measurement goes through ansi's grapheme method, the same function
// lipgloss uses to measure and pad, so a row Sapa cut to n cells is n cells
// to lipgloss too. Bubbletea's renderer also counts by grapheme, but only
// when the terminal reports grapheme clustering (mode 2027); otherwise it
// falls back to per-rune wcwidth, where a ZWJ family emoji is 6 cells, not
// 2, and rows holding one can misalign on such terminals.

// ellipsis marks text cut by Truncate.
const ellipsis = "…"

// Width returns the number of terminal cells s takes on one line, measured
// by grapheme cluster: an emoji ZWJ sequence, a flag, or a letter with its
// combining marks is one unit, and East Asian wide characters and emoji
// take two cells. s should be sanitized text; a '\n' counts as zero.
func Width(s string) int {
	if printableASCII(s) {
		return len(s)
	}
	return ansi.StringWidth(s)
}

// printableASCII reports whether every byte of s is in 0x20–0x7E, where
// one byte is one cell.
func printableASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] >= 0x7f {
			return false
		}
	}
	return true
}

// Truncate returns Line(s) cut to at most width cells, never inside a
// grapheme cluster, with "…" appended when anything was cut (whitespace
// before the "…" is dropped). A wide character that would straddle the
// limit is left out, so the result may be one cell short. Width <= 0
// gives "".
func Truncate(s string, width int) string {
	s = Line(s)
	if width <= 0 {
		return ""
	}
	tail, mark := Width(ellipsis), ellipsis
	if tail > width {
		tail, mark = 0, "" // no room even for the ellipsis
	}
	if printableASCII(s) {
		if len(s) <= width {
			return s
		}
		return strings.TrimRight(s[:width-tail], " ") + mark
	}
	room := width - tail // cells left for text when cut
	used, cut := 0, -1   // cut: byte length of the prefix that fits in room
	for i := 0; i < len(s); {
		cluster, w := ansi.FirstGraphemeCluster(s[i:], ansi.GraphemeWidth)
		if cut < 0 && used+w > room {
			cut = i
		}
		used += w
		if used > width {
			return strings.TrimRight(s[:cut], " ") + mark
		}
		i += len(cluster)
	}
	return s
}

// Wrap returns Text(s) broken into lines of at most width cells for the
// conversation pane. Each '\n' starts a new line (blank lines are kept);
// long lines break at spaces, and a word longer than width is broken
// between grapheme clusters. Spaces at a break are dropped; indentation at
// the start of a paragraph is kept when it fits. A single grapheme wider
// than width (a wide character when width is 1) gets a line of its own.
// Width < 1 is treated as 1.
func Wrap(s string, width int) []string {
	s = Text(s)
	if width < 1 {
		width = 1
	}
	lines := make([]string, 0, strings.Count(s, "\n")+1)
	for para := range strings.SplitSeq(s, "\n") {
		lines = wrapParagraph(lines, para, width)
	}
	return lines
}

// wrapParagraph appends the wrapped lines of one paragraph (no '\n').
func wrapParagraph(lines []string, p string, width int) []string {
	if Width(p) <= width {
		return append(lines, strings.TrimRightFunc(p, isBreakSpace))
	}
	before := len(lines)
	var (
		line   strings.Builder
		lineW  int
		spaces string // whitespace run waiting for the next word
		first  = true // no word placed yet: spaces are indentation
	)
	flush := func() {
		lines = append(lines, line.String())
		line.Reset()
		lineW = 0
	}
	for tok, isSpace := range tokens(p) {
		if isSpace {
			spaces = tok
			continue
		}
		sw, w := Width(spaces), Width(tok)
		if first && sw+w > width {
			spaces, sw = "", 0 // indentation that does not fit is dropped
		}
		first = false
		switch {
		case lineW+sw+w <= width:
			line.WriteString(spaces)
			line.WriteString(tok)
			lineW += sw + w
		case w <= width:
			if lineW > 0 {
				flush()
			}
			line.WriteString(tok)
			lineW = w
		default: // hard-break a word wider than the pane
			if lineW > 0 {
				flush()
			}
			for i := 0; i < len(tok); {
				cluster, cw := ansi.FirstGraphemeCluster(tok[i:], ansi.GraphemeWidth)
				if lineW > 0 && lineW+cw > width {
					flush()
				}
				line.WriteString(cluster)
				lineW += cw
				i += len(cluster)
			}
		}
		spaces = ""
	}
	if line.Len() > 0 || len(lines) == before {
		flush() // the last line, or one blank line for a blank paragraph
	}
	return lines
}

// isBreakSpace reports whitespace a line may break at. No-break spaces
// (U+00A0, U+2007, U+202F) are part of the word they join.
func isBreakSpace(r rune) bool {
	return unicode.IsSpace(r) && r != 0xA0 && r != 0x2007 && r != 0x202F
}

// tokens yields the alternating runs of break spaces and non-spaces of p.
func tokens(p string) func(yield func(string, bool) bool) {
	return func(yield func(string, bool) bool) {
		start, inSpace := 0, false
		for i, r := range p {
			sp := isBreakSpace(r)
			if i > start && sp != inSpace {
				if !yield(p[start:i], inSpace) {
					return
				}
				start = i
			}
			inSpace = sp
		}
		if start < len(p) {
			yield(p[start:], inSpace)
		}
	}
}
