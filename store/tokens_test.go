package store

import (
	"context"
	"slices"
	"strings"
	"testing"
)

// TestTokensTokenizeToThemselves: the full-text index is given each
// message's tokens instead of its text (indexMessages), which holds the
// same terms only if tokenizing tokens gives them back. Every code point up
// to U+2FFFF is tried alone, after a letter, before one and between two.
func TestTokensTokenizeToThemselves(t *testing.T) {
	s, _ := openTest(t)
	for _, form := range []string{"%c", "a%c", "%ca", "a%cb"} {
		var b strings.Builder
		for c := rune(1); c < 0x30000; c++ {
			if c >= 0xD800 && c < 0xE000 {
				continue // surrogates are not text
			}
			b.WriteString(strings.Replace(form, "%c", string(c), 1))
			b.WriteByte(' ')
		}
		once := tokensOf(t, s, b.String())
		twice := tokensOf(t, s, strings.Join(once, " "))
		if len(once) < 100000 {
			t.Fatalf("%s: only %d tokens", form, len(once))
		}
		if !slices.Equal(once, twice) {
			for i := range min(len(once), len(twice)) {
				if once[i] != twice[i] {
					t.Fatalf("%s: token %d is %q, tokenized again %q", form, i, once[i], twice[i])
				}
			}
			t.Fatalf("%s: %d tokens, tokenized again %d", form, len(once), len(twice))
		}
	}
}

func tokensOf(t *testing.T, s *Store, text string) []string {
	t.Helper()
	rows, err := s.r.QueryContext(context.Background(), `SELECT token FROM words_tokenizer WHERE input = ?`, text)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var tok string
		if err := rows.Scan(&tok); err != nil {
			t.Fatal(err)
		}
		out = append(out, tok)
	}
	return out
}
