package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestHelpAndVersion(t *testing.T) {
	var out, errb bytes.Buffer
	if code := run([]string{"--help"}, &out, &errb); code != 0 || !strings.Contains(out.String(), "sapa demo") {
		t.Fatalf("--help: %d %q", code, out.String())
	}
	out.Reset()
	if code := run([]string{"--version"}, &out, &errb); code != 0 || !strings.HasPrefix(out.String(), "sapa ") {
		t.Fatalf("--version: %d %q", code, out.String())
	}
}

func TestBadInvocationsGetOneClearLine(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "config.toml")
	os.WriteFile(bad, []byte("[relay]\npoll_interval = \"5 minutes\"\n"), 0o600)
	garbage := filepath.Join(dir, "garbage.db")
	os.WriteFile(garbage, bytes.Repeat([]byte("not sqlite "), 20), 0o600)
	keys := filepath.Join(dir, "keys.toml")
	os.WriteFile(keys, []byte("[keys]\nlabel = \"d\"\n"), 0o600)
	binds := filepath.Join(dir, "binds.toml")
	os.WriteFile(binds, []byte("[binds]\nS = \":lable spam\"\n"), 0o600)
	withDB := filepath.Join(dir, "db.toml")
	os.WriteFile(withDB, []byte("[database]\npath = \""+garbage+"\"\n"), 0o600)
	exposed := filepath.Join(dir, "exposed.toml")
	os.WriteFile(exposed, []byte("[[account]]\nname = \"tg\"\nplatform = \"telegram\"\ntoken = { value = \"123:abc\" }\n"), 0o600)
	os.Chmod(exposed, 0o644)
	cases := map[string]struct {
		args []string
		want string
	}{
		"unknown command": {[]string{"frobnicate"}, `unknown command "frobnicate"`},
		"unknown flag":    {[]string{"--nope"}, "flag provided but not defined"},
		"bad config":      {[]string{"relay", "--config", bad}, bad + ":2"},
		"key twice":       {[]string{"relay", "--config", keys}, `keys: "d" is bound to both done and label`},
		"bind typo":       {[]string{"relay", "--config", binds}, `unknown command "lable"`},
		"missing config":  {[]string{"relay", "--config", filepath.Join(dir, "none.toml")}, "none.toml"},
		"corrupt db":      {[]string{"doctor", "--config", withDB}, "damaged or is not a Sapa database"},
		"exposed secret":  {[]string{"doctor", "--config", exposed}, "chmod 600 " + exposed},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Setenv("XDG_DATA_HOME", dir)
			var out, errb bytes.Buffer
			code := run(tc.args, &out, &errb)
			msg := errb.String()
			if code == 0 || !strings.Contains(msg, tc.want) || strings.Count(msg, "\n") != 1 || strings.Contains(msg, "goroutine") {
				t.Fatalf("exit %d, stderr %q; want one line containing %q", code, msg, tc.want)
			}
		})
	}
}
