package main

// Setup for the end-to-end tests of main_integration_test.go and
// main_doctor_test.go: each platform's fake server (platformCases), and the
// config file written from config.example.toml's own example account
// pointed at that fake (writeConfig).

import (
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"sapa/inbox"
	"sapa/platforms/email/emailtest"
	"sapa/platforms/facebook/facebooktest"
	"sapa/platforms/instagram/instagramtest"
	"sapa/platforms/mastodon/mastodontest"
	"sapa/platforms/messenger/messengertest"
	"sapa/platforms/platformtest"
	"sapa/platforms/telegram/telegramtest"
	"sapa/platforms/whatsapp/whatsapptest"
	"sapa/platforms/x/xtest"
	"sapa/platforms/youtube/youtubetest"
)

// rig is one platform's fake server as the end-to-end flow drives it.
type rig struct {
	// set overrides keys of the example account (TOML values): base_url,
	// addresses. poll_interval is always set.
	set map[string]string
	// secrets gives each secret key of the example (token, app_secret…) the
	// value the fake expects; it is passed through an environment variable.
	secrets map[string]string
	// webhook: items arrive by webhook, served by relay.WebhookHandler.
	webhook bool
	// inbound makes citizens write texts and returns the external ids the
	// inbox must hold, in the order written. hook is the account's webhook
	// URL when webhook is set.
	inbound func(t *testing.T, hook string, texts ...string) []string
	// replies is what the fake received as replies, in order.
	replies func() []platformtest.Received
	// check looks at the conversation an inbound item landed in (thread
	// kind, the post or video shown as context).
	check func(t *testing.T, c inbox.Conversation)
}

// exampleAccount returns the example [[account]] block of platform p from
// config.example.toml, uncommented as config/config_test.go does it.
func exampleAccount(t *testing.T, p inbox.Platform) []string {
	t.Helper()
	raw, err := os.ReadFile("config.example.toml")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(raw), "\n")
	for i := 0; i < len(lines); i++ {
		if lines[i] != "# [[account]]" {
			continue
		}
		var block []string
		for ; i < len(lines) && strings.HasPrefix(lines[i], "# "); i++ {
			block = append(block, strings.TrimPrefix(lines[i], "# "))
		}
		for _, l := range block {
			if l == fmt.Sprintf("platform = %q", p) {
				return block
			}
		}
	}
	t.Fatalf("config.example.toml has no example account for %s", p)
	return nil
}

var secretLine = regexp.MustCompile(`^(\w+) = \{ (env|cmd) = "([^"]*)" \}$`)

// writeConfig writes a config file with the example account of p, changed
// only where a test must: addresses of the fake, a short poll interval and
// secrets from environment variables set to what the fake expects. It
// returns the file and the variable that holds each secret.
func writeConfig(t *testing.T, dir string, p inbox.Platform, r rig) (string, map[string]string) {
	t.Helper()
	block := exampleAccount(t, p)
	set := map[string]string{"poll_interval": fmt.Sprintf("%q", integrationPoll)}
	for k, v := range r.set {
		set[k] = v
	}
	done := map[string]bool{}
	vars := map[string]string{}
	for i, l := range block {
		key, _, _ := strings.Cut(l, " = ")
		if m := secretLine.FindStringSubmatch(l); m != nil {
			val, ok := r.secrets[m[1]]
			if !ok {
				t.Fatalf("no value for secret %s of the %s example", m[1], p)
			}
			name := m[3]
			if m[2] == "cmd" { // a password manager is not here: the same secret from the environment
				name = strings.ToUpper("SAPA_TEST_" + string(p) + "_" + m[1])
				block[i] = fmt.Sprintf("%s = { env = %q }", m[1], name)
			}
			t.Setenv(name, val)
			vars[m[1]] = name
			done[key] = true
			continue
		}
		if v, ok := set[key]; ok {
			block[i] = key + " = " + v
			done[key] = true
		}
	}
	for _, k := range sortedKeys(set) {
		if !done[k] {
			block = append(block, k+" = "+set[k])
		}
	}
	for k := range r.secrets {
		if !done[k] {
			t.Fatalf("secret %s is not in the %s example", k, p)
		}
	}
	text := fmt.Sprintf("[database]\npath = %q\n\n", filepath.Join(dir, "sapa.db"))
	if r.webhook {
		// Only read by doctor: the tests serve the handler themselves.
		text += "[serve]\nlisten = \"127.0.0.1:8080\"\n\n"
	}
	text += strings.Join(block, "\n") + "\n"
	path := filepath.Join(dir, "config.toml")
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return path, vars
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// isolate keeps the developer's environment out of a test.
func isolate(t *testing.T) {
	t.Setenv("USER", "tester")
	t.Setenv("HOME", t.TempDir())
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	t.Setenv("SAPA_CONFIG", "")
}

// platformCase starts one platform's fake for a test; revoke makes the
// fake refuse the token from then on.
type platformCase struct {
	platform inbox.Platform
	start    func(t *testing.T) (r rig, revoke func())
}

func platformCases() []platformCase {
	return []platformCase{
		{inbox.Telegram, func(t *testing.T) (rig, func()) {
			f := telegramtest.New(t, telegramtest.WithBotUsername("PemkabSukamajuBot"))
			// Two citizens write in turn, each in a private chat with the bot.
			// (Sapa paces replies to one chat to one a second, as Telegram
			// asks; a reply paced is retried only a minute later.)
			chats := []int64{telegramtest.Chat, 5550002}
			n := 0
			return rig{
				set:     map[string]string{"base_url": fmt.Sprintf("%q", f.URL())},
				secrets: map[string]string{"token": telegramtest.Token, "webhook_secret": telegramtest.WebhookSecret},
				inbound: func(t *testing.T, _ string, texts ...string) []string {
					var ids []string
					for _, s := range texts {
						ids = append(ids, f.PrivateTextIn(chats[n%2], s))
						n++
					}
					return ids
				},
				replies: f.Replies,
				check: func(t *testing.T, c inbox.Conversation) {
					if c.Kind != inbox.KindDM || (c.ExternalKey != fmt.Sprint(chats[0]) && c.ExternalKey != fmt.Sprint(chats[1])) {
						t.Fatalf("private chat thread = %s %q", c.Kind, c.ExternalKey)
					}
				},
			}, f.RevokeAuth
		}},

		{inbox.Mastodon, func(t *testing.T) (rig, func()) {
			f := mastodontest.New(t)
			n := 0
			return rig{
				set:     map[string]string{"base_url": fmt.Sprintf("%q", f.URL())},
				secrets: map[string]string{"token": mastodontest.Token},
				inbound: func(t *testing.T, _ string, texts ...string) []string {
					var ids []string
					for _, s := range texts {
						vis := "public"
						if n++; n%2 == 0 {
							vis = "direct"
						}
						ids = append(ids, f.MentionFrom("warga@desa.social", "@pemkab "+s, "", vis))
					}
					return ids
				},
				replies: f.Replies,
				check: func(t *testing.T, c inbox.Conversation) {
					if c.Kind != inbox.KindMention && c.Kind != inbox.KindDM {
						t.Fatalf("mention thread kind %s", c.Kind)
					}
				},
			}, f.RevokeAuth
		}},

		{inbox.Facebook, func(t *testing.T) (rig, func()) {
			const appSecret = "f00dfacef00dfacef00dfacef00dface"
			example := exampleValue(t, inbox.Facebook, "page_id")
			f := facebooktest.New(t, facebooktest.WithPageID(example))
			return rig{
				webhook: true, // as the example has it
				set:     map[string]string{"base_url": fmt.Sprintf("%q", f.BaseURL())},
				secrets: map[string]string{"token": facebooktest.Token, "app_secret": appSecret, "verify_token": "sapa-verify-4321"},
				inbound: func(t *testing.T, hook string, texts ...string) []string {
					ids := f.AddInbound(texts...)
					if code, err := facebooktest.Deliver(hook, appSecret, f.CommentEvent(ids...)); err != nil || code != http.StatusOK {
						t.Fatalf("feed webhook: %d %v", code, err)
					}
					return ids
				},
				replies: f.Replies,
				check: func(t *testing.T, c inbox.Conversation) {
					if c.Kind != inbox.KindComment || !strings.HasPrefix(c.ExternalKey, f.DefaultPostID()+"/") || c.ContextText != "Info layanan KTP keliling" {
						t.Fatalf("comment thread = %s %q, context %q", c.Kind, c.ExternalKey, c.ContextText)
					}
				},
			}, f.Graph().RevokeAuth
		}},

		{inbox.Messenger, func(t *testing.T) (rig, func()) {
			f := messengertest.New(t, messengertest.WithPageID(exampleValue(t, inbox.Messenger, "page_id")))
			return rig{
				set:     map[string]string{"base_url": fmt.Sprintf("%q", f.BaseURL())},
				secrets: map[string]string{"token": messengertest.Token},
				inbound: func(t *testing.T, _ string, texts ...string) []string { return f.AddInbound(texts...) },
				replies: f.Replies,
				check: func(t *testing.T, c inbox.Conversation) {
					if c.Kind != inbox.KindDM {
						t.Fatalf("conversation kind %s", c.Kind)
					}
				},
			}, f.Graph().RevokeAuth
		}},

		{inbox.Instagram, func(t *testing.T) (rig, func()) {
			f := instagramtest.New(t)
			return rig{
				set:     map[string]string{"base_url": fmt.Sprintf("%q", f.BaseURL())},
				secrets: map[string]string{"token": instagramtest.Token},
				inbound: func(t *testing.T, _ string, texts ...string) []string { return f.AddInbound(texts...) },
				replies: f.Replies,
				check: func(t *testing.T, c inbox.Conversation) {
					if c.Kind != inbox.KindComment || !strings.Contains(c.ContextText, "Posyandu serentak") {
						t.Fatalf("comment thread = %s %q, context %q", c.Kind, c.ExternalKey, c.ContextText)
					}
				},
			}, f.Graph().RevokeAuth
		}},

		{inbox.WhatsApp, func(t *testing.T) (rig, func()) {
			const appSecret = "7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a7a"
			f := whatsapptest.New(t, whatsapptest.WithPhoneNumberID(exampleValue(t, inbox.WhatsApp, "phone_number_id")))
			return rig{
				webhook: true,
				set:     map[string]string{"base_url": fmt.Sprintf("%q", f.BaseURL())},
				secrets: map[string]string{"token": whatsapptest.Token, "app_secret": appSecret, "verify_token": "sapa-verify-wa"},
				inbound: func(t *testing.T, hook string, texts ...string) []string {
					f.SetWebhook(hook, appSecret)
					return f.AddInbound(texts...)
				},
				replies: f.Replies,
				check: func(t *testing.T, c inbox.Conversation) {
					if c.Kind != inbox.KindDM {
						t.Fatalf("conversation kind %s", c.Kind)
					}
				},
			}, f.Graph().RevokeAuth
		}},

		{inbox.X, func(t *testing.T) (rig, func()) {
			f := xtest.New(t)
			return rig{
				set:     map[string]string{"base_url": fmt.Sprintf("%q", f.URL())},
				secrets: map[string]string{"token": xtest.Token},
				inbound: func(t *testing.T, _ string, texts ...string) []string {
					var ids []string
					for _, s := range texts {
						ids = append(ids, f.AddMention("@humaskab "+s))
					}
					return ids
				},
				replies: f.Replies,
				check: func(t *testing.T, c inbox.Conversation) {
					if c.Kind != inbox.KindMention {
						t.Fatalf("mention thread kind %s", c.Kind)
					}
				},
			}, f.RevokeAuth
		}},

		{inbox.YouTube, func(t *testing.T) (rig, func()) {
			f := youtubetest.New(t, youtubetest.WithChannelID(exampleValue(t, inbox.YouTube, "channel_id")))
			return rig{
				// The example refreshes its own token: from a file holding
				// the fake's refresh token, at the fake's token endpoint.
				set: map[string]string{"base_url": fmt.Sprintf("%q", f.BaseURL()), "client_id": fmt.Sprintf("%q", youtubetest.ClientID),
					"token_url": fmt.Sprintf("%q", f.TokenURL()), "token_file": fmt.Sprintf("%q", refreshFile(t, youtubetest.RefreshToken))},
				secrets: map[string]string{"client_secret": "client-SECRET"},
				inbound: func(t *testing.T, _ string, texts ...string) []string {
					var ids []string
					for _, s := range texts {
						ids = append(ids, f.Add(s, ""))
					}
					return ids
				},
				replies: f.Replies,
				check: func(t *testing.T, c inbox.Conversation) {
					if c.Kind != inbox.KindComment || !strings.Contains(c.Title+c.ContextText, youtubetest.VideoTitle) {
						t.Fatalf("comment thread = %s %q, title %q, context %q", c.Kind, c.ExternalKey, c.Title, c.ContextText)
					}
				},
			}, f.RevokeAuth
		}},
		{inbox.Email, func(t *testing.T) (rig, func()) {
			const password = "sandi-pengaduan-2026"
			f := emailtest.New(t, emailtest.WithLogin(exampleValue(t, inbox.Email, "username"), password))
			return rig{
				set: map[string]string{
					"imap_addr": fmt.Sprintf("%q", f.IMAPAddr()),
					"smtp_addr": fmt.Sprintf("%q", f.SMTPAddr()),
					"insecure":  "true", // the fake speaks plain TCP on loopback
				},
				secrets: map[string]string{"password": password},
				inbound: func(t *testing.T, _ string, texts ...string) []string { return f.AddInbound(t, texts...) },
				replies: func() []platformtest.Received { return f.Replies(t) },
				check: func(t *testing.T, c inbox.Conversation) {
					if c.Kind != inbox.KindEmail || !strings.HasPrefix(c.Title, "Laporan ") {
						t.Fatalf("email thread = %s %q, title %q", c.Kind, c.ExternalKey, c.Title)
					}
				},
			}, func() { f.SetPassword("diganti-oleh-admin-server") }
		}},
	}
}

// exampleValue is the string value of key in the example account of p.
func exampleValue(t *testing.T, p inbox.Platform, key string) string {
	t.Helper()
	for _, l := range exampleAccount(t, p) {
		if v, ok := strings.CutPrefix(l, key+" = "); ok {
			return strings.Trim(v, `"`)
		}
	}
	t.Fatalf("the %s example has no %s", p, key)
	return ""
}

// refreshFile writes a token_file, mode 0600, holding refresh.
func refreshFile(t *testing.T, refresh string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "token.json")
	if err := os.WriteFile(p, []byte(fmt.Sprintf(`{"refresh_token": %q}`, refresh)), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}
