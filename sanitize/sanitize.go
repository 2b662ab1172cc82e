// Package sanitize makes outside text safe to draw in Sapa's terminal UI.
//
// Every string that comes from outside Sapa (citizen message text, display
// names, post titles, platform error bodies) must pass through Text or Line
// before any View draws it. Bubbletea and lipgloss pass escape sequences
// and a lone carriage return straight to the terminal, so without this an
// incoming message could clear the screen, rewrite the window title, write
// the admin's clipboard (OSC 52), plant a fake hyperlink (OSC 8), or
// reorder what the admin reads with bidi overrides.
//
// What the sanitizer guarantees about its output:
//
//   - it is valid UTF-8 (each run of invalid bytes becomes one U+FFFD);
//   - it holds no C0 control except '\n', no DEL and no C1 control, so no
//     escape sequence (7-bit ESC or 8-bit C1 form) can reach the terminal;
//   - escape sequences are removed whole: CSI, two-character ESC
//     sequences, and OSC/DCS/SOS/PM/APC strings up to BEL, ST, CAN or SUB;
//   - it holds no format characters (Unicode category Cf): no bidi
//     controls, no zero-width space, word joiner, BOM, soft hyphen,
//     invisible operators or interlinear annotation marks;
//   - ZWJ and ZWNJ survive only where they do real work (see below), tag
//     characters only inside an emoji flag tag sequence, and a variation
//     selector only directly after a visible base character;
//   - the result is stable: Text(Text(s)) == Text(s).
//
// Decisions worth knowing:
//
//   - Line breaks: "\r\n", a lone '\r', VT, FF, NEL, U+2028 and U+2029 all
//     become '\n' (a lone '\r' would otherwise let text overwrite its own
//     line). A tab becomes four spaces: the sanitizer cannot know the
//     column the text will be drawn at.
//   - ZWJ is kept inside emoji ZWJ sequences (pictograph, optional
//     modifiers or selectors, ZWJ, pictograph: family, rainbow flag, woman
//     technologist). ZWJ and ZWNJ are also kept between two letters of a
//     script that needs them (Arabic/Persian, Indic, Sinhala, Javanese, ...), and after
//     a non-spacing mark such as a virama that follows such a letter. Any
//     other joiner is dropped, so "Bu\u200Ddi" reads as the "Budi" it
//     pretends to be.
//   - An escape string (OSC, DCS, ...) with no terminator loses only its
//     introducer; the rest stays visible as plain, inert text rather than
//     silently hiding everything after it.
//   - Private-use characters and noncharacters become U+FFFD: their width
//     depends on the admin's font, which would break the layout.
//   - Hangul filler letters become spaces, so a name made of them cannot
//     look like a real but blank name.
//   - A combining mark with no base (at the start of text or after
//     whitespace) is dropped; otherwise it would draw over the border or
//     the previous column.
//   - A base keeps at most maxMarks combining marks; the rest are dropped,
//     so a "Zalgo" letter carrying thousands of marks cannot stack them up
//     over the rows above and below it.
//   - Unassigned code points are kept (they may be newer emoji than Go's
//     tables); text is not NFC-normalised (width is measured by grapheme
//     cluster, so decomposed text lays out the same).
package sanitize

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

const tabSpaces = "    "

// Text returns s made safe to draw as multi-line text: escape sequences,
// control and format characters are removed, line breaks are normalised to
// '\n', tabs become four spaces, and invalid UTF-8 becomes U+FFFD. Letters,
// marks, CJK and emoji (ZWJ sequences, flags, skin tones) are unchanged.
// When s is already safe, Text returns s itself without allocating.
func Text(s string) string {
	if safeASCII(s, true) {
		return s
	}
	return clean(newState(s))
}

// Words returns s as the search index reads it: Text, except that each
// escape sequence or control character removed becomes a space, so words
// glued together by a hidden sequence ("Halo\x1b[2JSELAMAT") stay two
// words. It shares Text's parser, so the two never disagree on where an
// escape sequence ends.
func Words(s string) string {
	if safeASCII(s, true) {
		return s
	}
	st := newState(s)
	st.gap = " "
	return clean(st)
}

// clean runs the single pass over st's source.
func clean(st *state) string {
	s := st.w.src
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case (c >= 0x20 && c < 0x7f) || c == '\n':
			// A run of printable ASCII and newlines needs no decisions
			// past its first byte.
			j := i + 1
			for j < len(s) && ((s[j] >= 0x20 && s[j] < 0x7f) || s[j] == '\n') {
				j++
			}
			st.output(rune(c), i, i+1, "")
			if j > i+1 {
				st.w.keep(i+1, j)
				st.lastEmitted, st.lastBase = rune(s[j-1]), rune(s[j-1])
			}
			i = j
		case c < 0x80:
			i = st.ascii(c, i)
		default:
			r, n := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && n == 1 {
				j := i + 1
				for j < len(s) {
					if r2, n2 := utf8.DecodeRuneInString(s[j:]); r2 != utf8.RuneError || n2 != 1 {
						break
					}
					j++
				}
				st.output(utf8.RuneError, i, j, "\uFFFD")
				i = j
				continue
			}
			i = st.unicode(r, i, i+n)
		}
	}
	st.finish()
	return st.w.String()
}

// Line returns s made safe for a single row (list rows, headers, the status
// bar): Text, then every run of whitespace, line breaks included, becomes
// one space, and leading and trailing whitespace is trimmed. When s is
// already a safe single line, Line returns s itself without allocating.
func Line(s string) string {
	if safeASCII(s, false) {
		return s
	}
	return collapse(Text(s))
}

// safeASCII reports whether s is printable ASCII that Text (or, when
// multiline is false, Line) would return unchanged.
func safeASCII(s string, multiline bool) bool {
	if multiline {
		for i := 0; i < len(s); i++ {
			if c := s[i]; (c < 0x20 && c != '\n') || c >= 0x7f {
				return false
			}
		}
		return true
	}
	prevSpace := true // a leading space needs trimming
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c >= 0x7f || (c == ' ' && prevSpace) {
			return false
		}
		prevSpace = c == ' '
	}
	return !prevSpace || len(s) == 0
}

// collapse turns each run of whitespace in t into one space and trims both
// ends. t must already be sanitized.
func collapse(t string) string {
	w := writer{src: t}
	started := false
	for i := 0; i < len(t); {
		j := i // whitespace run t[i:j]
		for j < len(t) {
			n, space := spaceAt(t, j)
			if !space {
				break
			}
			j += n
		}
		if j == len(t) {
			break // trailing whitespace
		}
		if started && j > i {
			if j-i == 1 && t[i] == ' ' {
				w.keep(i, j)
			} else {
				w.emit(" ")
			}
		}
		k := j // word t[j:k]
		for k < len(t) {
			if c := t[k]; c > ' ' && c < utf8.RuneSelf {
				k++ // the common case, kept inline
				continue
			}
			n, space := spaceAt(t, k)
			if space {
				break
			}
			k += n
		}
		w.keep(j, k)
		started = true
		i = k
	}
	return w.String()
}

// spaceAt returns the length of the rune at t[i] and whether it is
// whitespace.
func spaceAt(t string, i int) (int, bool) {
	if c := t[i]; c < utf8.RuneSelf {
		return 1, c <= ' '
	}
	r, n := utf8.DecodeRuneInString(t[i:])
	return n, unicode.IsSpace(r)
}

// writer builds the output lazily: while every kept piece is the next
// stretch of src, the output is just src[:pos] and nothing is allocated.
type writer struct {
	src   string
	pos   int
	dirty bool
	b     strings.Builder
}

// keep appends src[start:end] to the output.
func (w *writer) keep(start, end int) {
	if !w.dirty {
		if start == w.pos {
			w.pos = end
			return
		}
		w.diverge()
	}
	w.b.WriteString(w.src[start:end])
}

// emit appends a replacement that is not a copy of src.
func (w *writer) emit(s string) {
	if !w.dirty {
		w.diverge()
	}
	w.b.WriteString(s)
}

func (w *writer) diverge() {
	w.dirty = true
	w.b.Grow(len(w.src) + len(tabSpaces))
	w.b.WriteString(w.src[:w.pos])
}

// String returns the output.
func (w *writer) String() string {
	if !w.dirty {
		return w.src[:w.pos]
	}
	return w.b.String()
}

// state is the single-pass sanitizer. Decisions that need context look
// only at what has already been output and at the next rune to be output,
// which is what makes the result stable under a second pass.
type state struct {
	w           writer
	lastEmitted rune // last rune output, or none
	lastBase    rune // last rune output that is not a mark, selector, modifier, joiner or tag
	marks       int  // combining marks output since lastBase (see maxMarks)

	joiner                 rune // pending ZWJ/ZWNJ waiting for the next output rune, or 0
	joinerStart, joinerEnd int

	tags    [maxFlagTags]int // offsets of pending flag tags after U+1F3F4
	ntags   int
	tagDead bool // a malformed tag run: drop tags until the next output rune

	noTerm int // see stringEnd

	gap string // what a removed escape sequence or control becomes: "" (Text) or " " (Words)
}

func newState(s string) *state {
	return &state{w: writer{src: s}, lastEmitted: none, lastBase: none, noTerm: len(s) + 1}
}

// output writes rune r, either as src[start:end] (repl == "") or as repl,
// after settling any pending joiner or tag run.
func (st *state) output(r rune, start, end int, repl string) {
	st.ntags, st.tagDead = 0, false
	if st.joiner != 0 {
		st.resolveJoiner(r)
	}
	if repl == "" {
		st.w.keep(start, end)
	} else {
		st.w.emit(repl)
	}
	st.lastEmitted = r
	if !isExtend(r) {
		st.lastBase, st.marks = r, 0
	}
}

// isExtend reports runes that attach to the preceding base.
func isExtend(r rune) bool {
	if r < 0x300 {
		return false
	}
	return r == zwj || r == zwnj || isVariationSelector(r) || isModifier(r) ||
		(r >= 0xE0000 && r <= 0xE007F) || unicode.Is(unicode.M, r)
}

// resolveJoiner keeps or drops the pending joiner now that the next output
// rune is known (next == none at the end of the text).
func (st *state) resolveJoiner(next rune) {
	j := st.joiner
	st.joiner = 0
	keep := false
	switch {
	case j == zwj && isPictographic(st.lastBase) && isPictographic(next):
		keep = true // emoji ZWJ sequence
	case isJoiningLetter(st.lastBase):
		keep = isJoiningLetter(next) ||
			(st.lastEmitted != st.lastBase && st.lastEmitted >= 0 && unicode.Is(unicode.Mn, st.lastEmitted))
	}
	if keep {
		st.w.keep(st.joinerStart, st.joinerEnd)
		st.lastEmitted = j
	}
}

func (st *state) finish() {
	if st.joiner != 0 {
		st.resolveJoiner(none)
	}
	st.ntags = 0
}

// ascii handles a C0 control or DEL at s[i] and returns the next index.
func (st *state) ascii(c byte, i int) int {
	s := st.w.src
	switch c {
	case '\r':
		if i+1 < len(s) && s[i+1] == '\n' {
			return i + 1 // the '\n' is output next
		}
		st.output('\n', i, i+1, "\n")
		return i + 1
	case '\v', '\f':
		st.output('\n', i, i+1, "\n")
		return i + 1
	case '\t':
		st.output(' ', i, i+1, tabSpaces)
		return i + 1
	case 0x1b:
		return st.removed(i, escapeEnd(s, i+1, &st.noTerm))
	}
	return st.removed(i, i+1) // other C0 controls and DEL are dropped
}

// removed drops s[start:end], an escape sequence or control, leaving
// st.gap in its place, and returns end.
func (st *state) removed(start, end int) int {
	if st.gap != "" {
		st.output(' ', start, end, st.gap)
	}
	return end
}

// unicode handles the non-ASCII rune r at s[start:end] and returns the next
// index.
func (st *state) unicode(r rune, start, end int) int {
	switch {
	case r <= 0x9f: // C1 controls, decoded from valid UTF-8
		switch r {
		case 0x85: // NEL
			st.output('\n', start, end, "\n")
		case 0x9b: // CSI
			return st.removed(start, csiEnd(st.w.src, end))
		case 0x90, 0x98, 0x9d, 0x9e, 0x9f: // DCS, SOS, OSC, PM, APC
			if e, ok := stringEnd(st.w.src, end, &st.noTerm); ok {
				return st.removed(start, e)
			}
			return st.removed(start, end)
		default:
			return st.removed(start, end)
		}
	case r == zwj || r == zwnj:
		st.ntags = 0
		st.tagDead = st.tagDead || st.lastEmitted == blackFlag
		st.joiner, st.joinerStart, st.joinerEnd = r, start, end
	case r >= 0xE0000 && r <= 0xE007F:
		st.tag(r, start)
	case r == 0x2028 || r == 0x2029:
		st.output('\n', start, end, "\n")
	case isVariationSelector(r):
		if st.lastEmitted == st.lastBase && !isSpaceBase(st.lastBase) {
			st.output(r, start, end, "")
		}
	case unicode.Is(unicode.Cf, r):
		// format characters: bidi controls, zero-width space, BOM, ...
	case unicode.Is(unicode.Co, r) || isNoncharacter(r):
		st.output(utf8.RuneError, start, end, "\uFFFD")
	case isHangulFiller(r):
		st.output(' ', start, end, " ")
	case unicode.Is(unicode.M, r):
		if !isSpaceBase(st.lastBase) && st.marks < maxMarks {
			st.marks++
			st.output(r, start, end, "")
		}
	default:
		st.output(r, start, end, "")
	}
	return end
}

// tag handles a tag character at s[start:]. Tags survive only as an emoji
// flag tag sequence: U+1F3F4, 1 to maxFlagTags tag digits or small letters,
// CANCEL TAG (Scotland is U+1F3F4, tags "gbsct", U+E007F). Anything else is
// invisible payload and is dropped.
func (st *state) tag(r rune, start int) {
	switch {
	case st.tagDead:
	case r == cancelTag:
		if st.ntags > 0 {
			for _, t := range st.tags[:st.ntags] {
				st.w.keep(t, t+4)
			}
			st.w.keep(start, start+4)
			st.ntags = 0
			st.lastEmitted = r
		}
	case !isFlagTag(r):
		st.tagDead = st.ntags > 0 || st.lastEmitted == blackFlag
		st.ntags = 0
	case st.ntags == maxFlagTags:
		st.ntags, st.tagDead = 0, true
	case st.ntags > 0:
		st.tags[st.ntags] = start
		st.ntags++
	case st.lastEmitted == blackFlag:
		// No joiner can be pending here: a joiner after the flag kills
		// the tag run.
		st.tags[0] = start
		st.ntags = 1
	}
}
