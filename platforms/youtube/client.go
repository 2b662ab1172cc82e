package youtube

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"sapa/platforms"
)

// maxBody bounds what we read from one response; a 100-thread page is far
// smaller, and a hostile or broken proxy must not exhaust memory.
const maxBody = 8 << 20

// call is one HTTP request to the Data API.
type call struct {
	method string
	path   string // appended to the base URL, e.g. "/commentThreads"
	query  url.Values
	body   any  // JSON-encoded when not nil
	cost   int  // quota units
	send   bool // a write: an unknown outcome is ambiguous, not transient
}

// do charges the quota, performs cl and decodes a 2xx body into out. Every
// error it returns is a *platforms.Error without any token in it.
func (c *Connector) do(ctx context.Context, cl call, out any) error {
	if err := c.quota.spend(c.now(), cl.cost, cl.send); err != nil {
		return err
	}
	status, h, body, err := c.roundTrip(ctx, cl)
	if err != nil {
		return err
	}
	if status == http.StatusUnauthorized && c.tok.refresh(ctx) {
		// A 401 is answered before anything is done, so even a write may
		// be repeated with the fresh token.
		if status, h, body, err = c.roundTrip(ctx, cl); err != nil {
			return err
		}
	}
	if status < 200 || status > 299 {
		return c.statusError(cl, status, h, body)
	}
	if out == nil {
		return nil
	}
	if err := json.Unmarshal(body, out); err != nil {
		if cl.send {
			return &platforms.Error{Kind: platforms.KindAmbiguous, Message: "YouTube accepted the request but its answer could not be read", Err: c.clean(err)}
		}
		return &platforms.Error{Kind: platforms.KindMalformed, Message: "YouTube sent a response that is not the documented JSON", Err: c.clean(err)}
	}
	return nil
}

// roundTrip sends one request and reads the whole (bounded) body.
func (c *Connector) roundTrip(ctx context.Context, cl call) (int, http.Header, []byte, error) {
	u := c.base + cl.path
	if len(cl.query) > 0 {
		u += "?" + cl.query.Encode()
	}
	var rd io.Reader
	if cl.body != nil {
		b, err := json.Marshal(cl.body)
		if err != nil {
			return 0, nil, nil, platforms.Errorf(platforms.KindPermanent, "encoding request: %v", err)
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, cl.method, u, rd)
	if err != nil {
		return 0, nil, nil, &platforms.Error{Kind: platforms.KindPermanent, Message: "bad request address (check base_url)", Err: c.clean(err)}
	}
	req.Header.Set("Authorization", "Bearer "+c.tok.get())
	req.Header.Set("Accept", "application/json")
	if cl.body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return 0, nil, nil, c.netError(err, cl.send)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxBody))
	if err != nil {
		return 0, nil, nil, c.netError(err, cl.send)
	}
	return resp.StatusCode, resp.Header, body, nil
}

// netError classifies a transport failure. Only failures before the request
// left (dial, DNS) are surely harmless; anything later may have reached Google.
func (c *Connector) netError(err error, send bool) *platforms.Error {
	kind := platforms.KindTransient
	var dns *net.DNSError
	var op *net.OpError
	switch {
	case errors.As(err, &dns):
	case errors.As(err, &op) && op.Op == "dial":
	case send:
		kind = platforms.KindAmbiguous
	}
	return &platforms.Error{Kind: kind, Message: "cannot reach YouTube", Err: c.clean(err)}
}

// cleanErr carries a redacted message; it unwraps only to the context
// errors, so callers can still test for cancellation without seeing the rest.
type cleanErr struct {
	msg   string
	cause error
}

func (e *cleanErr) Error() string { return e.msg }
func (e *cleanErr) Unwrap() error { return e.cause }

func (c *Connector) clean(err error) error {
	ce := &cleanErr{msg: c.tok.redact(err.Error())}
	switch {
	case errors.Is(err, context.Canceled):
		ce.cause = context.Canceled
	case errors.Is(err, context.DeadlineExceeded):
		ce.cause = context.DeadlineExceeded
	}
	return ce
}

// googleError is the standard Google API error body.
type googleError struct {
	Error struct {
		Code    int    `json:"code"`
		Message string `json:"message"`
		Status  string `json:"status"`
		Errors  []struct {
			Message string `json:"message"`
			Domain  string `json:"domain"`
			Reason  string `json:"reason"`
		} `json:"errors"`
	} `json:"error"`
}

func (g googleError) reasons() []string {
	var out []string
	for _, e := range g.Error.Errors {
		out = append(out, e.Reason)
	}
	return out
}

func (g googleError) has(reasons ...string) bool {
	for _, r := range g.reasons() {
		for _, want := range reasons {
			if r == want {
				return true
			}
		}
	}
	return false
}

// reasonInvalidPageToken names a refused page token, so Fetch can restart
// the pass from its first page instead of failing forever.
const reasonInvalidPageToken = "invalidPageToken"

// invalidPageToken reports whether err is YouTube refusing a page token.
func invalidPageToken(err error) bool {
	var pe *platforms.Error
	return errors.As(err, &pe) && pe.Kind == platforms.KindPermanent && strings.Contains(pe.Message, reasonInvalidPageToken)
}

// statusError turns an error response into a typed error.
func (c *Connector) statusError(cl call, status int, h http.Header, body []byte) *platforms.Error {
	var g googleError
	_ = json.Unmarshal(body, &g) // a body that is not Google's shape leaves g empty
	text := g.Error.Message
	if rs := g.reasons(); len(rs) > 0 {
		text = strings.Join(rs, ",") + ": " + text
	}
	if strings.TrimSpace(text) == "" {
		text = http.StatusText(status)
	}
	msg := fmt.Sprintf("YouTube answered %d: %s", status, c.tok.redact(truncate(text, 300)))
	now := c.now()
	switch {
	case g.has("quotaExceeded", "dailyLimitExceeded", "dailyLimitExceededUnreg"):
		c.quota.exhaust(now)
		return platforms.RateLimited(nextReset(now), msg)
	case status == http.StatusTooManyRequests || g.has("rateLimitExceeded", "userRateLimitExceeded"):
		return platforms.RateLimited(now.Add(retryAfter(h, time.Minute)), msg)
	case status == http.StatusUnauthorized || g.has("authError", "required", "invalidCredentials"):
		return &platforms.Error{Kind: platforms.KindAuth, Message: msg,
			Fix: "the access token was rejected or has expired (Google access tokens last one hour): set the token as a cmd that prints a fresh token, e.g. from a refresh-token helper"}
	case status == http.StatusForbidden && (g.has("insufficientPermissions", "accountDelegationForbidden", "authenticatedUserNotChannel") ||
		g.Error.Status == "PERMISSION_DENIED" && strings.Contains(strings.ToLower(g.Error.Message), "scope")):
		return &platforms.Error{Kind: platforms.KindAuth, Message: msg,
			Fix: "authorise the channel's Google account with the https://www.googleapis.com/auth/youtube.force-ssl scope"}
	case status >= 500:
		if cl.send {
			return &platforms.Error{Kind: platforms.KindAmbiguous, Message: msg}
		}
		return &platforms.Error{Kind: platforms.KindTransient, Message: msg}
	}
	e := &platforms.Error{Kind: platforms.KindPermanent, Message: msg}
	switch {
	case g.has("commentsDisabled"):
		e.Fix = "comments are turned off on this video"
	case g.has("operationNotSupported", "parentCommentIsPrivate", "forbidden"):
		e.Fix = "YouTube does not allow a reply here (the comment may be held, private or deleted); answer in YouTube Studio"
	case g.has("ineligibleAccount"):
		e.Fix = "the token's Google account is not linked to a YouTube channel; authorise the channel's own account"
	case g.has("commentTextTooLong"):
		e.Fix = "shorten the reply"
	case status == http.StatusNotFound:
		e.Fix = "the comment or video no longer exists"
	}
	return e
}

// retryAfter reads Retry-After in seconds, or gives def.
func retryAfter(h http.Header, def time.Duration) time.Duration {
	if s, err := strconv.Atoi(strings.TrimSpace(h.Get("Retry-After"))); err == nil && s > 0 {
		return time.Duration(s) * time.Second
	}
	return def
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && s[n]&0xC0 == 0x80 {
		n--
	}
	return s[:n] + "…"
}
