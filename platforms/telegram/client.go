package telegram

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"time"

	"sapa/config"
	"sapa/platforms"
	"sapa/platforms/httpapi"
)

// authFix tells the admin what to do when Telegram rejects the token.
const authFix = "The bot token was revoked or mistyped: open @BotFather, send /token (or /revoke for a new one), and update this account's token secret."

// newAPI builds the transport for the Bot API: the token sits in the path
// (/bot<token>/<method>), so every error is redacted of it and of the
// webhook secret.
func (c *Connector) newAPI(token string) *httpapi.Client {
	api := &httpapi.Client{Platform: "Telegram", Base: c.base, HTTP: httpapi.NewHTTPClient(), Token: httpapi.Static(token),
		Auth: httpapi.InPath("/bot"), Secrets: []string{c.webhookSecret}, Accepted: "the message", Classify: c.classify}
	api.HTTP.Timeout = 30 * time.Second
	return api
}

// call posts params as JSON to method and decodes the result into out.
// sending marks calls that may change something on Telegram (sendMessage):
// their timeouts and 5xx answers are ambiguous rather than transient.
func (c *Connector) call(ctx context.Context, method string, params, out any, sending bool) error {
	req := httpapi.Request{Method: http.MethodPost, Path: "/" + method, Body: params, Send: sending}
	resp, err := c.api.Exchange(ctx, req)
	if err != nil {
		return err
	}
	if out == nil {
		return nil
	}
	var env envelope
	_ = json.Unmarshal(resp.Body, &env) // classify accepted it
	if err := json.Unmarshal(env.Result, out); err != nil {
		return &platforms.Error{Kind: platforms.KindMalformed, Message: method + ": unexpected result shape", Err: c.api.Clean(err)}
	}
	return nil
}

// classify reads the Bot API's {"ok":…} envelope: an error answer becomes a
// typed error, an answer that is no envelope a malformed one.
func (c *Connector) classify(req httpapi.Request, resp httpapi.Response) error {
	method := strings.TrimPrefix(req.Path, "/")
	var env envelope
	if jerr := json.Unmarshal(resp.Body, &env); jerr != nil || (!env.OK && env.ErrorCode == 0 && resp.Status < 300) {
		if resp.Status >= 300 {
			// A proxy or load balancer answered, not the Bot API.
			return c.statusError(method, resp.Status, 0, http.StatusText(resp.Status), req.Send)
		}
		return &platforms.Error{Kind: platforms.KindMalformed, Message: method + ": response is not a Bot API envelope"}
	}
	if !env.OK {
		retry := 0
		if env.Parameters != nil {
			retry = env.Parameters.RetryAfter
		}
		code := env.ErrorCode
		if code == 0 {
			code = resp.Status
		}
		return c.statusError(method, code, retry, env.Description, req.Send)
	}
	return nil
}

// retryAfterText finds the wait in descriptions of older 429 answers that
// came without parameters: "Too Many Requests: retry after 41".
var retryAfterText = regexp.MustCompile(`retry after (\d+)`)

// statusError classifies a Bot API error answer.
func (c *Connector) statusError(method string, code, retryAfter int, description string, sending bool) error {
	msg := c.redact(method + ": " + description)
	switch {
	case code == http.StatusTooManyRequests:
		if retryAfter <= 0 {
			if m := retryAfterText.FindStringSubmatch(description); m != nil {
				retryAfter, _ = strconv.Atoi(m[1])
			}
		}
		if retryAfter <= 0 {
			retryAfter = 30 // Telegram always names a wait; this only guards a bare 429
		}
		return platforms.RateLimited(c.now().Add(time.Duration(retryAfter)*time.Second), msg)
	case code == http.StatusUnauthorized, code == http.StatusNotFound:
		// 401 is a revoked or wrong token; the Bot API answers 404 to a
		// token it cannot even parse (every method it serves exists).
		return &platforms.Error{Kind: platforms.KindAuth, Message: msg, Fix: authFix}
	case code == http.StatusForbidden:
		return &platforms.Error{Kind: platforms.KindPermanent, Message: msg,
			Fix: "The person blocked the bot, or the bot was removed from the group; it can only answer after they write to it again."}
	case code == http.StatusConflict:
		return &platforms.Error{Kind: platforms.KindPermanent, Message: msg,
			Fix: "A webhook is set for this bot while Sapa polls (or another program polls the same bot): call deleteWebhook, or set webhook = true for this account, and stop the other program."}
	case code >= 500:
		if sending {
			return &platforms.Error{Kind: platforms.KindAmbiguous, Message: msg}
		}
		return &platforms.Error{Kind: platforms.KindTransient, Message: msg}
	case code >= 400:
		return &platforms.Error{Kind: platforms.KindPermanent, Message: msg}
	}
	return &platforms.Error{Kind: platforms.KindMalformed, Message: msg}
}

// redact removes the token (and the webhook secret) from s.
func (c *Connector) redact(s string) string {
	return config.Redact(s, c.token, c.webhookSecret)
}

// describe names an error for logs without a secret in it.
func (c *Connector) describe(err error) string {
	return c.redact(fmt.Sprint(err))
}
