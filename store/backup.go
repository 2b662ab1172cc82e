package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/mattn/go-sqlite3"
)

// Backup writes a consistent copy of the whole database to dest with
// SQLite's online backup API, in one step inside one read transaction, so
// sessions and the relay keep reading and writing meanwhile (WAL readers
// do not block writers). The copy is checked with quick_check before it
// is put in place: a damaged store yields a DamagedError, marks this Store
// damaged and leaves no file behind. dest is written as dest.partial, then
// renamed, so a crash never leaves half a backup under the final name. An
// existing dest is refused.
func (s *Store) Backup(ctx context.Context, dest string) error {
	if err := s.damagedErr(); err != nil {
		return err
	}
	if _, err := os.Lstat(dest); err == nil {
		return fmt.Errorf("backup %s: the file exists; choose another name", dest)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("backup %s: %w", dest, err)
	}
	tmp := dest + ".partial"
	os.Remove(tmp)
	f, err := os.OpenFile(tmp, os.O_RDWR|os.O_CREATE|os.O_EXCL, s.sh.fileMode())
	if err != nil {
		return fmt.Errorf("backup %s: %w", dest, err)
	}
	f.Close()
	if err := s.copyTo(ctx, tmp); err != nil {
		removeDB(tmp)
		return err
	}
	if err := s.sh.shareFile(tmp); err != nil {
		removeDB(tmp)
		return err
	}
	if err := syncFile(tmp); err != nil {
		removeDB(tmp)
		return fmt.Errorf("backup %s: %w", dest, err)
	}
	if err := os.Rename(tmp, dest); err != nil {
		removeDB(tmp)
		return fmt.Errorf("backup %s: %w", dest, err)
	}
	return syncFile(filepath.Dir(dest))
}

// copyTo runs the online backup into the empty database file at path and
// checks the copy.
func (s *Store) copyTo(ctx context.Context, path string) error {
	dst, err := sql.Open(driverName, "file:"+path+"?_journal_mode=DELETE")
	if err != nil {
		return err
	}
	defer dst.Close()
	dc, err := dst.Conn(ctx)
	if err != nil {
		return fmt.Errorf("backup %s: %w", path, err)
	}
	defer dc.Close()
	sc, err := s.r.Conn(ctx)
	if err != nil {
		return s.noteErr(err)
	}
	defer sc.Close()
	err = sc.Raw(func(srcRaw any) error {
		return dc.Raw(func(dstRaw any) error {
			bk, err := dstRaw.(*sqlite3.SQLiteConn).Backup("main", srcRaw.(*sqlite3.SQLiteConn), "main")
			if err != nil {
				return err
			}
			if _, err := bk.Step(-1); err != nil {
				bk.Finish()
				return err
			}
			return bk.Finish()
		})
	})
	if err != nil {
		return fmt.Errorf("backup of %s: %w", s.path, s.noteErr(err))
	}
	found, err := quickCheck(ctx, dc)
	if err != nil || found != "" {
		if err == nil {
			err = errors.New(found)
		}
		s.damaged.Store(true)
		return &DamagedError{Path: s.path, Detail: "its backup fails quick_check: " + err.Error()}
	}
	return nil
}

// removeDB deletes a database file and the journal files beside it.
func removeDB(path string) {
	for _, suffix := range []string{"", "-journal", "-wal", "-shm"} {
		os.Remove(path + suffix)
	}
}

// syncFile flushes a file or directory to disk.
func syncFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}
