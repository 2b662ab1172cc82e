package whatsapp_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sapa/config"
	"sapa/inbox"
	"sapa/platforms/whatsapp"
)

// load loads text as a config file in which whatsapp is the one platform.
func load(t *testing.T, text string) (config.Config, error) {
	t.Helper()
	t.Setenv("USER", "tester")
	p := filepath.Join(t.TempDir(), "config.toml")
	if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return config.Load(p, config.Kinds{{Name: inbox.WhatsApp, Options: whatsapp.Descriptor().Options}})
}

// waAccount is a valid WhatsApp account block; extra lines are appended.
const waAccount = "[[account]]\nname = \"wa\"\nplatform = \"whatsapp\"\nphone_number_id = \"1\"\n" +
	"token = { env = \"T\" }\napp_secret = { env = \"S\" }\nverify_token = { env = \"V\" }\n"

func TestWindowTemplateValidation(t *testing.T) {
	for _, tc := range []struct{ name, text, want string }{
		{"name without language", waAccount + "window_template = \"balasan_layanan\"\n",
			`: account "wa": window_template needs window_template_language`},
		{"language without name", waAccount + "window_template_language = \"id\"\n",
			`: account "wa": window_template_language needs window_template`},
		{"bad name", waAccount + "window_template = \"Balasan Layanan\"\nwindow_template_language = \"id\"\n",
			`: account "wa": window_template: "Balasan Layanan" is not a template name`},
		{"bad language", waAccount + "window_template = \"balasan_layanan\"\nwindow_template_language = \"Bahasa Indonesia\"\n",
			`: account "wa": window_template_language: "Bahasa Indonesia" is not a language code`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := load(t, tc.text)
			if err == nil {
				t.Fatalf("no error, want %q", tc.want)
			}
			if msg := err.Error(); !strings.Contains(msg, tc.want) || strings.Contains(msg, "\n") {
				t.Errorf("error %q\nwant one line containing %q", msg, tc.want)
			}
		})
	}
	for _, lang := range []string{"id", "en_US", "fil", "zh_HK"} {
		cfg, err := load(t, waAccount+"window_template = \"balasan_layanan\"\nwindow_template_language = \""+lang+"\"\n")
		if err != nil {
			t.Fatalf("language %q: %v", lang, err)
		}
		if o := cfg.Accounts[0].Options.(*whatsapp.Options); o.WindowTemplate != "balasan_layanan" || o.WindowTemplateLanguage != lang {
			t.Errorf("language %q: decoded %+v", lang, o)
		}
	}
	if _, err := load(t, waAccount); err != nil {
		t.Errorf("a whatsapp account without a template: %v", err)
	}
}
