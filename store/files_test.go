package store

import (
	"context"
	"os"
	"os/user"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
)

// sharedGroup is a group this user may give files to: as root any group
// other than root's, otherwise one of the user's own groups.
func sharedGroup(t *testing.T) (name string, gid int) {
	t.Helper()
	var ids []int
	if os.Getuid() == 0 {
		for _, n := range []string{"daemon", "users", "nogroup", "adm"} {
			if g, err := user.LookupGroup(n); err == nil {
				id, _ := strconv.Atoi(g.Gid)
				ids = append(ids, id)
			}
		}
	}
	groups, _ := os.Getgroups()
	ids = append(ids, groups...)
	ids = append(ids, os.Getgid())
	for _, id := range ids {
		if g, err := user.LookupGroupId(strconv.Itoa(id)); err == nil {
			return g.Name, id
		}
	}
	t.Skip("no named group to share with")
	return "", 0
}

func groupOf(t *testing.T, path string) (os.FileMode, int) {
	t.Helper()
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return info.Mode(), int(info.Sys().(*syscall.Stat_t).Gid)
}

// With [database] group the directory is the group's with mode 2770, and
// the database, its -wal and the log beside it are 0660 and the group's,
// whatever the umask.
func TestGroupSharesDirectoryAndFiles(t *testing.T) {
	name, gid := sharedGroup(t)
	old := syscall.Umask(0o022)
	defer syscall.Umask(old)
	dir := filepath.Join(t.TempDir(), "data", "sapa")
	path := filepath.Join(dir, "sapa.db")
	s, err := Open(context.Background(), path, Options{Group: name})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	mode, g := groupOf(t, dir)
	if mode.Perm() != 0o770 || mode&os.ModeSetgid == 0 || g != gid {
		t.Errorf("directory: mode %v group %d; want drwxrws--- and group %s (%d)", mode, g, name, gid)
	}
	for _, p := range []string{path, path + "-wal"} {
		mode, g := groupOf(t, p)
		if mode.Perm() != 0o660 || g != gid {
			t.Errorf("%s: mode %v group %d; want 0660 and group %s (%d)", filepath.Base(p), mode.Perm(), g, name, gid)
		}
	}
	logMode, err := PrepareDir(dir, name)
	if err != nil || logMode != 0o660 {
		t.Fatalf("PrepareDir: %v %v", logMode, err)
	}
}

// Without a group everything stays private, and a group that does not
// exist is an error, not a silently private store.
func TestNoGroupIsPrivateAndAMissingGroupIsAnError(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "sapa")
	s, err := Open(context.Background(), filepath.Join(dir, "sapa.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	if mode, _ := groupOf(t, dir); mode.Perm() != 0o700 {
		t.Errorf("private directory mode %v", mode)
	}
	_, err = Open(context.Background(), filepath.Join(t.TempDir(), "sapa.db"), Options{Group: "tidak-ada-grup-ini"})
	if err == nil {
		t.Fatal("a group that does not exist was accepted")
	}
}
