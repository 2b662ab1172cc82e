package config

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/pelletier/go-toml/v2"

	"sapa/inbox"
)

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
	cfg, err := Load("../config.example.toml")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(cfg, Default()) {
		t.Errorf("example with nothing uncommented differs from Default():\n%+v\n%+v", cfg, Default())
	}
}

// TestExampleUncommented proves the example's documented defaults are the
// real ones, every option is documented, and every account example validates.
func TestExampleUncommented(t *testing.T) {
	cleanEnv(t)
	raw, err := os.ReadFile("../config.example.toml")
	if err != nil {
		t.Fatal(err)
	}
	text := uncomment(string(raw))
	cfg, err := Load(writeConfig(t, text))
	if err != nil {
		t.Fatal(err)
	}
	accounts := cfg.Accounts
	cfg.Accounts = nil
	// [keys] lists the UI's default keys, which Default() leaves to the UI
	// (ui checks the example against its action table).
	if len(cfg.Keys) == 0 {
		t.Error("the example's [keys] decodes to nothing")
	}
	cfg.Keys = nil
	if !reflect.DeepEqual(cfg, Default()) {
		t.Errorf("documented defaults differ from Default():\n%+v\n%+v", cfg, Default())
	}

	got := map[inbox.Platform]Account{}
	for _, a := range accounts {
		got[a.Platform] = a
	}
	for _, p := range inbox.Platforms() {
		if _, ok := got[p]; !ok {
			t.Errorf("no example account for %s", p)
		}
	}
	if len(accounts) != len(inbox.Platforms()) {
		t.Errorf("%d example accounts, want one per platform", len(accounts))
	}
	fb := got[inbox.Facebook]
	if fb.Name != "pemkab-fb" || fb.PageID != "104857600000001" || fb.Token.Env != "SAPA_FB_PAGE_TOKEN" ||
		fb.AppSecret.Cmd != "pass show sapa/meta-app-secret" || !fb.Webhook || fb.Unit != "Diskominfo" {
		t.Errorf("facebook example: %+v", fb)
	}
	if !got[inbox.WhatsApp].Webhook {
		t.Error("whatsapp is webhook-only but Webhook is false")
	}
	if e := got[inbox.Email]; e.Mailbox != "INBOX" || e.Password.Cmd != "pass show sapa/email" {
		t.Errorf("email example: %+v", e)
	}
	if m := got[inbox.Mastodon]; m.BaseURL != "https://mastodon.social" {
		t.Errorf("mastodon example: %+v", m)
	}

	// Every key of every table appears in the example.
	var doc map[string]any
	if err := toml.Unmarshal([]byte(text), &doc); err != nil {
		t.Fatal(err)
	}
	present := func(section string, key string) bool {
		switch v := doc[section].(type) {
		case map[string]any:
			_, ok := v[key]
			return ok
		case []any:
			for _, e := range v {
				if _, ok := e.(map[string]any)[key]; ok {
					return true
				}
			}
		}
		return false
	}
	ct := reflect.TypeOf(Config{})
	for i := 0; i < ct.NumField(); i++ {
		section := ct.Field(i).Tag.Get("toml")
		ft := ct.Field(i).Type
		if ft.Kind() == reflect.Slice {
			ft = ft.Elem()
		}
		if ft.Kind() != reflect.Struct {
			continue
		}
		for j := 0; j < ft.NumField(); j++ {
			if key := ft.Field(j).Tag.Get("toml"); !present(section, key) {
				t.Errorf("config.example.toml does not document %s.%s", section, key)
			}
		}
	}
}

func TestLoadErrors(t *testing.T) {
	cleanEnv(t)
	const tg = "[[account]]\nname = \"tg\"\nplatform = \"telegram\"\n"
	for _, tc := range []struct{ name, text, want string }{
		{"unknown key", "[relay]\nlease_ttl = \"5s\"\n\n" + tg + "tokn = { env = \"T\" }\n", `:7: unknown key "account.tokn"`},
		{"unknown table", "[acount]\nname = \"x\"\n", `:1: unknown key "acount"`},
		{"bad duration", "\n\n[relay]\npoll_interval = \"5 minutes\"\n", `:4: key "relay.poll_interval": time: `},
		{"integer duration", "[relay]\nlease_ttl = 5\n", `:2: key "relay.lease_ttl": want a duration such as "30s" or "5m", got an integer`},
		{"bad type", "[relay]\nmax_attempts = \"8\"\n", `:2: key "relay.max_attempts": want an integer, got a string`},
		{"syntax", "[relay\n", `:1: `},
		{"missing id", "[[account]]\nname = \"pemkab-fb\"\nplatform = \"facebook\"\ntoken = { env = \"T\" }\n", `: account "pemkab-fb": page_id is required for facebook`},
		{"missing token", tg, `: account "tg": token is required for telegram`},
		{"whatsapp secrets", "[[account]]\nname = \"wa\"\nplatform = \"whatsapp\"\nphone_number_id = \"1\"\ntoken = { env = \"T\" }\n", `: account "wa": app_secret is required for whatsapp`},
		{"email", "[[account]]\nname = \"m\"\nplatform = \"email\"\nimap_addr = \"h:993\"\nsmtp_addr = \"h\"\nusername = \"u\"\naddress = \"a@b.id\"\npassword = { env = \"P\" }\n", `: account "m": smtp_addr: "h" is not host:port`},
		{"duplicate", tg + "token = { env = \"T\" }\n" + tg + "token = { env = \"T\" }\n", `: account "tg": name is used by another account`},
		{"no name", "[[account]]\nplatform = \"x\"\n", `: account #1: name is required`},
		{"unknown platform", "[[account]]\nname = \"a\"\nplatform = \"tiktok\"\n", `: account "a": platform "tiktok" is unknown`},
		{"foreign key", tg + "token = { env = \"T\" }\npage_id = \"1\"\n", `: account "tg": page_id does not apply to telegram`},
		{"two sources", tg + "token = { env = \"T\", cmd = \"c\" }\n", `: account "tg": token: set only one of env, cmd and value`},
		{"webhook secret", tg + "token = { env = \"T\" }\nwebhook = true\n", `: account "tg": webhook on telegram needs webhook_secret`},
		{"mastodon url", "[[account]]\nname = \"md\"\nplatform = \"mastodon\"\ntoken = { env = \"T\" }\n", `: account "md": base_url is required for mastodon`},
		{"relative url", "[[account]]\nname = \"md\"\nplatform = \"mastodon\"\nbase_url = \"mastodon.social\"\ntoken = { env = \"T\" }\n", `base_url: "mastodon.social" is not an absolute http(s) URL`},
		{"language", "[ui]\nlanguage = \"fr\"\n", `: ui.language: "fr" is not one of`},
		{"zero duration", "[relay]\nlease_ttl = \"0s\"\n", `: relay.lease_ttl must be positive`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := writeConfig(t, tc.text)
			_, err := Load(p)
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
	p := writeConfig(t, "[[account]]\nname = \"tg\"\nplatform = \"telegram\"\ntoken = \"123456:AAsecretsecret\"\n")
	_, err := Load(p)
	if err == nil || !strings.Contains(err.Error(), `:4: key "account.token": a secret is a table`) {
		t.Fatalf("err = %v", err)
	}
	if strings.Contains(err.Error(), "secretsecret") {
		t.Errorf("error repeats the secret: %v", err)
	}
}

func TestLoadMissingFile(t *testing.T) {
	_, err := Load(filepath.Join(t.TempDir(), "nope.toml"))
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
	cfg, err := Load(p)
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
	if cfg, err = Load(p); err != nil || cfg.Database.Path != filepath.Join(home, "x.db") {
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
