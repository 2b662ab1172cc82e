package telegram

import (
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
)

// TestWebhookSecretHeaderKnownAnswer uses the header exactly as the Bot API
// documents it for setWebhook's secret_token ("X-Telegram-Bot-Api-Secret-Token",
// 1-256 characters of A-Z, a-z, 0-9, _ and -), not the package's constant,
// and a secret of that alphabet at its maximum length.
func TestWebhookSecretHeaderKnownAnswer(t *testing.T) {
	f := newFakeAPI(t)
	acct := f.account()
	acct.Options.(*Options).Webhook = true
	c := f.connectorFor(t, acct)
	c.webhookSecret = strings.Repeat("Ab9_-", 51) + "Z" // 256 characters
	body, err := os.ReadFile("testdata/webhook_update.json")
	if err != nil {
		t.Fatal(err)
	}
	serve := func(header, value string) error {
		r := httptest.NewRequest(http.MethodPost, "/webhook/telegram/pemkab-tg", strings.NewReader(string(body)))
		r.Header.Set(header, value)
		_, _, err := c.ServeWebhook(httptest.NewRecorder(), r, body)
		return err
	}
	if err := serve("X-Telegram-Bot-Api-Secret-Token", c.webhookSecret); err != nil {
		t.Fatalf("the documented header with the right secret was refused: %v", err)
	}
	for name, c := range map[string][2]string{
		"other header":       {"X-Telegram-Secret", c.webhookSecret},
		"case differs":       {"X-Telegram-Bot-Api-Secret-Token", strings.ToLower(c.webhookSecret)},
		"prefix only":        {"X-Telegram-Bot-Api-Secret-Token", c.webhookSecret[:255]},
		"trailing character": {"X-Telegram-Bot-Api-Secret-Token", c.webhookSecret + "x"},
	} {
		if err := serve(c[0], c[1]); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}
