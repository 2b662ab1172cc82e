package youtube

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"sapa/platforms"
	"sapa/platforms/httpapi"
)

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
	return c.api.Do(ctx, httpapi.Request{Method: cl.method, Path: cl.path, Query: cl.query, Body: cl.body, Send: cl.send}, out)
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
func (c *Connector) statusError(req httpapi.Request, resp httpapi.Response) *platforms.Error {
	status, h, body := resp.Status, resp.Header, resp.Body
	var g googleError
	_ = json.Unmarshal(body, &g) // a body that is not Google's shape leaves g empty
	text := g.Error.Message
	if rs := g.reasons(); len(rs) > 0 {
		text = strings.Join(rs, ",") + ": " + text
	}
	if strings.TrimSpace(text) == "" {
		text = http.StatusText(status)
	}
	msg := fmt.Sprintf("YouTube answered %d: %s", status, c.tok.Redact(httpapi.Truncate(text, 300)))
	now := c.now()
	switch {
	case g.has("quotaExceeded", "dailyLimitExceeded", "dailyLimitExceededUnreg"):
		c.quota.exhaust(now)
		return platforms.RateLimited(nextReset(now), msg)
	case status == http.StatusTooManyRequests || g.has("rateLimitExceeded", "userRateLimitExceeded"):
		return platforms.RateLimited(now.Add(retryAfter(h, time.Minute)), msg)
	case status == http.StatusUnauthorized || g.has("authError", "required", "invalidCredentials"):
		return &platforms.Error{Kind: platforms.KindAuth, Message: msg,
			Fix: "the access token was rejected or has expired (Google access tokens last one hour): give the account token_file with client_id and client_secret so Sapa refreshes it (sign in again if the refresh token was revoked), or a token cmd that prints a fresh one"}
	case status == http.StatusForbidden && (g.has("insufficientPermissions", "accountDelegationForbidden", "authenticatedUserNotChannel") ||
		g.Error.Status == "PERMISSION_DENIED" && strings.Contains(strings.ToLower(g.Error.Message), "scope")):
		return &platforms.Error{Kind: platforms.KindAuth, Message: msg,
			Fix: "authorise the channel's Google account with the https://www.googleapis.com/auth/youtube.force-ssl scope"}
	case status >= 500:
		if req.Send {
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
