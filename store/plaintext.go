package store

import (
	"database/sql"

	"github.com/mattn/go-sqlite3"

	"sapa/sanitize"
)

// driverName is go-sqlite3 with Sapa's SQL functions registered on every
// connection.
const driverName = "sqlite3_sapa"

func init() {
	sql.Register(driverName, &sqlite3.SQLiteDriver{
		ConnectHook: func(c *sqlite3.SQLiteConn) error {
			if err := c.RegisterFunc("sapa_plain", plainText, true); err != nil {
				return err
			}
			return c.RegisterFunc("sapa_add_words", addWords, true)
		},
	})
}

// plainText is a message's text as the search index sees it: the screen's
// own sanitizer (sanitize.Words), so the index and the screen never disagree
// on where an escape sequence ends, and words split by a hidden sequence or
// an invisible character are found as the admin reads them. The stored text
// itself is never altered.
func plainText(s string) string { return sanitize.Words(s) }
