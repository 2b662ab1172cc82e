package ui

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Underline on and off alone, not a full reset: a mark inside the selected
// row's reverse video must not end it.
const (
	markOn  = "\x1b[4m"
	markOff = "\x1b[24m"
)

// searchWords are the words of a search as the admin typed them, lower-cased,
// without the punctuation around them.
func searchWords(q string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(strings.ToLower(q), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}) {
		out = append(out, w)
	}
	return out
}

// markWords underlines, in a list cell, each word that starts with one of
// words (case aside), as the search matches them: from the word's start.
func markWords(s string, words []string) string {
	if len(words) == 0 {
		return s
	}
	var b strings.Builder
	prev := ' '
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsLetter(prev) && !unicode.IsDigit(prev) {
			if n := matchAt(s[i:], words); n > 0 {
				b.WriteString(markOn + s[i:i+n] + markOff)
				last, _ := utf8.DecodeLastRuneInString(s[i : i+n])
				prev, i = last, i+n
				continue
			}
		}
		b.WriteString(s[i : i+size])
		prev, i = r, i+size
	}
	return b.String()
}

// matchAt is the byte length of the longest of words that s starts with
// (case aside), 0 for none.
func matchAt(s string, words []string) int {
	best := 0
	for _, w := range words {
		if len(w) <= len(s) && len(w) > best && strings.EqualFold(s[:len(w)], w) {
			best = len(w)
		}
	}
	return best
}
