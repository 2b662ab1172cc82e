package sanitize

import (
	"slices"
	"strings"
	"testing"
)

const family = "👨\u200D👩\u200D👧"

func TestWidth(t *testing.T) {
	tests := []struct {
		in   string
		want int
	}{
		{"", 0},
		{"Halo Pak", 8},
		{"Café", 4},
		{"Cafe\u0301", 4},
		{"a\u0301\u0302\u0303", 1},
		{"你好", 4},
		{"안녕", 4},
		{"😀", 2},
		{"👍🏽", 2},
		{family, 2},
		{"🇮🇩", 2},
		{"🏴\U000E0067\U000E0062\U000E0073\U000E0063\U000E0074\U000E007F", 2},
		{"❤\uFE0F", 2},
		{"a你😀", 5},
	}
	for _, tt := range tests {
		if got := Width(tt.in); got != tt.want {
			t.Errorf("Width(%q) = %d, want %d", tt.in, got, tt.want)
		}
	}
}

func TestTruncate(t *testing.T) {
	tests := []struct {
		in    string
		width int
		want  string
	}{
		{"Halo Pak", 8, "Halo Pak"},
		{"Halo Pak", 20, "Halo Pak"},
		{"Halo Pak", 5, "Halo…"},
		{"Halo Pak", 6, "Halo…"}, // the space before "…" is dropped
		{"Halo Pak", 1, "…"},
		{"Halo Pak", 0, ""},
		{"Halo Pak", -3, ""},
		{"", 5, ""},
		{"你好世界", 8, "你好世界"},
		{"你好世界", 7, "你好世…"},
		{"你好世界", 6, "你好…"}, // 世 would straddle: one cell short
		{"你好世界", 5, "你好…"},
		{"你好世界", 2, "…"},
		{family + family, 4, family + family},
		{family + family, 3, family + "…"},
		{family + family, 2, "…"},
		{"e\u0301e\u0301e\u0301", 2, "e\u0301…"},
		{"🇮🇩🇯🇵", 3, "🇮🇩…"},
		{"Salam 👋🏽 semua", 9, "Salam 👋🏽…"},
		{"Salam 👋🏽 semua", 8, "Salam…"},
		{"  Halo\n\x1b[2JPak  ", 20, "Halo Pak"}, // sanitized as a line first
	}
	for _, tt := range tests {
		got := Truncate(tt.in, tt.width)
		if got != tt.want {
			t.Errorf("Truncate(%q, %d) = %q, want %q", tt.in, tt.width, got, tt.want)
		}
		if w := Width(got); w > max(tt.width, 0) {
			t.Errorf("Truncate(%q, %d) = %q is %d cells wide", tt.in, tt.width, got, w)
		}
	}
}

func TestWrap(t *testing.T) {
	tests := []struct {
		in    string
		width int
		want  []string
	}{
		{"", 10, []string{""}},
		{"Halo Pak Budi", 20, []string{"Halo Pak Budi"}},
		{"Halo Pak Budi", 8, []string{"Halo Pak", "Budi"}},
		{"Halo Pak Budi", 4, []string{"Halo", "Pak", "Budi"}},
		{"Halo   Pak", 5, []string{"Halo", "Pak"}},
		{"a\n\nb", 10, []string{"a", "", "b"}},
		{"a\r\nb\n", 10, []string{"a", "b", ""}},
		{"     ", 2, []string{""}},
		{"abcdefghij", 4, []string{"abcd", "efgh", "ij"}},
		{"Halo abcdefghij x", 4, []string{"Halo", "abcd", "efgh", "ij x"}},
		{"  menjorok ke dalam", 12, []string{"  menjorok", "ke dalam"}},
		{"你好世界你好", 5, []string{"你好", "世界", "你好"}},
		{"你好", 1, []string{"你", "好"}},
		{"Lampu 你好世界 mati", 6, []string{"Lampu", "你好世", "界", "mati"}},
		{family + family + family, 4, []string{family + family, family}},
		{"e\u0301e\u0301e\u0301", 2, []string{"e\u0301e\u0301", "e\u0301"}},
		{"a\u00A0b c", 3, []string{"a\u00A0b", "c"}},
		{"Halo \x1b[2JPak\x1b]0;x\x07", 20, []string{"Halo Pak"}},
		{"x\ty", 3, []string{"x", "y"}},
		{"abc", 0, []string{"a", "b", "c"}},
	}
	for _, tt := range tests {
		got := Wrap(tt.in, tt.width)
		if !slices.Equal(got, tt.want) {
			t.Errorf("Wrap(%q, %d) = %q, want %q", tt.in, tt.width, got, tt.want)
		}
		checkWrapped(t, tt.in, got, tt.width)
	}
}

// checkWrapped asserts every wrapped line fits, unless it is one grapheme
// wider than the pane.
func checkWrapped(t testing.TB, in string, lines []string, width int) {
	t.Helper()
	width = max(width, 1)
	for _, l := range lines {
		if strings.Contains(l, "\n") {
			t.Fatalf("Wrap(%q, %d): line %q holds a newline", in, width, l)
		}
		if Width(l) > width && Width(l) > 2 {
			t.Fatalf("Wrap(%q, %d): line %q is %d cells", in, width, l, Width(l))
		}
	}
}
