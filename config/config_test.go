package config

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"sapa/inbox"
)

// testOptions are the options of a made-up platform, tiktok: config knows
// no real platform, main hands it their descriptors.
type testOptions struct {
	Token   Secret   `toml:"token"`
	Channel string   `toml:"channel"`
	Pace    Duration `toml:"pace"`
	Webhook bool     `toml:"webhook"`
}

func (o *testOptions) Check(Account) error {
	if err := Require("tiktok", KeyValue{Key: "token", Value: o.Token}); err != nil {
		return err
	}
	if strings.Contains(o.Channel, " ") {
		return fmt.Errorf("channel: %q has a space", o.Channel)
	}
	return nil
}

func (o *testOptions) UsesWebhook() bool { return o.Webhook }

func testKinds() Kinds {
	return Kinds{{Name: inbox.Platform("tiktok"), Options: func() Options { return &testOptions{Channel: "default"} }}}
}

func TestAccountOptionsDecoded(t *testing.T) {
	cleanEnv(t)
	p := writeConfig(t, "[[account]]\nname = \"a\"\nplatform = \"tiktok\"\nunit = \"Desa X\"\ntoken = { env = \"T\" }\nwebhook = true\n"+
		"[[account]]\nname = \"b\"\nplatform = \"tiktok\"\ntoken = { cmd = \"c\" }\nchannel = \"kab\"\n[relay]\nmax_attempts = 3\n")
	cfg, err := Load(p, testKinds())
	if err != nil {
		t.Fatal(err)
	}
	if len(cfg.Accounts) != 2 || cfg.Relay.MaxAttempts != 3 {
		t.Fatalf("accounts %+v relay %+v", cfg.Accounts, cfg.Relay)
	}
	a, b := cfg.Accounts[0], cfg.Accounts[1]
	ao, bo := a.Options.(*testOptions), b.Options.(*testOptions)
	if a.Unit != "Desa X" || ao.Token.Env != "T" || ao.Channel != "default" || !a.UsesWebhook() {
		t.Errorf("first account %+v %+v", a, ao)
	}
	if bo.Token.Cmd != "c" || bo.Channel != "kab" || b.UsesWebhook() || ao == bo {
		t.Errorf("second account %+v %+v", b, bo)
	}
}

// cleanEnv isolates a test from the developer's environment and returns the
// temporary home directory.
func cleanEnv(t *testing.T) string {
	t.Helper()
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("USER", "tester")
	for _, v := range []string{"XDG_DATA_HOME", "XDG_CONFIG_HOME", "SAPA_CONFIG", "LC_ALL", "LC_MESSAGES", "LANG"} {
		t.Setenv(v, "")
	}
	return home
}

func writeConfig(t *testing.T, text string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "config.toml")
	if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// uncomment turns every "# " setting of the example into a live one and
// keeps the "##" explanations as comments.
func uncomment(text string) string {
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		if rest, ok := strings.CutPrefix(l, "# "); ok {
			lines[i] = rest
		}
	}
	return strings.Join(lines, "\n")
}

func TestDefault(t *testing.T) {
	home := cleanEnv(t)
	d := Default()
	if d.Admin.Name != "tester" || d.UI.Language != "" {
		t.Errorf("admin/ui defaults: %+v %+v", d.Admin, d.UI)
	}
	if want := filepath.Join(home, ".local/share/sapa/sapa.db"); d.Database.Path != want {
		t.Errorf("database.path = %q, want %q", d.Database.Path, want)
	}
	t.Setenv("XDG_DATA_HOME", "/data")
	if got := Default().Database.Path; got != "/data/sapa/sapa.db" {
		t.Errorf("with XDG_DATA_HOME: %q", got)
	}
	if d.Relay.LeaseTTL.Duration != 10*time.Second || d.Relay.PollInterval.Duration != time.Minute || d.Relay.MaxAttempts != 8 {
		t.Errorf("relay: %+v", d.Relay)
	}
	if d.Serve.MaxBodyBytes != 1<<20 || d.Serve.ReadTimeout.Duration != 10*time.Second {
		t.Errorf("serve: %+v", d.Serve)
	}
	want := Demo{1, 300, 14, Duration{20 * time.Second}, 0.05, Duration{400 * time.Millisecond}, Duration{time.Hour}}
	if d.Demo != want {
		t.Errorf("demo: %+v", d.Demo)
	}
	if err := d.Validate(); err != nil {
		t.Errorf("defaults do not validate: %v", err)
	}
}

func TestExampleAsShippedIsDefault(t *testing.T) {
	cleanEnv(t)
	cfg, err := Load("../config.example.toml", testKinds())
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(cfg, Default()) {
		t.Errorf("example with nothing uncommented differs from Default():\n%+v\n%+v", cfg, Default())
	}
}

func TestLoadErrors(t *testing.T) {
	cleanEnv(t)
	const tg = "[[account]]\nname = \"tg\"\nplatform = \"tiktok\"\n"
	for _, tc := range []struct{ name, text, want string }{
		{"unknown key", "[relay]\nlease_ttl = \"5s\"\n\n" + tg + "tokn = { env = \"T\" }\n", `:7: unknown key "account.tokn" for tiktok`},
		{"key of another platform", tg + "token = { env = \"T\" }\npage_id = \"1\"\n", `:5: unknown key "account.page_id" for tiktok`},
		{"bad option type", tg + "token = { env = \"T\" }\nchannel = 5\n", `:5: key "account.channel": want a string, got an integer`},
		{"bad shared type", tg + "history_days = \"7\"\n", `:4: key "account.history_days": want an integer, got a string`},
		{"option duration", tg + "token = { env = \"T\" }\npace = 5\n", `:5: key "account.pace": want a duration`},
		{"single table", "[account]\nname = \"a\"\n", `:1: write each account as an [[account]] block`},
		{"sub-table", tg + "[account.extra]\nx = 1\n", `:4: write each account as an [[account]] block`},
		{"missing option", tg, `: account "tg": token is required for tiktok`},
		{"option check", tg + "token = { env = \"T\" }\nchannel = \"bad channel\"\n", `: account "tg": channel: "bad channel" has a space`},
		{"view status", "[[view]]\nname = \"x\"\nstatus = \"closed\"\n", `: view "x": status "closed" is not one of open, mine`},
		{"view name", "[[view]]\nname = \"dua kata\"\n", `: view #1: name must be one word, got "dua kata"`},
		{"view taken", "[[view]]\nname = \"Mine\"\n", `: view "Mine": the name is taken`},
		{"view platform", "[[view]]\nname = \"x\"\nplatform = \"tiktok\"\n", `: view "x": unknown platform "tiktok"`},
		{"unknown table", "[acount]\nname = \"x\"\n", `:1: unknown key "acount"`},
		{"bad duration", "\n\n[relay]\npoll_interval = \"5 minutes\"\n", `:4: key "relay.poll_interval": time: `},
		{"integer duration", "[relay]\nlease_ttl = 5\n", `:2: key "relay.lease_ttl": want a duration such as "30s" or "5m", got an integer`},
		{"bad type", "[relay]\nmax_attempts = \"8\"\n", `:2: key "relay.max_attempts": want an integer, got a string`},
		{"syntax", "[relay\n", `:1: `},
		{"missing token", tg, `: account "tg": token is required for tiktok`},
		{"duplicate", tg + "token = { env = \"T\" }\n" + tg + "token = { env = \"T\" }\n", `: account "tg": name is used by another account`},
		{"no name", "[[account]]\nplatform = \"tiktok\"\n", `: account #1: name is required`},
		{"unknown platform", "[[account]]\nname = \"a\"\nplatform = \"friendster\"\n", `: account "a": platform "friendster" is unknown (known: tiktok)`},
		{"two sources", tg + "token = { env = \"T\", cmd = \"c\" }\n", `: account "tg": token: set only one of env, cmd and value`},
		{"relative url", tg + "base_url = \"mastodon.social\"\ntoken = { env = \"T\" }\n", `base_url: "mastodon.social" is not an absolute http(s) URL`},
		{"language", "[ui]\nlanguage = \"fr\"\n", `: ui.language: "fr" is not one of`},
		{"zero duration", "[relay]\nlease_ttl = \"0s\"\n", `: relay.lease_ttl must be positive`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := writeConfig(t, tc.text)
			_, err := Load(p, testKinds())
			if err == nil {
				t.Fatalf("no error, want %q", tc.want)
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, "config "+p) || !strings.Contains(msg, tc.want) || strings.Contains(msg, "\n") {
				t.Errorf("error %q\nwant one line starting with %q containing %q", msg, "config "+p, tc.want)
			}
		})
	}
}

func TestLoadInlineSecretStringNotEchoed(t *testing.T) {
	cleanEnv(t)
	p := writeConfig(t, "[[account]]\nname = \"tg\"\nplatform = \"tiktok\"\ntoken = \"123456:AAsecretsecret\"\n")
	_, err := Load(p, testKinds())
	if err == nil || !strings.Contains(err.Error(), `:4: key "account.token": a secret is a table`) {
		t.Fatalf("err = %v", err)
	}
	if strings.Contains(err.Error(), "secretsecret") {
		t.Errorf("error repeats the secret: %v", err)
	}
}

func TestLoadMissingFile(t *testing.T) {
	_, err := Load(filepath.Join(t.TempDir(), "nope.toml"), testKinds())
	if !errors.Is(err, fs.ErrNotExist) || !strings.HasPrefix(err.Error(), "config ") {
		t.Errorf("err = %v", err)
	}
}

func TestLoadMergesAndNormalizes(t *testing.T) {
	home := cleanEnv(t)
	p := writeConfig(t, `
[admin]
name = "siti"
[database]
path = "data/sapa.db"
[keys]
done = ["x", "d"]
quit = "Q"
help = []
`)
	cfg, err := Load(p, testKinds())
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Admin.Name != "siti" {
		t.Errorf("admin.name = %q", cfg.Admin.Name)
	}
	if want := filepath.Join(filepath.Dir(p), "data/sapa.db"); cfg.Database.Path != want {
		t.Errorf("relative database.path = %q, want %q", cfg.Database.Path, want)
	}
	if !reflect.DeepEqual(cfg.Keys["done"], KeySpec{"x", "d"}) || !reflect.DeepEqual(cfg.Keys["quit"], KeySpec{"Q"}) ||
		len(cfg.Keys["help"]) != 0 || len(cfg.Keys) != 3 {
		t.Errorf("keys not decoded as written: %v", cfg.Keys)
	}
	p = writeConfig(t, "[database]\npath = \"~/x.db\"\n")
	if cfg, err = Load(p, testKinds()); err != nil || cfg.Database.Path != filepath.Join(home, "x.db") {
		t.Errorf("~ expansion: %q, %v", cfg.Database.Path, err)
	}
}

func TestResolve(t *testing.T) {
	home := cleanEnv(t)
	dir := t.TempDir()
	flagFile := filepath.Join(dir, "flag.toml")
	envFile := filepath.Join(dir, "env.toml")
	for _, f := range []string{flagFile, envFile} {
		if err := os.WriteFile(f, nil, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	check := func(flag, want string, wantErr error) {
		t.Helper()
		got, err := Resolve(flag)
		if got != want || !errors.Is(err, wantErr) {
			t.Errorf("Resolve(%q) = %q, %v; want %q, %v", flag, got, err, want, wantErr)
		}
	}

	// Nothing named, nothing at ~/.config: the default path and ErrNoConfig.
	homeDefault := filepath.Join(home, ".config", "sapa", "config.toml")
	check("", homeDefault, ErrNoConfig)
	if err := os.MkdirAll(filepath.Dir(homeDefault), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(homeDefault, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	check("", homeDefault, nil)

	xdg := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", xdg)
	check("", filepath.Join(xdg, "sapa", "config.toml"), ErrNoConfig)

	t.Setenv("SAPA_CONFIG", envFile)
	check("", envFile, nil)
	check(flagFile, flagFile, nil)

	// Files named explicitly must exist, and that is not ErrNoConfig.
	missing := filepath.Join(dir, "missing.toml")
	if _, err := Resolve(missing); err == nil || errors.Is(err, ErrNoConfig) || !strings.Contains(err.Error(), "--config") {
		t.Errorf("missing --config file: %v", err)
	}
	t.Setenv("SAPA_CONFIG", missing)
	if _, err := Resolve(""); err == nil || errors.Is(err, ErrNoConfig) || !strings.Contains(err.Error(), "$SAPA_CONFIG") {
		t.Errorf("missing $SAPA_CONFIG file: %v", err)
	}
}

func TestLanguage(t *testing.T) {
	cleanEnv(t)
	if got := Language(Config{}); got != "en" {
		t.Errorf("no locale: %q", got)
	}
	t.Setenv("LANG", "id_ID.UTF-8")
	if got := Language(Config{}); got != "id" {
		t.Errorf("LANG=id_ID: %q", got)
	}
	t.Setenv("LC_MESSAGES", "en_US.UTF-8")
	if got := Language(Config{}); got != "en" {
		t.Errorf("LC_MESSAGES wins over LANG: %q", got)
	}
	t.Setenv("LC_ALL", "id_ID")
	if got := Language(Config{}); got != "id" {
		t.Errorf("LC_ALL wins: %q", got)
	}
	if got := Language(Config{UI: UI{Language: "en"}}); got != "en" {
		t.Errorf("ui.language wins: %q", got)
	}
}
