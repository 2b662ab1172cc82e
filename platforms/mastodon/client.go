package mastodon

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"sapa/config"
	"sapa/platforms"
	"sapa/platforms/httpapi"
)

// authFix tells the admin what to do when the instance rejects the token.
const authFix = "The access token was revoked or lacks a scope: in Preferences → Development, open (or create) the application with scopes read:accounts read:notifications read:statuses write:statuses, and update this account's token secret."

// request describes one API call.
type request struct {
	method  string
	path    string // e.g. "/api/v1/notifications"
	query   url.Values
	body    any
	idemKey string // Idempotency-Key header, for POST /api/v1/statuses
	sending bool   // the call may create something: late failures are ambiguous
	bucket  *budget
}

// newAPI builds the transport for the instance at c.base.
func (c *Connector) newAPI() *httpapi.Client {
	api := &httpapi.Client{Platform: "Mastodon", Base: c.base, HTTP: httpapi.NewHTTPClient(), Token: httpapi.Static(c.token),
		Accepted: "the status", Classify: c.classify}
	api.HTTP.Timeout = 30 * time.Second
	return api
}

// do performs req and decodes a 2xx JSON answer into out; it returns the
// answer's headers (Link, for paging).
func (c *Connector) do(ctx context.Context, req request, out any) (http.Header, error) {
	hr := httpapi.Request{Method: req.method, Path: req.path, Query: req.query, Body: req.body, Send: req.sending}
	if req.idemKey != "" {
		hr.Header = http.Header{"Idempotency-Key": {req.idemKey}}
	}
	if req.bucket != nil {
		hr.Observe = func(h http.Header) { req.bucket.observe(h, c.now()) }
	}
	resp, err := c.api.Exchange(ctx, hr)
	var pe *platforms.Error
	if errors.As(err, &pe) && pe.Kind == platforms.KindRateLimited && req.bucket != nil {
		req.bucket.exhaust(pe.RetryAt)
	}
	if err != nil {
		return resp.Header, err
	}
	if out != nil {
		if err := json.Unmarshal(resp.Body, out); err != nil {
			return resp.Header, &platforms.Error{Kind: platforms.KindMalformed, Message: req.method + " " + req.path + ": unexpected answer", Err: c.api.Clean(err)}
		}
	}
	return resp.Header, nil
}

// classify turns an answer outside 2xx into a typed error.
func (c *Connector) classify(req httpapi.Request, resp httpapi.Response) error {
	if resp.OK() {
		return nil
	}
	var ae apiError
	_ = json.Unmarshal(resp.Body, &ae)
	text := ae.Error
	if text == "" {
		text = http.StatusText(resp.Status)
	}
	if ae.Description != "" {
		text += " (" + ae.Description + ")"
	}
	msg := c.redact(req.Method + " " + req.Path + ": " + text)
	code := resp.Status
	switch {
	case code == http.StatusTooManyRequests:
		at := parseReset(resp.Header.Get("X-RateLimit-Reset"), c.now())
		if at.IsZero() {
			at = c.now().Add(5 * time.Minute) // the length of Mastodon's default window
		}
		return platforms.RateLimited(at, msg)
	case code == http.StatusUnauthorized:
		return &platforms.Error{Kind: platforms.KindAuth, Message: msg, Fix: authFix}
	case code == http.StatusForbidden && strings.Contains(strings.ToLower(text), "scope"):
		return &platforms.Error{Kind: platforms.KindAuth, Message: msg, Fix: authFix}
	case code >= 500:
		if req.Send {
			return &platforms.Error{Kind: platforms.KindAmbiguous, Message: msg}
		}
		return &platforms.Error{Kind: platforms.KindTransient, Message: msg}
	}
	return &platforms.Error{Kind: platforms.KindPermanent, Message: msg}
}

func (c *Connector) redact(s string) string { return config.Redact(s, c.token) }

// budget tracks one rate-limit bucket from the X-RateLimit-* headers, so
// Sapa stops before the instance starts answering 429.
type budget struct {
	mu        sync.Mutex
	known     bool
	remaining int
	reset     time.Time
}

func (b *budget) observe(h http.Header, now time.Time) {
	rem, err := strconv.Atoi(strings.TrimSpace(h.Get("X-RateLimit-Remaining")))
	if err != nil {
		return
	}
	reset := parseReset(h.Get("X-RateLimit-Reset"), now)
	if reset.IsZero() {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	b.known, b.remaining, b.reset = true, rem, reset
}

func (b *budget) exhaust(until time.Time) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.known, b.remaining, b.reset = true, 0, until
}

// allow reports whether a request may be made while keeping reserve
// requests in hand, or until when to wait.
func (b *budget) allow(now time.Time, reserve int) (time.Time, bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if !b.known || !now.Before(b.reset) || b.remaining > reserve {
		return time.Time{}, true
	}
	return b.reset, false
}

// parseReset reads X-RateLimit-Reset: Mastodon sends an ISO 8601 time; some
// other servers send a Unix time or seconds to wait.
func parseReset(v string, now time.Time) time.Time {
	v = strings.TrimSpace(v)
	if v == "" {
		return time.Time{}
	}
	if t, err := time.Parse(time.RFC3339Nano, v); err == nil {
		return t
	}
	if n, err := strconv.ParseFloat(v, 64); err == nil && n >= 0 {
		if n > 1e9 {
			return time.Unix(int64(n), 0)
		}
		return now.Add(time.Duration(n * float64(time.Second)))
	}
	return time.Time{}
}

// linkRel matches one entry of a Link header: <url>; rel="next".
var linkRel = regexp.MustCompile(`<([^>]*)>\s*;\s*rel="?([a-z]+)"?`)

// linkParam returns the named query parameter of the Link entry rel, e.g.
// max_id of rel="next". Only the id is taken: the request is rebuilt on the
// configured base URL, which may differ from the instance's public name.
func linkParam(h http.Header, rel, param string) string {
	for _, m := range linkRel.FindAllStringSubmatch(strings.Join(h.Values("Link"), ","), -1) {
		if m[2] != rel {
			continue
		}
		if u, err := url.Parse(m[1]); err == nil {
			return u.Query().Get(param)
		}
	}
	return ""
}

// compareIDs orders ids: numerically when both are decimal (Mastodon's
// snowflakes), as strings otherwise (ULIDs sort as strings).
func compareIDs(a, b string) int {
	if isDigits(a) && isDigits(b) {
		a, b = strings.TrimLeft(a, "0"), strings.TrimLeft(b, "0")
		if len(a) != len(b) {
			if len(a) < len(b) {
				return -1
			}
			return 1
		}
	}
	return strings.Compare(a, b)
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
