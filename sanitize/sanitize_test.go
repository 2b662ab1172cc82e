package sanitize

import (
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"
)

// checkSafe fails t when out could do anything to a terminal but print.
func checkSafe(t testing.TB, in, out string) {
	t.Helper()
	if !utf8.ValidString(out) {
		t.Fatalf("Text(%q) = %q: invalid UTF-8", in, out)
	}
	for i := 0; i < len(out); i++ {
		if c := out[i]; (c < 0x20 && c != '\n') || c == 0x7f {
			t.Fatalf("Text(%q) = %q: control byte %#x at %d", in, out, c, i)
		}
	}
	for i, r := range out {
		switch {
		case r >= 0x80 && r <= 0x9f:
			t.Fatalf("Text(%q) = %q: C1 control %U at %d", in, out, r, i)
		case r == zwj || r == zwnj || (r >= 0xE0020 && r <= 0xE007F):
			// allowed in context; the context rules are tested by example
		case unicode.Is(unicode.Cf, r):
			t.Fatalf("Text(%q) = %q: format character %U at %d", in, out, r, i)
		case r == 0x2028 || r == 0x2029 || unicode.Is(unicode.Co, r) || isNoncharacter(r):
			t.Fatalf("Text(%q) = %q: forbidden %U at %d", in, out, r, i)
		}
	}
}

func TestTextAttacks(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"clear screen", "Halo \x1b[2JPak", "Halo Pak"},
		{"SGR colour", "\x1b[31mmerah\x1b[0m biasa", "merah biasa"},
		{"SGR invisible", "\x1b[8mrahasia\x1b[28m", "rahasia"},
		{"cursor home", "a\x1b[Hb", "ab"},
		{"cursor up, erase line", "palsu\x1b[1A\x1b[2Kasli", "palsuasli"},
		{"title report", "x\x1b[21ty", "xy"},
		{"private mode", "\x1b[?1049hlayar", "layar"},
		{"OSC 52 clipboard BEL", "\x1b]52;c;SGVsbG8=\x07ok", "ok"},
		{"OSC 0 title BEL", "a\x1b]0;title\x07b", "ab"},
		{"OSC 0 title ST", "a\x1b]0;title\x1b\\b", "ab"},
		{"OSC 0 title C1 ST", "a\x1b]0;title\u009cb", "ab"},
		{"OSC 8 hyperlink", "\x1b]8;;https://evil.example\x1b\\klik\x1b]8;;\x1b\\ di sini", "klik di sini"},
		{"OSC 9;7 ConEmu", "\x1b]9;7;\"cmd /c calc\"\x07aman", "aman"},
		{"OSC cancelled by CAN", "a\x1b]0;x\x18b", "ab"},
		{"OSC ended by ESC", "a\x1b]0;x\x1b[31mb", "ab"},
		{"OSC payload with Ü", "\x1b]0;Ü evil\x07x", "x"},
		{"DCS sixel", "\x1bPq#0;2;0;0;0#1~~\x1b\\x", "x"},
		{"DCS DECRQSS", "\x1bP$qm\x1b\\x", "x"},
		{"APC kitty graphics", "\x1b_Gf=100;AAAA\x1b\\x", "x"},
		{"PM", "\x1b^privacy\x1b\\x", "x"},
		{"SOS", "\x1bXstring\x1b\\x", "x"},
		{"8-bit CSI", "\u009b31mmerah\u009b0m", "merah"},
		{"8-bit CSI clear", "Halo \u009b2JPak", "Halo Pak"},
		{"8-bit OSC BEL", "\u009d0;title\u0007x", "x"},
		{"8-bit OSC ST", "\u009d52;c;SGVsbG8=\u009cx", "x"},
		{"8-bit DCS", "\u0090q~~\u009cx", "x"},
		{"8-bit APC", "\u009fG;AAAA\u009cx", "x"},
		{"lone C1 ST", "a\u009cb", "ab"},
		{"other C1", "a\u0080\u008d\u0096b", "ab"},
		{"save/restore cursor", "\x1b7save\x1b8", "save"},
		{"full reset", "a\x1bcb", "ab"},
		{"charset", "\x1b(0lqk\x1b(B", "lqk"},
		{"DECALN", "\x1b#8x", "x"},
		{"keypad", "\x1b=\x1b>x", "x"},
		{"lone ST", "a\x1b\\b", "ab"},
		{"ESC ESC", "a\x1b\x1b[2Jb", "ab"},
		{"ESC at end", "a\x1b", "a"},
		{"CSI at end", "teks\x1b[31", "teks"},
		{"CSI cut by text", "\x1b[31émerah", "émerah"},
		{"CSI with newline", "a\x1b[3\nb", "a\nb"},
		{"unterminated OSC keeps inert payload", "\x1b]0;judul", "0;judul"},
		{"unterminated 8-bit OSC", "\u009d0;judul", "0;judul"},
		{"carriage return overwrite", "Setuju\rTolak ", "Setuju\nTolak "},
		{"CRLF", "a\r\nb\r\n", "a\nb\n"},
		{"CR CR LF", "a\r\r\nb", "a\n\nb"},
		{"backspace", "abc\b\b\bxyz", "abcxyz"},
		{"NUL, BEL, DEL", "a\x00b\x07c\x7fd", "abcd"},
		{"VT, FF", "a\vb\fc", "a\nb\nc"},
		{"NEL", "a\u0085b", "a\nb"},
		{"LS, PS", "a\u2028b\u2029c", "a\nb\nc"},
		{"tab", "a\tb", "a    b"},
		{"RLO trojan", "file\u202Egpj.exe", "filegpj.exe"},
		{"all bidi controls", "a\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069\u200E\u200F\u061Cb", "ab"},
		{"ZWSP name", "Bu\u200Bdi", "Budi"},
		{"ZWJ in Latin", "Bu\u200Ddi", "Budi"},
		{"ZWNJ in Latin", "Bu\u200Cdi", "Budi"},
		{"stray joiners", "\u200D\u200Chalo\u200D", "halo"},
		{"ZWJ after emoji before letter", "👍\u200Da", "👍a"},
		{"double ZWJ", "👨\u200D\u200D👩", "👨\u200D👩"},
		{"15 ZWSP username", strings.Repeat("\u200B", 15), ""},
		{"word joiner", "a\u2060b", "ab"},
		{"BOM", "\uFEFFhalo", "halo"},
		{"soft hyphen", "ha\u00ADlo", "halo"},
		{"invisible operators", "a\u2061\u2062\u2063\u2064b", "ab"},
		{"Mongolian vowel separator", "a\u180Eb", "ab"},
		{"interlinear annotation", "\uFFF9a\uFFFAb\uFFFB", "ab"},
		{"tag smuggling", "halo\U000E0041\U000E0042\U000E0043", "halo"},
		{"tag after letter", "a\U000E0067\U000E007F", "a"},
		{"unterminated flag tags", "🏴\U000E0067\U000E0062x", "🏴x"},
		{"overlong flag tags", "🏴" + strings.Repeat("\U000E0061", 20) + "\U000E007F", "🏴"},
		{"invalid tag in flag", "🏴\U000E0067\U000E0041\U000E007F", "🏴"},
		{"lone cancel tag", "a\U000E007F", "a"},
		{"invalid byte", "a\xffb", "a\uFFFDb"},
		{"invalid run", "a\xff\xfe\xfdb", "a\uFFFDb"},
		{"raw 8-bit CSI byte", "\x9b31m", "\uFFFD31m"},
		{"truncated UTF-8", "a\xe2\x82", "a\uFFFD"},
		{"encoded surrogate", "\xed\xa0\x80", "\uFFFD"},
		{"overlong NUL", "a\xc0\x80b", "a\uFFFDb"},
		{"private use", "a\uE000b\U000F0000", "a\uFFFDb\uFFFD"},
		{"noncharacter", "a\uFFFEb\uFDD0", "a\uFFFDb\uFFFD"},
		{"Hangul filler name", "\u3164\u3164", "  "},
		{"orphan combining mark", "\u0301a", "a"},
		{"mark after space", "a \u0336b", "a b"},
		{"mark after newline", "a\n\u20DDb", "a\nb"},
		{"variation selector run", "a\uFE0F\uFE0F\uFE0E", "a\uFE0F"},
		{"orphan variation selector", "\uFE0Fa", "a"},
		{"VS smuggling", "😀\U000E0100\U000E0101\U000E0102", "😀\U000E0100"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Text(tt.in)
			checkSafe(t, tt.in, got)
			if got != tt.want {
				t.Errorf("Text(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if again := Text(got); again != got {
				t.Errorf("Text not idempotent: %q -> %q", got, again)
			}
		})
	}
}

// Text that must come through unchanged.
func TestTextSurvives(t *testing.T) {
	tests := []struct{ name, in string }{
		{"empty", ""},
		{"Indonesian", "Selamat pagi, Bapak/Ibu! Jalan rusak di RT 05/RW 02, mohon segera diperbaiki. Terima kasih."},
		{"multi-line", "Baris satu\nBaris dua\n\nBaris empat\n"},
		{"accents", "Café, naïve, Tiếng Việt, Ñandú"},
		{"decomposed", "Cafe\u0301 e\u0308"},
		{"stacked marks", "a\u0301\u0302\u0303"},
		{"literal U+FFFD", "a\uFFFDb"},
		{"emoji", "Terima kasih 🙏 😀 👍"},
		{"skin tones", "👍🏽 🙏🏿 👋🏻"},
		{"family ZWJ", "👨\u200D👩\u200D👧"},
		{"family with tones", "🧑🏿\u200D🤝\u200D🧑🏻"},
		{"profession with tone", "👩🏽\u200D💻"},
		{"rainbow flag", "🏳\uFE0F\u200D🌈"},
		{"transgender flag", "🏳\uFE0F\u200D⚧\uFE0F"},
		{"pirate flag", "🏴\u200D☠\uFE0F"},
		{"heart on fire", "❤\uFE0F\u200D🔥"},
		{"eye in bubble", "👁\uFE0F\u200D🗨\uFE0F"},
		{"country flags", "🇮🇩 🇯🇵 🇳🇱"},
		{"Scotland tag flag", "🏴\U000E0067\U000E0062\U000E0073\U000E0063\U000E0074\U000E007F"},
		{"flag tag then ZWJ", "🏴\U000E0067\U000E0062\U000E0065\U000E006E\U000E0067\U000E007F\u200D🔥"},
		{"keycap", "1\uFE0F\u20E3 #\uFE0F\u20E3"},
		{"text presentation", "☺\uFE0E"},
		{"CJK", "你好，世界。こんにちは。안녕하세요"},
		{"ideographic variation", "葛\U000E0100"},
		{"Thai", "สวัสดีครับ"},
		{"Arabic", "بِسْمِ اللّٰهِ"},
		{"Persian ZWNJ", "می\u200Cخواهم"},
		{"Persian ZWNJ after harakat", "بَ\u200Cب"},
		{"Devanagari", "नमस्ते"},
		{"Devanagari ZWJ after virama", "र\u094D\u200Dय"},
		{"Devanagari ZWNJ after virama", "क\u094D\u200Cष"},
		{"Sinhala ZWJ", "ශ\u0DCA\u200Dර\u0DD3 ලංකා"},
		{"Malayalam old chillu", "ന\u0D4D\u200D"},
		{"Javanese", "ꦲꦤꦕꦫꦏ"},
		{"Hebrew", "שלום"},
		{"NBSP and ideographic space", "a\u00A0b\u3000c"},
		{"braille", "⠓⠁⠇⠕"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Text(tt.in)
			checkSafe(t, tt.in, got)
			if got != tt.in {
				t.Errorf("Text(%q) = %q, want it unchanged", tt.in, got)
			}
		})
	}
}

func TestLine(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"   ", ""},
		{"Halo Pak", "Halo Pak"},
		{"  Halo\n\n  Pak\t!  ", "Halo Pak !"},
		{"Halo \x1b[2JPak", "Halo Pak"},
		{"a\rb", "a b"},
		{"a\r\n\r\nb", "a b"},
		{"a\u00A0\u3000\u2028b", "a b"},
		{"\u3164", ""},
		{"\u200B", ""},
		{"a\u200B b", "a b"},
		{" \u0301a", "a"},
		{"Judul:\n👨\u200D👩\u200D👧  keluarga", "Judul: 👨\u200D👩\u200D👧 keluarga"},
		{"\x1b]0;t\x07 \x1b[1m Penting \x1b[0m", "Penting"},
		{"a\xffb", "a\uFFFDb"},
	}
	for _, tt := range tests {
		got := Line(tt.in)
		checkSafe(t, tt.in, got)
		if got != tt.want {
			t.Errorf("Line(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if strings.Contains(got, "\n") {
			t.Errorf("Line(%q) = %q holds a newline", tt.in, got)
		}
		if again := Line(got); again != got {
			t.Errorf("Line not idempotent: %q -> %q", got, again)
		}
	}
}

// Clean input is returned as is: no copy, no allocation.
func TestNoAllocOnCleanInput(t *testing.T) {
	for _, s := range []string{
		"Selamat pagi, jalan di depan SD 3 rusak parah.",
		"Terima kasih 🙏🏽 👨\u200D👩\u200D👧 你好 Café",
	} {
		if n := testing.AllocsPerRun(100, func() { _ = Text(s); _ = Line(s) }); n != 0 {
			t.Errorf("Text/Line(%q): %v allocations, want 0", s, n)
		}
		if got := Line(s); got != s {
			t.Errorf("Line(%q) = %q, want unchanged", s, got)
		}
	}
	// Trimming is a substring, not a copy.
	if n := testing.AllocsPerRun(100, func() { _ = Text("halo\x1b[0m") }); n != 0 {
		t.Errorf("Text with trailing escape: %v allocations, want 0", n)
	}
}

const typicalMessage = "Selamat siang Pak Lurah, saya warga RT 03/RW 07. Lampu jalan di " +
	"depan musala sudah mati dua minggu, anak-anak pulang mengaji jadi gelap. " +
	"Mohon dibantu ya Pak, kabelnya juga menjuntai. Terima kasih banyak."

func BenchmarkLine(b *testing.B) {
	cases := []struct{ name, s string }{
		{"ascii", typicalMessage},
		{"emoji", typicalMessage[:len(typicalMessage)-20] + " 🙏🏽👨\u200D👩\u200D👧"},
		{"multiline", strings.Replace(typicalMessage, ". ", ".\n", -1)},
		{"escapes", "\x1b[1m" + typicalMessage + "\x1b]0;x\x07\x1b[0m"},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(c.s)))
			for b.Loop() {
				_ = Line(c.s)
			}
		})
	}
}

// Hostile input must not make the sanitizer quadratic.
func TestLinearTime(t *testing.T) {
	for _, unit := range []string{"\u009d", "\x1b]", "\x1bP", "\x1b[", "\u200D", "🏴\U000E0061", "\xff", "\r", "\t "} {
		s := strings.Repeat(unit, 200_000)
		start := time.Now()
		out := Text(s)
		_ = Wrap(s, 10)
		_ = Truncate(s, 10)
		if d := time.Since(start); d > 2*time.Second {
			t.Errorf("%q×200000 took %v", unit, d)
		}
		checkSafe(t, unit, out)
	}
}

// A letter carrying 10,000 combining marks keeps maxMarks of them, so it
// cannot stack over the rows around it; the next letter starts afresh, and
// real stacks (Vietnamese, a Tibetan cluster) are untouched.
func TestTextCapsCombiningMarks(t *testing.T) {
	zalgo := "a" + strings.Repeat("\u0301\u0489", 5000) + "b\u0300c"
	got := Text(zalgo)
	want := "a" + strings.Repeat("\u0301\u0489", maxMarks/2) + "b\u0300c"
	if got != want {
		t.Errorf("Text(a + 10,000 marks + ...) = %q (%d bytes), want %q", got[:min(len(got), 64)], len(got), want)
	}
	if again := Text(got); again != got {
		t.Errorf("capped text is not stable: %q", again)
	}
	if w := Width(got); w != 3 {
		t.Errorf("Width = %d, want 3", w)
	}
	for _, real := range []string{"Tie\u0302\u0301ng Vie\u0323\u0302t", "\u0F56\u0F66\u0F92\u0FB2\u0F74\u0F56\u0F66"} {
		if got := Text(real); got != real {
			t.Errorf("Text(%q) = %q; real text must survive", real, got)
		}
	}
}
