package store

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/user"
	"path/filepath"
	"strconv"
	"syscall"
)

// sharing is how the store's files are shared: private to the owner (0600
// files in a 0700 directory), or with a Unix group of admins (0660 files in a
// setgid 2770 directory, so every file created in it, SQLite's -wal and -shm
// included, belongs to the group).
type sharing struct {
	group string
	gid   int // -1: private
}

func newSharing(group string) (sharing, error) {
	if group == "" {
		return sharing{gid: -1}, nil
	}
	g, err := user.LookupGroup(group)
	if err != nil {
		return sharing{}, fmt.Errorf("database group %q: no such group on this machine (groupadd %s, or leave group empty)", group, group)
	}
	gid, err := strconv.Atoi(g.Gid)
	if err != nil {
		return sharing{}, fmt.Errorf("database group %q: gid %q is not a number", group, g.Gid)
	}
	return sharing{group: group, gid: gid}, nil
}

func (s sharing) fileMode() os.FileMode {
	if s.gid < 0 {
		return 0o600
	}
	return 0o660
}

func (s sharing) dirMode() os.FileMode {
	if s.gid < 0 {
		return 0o700
	}
	return 0o770 | os.ModeSetgid
}

// PrepareDir creates dir (and its parents) for the store's files and, with
// a group, gives it to the group with mode 2770. It returns the mode new
// files in it get. A directory another user owns is left as it is when it
// already serves the group, and refused otherwise.
func PrepareDir(dir, group string) (os.FileMode, error) {
	sh, err := newSharing(group)
	if err != nil {
		return 0, err
	}
	return sh.fileMode(), sh.prepareDir(dir)
}

func (s sharing) prepareDir(dir string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("create data directory: %w", err)
	}
	if s.gid < 0 {
		return nil
	}
	info, err := os.Stat(dir)
	if err != nil {
		return err
	}
	if !ownedByMe(info) {
		st, _ := info.Sys().(*syscall.Stat_t)
		if st != nil && int(st.Gid) == s.gid && info.Mode()&os.ModeSetgid != 0 && info.Mode().Perm()&0o070 == 0o070 {
			return nil
		}
		return fmt.Errorf("data directory %s belongs to another user and is not shared with group %s: ask its owner to run `chgrp %s %s && chmod 2770 %s`",
			dir, s.group, s.group, dir, dir)
	}
	if err := os.Chown(dir, -1, s.gid); err != nil {
		return s.chownErr(dir, err)
	}
	if err := os.Chmod(dir, s.dirMode()); err != nil {
		return fmt.Errorf("data directory %s: %w", dir, err)
	}
	return nil
}

// ShareFile gives a file Sapa created in the data directory its mode (0600,
// or 0660 with a group) and, with a group, the group; the umask would
// otherwise narrow it. A file another admin created is left alone: the
// setgid directory already gave it the group.
func ShareFile(path, group string) error {
	sh, err := newSharing(group)
	if err != nil {
		return err
	}
	return sh.shareFile(path)
}

func (s sharing) shareFile(path string) error {
	info, err := os.Stat(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		return err
	}
	if !ownedByMe(info) {
		return nil
	}
	if s.gid >= 0 {
		if err := os.Chown(path, -1, s.gid); err != nil {
			return s.chownErr(path, err)
		}
	}
	if info.Mode().Perm() != s.fileMode() {
		return os.Chmod(path, s.fileMode())
	}
	return nil
}

func (s sharing) chownErr(path string, err error) error {
	if errors.Is(err, fs.ErrPermission) {
		return fmt.Errorf("%s: cannot give it to group %s: you are not a member (usermod -aG %s $USER, then log in again)", path, s.group, s.group)
	}
	return fmt.Errorf("%s: %w", path, err)
}

func ownedByMe(info fs.FileInfo) bool {
	st, ok := info.Sys().(*syscall.Stat_t)
	return !ok || int(st.Uid) == os.Getuid()
}

// createFile makes the database file with its mode and group before SQLite
// does; SQLite gives its -wal and -shm files the database's mode, and the
// setgid directory its group.
func createFile(path string, sh sharing) error {
	if err := sh.prepareDir(filepath.Dir(path)); err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, sh.fileMode())
	if err != nil {
		return fmt.Errorf("open database %s: %w", path, err)
	}
	f.Close()
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		if err := sh.shareFile(p); err != nil {
			return err
		}
	}
	return nil
}
