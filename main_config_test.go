package main

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/pelletier/go-toml/v2"

	"sapa/config"
	"sapa/inbox"
	"sapa/platforms/email"
	"sapa/platforms/facebook"
	"sapa/platforms/whatsapp"
)

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

// loadText loads text as a config file with the platforms Sapa ships.
func loadText(t *testing.T, text string) (config.Config, error) {
	t.Helper()
	p := filepath.Join(t.TempDir(), "config.toml")
	if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return config.Load(p, realRegistry().Kinds())
}

// TestExampleUncommented proves the example's documented defaults are the
// real ones, every option is documented (the platforms' own ones too), and
// every account example validates with its platform's descriptor.
func TestExampleUncommented(t *testing.T) {
	isolate(t)
	t.Setenv("XDG_DATA_HOME", "") // the example documents the default under ~/.local/share
	raw, err := os.ReadFile("config.example.toml")
	if err != nil {
		t.Fatal(err)
	}
	text := uncomment(string(raw))
	cfg, err := loadText(t, text)
	if err != nil {
		t.Fatal(err)
	}
	accounts := cfg.Accounts
	cfg.Accounts = nil
	wantView := config.View{Name: "lama", Platform: inbox.Facebook, Label: "jalan", Unit: "32.01.01", Status: inbox.ViewOpen,
		Assignee: "-", Waiting: config.Duration{Duration: 72 * time.Hour}, Text: "rusak"}
	if len(cfg.Views) != 1 || cfg.Views[0] != wantView {
		t.Errorf("the example's [[view]]: %+v", cfg.Views)
	}
	cfg.Views = nil
	// [keys] lists the UI's default keys, which Default() leaves to the UI
	// (ui checks the example against its action table).
	if len(cfg.Keys) == 0 {
		t.Error("the example's [keys] decodes to nothing")
	}
	cfg.Keys = nil
	if !reflect.DeepEqual(cfg, config.Default()) {
		t.Errorf("documented defaults differ from Default():\n%+v\n%+v", cfg, config.Default())
	}

	got := map[inbox.Platform]config.Account{}
	for _, a := range accounts {
		got[a.Platform] = a
	}
	for _, d := range descriptors() {
		if _, ok := got[d.Name]; !ok {
			t.Errorf("no example account for %s", d.Name)
		}
	}
	if len(accounts) != len(descriptors()) {
		t.Errorf("%d example accounts, want one per platform", len(accounts))
	}
	fb := got[inbox.Facebook]
	if fo := fb.Options.(*facebook.Options); fb.Name != "pemkab-fb" || fo.PageID != "104857600000001" || fo.Token.Env != "SAPA_FB_PAGE_TOKEN" ||
		fo.AppSecret.Cmd != "pass show sapa/meta-app-secret" || !fb.UsesWebhook() || fb.Unit != "Kabupaten Bogor" {
		t.Errorf("facebook example: %+v", fb)
	}
	wa := got[inbox.WhatsApp]
	if !wa.UsesWebhook() {
		t.Error("whatsapp is webhook-only but UsesWebhook is false")
	}
	if wo := wa.Options.(*whatsapp.Options); wo.WindowTemplate != "balasan_layanan" || wo.WindowTemplateLanguage != "id" {
		t.Errorf("whatsapp example template: %q %q", wo.WindowTemplate, wo.WindowTemplateLanguage)
	}
	if e := got[inbox.Email].Options.(*email.Options); e.Mailbox != "INBOX" || e.Password.Cmd != "pass show sapa/email" {
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
	sections := map[string]reflect.Type{"account": reflect.TypeOf(config.Account{})}
	ct := reflect.TypeOf(config.Config{})
	for i := 0; i < ct.NumField(); i++ {
		if ft := ct.Field(i).Type; ft.Kind() == reflect.Struct {
			sections[ct.Field(i).Tag.Get("toml")] = ft
		}
	}
	for section, ft := range sections {
		for _, key := range tomlKeys(ft) {
			if !present(section, key) {
				t.Errorf("config.example.toml does not document %s.%s", section, key)
			}
		}
	}
	for _, d := range descriptors() {
		for _, key := range tomlKeys(reflect.TypeOf(d.Options()).Elem()) {
			if !present("account", key) {
				t.Errorf("config.example.toml does not document %s's key %s", d.Name, key)
			}
		}
	}
}

// tomlKeys lists the toml keys of struct type t, those of embedded structs
// included.
func tomlKeys(t reflect.Type) []string {
	var keys []string
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("toml"), ",")
		switch {
		case f.Anonymous && f.Type.Kind() == reflect.Struct:
			keys = append(keys, tomlKeys(f.Type)...)
		case name != "" && name != "-":
			keys = append(keys, name)
		}
	}
	return keys
}

// TestLoadPlatformErrors checks the errors each platform's descriptor gives
// for its own keys, in the one-line form of every config error.
func TestLoadPlatformErrors(t *testing.T) {
	isolate(t)
	const tg = "[[account]]\nname = \"tg\"\nplatform = \"telegram\"\n"
	for _, tc := range []struct{ name, text, want string }{
		{"unknown key", "[relay]\nlease_ttl = \"5s\"\n\n" + tg + "tokn = { env = \"T\" }\n", `:7: unknown key "account.tokn" for telegram`},
		{"missing id", "[[account]]\nname = \"pemkab-fb\"\nplatform = \"facebook\"\ntoken = { env = \"T\" }\n", `: account "pemkab-fb": page_id is required for facebook`},
		{"missing token", tg, `: account "tg": token is required for telegram`},
		{"whatsapp secrets", "[[account]]\nname = \"wa\"\nplatform = \"whatsapp\"\nphone_number_id = \"1\"\ntoken = { env = \"T\" }\n", `: account "wa": app_secret is required for whatsapp`},
		{"email", "[[account]]\nname = \"m\"\nplatform = \"email\"\nimap_addr = \"h:993\"\nsmtp_addr = \"h\"\nusername = \"u\"\naddress = \"a@b.id\"\npassword = { env = \"P\" }\n", `: account "m": smtp_addr: "h" is not host:port`},
		{"unknown platform", "[[account]]\nname = \"a\"\nplatform = \"tiktok\"\n", `: account "a": platform "tiktok" is unknown (known: facebook, messenger, instagram, whatsapp, x, youtube, telegram, mastodon, email)`},
		{"foreign key", tg + "token = { env = \"T\" }\npage_id = \"1\"\n", `:5: unknown key "account.page_id" for telegram`},
		{"foreign template", tg + "token = { env = \"T\" }\nwindow_template = \"balasan_layanan\"\nwindow_template_language = \"id\"\n", `:5: unknown key "account.window_template" for telegram (and 1 more unknown key)`},
		{"two sources", tg + "token = { env = \"T\", cmd = \"c\" }\n", `: account "tg": token: set only one of env, cmd and value`},
		{"meta two sources", "[[account]]\nname = \"fb\"\nplatform = \"facebook\"\npage_id = \"1\"\ntoken = { env = \"T\" }\napp_secret = { env = \"A\", value = \"v\" }\n", `: account "fb": app_secret: set only one of env, cmd and value`},
		{"webhook secret", tg + "token = { env = \"T\" }\nwebhook = true\n", `: account "tg": webhook on telegram needs webhook_secret`},
		{"meta webhook", "[[account]]\nname = \"fb\"\nplatform = \"facebook\"\npage_id = \"1\"\ntoken = { env = \"T\" }\nwebhook = true\n", `: account "fb": webhook on facebook needs app_secret and verify_token`},
		{"x user id", "[[account]]\nname = \"x\"\nplatform = \"x\"\nuser_id = \"@humas\"\ntoken = { env = \"T\" }\n", `: account "x": user_id: "@humas" is not a numeric X user id`},
		{"mastodon url", "[[account]]\nname = \"md\"\nplatform = \"mastodon\"\ntoken = { env = \"T\" }\n", `: account "md": base_url is required for mastodon`},
		{"relative url", "[[account]]\nname = \"md\"\nplatform = \"mastodon\"\nbase_url = \"mastodon.social\"\ntoken = { env = \"T\" }\n", `base_url: "mastodon.social" is not an absolute http(s) URL`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := loadText(t, tc.text)
			if err == nil {
				t.Fatalf("no error, want %q", tc.want)
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, "config ") || !strings.Contains(msg, tc.want) || strings.Contains(msg, "\n") {
				t.Errorf("error %q\nwant one line containing %q", msg, tc.want)
			}
		})
	}
}
