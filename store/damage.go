package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/mattn/go-sqlite3"

	"sapa/inbox"
)

// DamagedError says the database file is damaged and how to recover. Once
// a Store has seen damage it writes nothing more: every write would build
// on pages SQLite cannot trust. errors.Is(err, inbox.ErrDamaged) holds.
type DamagedError struct {
	Path   string
	Detail string // SQLite's words, or quick_check's first finding
	Err    error  // SQLite's error, when one was seen
}

// Unwrap returns SQLite's error.
func (e *DamagedError) Unwrap() error { return e.Err }

func (e *DamagedError) Error() string {
	return fmt.Sprintf("the store %s is damaged (%s); Sapa has stopped writing to it. %s", e.Path, e.Detail, Recovery(e.Path))
}

// Is makes errors.Is(err, inbox.ErrDamaged) and errors.Is(err, ErrCorrupt) true.
func (e *DamagedError) Is(target error) bool {
	return target == inbox.ErrDamaged || target == ErrCorrupt
}

// Recovery is what to do with a damaged store at path.
func Recovery(path string) string {
	return fmt.Sprintf("Stop every Sapa using it, then restore the last backup (cp BACKUP %s, and delete %s-wal and %s-shm), "+
		"or salvage what is readable: sqlite3 %s .recover | sqlite3 %s.recovered, then move %s.recovered to %s.",
		path, path, path, path, path, path, path)
}

// isCorrupt reports SQLite's "the file is damaged" answers.
func isCorrupt(err error) bool {
	var se sqlite3.Error
	return errors.As(err, &se) && (se.Code == sqlite3.ErrCorrupt || se.Code == sqlite3.ErrNotADB)
}

// noteErr records damage seen by any read or write, so that no write
// follows, and turns it into a DamagedError the caller can explain.
func (s *Store) noteErr(err error) error {
	if err == nil || !isCorrupt(err) {
		return err
	}
	s.damaged.Store(true)
	return &DamagedError{Path: s.path, Detail: err.Error(), Err: err}
}

// damagedErr is the error of a write refused because damage was seen.
func (s *Store) damagedErr() error {
	if !s.damaged.Load() {
		return nil
	}
	return &DamagedError{Path: s.path, Detail: "damage seen earlier in this session"}
}

// Damaged reports whether this Store has seen the file damaged.
func (s *Store) Damaged() bool { return s.damaged.Load() }

// CheckIntegrity runs SQLite's quick_check over the whole file (it reads
// every page, so it takes a while on a large store) and returns a
// DamagedError for the first problems, marking the Store damaged.
func (s *Store) CheckIntegrity(ctx context.Context) error {
	found, err := quickCheck(ctx, s.r)
	if err != nil {
		return s.noteErr(err)
	}
	if found != "" {
		s.damaged.Store(true)
		return &DamagedError{Path: s.path, Detail: found}
	}
	return nil
}

// ftsRebuilt is quick_check's finding for the search index, which it
// always reports: the index holds sapa_plain(text), not the text it checks
// against. The index is derived data, rebuilt from the messages.
const ftsRebuilt = "malformed inverted index for FTS4 table main.messages_fts"

// quickCheck runs quick_check on db and returns its findings ("" when the
// file is sound).
func quickCheck(ctx context.Context, db interface {
	QueryContext(context.Context, string, ...any) (*sql.Rows, error)
}) (string, error) {
	rows, err := db.QueryContext(ctx, `PRAGMA quick_check(10)`)
	if err != nil {
		return "", err
	}
	defer rows.Close()
	var found []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			return "", err
		}
		if line != "ok" && line != ftsRebuilt {
			found = append(found, line)
		}
	}
	return strings.Join(found, "; "), rows.Err()
}
