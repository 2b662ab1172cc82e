package main

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// TestScreenOnlyResolvesNoSecret: with [relay] embedded = false an
// interactive session builds no connector, so a secret command that would
// leave a marker file never runs; with the standby relay embedded (the
// default) the same config runs it, which shows the marker is a real
// witness.
func TestScreenOnlyResolvesNoSecret(t *testing.T) {
	isolate(t)
	for _, tc := range []struct {
		embedded string
		ran      bool
	}{{"false", false}, {"true", true}} {
		dir := t.TempDir()
		marker := filepath.Join(dir, "secret-was-resolved")
		cfg := "[database]\npath = \"" + filepath.Join(dir, "sapa.db") + "\"\n" +
			"[relay]\nembedded = " + tc.embedded + "\n" +
			"[[account]]\nname = \"tg\"\nplatform = \"telegram\"\n" +
			"token = { cmd = \"touch '" + marker + "'; echo 123456:AAtoken\" }\n"
		path := filepath.Join(dir, "config.toml")
		if err := os.WriteFile(path, []byte(cfg), 0o600); err != nil {
			t.Fatal(err)
		}
		e, err := setup(options{configPath: path})
		if err != nil {
			t.Fatal(err)
		}
		_, statErr := os.Stat(marker)
		ran := statErr == nil
		if !ran && !errors.Is(statErr, fs.ErrNotExist) {
			t.Fatal(statErr)
		}
		if ran != tc.ran || (len(e.accounts) > 0) != tc.ran {
			t.Errorf("embedded = %s: secret command ran %v, %d connectors built; want %v", tc.embedded, ran, len(e.accounts), tc.ran)
		}
		e.close()
	}
}
