package telegram

import (
	"crypto/subtle"
	"encoding/json"
	"net/http"
	"net/url"

	"sapa/inbox"
	"sapa/platforms"
)

// secretHeader carries the secret_token given to setWebhook on every
// delivery; it is the only proof a request comes from Telegram.
const secretHeader = "X-Telegram-Bot-Api-Secret-Token"

// WebhookPath implements platforms.WebhookReceiver. The account name is
// path-escaped, as meta.WebhookPath does for the Meta connectors: a name such
// as "Humas Kota" would otherwise be an invalid ServeMux pattern and stop
// sapa serve at start.
func (c *Connector) WebhookPath() string {
	return "/webhook/telegram/" + url.PathEscape(c.acct.Name)
}

// ServeWebhook implements platforms.WebhookReceiver. Each delivery is one
// Update; a repeated delivery yields the same external ids, so the store's
// dedupe makes it harmless. Nothing is written to w: the caller answers 200
// on success, and Telegram retries anything else.
func (c *Connector) ServeWebhook(w http.ResponseWriter, r *http.Request, body []byte) ([]inbox.Inbound, bool, error) {
	if c.webhookSecret == "" {
		// An unsigned endpoint would accept forged citizen messages.
		return nil, false, &platforms.Error{Kind: platforms.KindAuth, Message: "telegram webhook: no webhook_secret configured",
			Fix: "Set webhook_secret for this account and pass the same value as secret_token to setWebhook."}
	}
	got := r.Header.Get(secretHeader)
	if subtle.ConstantTimeCompare([]byte(got), []byte(c.webhookSecret)) != 1 {
		return nil, false, &platforms.Error{Kind: platforms.KindAuth, Message: "telegram webhook: missing or wrong " + secretHeader,
			Fix: "Call setWebhook again with secret_token equal to this account's webhook_secret."}
	}
	if r.Method != http.MethodPost {
		return nil, false, platforms.Errorf(platforms.KindMalformed, "telegram webhook: method %s, want POST", r.Method)
	}
	var u update
	if err := json.Unmarshal(body, &u); err != nil {
		return nil, false, &platforms.Error{Kind: platforms.KindMalformed, Message: "telegram webhook: body is not an Update", Err: err}
	}
	if err := c.ensureIdentity(r.Context()); err != nil {
		return nil, false, err
	}
	in, ok := c.convert(u, noCutoff)
	if !ok {
		return nil, false, nil
	}
	return []inbox.Inbound{in}, false, nil
}
