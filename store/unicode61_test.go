package store

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// TestGoTokensEqualSQLite: the unicode61 table tokenizes as SQLite does.
// Every code point it answers for is tried alone, after a letter, before
// one, between two and after a diacritic; then random texts mixing letters,
// diacritics, separators, emoji, code points beyond the table and broken
// UTF-8. Where the table declines, SQLite tokenizes (tokenize).
func TestGoTokensEqualSQLite(t *testing.T) {
	s, _ := openTest(t)
	u, err := tokenizer()
	if err != nil {
		t.Fatal(err)
	}
	known := 0
	for _, form := range []string{"%c", "a%c", "%ca", "a%cb", "e\u0301%c", "%c\u0301x"} {
		var b strings.Builder
		for c := rune(1); c < probedUpTo; c++ {
			if !probed(c) || u.kind[c] == unknown {
				continue
			}
			known++
			b.WriteString(strings.Replace(form, "%c", string(c), 1))
			b.WriteByte(' ')
		}
		same(t, s, u, form, b.String())
	}
	if probedCount := probedUpTo - 1 - 0x800; known < 6*probedCount*99/100 {
		t.Fatalf("the table answers for %d of %d code points", known/6, probedCount)
	}
	pieces := []string{"a", "Z", "é", "e\u0301", "\u0301", " ", ".", "-", "_", "'", "3", "Ö", "ß", "İ", "ﬁ", "Ǆ",
		"🙏", "👍🏽", "中文", "ｶﾀｶﾅ", "\U0003134A", "\xff", "\xe2\x82", "\u200d", "\u00a0", "\t", "ǅ", "Ⅻ", "²", "١٢"}
	r := rand.New(rand.NewPCG(1, 2))
	declined := 0
	for i := range 3000 {
		var b strings.Builder
		for range 1 + r.IntN(12) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		if !same(t, s, u, "random "+string(rune('0'+i%10)), b.String()) {
			declined++
		}
	}
	if declined == 0 || declined == 3000 {
		t.Errorf("the table declined %d of 3000 random texts: want some (beyond it, broken UTF-8), not all", declined)
	}
}

// same checks that the table's tokens of text equal SQLite's where it
// answers, and reports whether it did.
func same(t *testing.T, s *Store, u *unicode61, what, text string) bool {
	t.Helper()
	got, ok := u.tokens(text)
	if !ok {
		return false
	}
	want := strings.Join(tokensOf(t, s, text), " ")
	if got != want {
		g, w := strings.Fields(got), strings.Fields(want)
		for i := range min(len(g), len(w)) {
			if g[i] != w[i] {
				t.Fatalf("%s: token %d is %q, SQLite's %q", what, i, g[i], w[i])
			}
		}
		t.Fatalf("%s (%q): %d tokens, SQLite %d", what, text[:min(len(text), 60)], len(g), len(w))
	}
	return true
}
