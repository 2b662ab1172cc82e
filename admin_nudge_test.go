package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestAdminNudgeCommand: `sapa admin nudge` opts in and out, refuses a
// wrong recipient, and `admin list` shows the choice.
func TestAdminNudgeCommand(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "sapa.toml")
	if err := os.WriteFile(cfg, []byte("[database]\npath = \""+filepath.Join(dir, "sapa.db")+"\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	run := func(args ...string) (string, error) {
		var out strings.Builder
		err := runAdmin(append([]string{"--config", cfg}, args...), &out)
		return out.String(), err
	}
	if _, err := run("add", "siti", "--unit", "32.01", "--role", "operator"); err != nil {
		t.Fatal(err)
	}
	if _, err := run("nudge", "siti", "--telegram", "12345"); err != nil {
		t.Fatal(err)
	}
	if out, _ := run("list"); !strings.Contains(out, "telegram 12345") {
		t.Errorf("list does not show the nudge:\n%s", out)
	}
	for _, bad := range [][]string{{"nudge", "siti"}, {"nudge", "siti", "--telegram", "x"}, {"nudge", "siti", "--off", "--email", "a@b.id"}, {"nudge", "nobody", "--off"}} {
		if _, err := run(bad...); err == nil {
			t.Errorf("%v accepted", bad)
		}
	}
	if _, err := run("nudge", "siti", "--off"); err != nil {
		t.Fatal(err)
	}
	if out, _ := run("list"); strings.Contains(out, "telegram 12345") {
		t.Errorf("list still shows the nudge after --off:\n%s", out)
	}
}

// TestAdminListOnAnEmptyStoreSaysSo: with no admin registered, `admin
// list` names the store it read and how to add one, not a bare header.
func TestAdminListOnAnEmptyStoreSaysSo(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "sapa.toml")
	db := filepath.Join(dir, "sapa.db")
	if err := os.WriteFile(cfg, []byte("[database]\npath = \""+db+"\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	if err := runAdmin([]string{"--config", cfg, "list"}, &out); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "no admin is registered in "+db) || strings.Contains(out.String(), "STATE") {
		t.Errorf("admin list on an empty store:\n%s", out.String())
	}
}
