package store

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"sapa/inbox"
)

// fill ingests n conversations of one message each.
func fill(t *testing.T, s *Store, n int) int64 {
	t.Helper()
	acc := account(t, s, "fb", inbox.Facebook)
	var items []inbox.Inbound
	for i := 0; i < n; i++ {
		items = append(items, item(fmt.Sprintf("t%d", i), fmt.Sprintf("m%d", i),
			fmt.Sprintf("Jalan rusak di RT %02d, mohon segera diperbaiki. %s", i, bytes.Repeat([]byte("x"), 200)), t0.Add(-time.Hour)))
	}
	if _, err := s.Ingest(context.Background(), acc, items, ""); err != nil {
		t.Fatal(err)
	}
	return acc
}

func count(t *testing.T, s *Store) int {
	t.Helper()
	n, err := s.Count(context.Background(), inbox.Filter{View: inbox.ViewAll})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// copyFile copies src to dst, as an admin restoring a backup with cp.
func copyFile(t *testing.T, src, dst string) {
	t.Helper()
	in, err := os.Open(src)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
}

// A backup taken while the relay keeps writing is a whole, checked store;
// the restore the README documents (stop Sapa, copy the backup over the
// database, delete -wal and -shm) brings back exactly what it held.
func TestBackupWhileWritingAndRestore(t *testing.T) {
	s, _ := openTest(t)
	ctx := context.Background()
	acc := fill(t, s, 300)
	stop := make(chan struct{})
	done := make(chan error, 1)
	go func() { // the relay keeps ingesting during the backup
		for i := 0; ; i++ {
			select {
			case <-stop:
				done <- nil
				return
			default:
			}
			if _, err := s.Ingest(ctx, acc, []inbox.Inbound{item(fmt.Sprintf("live%d", i), fmt.Sprintf("l%d", i), "baru", t0)}, ""); err != nil {
				done <- err
				return
			}
		}
	}()
	dest := filepath.Join(t.TempDir(), "sapa-backup.db")
	err := s.Backup(ctx, dest)
	close(stop)
	if err != nil {
		t.Fatal(err)
	}
	if werr := <-done; werr != nil {
		t.Fatalf("writing during the backup: %v", werr)
	}
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Backup(ctx, dest); err == nil {
		t.Fatal("a backup over an existing file was allowed")
	}
	if info, err := os.Stat(dest); err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("backup file: %v %v", info, err)
	}
	b, err := Open(ctx, dest, Options{})
	if err != nil {
		t.Fatal(err)
	}
	inBackup := count(t, b)
	b.Close()
	if inBackup < 300 {
		t.Fatalf("the backup holds %d conversations, want at least 300", inBackup)
	}
	// Restore: stop, copy over, remove the WAL and shared memory, start.
	path := s.Path()
	s.Close()
	copyFile(t, dest, path)
	os.Remove(path + "-wal")
	os.Remove(path + "-shm")
	r, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if n := count(t, r); n != inBackup {
		t.Fatalf("after the restore the store holds %d conversations, the backup %d", n, inBackup)
	}
	if err := r.CheckIntegrity(ctx); err != nil {
		t.Fatal(err)
	}
}

// A store damaged in the middle is found by quick_check; from then on the
// Store writes nothing, says it is damaged and how to recover, and makes
// no backup of it.
func TestDamagedStoreStopsWriting(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sapa.db")
	ctx := context.Background()
	s, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	acc := fill(t, s, 400)
	s.Close()
	info, _ := os.Stat(path)
	f, err := os.OpenFile(path, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	mid := info.Size() / 2 / 4096 * 4096
	if _, err := f.WriteAt(bytes.Repeat([]byte{0xA5}, 8*4096), mid); err != nil {
		t.Fatal(err)
	}
	f.Close()

	s, err = Open(ctx, path, Options{})
	if err != nil {
		t.Fatalf("a store damaged in the middle no longer opens at all: %v", err)
	}
	defer s.Close()
	err = s.CheckIntegrity(ctx)
	var de *DamagedError
	if !errors.As(err, &de) || !errors.Is(err, inbox.ErrDamaged) || !s.Damaged() {
		t.Fatalf("quick_check on a damaged store: %v", err)
	}
	for _, want := range []string{"damaged", "stopped writing", ".recover", "backup"} {
		if !bytes.Contains([]byte(err.Error()), []byte(want)) {
			t.Errorf("the message does not say %q: %v", want, err)
		}
	}
	before := fileSum(t, path)
	if _, err := s.Ingest(ctx, acc, []inbox.Inbound{item("new", "n1", "halo", t0)}, ""); !errors.Is(err, inbox.ErrDamaged) {
		t.Fatalf("ingest into a damaged store: %v", err)
	}
	if err := s.SaveDraft(ctx, 1, "budi", "x"); !errors.Is(err, inbox.ErrDamaged) {
		t.Fatalf("draft into a damaged store: %v", err)
	}
	if err := s.Backup(ctx, filepath.Join(t.TempDir(), "b.db")); !errors.Is(err, inbox.ErrDamaged) {
		t.Fatalf("backup of a damaged store: %v", err)
	}
	if after := fileSum(t, path); after != before {
		t.Fatal("the damaged file was written to")
	}
}

// A read that runs into the damage marks the Store damaged too.
func TestReadIntoDamageStopsWrites(t *testing.T) {
	s, _ := openTest(t)
	err := s.noteErr(fmt.Errorf("list: %w", errCorruptForTest()))
	if !errors.Is(err, inbox.ErrDamaged) || !s.Damaged() {
		t.Fatalf("a corrupt read: %v", err)
	}
	if err := s.SaveDraft(context.Background(), 1, "budi", "x"); !errors.Is(err, inbox.ErrDamaged) {
		t.Fatalf("write after damage: %v", err)
	}
}

func fileSum(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("%x", b[:min(len(b), 1<<20)])
}
