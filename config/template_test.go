package config

import (
	"os"
	"strings"
	"testing"

	"sapa/inbox"
)

// waAccount is a valid WhatsApp account block; extra lines are appended.
const waAccount = "[[account]]\nname = \"wa\"\nplatform = \"whatsapp\"\nphone_number_id = \"1\"\n" +
	"token = { env = \"T\" }\napp_secret = { env = \"S\" }\nverify_token = { env = \"V\" }\n"

func TestWindowTemplateValidation(t *testing.T) {
	cleanEnv(t)
	const tg = "[[account]]\nname = \"tg\"\nplatform = \"telegram\"\ntoken = { env = \"T\" }\n"
	for _, tc := range []struct{ name, text, want string }{
		{"name without language", waAccount + "window_template = \"balasan_layanan\"\n",
			`: account "wa": window_template needs window_template_language`},
		{"language without name", waAccount + "window_template_language = \"id\"\n",
			`: account "wa": window_template_language needs window_template`},
		{"not whatsapp", tg + "window_template = \"balasan_layanan\"\nwindow_template_language = \"id\"\n",
			`: account "tg": window_template does not apply to telegram`},
		{"language only, not whatsapp", tg + "window_template_language = \"id\"\n",
			`: account "tg": window_template_language does not apply to telegram`},
		{"bad name", waAccount + "window_template = \"Balasan Layanan\"\nwindow_template_language = \"id\"\n",
			`: account "wa": window_template: "Balasan Layanan" is not a template name`},
		{"bad language", waAccount + "window_template = \"balasan_layanan\"\nwindow_template_language = \"Bahasa Indonesia\"\n",
			`: account "wa": window_template_language: "Bahasa Indonesia" is not a language code`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := writeConfig(t, tc.text)
			_, err := Load(p)
			if err == nil {
				t.Fatalf("no error, want %q", tc.want)
			}
			if msg := err.Error(); !strings.Contains(msg, tc.want) || strings.Contains(msg, "\n") {
				t.Errorf("error %q\nwant one line containing %q", msg, tc.want)
			}
		})
	}
	for _, lang := range []string{"id", "en_US", "fil", "zh_HK"} {
		cfg, err := Load(writeConfig(t, waAccount+"window_template = \"balasan_layanan\"\nwindow_template_language = \""+lang+"\"\n"))
		if err != nil {
			t.Fatalf("language %q: %v", lang, err)
		}
		if a := cfg.Accounts[0]; a.WindowTemplate != "balasan_layanan" || a.WindowTemplateLanguage != lang {
			t.Errorf("language %q: decoded %+v", lang, a)
		}
	}
	if _, err := Load(writeConfig(t, waAccount)); err != nil {
		t.Errorf("a whatsapp account without a template: %v", err)
	}
}

// TestExampleWindowTemplate checks the example's WhatsApp account shows the
// template keys with the values the README uses.
func TestExampleWindowTemplate(t *testing.T) {
	cleanEnv(t)
	raw, err := os.ReadFile("../config.example.toml")
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := Load(writeConfig(t, uncomment(string(raw))))
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range cfg.Accounts {
		if a.Platform == inbox.WhatsApp {
			if a.WindowTemplate != "balasan_layanan" || a.WindowTemplateLanguage != "id" {
				t.Errorf("whatsapp example template: %q %q", a.WindowTemplate, a.WindowTemplateLanguage)
			}
			return
		}
	}
	t.Fatal("no whatsapp example")
}
