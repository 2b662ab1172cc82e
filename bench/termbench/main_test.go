package main

import (
	"testing"
	"time"
)

func TestParseFlags(t *testing.T) {
	cfg, err := parseFlags([]string{"-cols", "100", "-n", "3", "-open", `\r`, "-back", `\x1b`,
		"-quit", "q", "-idle", "0", "-env", "A=1", "-env", "B=2", "--", "prog", "-x"})
	if err != nil {
		t.Fatal(err)
	}
	if cfg.cols != 100 || cfg.rows != 24 || cfg.open != "\r" || cfg.back != "\x1b" {
		t.Fatalf("cfg = %+v", cfg)
	}
	if len(cfg.command) != 2 || cfg.command[0] != "prog" || cfg.command[1] != "-x" {
		t.Fatalf("command %q", cfg.command)
	}
	sc := scenario(cfg)
	var names []string
	for _, st := range sc.Steps {
		names = append(names, st.Name)
	}
	want := []string{"startup", "down", "bottom", "open", "back", "resize", "quit"}
	if len(names) != len(want) {
		t.Fatalf("steps %v, want %v", names, want)
	}
	for i := range want {
		if names[i] != want[i] {
			t.Fatalf("steps %v, want %v", names, want)
		}
	}
	if sc.Steps[1].Repeat != 3 || sc.Steps[0].Quiet != 300*time.Millisecond {
		t.Fatalf("down/startup steps %+v %+v", sc.Steps[1], sc.Steps[0])
	}
	if !sc.Steps[6].ExpectExit || len(sc.Options.Env) != 2 {
		t.Fatalf("quit step %+v env %v", sc.Steps[6], sc.Options.Env)
	}
}

func TestParseFlagsCmd(t *testing.T) {
	cfg, err := parseFlags([]string{"-cmd", "neomutt -F /tmp/rc", "-bottom", ""})
	if err != nil {
		t.Fatal(err)
	}
	if got := cfg.command; len(got) != 3 || got[2] != "exec neomutt -F /tmp/rc" {
		t.Fatalf("command %q", got)
	}
	for _, st := range scenario(cfg).Steps {
		if st.Name == "bottom" {
			t.Fatal("an empty key should skip its step")
		}
	}
	if _, err := parseFlags([]string{"-cmd", "a", "--", "b"}); err == nil {
		t.Fatal("both -cmd and args should be refused")
	}
	if _, err := parseFlags(nil); err == nil {
		t.Fatal("no program should be refused")
	}
}
