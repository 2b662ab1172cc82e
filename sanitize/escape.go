package sanitize

// Escape-sequence scanners. They work on bytes: every byte that ends or
// shapes a sequence is ASCII, and U+009C (ST) is the two bytes C2 9C, which
// cannot appear inside another UTF-8 character. So "Ü" (C3 9C) never ends
// a string early, unlike terminals that look at raw 0x9C bytes.

// escapeEnd returns the index just past the escape sequence whose ESC was
// at i-1. The whole sequence is dropped; if it is malformed, only the
// part that was recognised is dropped and the rest is handled as text.
// noTerm is shared with stringEnd.
func escapeEnd(s string, i int, noTerm *int) int {
	if i >= len(s) {
		return i
	}
	switch s[i] {
	case '[': // CSI
		return csiEnd(s, i+1)
	case ']', 'P', 'X', '^', '_': // OSC, DCS, SOS, PM, APC
		if e, ok := stringEnd(s, i+1, noTerm); ok {
			return e
		}
		return i + 1
	}
	// nF / Fp / Fe / Fs: ESC, intermediates 0x20–0x2F, final 0x30–0x7E
	// (ESC 7, ESC c, ESC ( B, ESC # 8, ESC \ ...).
	for i < len(s) && s[i] >= 0x20 && s[i] <= 0x2f {
		i++
	}
	if i < len(s) && s[i] >= 0x30 && s[i] <= 0x7e {
		i++
	}
	return i
}

// csiEnd returns the index just past a control sequence whose parameters
// start at i: parameter bytes 0x30–0x3F, intermediate bytes 0x20–0x2F, one
// final byte 0x40–0x7E. A sequence cut short ends at the first byte that
// does not fit, and that byte is handled as text.
func csiEnd(s string, i int) int {
	for i < len(s) && s[i] >= 0x30 && s[i] <= 0x3f {
		i++
	}
	for i < len(s) && s[i] >= 0x20 && s[i] <= 0x2f {
		i++
	}
	if i < len(s) && s[i] >= 0x40 && s[i] <= 0x7e {
		i++
	}
	return i
}

// stringEnd returns the index just past the terminator of a control string
// (OSC, DCS, SOS, PM, APC) whose payload starts at i. BEL, ST (ESC \ or
// U+009C), CAN and SUB end it; another ESC ends it too and starts a new
// sequence, as in xterm. ok is false when nothing ends it.
//
// *noTerm is the lowest offset known to have no terminator after it (start
// it at len(s)+1); it keeps a text full of unterminated introducers linear.
func stringEnd(s string, i int, noTerm *int) (end int, ok bool) {
	if i >= *noTerm {
		return len(s), false
	}
	for j := i; j < len(s); j++ {
		switch s[j] {
		case 0x07, 0x18, 0x1a:
			return j + 1, true
		case 0x1b:
			if j+1 < len(s) && s[j+1] == '\\' {
				return j + 2, true
			}
			return j, true
		case 0xc2:
			if j+1 < len(s) && s[j+1] == 0x9c {
				return j + 2, true
			}
		}
	}
	*noTerm = i
	return len(s), false
}
