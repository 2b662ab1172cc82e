package store

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"sapa/inbox"
)

// TestDiskFullRecoversWithoutRestart fills the disk the way CI can: a
// child process with a file-size limit (RLIMIT_FSIZE; SIGXFSZ ignored, so
// writes past it fail as on a full disk). Failed ingests must not leave the
// WAL holding their pages, and once space returns the same Store writes
// again, without a restart.
func TestDiskFullRecoversWithoutRestart(t *testing.T) {
	dir := os.Getenv("SAPA_TEST_FSIZE_DIR")
	if dir == "" {
		cmd := exec.Command(os.Args[0], "-test.run=^TestDiskFullRecoversWithoutRestart$", "-test.v")
		cmd.Env = append(os.Environ(), "SAPA_TEST_FSIZE_DIR="+t.TempDir())
		out, err := cmd.CombinedOutput()
		t.Logf("child:\n%s", out)
		if err != nil {
			t.Fatalf("child: %v", err)
		}
		return
	}
	signal.Ignore(syscall.SIGXFSZ)
	ctx := context.Background()
	path := filepath.Join(dir, "sapa.db")
	s, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	acc := fill(t, s, 50)
	if _, err := s.w.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
		t.Fatal(err)
	}
	var old syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_FSIZE, &old); err != nil {
		t.Fatal(err)
	}
	info, _ := os.Stat(path)
	limit := syscall.Rlimit{Cur: uint64(info.Size()) + 96<<10, Max: old.Max}
	if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &limit); err != nil {
		t.Skip("cannot limit the file size here:", err)
	}
	big := strings.Repeat("Mohon info jadwal perbaikan jalan desa. ", 60)
	batch := func(round int) []inbox.Inbound {
		var items []inbox.Inbound
		for i := 0; i < 100; i++ {
			items = append(items, item(fmt.Sprintf("full%d-%d", round, i), fmt.Sprintf("f%d-%d", round, i), big, t0))
		}
		return items
	}
	failed := 0
	for round := 0; round < 5; round++ {
		if _, err := s.Ingest(ctx, acc, batch(round), ""); err != nil {
			failed++
			t.Logf("round %d: %v", round, err)
		}
	}
	if failed == 0 {
		t.Fatal("no ingest failed under the file-size limit")
	}
	if wal, err := os.Stat(path + "-wal"); err == nil && wal.Size() > 0 {
		t.Errorf("after %d failed ingests the WAL holds %d bytes; want it truncated", failed, wal.Size())
	}
	if s.Damaged() {
		t.Fatal("a full disk was taken for a damaged store")
	}
	if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &old); err != nil {
		t.Fatal(err)
	}
	before := count(t, s)
	if _, err := s.Ingest(ctx, acc, batch(99), ""); err != nil {
		t.Fatalf("space is back, yet the ingest fails: %v", err)
	}
	if after := count(t, s); after != before+100 {
		t.Fatalf("after recovery %d conversations, want %d", after, before+100)
	}
}
