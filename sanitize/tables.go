package sanitize

import "unicode"

// Character classes the sanitizer treats specially. Everything here is data
// plus tiny predicates; the decisions live in sanitize.go.

const (
	zwnj      = '\u200C' // ZERO WIDTH NON-JOINER
	zwj       = '\u200D' // ZERO WIDTH JOINER
	blackFlag = '\U0001F3F4'
	cancelTag = '\U000E007F'
	// maxFlagTags bounds the tag run after U+1F3F4. Subdivision flags
	// ("gbsct") need five; anything much longer is hidden payload.
	maxFlagTags = 7
	// maxMarks bounds the combining marks one base letter carries. Real
	// writing needs few: Vietnamese and Yoruba stack two or three, pointed
	// Hebrew with cantillation four, Tibetan stacks five or six; a letter
	// with thousands of marks is an attack that smears over other rows.
	maxMarks = 8
	none     = rune(-1)
)

// isVariationSelector reports VS1–VS16 and VS17–VS256. Mongolian free
// variation selectors are ordinary marks.
func isVariationSelector(r rune) bool {
	return (r >= 0xFE00 && r <= 0xFE0F) || (r >= 0xE0100 && r <= 0xE01EF)
}

// isModifier reports the emoji skin-tone modifiers U+1F3FB–U+1F3FF.
func isModifier(r rune) bool { return r >= 0x1F3FB && r <= 0x1F3FF }

// isFlagTag reports the tag characters allowed in an emoji flag tag
// sequence: TAG DIGIT ZERO..NINE and TAG LATIN SMALL LETTER A..Z.
func isFlagTag(r rune) bool {
	return (r >= 0xE0030 && r <= 0xE0039) || (r >= 0xE0061 && r <= 0xE007A)
}

// isNoncharacter reports the 66 Unicode noncharacters.
func isNoncharacter(r rune) bool {
	return (r >= 0xFDD0 && r <= 0xFDEF) || r&0xFFFE == 0xFFFE
}

// isHangulFiller reports Hangul filler letters: blank glyphs that are
// letters, a known way to make a display name look empty.
func isHangulFiller(r rune) bool {
	return r == 0x115F || r == 0x1160 || r == 0x3164 || r == 0xFFA0
}

// isSpaceBase reports whether a base (or the start of text) cannot carry a
// combining mark or a variation selector.
func isSpaceBase(r rune) bool { return r == none || unicode.IsSpace(r) }

// nonJoiningScripts are scripts in which ZWJ and ZWNJ have no legitimate use
// in running text, so a joiner between two of their letters is an
// impersonation trick ("Bu\u200Ddi" looks like "Budi").
var nonJoiningScripts = []*unicode.RangeTable{
	unicode.Common, unicode.Latin, unicode.Greek, unicode.Cyrillic,
	unicode.Armenian, unicode.Han, unicode.Hiragana, unicode.Katakana,
	unicode.Hangul, unicode.Bopomofo,
}

// isJoiningLetter reports a letter of a script that uses ZWJ/ZWNJ inside
// words: Arabic and Persian, the Indic scripts, Sinhala, Javanese,
// Balinese, Sundanese and the like.
func isJoiningLetter(r rune) bool {
	return r >= 0x0590 && unicode.IsLetter(r) && !unicode.In(r, nonJoiningScripts...)
}

// isPictographic reports Extended_Pictographic (Unicode emoji data, as used
// by grapheme rule GB11): the runes that may sit on both sides of a ZWJ in
// an emoji ZWJ sequence.
func isPictographic(r rune) bool { return r >= 0xA9 && unicode.Is(pictographic, r) }

// pictographic is Extended_Pictographic from emoji-data.txt (Unicode 15),
// adjacent ranges merged.
var pictographic = &unicode.RangeTable{
	R16: []unicode.Range16{
		{0x00a9, 0x00a9, 1},
		{0x00ae, 0x00ae, 1},
		{0x203c, 0x203c, 1},
		{0x2049, 0x2049, 1},
		{0x2122, 0x2122, 1},
		{0x2139, 0x2139, 1},
		{0x2194, 0x2199, 1},
		{0x21a9, 0x21aa, 1},
		{0x231a, 0x231b, 1},
		{0x2328, 0x2328, 1},
		{0x2388, 0x2388, 1},
		{0x23cf, 0x23cf, 1},
		{0x23e9, 0x23f3, 1},
		{0x23f8, 0x23fa, 1},
		{0x24c2, 0x24c2, 1},
		{0x25aa, 0x25ab, 1},
		{0x25b6, 0x25b6, 1},
		{0x25c0, 0x25c0, 1},
		{0x25fb, 0x25fe, 1},
		{0x2600, 0x2605, 1},
		{0x2607, 0x2612, 1},
		{0x2614, 0x2685, 1},
		{0x2690, 0x2705, 1},
		{0x2708, 0x2712, 1},
		{0x2714, 0x2714, 1},
		{0x2716, 0x2716, 1},
		{0x271d, 0x271d, 1},
		{0x2721, 0x2721, 1},
		{0x2728, 0x2728, 1},
		{0x2733, 0x2734, 1},
		{0x2744, 0x2744, 1},
		{0x2747, 0x2747, 1},
		{0x274c, 0x274c, 1},
		{0x274e, 0x274e, 1},
		{0x2753, 0x2755, 1},
		{0x2757, 0x2757, 1},
		{0x2763, 0x2767, 1},
		{0x2795, 0x2797, 1},
		{0x27a1, 0x27a1, 1},
		{0x27b0, 0x27b0, 1},
		{0x27bf, 0x27bf, 1},
		{0x2934, 0x2935, 1},
		{0x2b05, 0x2b07, 1},
		{0x2b1b, 0x2b1c, 1},
		{0x2b50, 0x2b50, 1},
		{0x2b55, 0x2b55, 1},
		{0x3030, 0x3030, 1},
		{0x303d, 0x303d, 1},
		{0x3297, 0x3297, 1},
		{0x3299, 0x3299, 1},
	},
	R32: []unicode.Range32{
		{0x1f000, 0x1f0ff, 1},
		{0x1f10d, 0x1f10f, 1},
		{0x1f12f, 0x1f12f, 1},
		{0x1f16c, 0x1f171, 1},
		{0x1f17e, 0x1f17f, 1},
		{0x1f18e, 0x1f18e, 1},
		{0x1f191, 0x1f19a, 1},
		{0x1f1ad, 0x1f1e5, 1},
		{0x1f201, 0x1f20f, 1},
		{0x1f21a, 0x1f21a, 1},
		{0x1f22f, 0x1f22f, 1},
		{0x1f232, 0x1f23a, 1},
		{0x1f23c, 0x1f23f, 1},
		{0x1f249, 0x1f3fa, 1},
		{0x1f400, 0x1f53d, 1},
		{0x1f546, 0x1f64f, 1},
		{0x1f680, 0x1f6ff, 1},
		{0x1f774, 0x1f77f, 1},
		{0x1f7d5, 0x1f7ff, 1},
		{0x1f80c, 0x1f80f, 1},
		{0x1f848, 0x1f84f, 1},
		{0x1f85a, 0x1f85f, 1},
		{0x1f888, 0x1f88f, 1},
		{0x1f8ae, 0x1f8ff, 1},
		{0x1f90c, 0x1f93a, 1},
		{0x1f93c, 0x1f945, 1},
		{0x1f947, 0x1faff, 1},
		{0x1fc00, 0x1fffd, 1},
	},
	LatinOffset: 2,
}
