package x

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"sapa/platforms"
	"sapa/platforms/httpapi"
)

// call is one HTTP request to the API.
type call struct {
	method string
	path   string // appended to the base URL
	query  url.Values
	body   any    // JSON-encoded when not nil
	bucket string // rate-limit bucket: the endpoint's method and template
	send   bool   // a write: an unknown outcome is ambiguous, not transient
}

// do performs cl and decodes a 2xx body into out, refusing first a request
// whose rate-limit window is used up and noting what every answer says of
// the window. Every error it returns is a *platforms.Error without any
// token in it.
func (c *Connector) do(ctx context.Context, cl call, out any) error {
	if err := c.limits.check(cl.bucket, c.now()); err != nil {
		return err
	}
	return c.api.Do(ctx, httpapi.Request{
		Method: cl.method, Path: cl.path, Query: cl.query, Body: cl.body, Send: cl.send,
		Observe: func(h http.Header) { c.limits.update(cl.bucket, h, c.now()) },
	}, out)
}

// problem is an RFC 7807 problem as X v2 returns it, plus the older
// {"errors":[{"code","message"}]} shape some endpoints still send.
type problem struct {
	Type       string `json:"type"`
	Title      string `json:"title"`
	Detail     string `json:"detail"`
	Status     int    `json:"status"`
	Period     string `json:"period"` // usage-capped: Daily or Monthly
	Reason     string `json:"reason"` // client-forbidden
	ResourceID string `json:"resource_id"`
	Section    string `json:"section"`
	Errors     []struct {
		Code    int    `json:"code"`
		Message string `json:"message"`
	} `json:"errors"`
}

func (p problem) message() string {
	var parts []string
	for _, s := range []string{p.Title, p.Detail} {
		if s != "" && !contains(parts, s) {
			parts = append(parts, s)
		}
	}
	for _, e := range p.Errors {
		if e.Message != "" && !contains(parts, e.Message) {
			parts = append(parts, e.Message)
		}
	}
	return strings.Join(parts, ": ")
}

const (
	problemUsageCapped   = "https://api.twitter.com/2/problems/usage-capped"
	problemForbidden     = "https://api.twitter.com/2/problems/client-forbidden"
	problemUnsupportedAu = "https://api.twitter.com/2/problems/unsupported-authentication"
)

// statusError turns an error response into a typed error.
func (c *Connector) statusError(req httpapi.Request, resp httpapi.Response) *platforms.Error {
	status, h, body := resp.Status, resp.Header, resp.Body
	var p problem
	_ = json.Unmarshal(body, &p) // a body that is not a problem leaves p empty
	msg := c.tok.Redact(httpapi.Truncate(p.message(), 300))
	if msg == "" {
		msg = http.StatusText(status)
	}
	msg = fmt.Sprintf("X answered %d: %s", status, msg)
	lower := strings.ToLower(p.message())
	switch {
	case status == http.StatusUnauthorized:
		return &platforms.Error{Kind: platforms.KindAuth, Message: msg,
			Fix: "the token was rejected: create a new OAuth 2.0 user token (scopes tweet.read tweet.write users.read offline.access) and update the account's token source"}
	case status == http.StatusTooManyRequests || p.Type == problemUsageCapped:
		return platforms.RateLimited(c.retryAt(h, p.Period), msg)
	case status == http.StatusForbidden && (p.Type == problemUnsupportedAu || p.Type == problemForbidden || strings.Contains(lower, "oauth")):
		return &platforms.Error{Kind: platforms.KindAuth, Message: msg,
			Fix: "the token cannot do this: use a user-context token (not an app-only bearer) from an app attached to a project, with Read and Write permission"}
	case status == http.StatusForbidden && strings.Contains(lower, "reply") && strings.Contains(lower, "not allowed"):
		return &platforms.Error{Kind: platforms.KindPermanent, Message: msg,
			Fix: "the author limited who can reply to this post; answer in a new post or ask the citizen to send a direct message"}
	case status == http.StatusForbidden && strings.Contains(lower, "duplicate"):
		return &platforms.Error{Kind: platforms.KindPermanent, Message: msg,
			Fix: "X refuses a post identical to a recent one of ours; change the wording (if this reply was tried before, it may already be posted)"}
	case status >= 500 || status == http.StatusRequestTimeout:
		if req.Send {
			return &platforms.Error{Kind: platforms.KindAmbiguous, Message: msg}
		}
		return &platforms.Error{Kind: platforms.KindTransient, Message: msg}
	}
	return &platforms.Error{Kind: platforms.KindPermanent, Message: msg}
}

// retryAt picks when a rate limit ends: the latest reset among the exhausted
// windows X reported, else the 15-minute window's reset, else a guess.
func (c *Connector) retryAt(h http.Header, period string) time.Time {
	now := c.now()
	var at time.Time
	for _, fam := range limitFamilies {
		rem, okR := headerInt(h, fam+"-remaining")
		reset, okT := headerInt(h, fam+"-reset")
		if okR && okT && rem <= 0 {
			if t := time.Unix(int64(reset), 0); t.After(at) {
				at = t
			}
		}
	}
	if at.IsZero() {
		if reset, ok := headerInt(h, "x-rate-limit-reset"); ok {
			at = time.Unix(int64(reset), 0)
		}
	}
	if at.After(now) {
		return at
	}
	switch period {
	case "Daily":
		return now.Add(24 * time.Hour)
	case "Monthly":
		y, m, _ := now.UTC().Date()
		return time.Date(y, m+1, 1, 0, 0, 0, 0, time.UTC)
	}
	return now.Add(15 * time.Minute) // X's usual window
}

// limitFamilies are the header prefixes X uses for its windows: the
// 15-minute endpoint window and the 24-hour per-user and per-app caps.
var limitFamilies = []string{"x-rate-limit", "x-user-limit-24hour", "x-app-limit-24hour"}

// limiter remembers, per endpoint, what X last said about each window, so we
// stop before a window is exhausted instead of collecting 429s.
type limiter struct {
	mu sync.Mutex
	m  map[string]map[string]window // bucket → header family → window
}

type window struct {
	remaining int
	reset     time.Time
}

func newLimiter() *limiter { return &limiter{m: map[string]map[string]window{}} }

func (l *limiter) update(bucket string, h http.Header, now time.Time) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, fam := range limitFamilies {
		rem, okR := headerInt(h, fam+"-remaining")
		reset, okT := headerInt(h, fam+"-reset")
		if !okR || !okT {
			continue
		}
		if l.m[bucket] == nil {
			l.m[bucket] = map[string]window{}
		}
		l.m[bucket][fam] = window{remaining: rem, reset: time.Unix(int64(reset), 0)}
	}
}

// check refuses a request whose window has no requests left until it resets.
func (l *limiter) check(bucket string, now time.Time) *platforms.Error {
	l.mu.Lock()
	defer l.mu.Unlock()
	var until time.Time
	for _, w := range l.m[bucket] {
		if w.remaining <= 0 && now.Before(w.reset) && w.reset.After(until) {
			until = w.reset
		}
	}
	if until.IsZero() {
		return nil
	}
	return platforms.RateLimited(until, "X rate limit for "+bucket+" used up; waiting for its reset")
}

func headerInt(h http.Header, name string) (int, bool) {
	v := h.Get(name)
	if v == "" {
		return 0, false
	}
	n, err := strconv.Atoi(strings.TrimSpace(v))
	return n, err == nil
}

func contains(s []string, v string) bool {
	for _, e := range s {
		if e == v {
			return true
		}
	}
	return false
}
