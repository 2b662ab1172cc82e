package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// `sapa backup DIR` writes a dated backup into the directory; the schedule
// keeps only the newest few.
func TestBackupCommandAndPruning(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "config.toml")
	os.WriteFile(cfg, []byte("[database]\npath = \""+filepath.Join(dir, "data", "sapa.db")+"\"\n"), 0o600)
	backups := filepath.Join(dir, "backups")
	os.Mkdir(backups, 0o700)
	var out, errb bytes.Buffer
	if code := run([]string{"backup", backups, "--config", cfg}, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	entries, _ := os.ReadDir(backups)
	if len(entries) != 1 || !strings.HasPrefix(entries[0].Name(), backupPrefix) || !strings.Contains(out.String(), "written to") {
		t.Fatalf("backups %v, output %q", entries, out.String())
	}
	newest, err := newestBackup(backups)
	if err != nil || time.Since(newest) > time.Minute {
		t.Fatalf("newest backup %v %v", newest, err)
	}
	for i := 0; i < 5; i++ {
		os.WriteFile(filepath.Join(backups, backupName(time.Now().Add(-time.Duration(i+1)*time.Hour))), nil, 0o600)
	}
	if err := pruneBackups(backups, 3); err != nil {
		t.Fatal(err)
	}
	entries, _ = os.ReadDir(backups)
	if len(entries) != 3 || entries[2].Name() != filepath.Base(entries[2].Name()) {
		t.Fatalf("after pruning: %v", entries)
	}
	if got, _ := newestBackup(backups); !got.Equal(newest) {
		t.Fatalf("pruning removed the newest backup: %v", entries)
	}
}
