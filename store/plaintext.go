package store

import (
	"database/sql"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/mattn/go-sqlite3"
)

// driverName is go-sqlite3 with Sapa's SQL functions registered on every
// connection.
const driverName = "sqlite3_sapa"

func init() {
	sql.Register(driverName, &sqlite3.SQLiteDriver{
		ConnectHook: func(c *sqlite3.SQLiteConn) error {
			return c.RegisterFunc("sapa_plain", plainText, true)
		},
	})
}

// plainText is a message's text as the search index should see it: escape
// sequences and control characters become spaces and invisible format
// characters vanish, so "\x1b[2JSELAMAT" is indexed as the word "selamat"
// and "Bu\u200bdi" as "budi". The stored text itself is never altered.
func plainText(s string) string {
	if isCleanText(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == 0x1b:
			n = escapeLen(s[i:])
			b.WriteByte(' ')
		case r < 0x20 || r >= 0x7f && r < 0xa0:
			b.WriteByte(' ')
		case unicode.Is(unicode.Cf, r):
		default:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

// escapeLen is the length of the escape sequence at the start of s: CSI up
// to its final byte, OSC/DCS/APC/PM/SOS up to BEL or ST, else ESC and one byte.
func escapeLen(s string) int {
	if len(s) < 2 {
		return len(s)
	}
	switch s[1] {
	case '[':
		for i := 2; i < len(s); i++ {
			if s[i] >= 0x40 && s[i] <= 0x7e {
				return i + 1
			}
		}
		return len(s)
	case ']', 'P', '_', '^', 'X':
		for i := 2; i < len(s); i++ {
			if s[i] == 0x07 {
				return i + 1
			}
			if s[i] == 0x1b && i+1 < len(s) && s[i+1] == '\\' {
				return i + 2
			}
		}
		return len(s)
	}
	return 2
}

// isCleanText is the fast path: most messages need no change, and this runs
// for every message ingested.
func isCleanText(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 && c != '\n' || c == 0x7f {
			return false
		} else if c >= 0x80 {
			return isCleanRunes(s[i:])
		}
	}
	return true
}

func isCleanRunes(s string) bool {
	for _, r := range s {
		if r < 0x20 && r != '\n' || r >= 0x7f && r < 0xa0 || r > 0x7f && unicode.Is(unicode.Cf, r) {
			return false
		}
	}
	return true
}
