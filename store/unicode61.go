package store

import (
	"database/sql"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// unicode61 is SQLite's unicode61 tokenizer with remove_diacritics=1 — the
// full-text index's and words_tokenizer's (migration 0003) — as a table
// read from the linked SQLite itself, so that indexing tokenizes in Go
// instead of a words_tokenizer query per batch (a third of indexing's CPU,
// BENCHMARKS.md). The tokenizer works a code point at a time: a token
// starts at a letter or digit, goes on over letters, digits and diacritics,
// and each code point is folded (lower case, diacritics removed) on its own.
type unicode61 struct {
	kind  []uint8         // by code point: one of the kinds below
	fold  map[rune]string // code points a token holds as something else ("" dropped)
	ascii [128]string     // fold of each ASCII code point, for speed
}

// Kinds of code point.
const (
	separator = iota // ends a token, starts none
	letter           // starts or continues a token
	diacritic        // continues a token, starts none
	unknown          // not probed, or a letter that folds to nothing: ask SQLite
)

// probedUpTo is where the table ends: TestTokensTokenizeToThemselves covers
// the same range; text beyond it is tokenized by SQLite.
const probedUpTo = 0x30000

// tokenizer returns the table, read once per process: it is a property of
// the linked SQLite, not of a store, and never changes once read.
var tokenizer = sync.OnceValues(probeUnicode61)

// probeUnicode61 reads the table by tokenizing every code point below
// probedUpTo twice with SQLite: after a space (does it start a token, and
// what does it fold to) and between two letters (does it continue one).
func probeUnicode61() (*unicode61, error) {
	db, err := sql.Open(driverName, ":memory:")
	if err != nil {
		return nil, err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	if _, err := db.Exec(`CREATE VIRTUAL TABLE t USING fts3tokenize(unicode61, "remove_diacritics=1")`); err != nil {
		return nil, err
	}
	u := &unicode61{kind: make([]uint8, probedUpTo), fold: map[rune]string{}}
	starts, err := probe(db, " %ca")
	if err != nil {
		return nil, err
	}
	continues, err := probe(db, "a%ca")
	if err != nil {
		return nil, err
	}
	for c := rune(1); c < probedUpTo; c++ {
		if !probed(c) {
			u.kind[c] = unknown
			continue
		}
		start, cont := starts[c], continues[c]
		switch {
		case start != "":
			// " ca" gave fold(c)+"a"; "aca" must agree.
			f := strings.TrimSuffix(start, "a")
			if f == "" || cont != "a"+f+"a" {
				u.kind[c] = unknown
				continue
			}
			u.kind[c] = letter
			if f != string(c) {
				u.fold[c] = f
			}
		case cont != "a": // a separator leaves the "a" before it alone
			u.kind[c] = diacritic
			if f := cont[1 : len(cont)-1]; f != string(c) {
				u.fold[c] = f
			}
		}
	}
	u.kind[0] = unknown
	for c := range rune(128) {
		u.ascii[c] = u.folded(c)
	}
	return u, nil
}

// probed reports whether c is tried: surrogates are not text.
func probed(c rune) bool { return c > 0 && (c < 0xD800 || c >= 0xE000) && c < probedUpTo }

// probe tokenizes form (holding %c once) for every probed code point,
// separated by spaces, and returns for each code point the token that
// starts where the code point does ("" when none does).
func probe(db *sql.DB, form string) (map[rune]string, error) {
	var b strings.Builder
	at := map[int]rune{} // byte offset of each code point in the input
	pre, post, _ := strings.Cut(form, "%c")
	for c := rune(1); c < probedUpTo; c++ {
		if !probed(c) {
			continue
		}
		b.WriteString(pre)
		// The token that starts at the probe holds c: at c itself after
		// a space, at the letter before it otherwise.
		if pre == " " {
			at[b.Len()] = c
		} else {
			at[b.Len()-len(pre)] = c
		}
		b.WriteRune(c)
		b.WriteString(post)
		b.WriteByte(' ')
	}
	var list string
	err := db.QueryRow(`SELECT group_concat(start || ':' || token, char(10)) FROM t WHERE input = ?`, b.String()).Scan(&list)
	if err != nil {
		return nil, err
	}
	out := make(map[rune]string, len(at))
	for line := range strings.SplitSeq(list, "\n") {
		off, tok, _ := strings.Cut(line, ":")
		n, err := strconv.Atoi(off)
		if err != nil {
			return nil, err
		}
		if c, ok := at[n]; ok {
			out[c] = tok
		}
	}
	return out, nil
}

// folded is what a token holds for code point c.
func (u *unicode61) folded(c rune) string {
	if f, ok := u.fold[c]; ok {
		return f
	}
	return string(c)
}

// tokens returns text's tokens separated by spaces, as words_tokenizer
// gives them, and false when text holds something the table cannot
// answer for (a code point beyond it, invalid UTF-8, a NUL).
func (u *unicode61) tokens(text string) (string, bool) {
	var b strings.Builder
	b.Grow(len(text))
	in := false
	for i, c := range text {
		if c == utf8.RuneError {
			if _, size := utf8.DecodeRuneInString(text[i:]); size == 1 {
				return "", false
			}
		}
		if c >= probedUpTo {
			return "", false
		}
		k := u.kind[c]
		switch {
		case k == unknown:
			return "", false
		case k == letter || k == diacritic && in:
			if !in && b.Len() > 0 {
				b.WriteByte(' ')
			}
			in = true
			if c < 128 {
				b.WriteString(u.ascii[c])
			} else {
				b.WriteString(u.folded(c))
			}
		default:
			in = false
		}
	}
	return b.String(), true
}
