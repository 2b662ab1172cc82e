package telegram

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"time"

	"sapa/config"
	"sapa/platforms"
)

// maxResponseBytes bounds what we read from the Bot API; a getUpdates page of
// 100 updates is far smaller.
const maxResponseBytes = 8 << 20

// authFix tells the admin what to do when Telegram rejects the token.
const authFix = "The bot token was revoked or mistyped: open @BotFather, send /token (or /revoke for a new one), and update this account's token secret."

// call posts params as JSON to method and decodes the result into out.
// sending marks calls that may change something on Telegram (sendMessage):
// their timeouts and 5xx answers are ambiguous rather than transient.
func (c *Connector) call(ctx context.Context, method string, params, out any, sending bool) error {
	body, err := json.Marshal(params)
	if err != nil {
		return &platforms.Error{Kind: platforms.KindPermanent, Message: "encode " + method + " request", Err: err}
	}
	// The token sits in the path, so the URL is built here and never shown.
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.base+"/bot"+c.token+"/"+method, bytes.NewReader(body))
	if err != nil {
		return &platforms.Error{Kind: platforms.KindPermanent, Message: c.redact("build " + method + " request: " + err.Error())}
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := c.http.Do(req)
	if err != nil {
		return c.netError(method, err, sending)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, maxResponseBytes))
	if err != nil {
		return c.netError(method, err, sending)
	}
	var env envelope
	if jerr := json.Unmarshal(raw, &env); jerr != nil || (!env.OK && env.ErrorCode == 0 && resp.StatusCode < 300) {
		if resp.StatusCode >= 300 {
			// A proxy or load balancer answered, not the Bot API.
			return c.statusError(method, resp.StatusCode, 0, http.StatusText(resp.StatusCode), sending)
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
			code = resp.StatusCode
		}
		return c.statusError(method, code, retry, env.Description, sending)
	}
	if out == nil {
		return nil
	}
	if err := json.Unmarshal(env.Result, out); err != nil {
		return &platforms.Error{Kind: platforms.KindMalformed, Message: method + ": unexpected result shape", Err: errors.New(c.redact(err.Error()))}
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

// netError classifies a transport failure. Only failures that happen before
// a byte of the request leaves (DNS, refused connection, TLS handshake) are
// transient for a send; anything later may have reached Telegram.
func (c *Connector) netError(method string, err error, sending bool) error {
	// *url.Error prints the whole URL, token included: keep only its cause.
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	redacted := errors.New(c.redact(err.Error()))
	kind := platforms.KindTransient
	if sending && !platforms.BeforeSend(err) {
		kind = platforms.KindAmbiguous
	}
	return &platforms.Error{Kind: kind, Message: method + ": request failed", Err: redacted}
}

// redact removes the token (and the webhook secret) from s.
func (c *Connector) redact(s string) string {
	return config.Redact(s, c.token, c.webhookSecret)
}

// describe names an error for logs without a secret in it.
func (c *Connector) describe(err error) string {
	return c.redact(fmt.Sprint(err))
}
