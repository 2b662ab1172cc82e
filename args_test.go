package main

import (
	"bytes"
	"flag"
	"strings"
	"testing"

	"sapa/config"
)

// Global flags go before or after the subcommand; a subcommand's own flags
// belong to it alone.
func TestParseArgsFlagsAroundSubcommand(t *testing.T) {
	ok := map[string]options{
		"--config f doctor":             {command: "doctor", configPath: "f"},
		"doctor --config f":             {command: "doctor", configPath: "f"},
		"--config=f doctor":             {command: "doctor", configPath: "f"},
		"--low-bandwidth demo --seed 3": {command: "demo", lowBandwidth: true, seed: 3},
		"--seed 3 demo --lang en":       {command: "demo", seed: 3, lang: "en"},
		"--lang id":                     {lang: "id"},
		"relay --config x.toml":         {command: "relay", configPath: "x.toml"},
		"doctor --help":                 {command: "doctor", help: true},
		"help":                          {help: true},
		"--version":                     {version: true},
	}
	for line, want := range ok {
		got, err := parseArgs(strings.Fields(line))
		if err != nil || got.command != want.command || got.configPath != want.configPath ||
			got.lowBandwidth != want.lowBandwidth || got.seed != want.seed || got.lang != want.lang ||
			got.help != want.help || got.version != want.version {
			t.Errorf("%q: got %+v, %v; want %+v", line, got, err, want)
		}
	}
	bad := map[string]string{
		"relay --seed 3":     "-seed",
		"doctor extra":       `unexpected argument "extra"`,
		"--lang fr":          `--lang "fr"`,
		"frobnicate --fresh": `unknown command "frobnicate"`,
		"demo --port 3333":   "--port needs --serve",
	}
	for line, want := range bad {
		if _, err := parseArgs(strings.Fields(line)); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: error %v, want one containing %q", line, err, want)
		}
	}
}

// --help names every flag that parses, and only those.
func TestHelpListsEveryFlag(t *testing.T) {
	var o options
	for _, sc := range subcommands() {
		var out bytes.Buffer
		run(append(strings.Fields(sc.name), "--help"), &out, &out)
		flagSet(sc, &o).VisitAll(func(f *flag.Flag) {
			if !strings.Contains(out.String(), "--"+f.Name) {
				t.Errorf("sapa %s --help leaves out --%s:\n%s", sc.name, f.Name, out.String())
			}
		})
	}
	var out bytes.Buffer
	run([]string{"--help"}, &out, &out)
	for _, sc := range subcommands() {
		if !strings.Contains(out.String(), strings.TrimSpace("sapa "+sc.name)+" [flags]") {
			t.Errorf("--help leaves out %q:\n%s", sc.name, out.String())
		}
	}
	if strings.Contains(out.String(), "--seed") {
		t.Errorf("--help lists demo's --seed among the global flags:\n%s", out.String())
	}
}

// The demo speaks the terminal's language when the locale names one, and
// --lang overrides both.
func TestDemoLanguage(t *testing.T) {
	cases := []struct{ lang, flag, want string }{
		{"en_US.UTF-8", "", "en"},
		{"id_ID.UTF-8", "", "id"},
		{"C.UTF-8", "", "id"},
		{"", "", "id"},
		{"id_ID.UTF-8", "en", "en"},
	}
	for _, tc := range cases {
		t.Setenv("LC_ALL", "")
		t.Setenv("LC_MESSAGES", "")
		t.Setenv("LANG", tc.lang)
		cfg := config.Default()
		o := options{command: "demo", lang: tc.flag}
		applyFlags(&cfg, o)
		e := &env{cfg: cfg, opts: o, reg: realRegistry()}
		if err := e.useDemo(); err != nil {
			t.Fatal(err)
		}
		if got := config.Language(e.cfg); got != tc.want {
			t.Errorf("LANG=%q --lang=%q: demo speaks %q, want %q", tc.lang, tc.flag, got, tc.want)
		}
	}
}
