package telegram

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"sapa/platforms"
)

// noCutoff marks conversions that keep items of any age (webhook pushes).
var noCutoff time.Time

// Check implements platforms.Checker for `sapa doctor`: the token is
// accepted (getMe), the configured username matches, and the webhook state
// agrees with how this account is configured to receive.
func (c *Connector) Check(ctx context.Context) []platforms.Finding {
	var out []platforms.Finding
	var me user
	if err := c.call(ctx, "getMe", struct{}{}, &me, false); err != nil {
		return append(out, c.failed("bot token accepted (getMe) at "+c.base, err))
	}
	out = append(out, platforms.Finding{Check: "bot token accepted: @" + me.Username, OK: true})
	if want := strings.TrimPrefix(c.opts.BotUsername, "@"); want != "" && !strings.EqualFold(want, me.Username) {
		out = append(out, platforms.Finding{
			Check: fmt.Sprintf("bot_username %q matches the bot", want),
			Fix:   fmt.Sprintf("The token belongs to @%s: set bot_username = %q, or use the right token.", me.Username, me.Username),
		})
	}
	var info webhookInfo
	if err := c.call(ctx, "getWebhookInfo", struct{}{}, &info, false); err != nil {
		return append(out, c.failed("webhook state readable (getWebhookInfo)", err))
	}
	if !c.opts.Webhook {
		if info.URL != "" {
			return append(out, platforms.Finding{
				Check: "no webhook set while Sapa polls",
				Fix: "A webhook (" + c.redact(info.URL) + ") is set, so getUpdates is refused: call deleteWebhook " +
					"(https://api.telegram.org/bot<token>/deleteWebhook), or set webhook = true for this account.",
			})
		}
		return append(out, platforms.Finding{Check: "no webhook set; Sapa polls with getUpdates", OK: true})
	}
	fixSet := fmt.Sprintf("Call setWebhook with url https://<your host>%s, secret_token = this account's webhook_secret and allowed_updates [\"message\",\"edited_message\"].", c.WebhookPath())
	switch {
	case c.webhookSecret == "":
		out = append(out, platforms.Finding{Check: "webhook_secret configured", Fix: "Set webhook_secret and pass it as secret_token to setWebhook."})
	case info.URL == "":
		out = append(out, platforms.Finding{Check: "webhook set on Telegram", Fix: fixSet})
	case !strings.HasSuffix(strings.TrimRight(info.URL, "/"), c.WebhookPath()):
		out = append(out, platforms.Finding{Check: "webhook points at " + c.WebhookPath(), Fix: "The webhook is " + c.redact(info.URL) + ". " + fixSet})
	default:
		out = append(out, platforms.Finding{Check: "webhook set: " + c.redact(info.URL), OK: true})
	}
	if len(info.AllowedUpdates) > 0 && !slices.Contains(info.AllowedUpdates, "message") {
		out = append(out, platforms.Finding{Check: "webhook receives messages", Fix: fixSet})
	}
	if info.LastErrorMessage != "" && time.Since(time.Unix(info.LastErrorDate, 0)) < 24*time.Hour {
		out = append(out, platforms.Finding{
			Check: fmt.Sprintf("webhook deliveries succeed (%d pending)", info.PendingUpdateCount),
			Fix:   "Telegram reports: " + c.redact(info.LastErrorMessage) + ". Check that `sapa serve` is reachable over HTTPS on port 443, 80, 88 or 8443.",
		})
	}
	return out
}

// failed turns an error into a finding with the error's own fix.
func (c *Connector) failed(check string, err error) platforms.Finding {
	f := platforms.Finding{Check: check + ": " + c.describe(err)}
	if pe, ok := err.(*platforms.Error); ok && pe.Fix != "" {
		f.Fix = pe.Fix
		return f
	}
	switch platforms.KindOf(err) {
	case platforms.KindTransient, platforms.KindAmbiguous:
		f.Fix = "Telegram is not reachable from this server: check the network, DNS, a proxy, or base_url."
	default:
		f.Fix = "See the message above; base_url must point at the Bot API (default " + DefaultBaseURL + ")."
	}
	return f
}
