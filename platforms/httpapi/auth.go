package httpapi

import (
	"context"
	"errors"
	"net/http"
	"net/url"

	"sapa/config"
)

// Credential is what authenticates a Client's requests: a *config.Token
// (refreshed on a 401 when it comes from a command) or a Static token.
type Credential interface {
	// Value is the token to send now.
	Value() string
	// Refresh re-resolves the token after a 401 and reports whether it
	// changed (so the request is worth repeating).
	Refresh(ctx context.Context) bool
	// Redact removes every value the token has held from s.
	Redact(s string) string
}

// Static is a token that never changes: a bot token, a Page token.
type Static string

// Value returns the token.
func (s Static) Value() string { return string(s) }

// Refresh never changes a static token.
func (Static) Refresh(context.Context) bool { return false }

// Redact removes the token from text.
func (s Static) Redact(text string) string { return config.Redact(text, string(s)) }

// Auth places token on one request: it may set headers or query parameters
// and returns the path to append to Base (path itself when the token does
// not go in it).
type Auth func(token, path string, h http.Header, q url.Values) string

// Bearer sends the token as "Authorization: Bearer …" (X, YouTube, Mastodon,
// Graph).
func Bearer(token, path string, h http.Header, _ url.Values) string {
	h.Set("Authorization", "Bearer "+token)
	return path
}

// InQuery sends the token as the query parameter name.
func InQuery(name string) Auth {
	return func(token, path string, _ http.Header, q url.Values) string {
		q.Set(name, token)
		return path
	}
}

// InPath puts prefix and the token before the request's path, as Telegram's
// /bot<token>/<method> does. Every error about such a request names the
// token, so Clean's redaction matters most here.
func InPath(prefix string) Auth {
	return func(token, path string, _ http.Header, _ url.Values) string {
		return prefix + token + path
	}
}

// cleanErr carries a redacted message; it unwraps only to the context
// errors, so callers can still test for cancellation without seeing the rest.
type cleanErr struct {
	msg   string
	cause error
}

func (e *cleanErr) Error() string { return e.msg }
func (e *cleanErr) Unwrap() error { return e.cause }

// Redact removes the token (every value it has held) and the other secrets
// from s.
func (c *Client) Redact(s string) string {
	if c.Token != nil {
		s = c.Token.Redact(s)
	}
	return config.Redact(s, c.Secrets...)
}

// Clean returns err with every secret removed from its text, still
// recognisable as a cancellation or a deadline.
func (c *Client) Clean(err error) error {
	ce := &cleanErr{msg: c.Redact(err.Error())}
	switch {
	case errors.Is(err, context.Canceled):
		ce.cause = context.Canceled
	case errors.Is(err, context.DeadlineExceeded):
		ce.cause = context.DeadlineExceeded
	}
	return ce
}

// Truncate shortens the platform's own words to at most n bytes (plus an
// ellipsis) without splitting a UTF-8 sequence, so an error body cannot
// flood a status line.
func Truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && s[n]&0xC0 == 0x80 {
		n--
	}
	return s[:n] + "…"
}
