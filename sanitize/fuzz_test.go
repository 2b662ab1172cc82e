package sanitize

import (
	"strings"
	"testing"
)

var fuzzSeeds = []string{
	"",
	"Halo \x1b[2JPak",
	"\x1b]52;c;SGVsbG8=\x07",
	"\x1b]0;title\x1b\\x",
	"\u009b31m\u009d0;t\u009c",
	"\x1bPq~~\x1b\\\x1b_G;A\x1b\\",
	"\x1b]0;judul",
	"a\r\nb\rc\td\x00\x7f",
	"file\u202Egpj.exe\u2066\u200E",
	"Bu\u200B\u200C\u200Ddi\uFEFF",
	family + " 👩🏽\u200D💻 🏳\uFE0F\u200D🌈 🏴\u200D☠\uFE0F",
	"🏴\U000E0067\U000E0062\U000E0073\U000E0063\U000E0074\U000E007F",
	"🏴\U000E0067\u200D\U000E007F",
	"halo\U000E0041\U000E0042",
	"می\u200Cخواهم क\u094D\u200Dष ന\u0D4D\u200D",
	"a\xff\xfe\xc2",
	"\uE000\uFFFE\u3164\u0301\uFE0F",
	"你好 世界\u00A0\u3000x",
	"😀\U000E0100\U000E0101",
}

// FuzzText checks the sanitizer's contract on arbitrary input: the output
// is valid UTF-8 with no control or format characters, Text and Line are
// idempotent, Line is one trimmed line, and Truncate and Wrap respect the
// width they are given.
func FuzzText(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s, 7)
	}
	f.Fuzz(func(t *testing.T, s string, width int) {
		out := Text(s)
		checkSafe(t, s, out)
		if again := Text(out); again != out {
			t.Fatalf("Text not idempotent:\n in  %q\n out %q\n 2nd %q", s, out, again)
		}

		line := Line(s)
		checkSafe(t, s, line)
		if strings.Contains(line, "\n") || strings.TrimSpace(line) != line {
			t.Fatalf("Line(%q) = %q is not one trimmed line", s, line)
		}
		if again := Line(line); again != line {
			t.Fatalf("Line not idempotent: %q -> %q -> %q", s, line, again)
		}
		if again := Text(line); again != line {
			t.Fatalf("Line output not stable under Text: %q -> %q -> %q", s, line, again)
		}

		width = width%40 + 1
		if width < 1 {
			width += 40
		}
		cut := Truncate(s, width)
		checkSafe(t, s, cut)
		if Width(cut) > width {
			t.Fatalf("Truncate(%q, %d) = %q is %d cells", s, width, cut, Width(cut))
		}
		lines := Wrap(s, width)
		for _, l := range lines {
			checkSafe(t, s, l)
		}
		checkWrapped(t, s, lines, width)
	})
}

// TestSmallAlphabet tries every string of up to four symbols drawn from the
// runes the context rules care about: the fuzzer rarely combines these.
func TestSmallAlphabet(t *testing.T) {
	alphabet := []string{
		"\u200D", "\u200C", "👨", "🏴", "\U000E0061", "\U000E007F", "\uFE0F",
		"🏽", "क", "\u094D", "ب", "\u064E", "a", " ", "\n", "\u0301",
		"\x1b", "]", "[", "\x07", "\u009d", "\xff", "\r", "\t", "\u3164",
	}
	n := 4
	if testing.Short() {
		n = 3
	}
	idx := make([]int, n)
	var b strings.Builder
	for {
		for k := 1; k <= n; k++ {
			b.Reset()
			for _, i := range idx[:k] {
				b.WriteString(alphabet[i])
			}
			s := b.String()
			out := Text(s)
			checkSafe(t, s, out)
			if again := Text(out); again != out {
				t.Fatalf("Text not idempotent: %q -> %q -> %q", s, out, again)
			}
			line := Line(s)
			if again := Line(line); again != line || Text(line) != line {
				t.Fatalf("Line not stable: %q -> %q -> %q", s, line, again)
			}
		}
		// next combination of n symbols (odometer)
		i := 0
		for i < n {
			idx[i]++
			if idx[i] < len(alphabet) {
				break
			}
			idx[i] = 0
			i++
		}
		if i == n {
			return
		}
	}
}
