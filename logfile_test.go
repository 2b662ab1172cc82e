package main

import (
	"bytes"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestLogLinesStayWholeOnAFullDisk: in a child process with a file-size
// limit (the disk full, as CI can make it), a log line that does not fit
// leaves no part of itself behind, and once space returns the next line is
// written whole.
func TestLogLinesStayWholeOnAFullDisk(t *testing.T) {
	dir := os.Getenv("SAPA_TEST_LOG_DIR")
	if dir == "" {
		cmd := exec.Command(os.Args[0], "-test.run=^TestLogLinesStayWholeOnAFullDisk$", "-test.v")
		cmd.Env = append(os.Environ(), "SAPA_TEST_LOG_DIR="+t.TempDir())
		out, err := cmd.CombinedOutput()
		t.Logf("child:\n%s", out)
		if err != nil {
			t.Fatalf("child: %v", err)
		}
		return
	}
	signal.Ignore(syscall.SIGXFSZ)
	path := filepath.Join(dir, "sapa.log")
	f, err := os.OpenFile(path, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	w := &logFile{f: f}
	first := "time=1 level=INFO msg=\"Relay lease taken\"\n"
	if _, err := w.Write([]byte(first)); err != nil {
		t.Fatal(err)
	}
	var old syscall.Rlimit
	syscall.Getrlimit(syscall.RLIMIT_FSIZE, &old)
	lim := syscall.Rlimit{Cur: uint64(len(first)) + 20, Max: old.Max}
	if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &lim); err != nil {
		t.Skip("cannot limit the file size here:", err)
	}
	long := "time=2 level=WARN msg=\"Ingest failed\" err=\"database or disk is full\"\n"
	if _, err := w.Write([]byte(long)); err == nil {
		t.Fatal("a line past the limit was written")
	}
	syscall.Setrlimit(syscall.RLIMIT_FSIZE, &old)
	last := "time=3 level=INFO msg=\"Ingest resumed\"\n"
	if _, err := w.Write([]byte(last)); err != nil {
		t.Fatalf("space is back, yet: %v", err)
	}
	got, _ := os.ReadFile(path)
	if want := first + last; !bytes.Equal(got, []byte(want)) {
		t.Fatalf("log holds %q, want %q (no torn line)", got, want)
	}
	for _, l := range strings.Split(strings.TrimSuffix(string(got), "\n"), "\n") {
		if !strings.HasPrefix(l, "time=") {
			t.Errorf("torn line %q", l)
		}
	}
}
