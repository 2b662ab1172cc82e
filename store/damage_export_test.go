package store

import "github.com/mattn/go-sqlite3"

// errCorruptForTest is the error SQLite returns for a malformed page.
func errCorruptForTest() error { return sqlite3.Error{Code: sqlite3.ErrCorrupt} }
