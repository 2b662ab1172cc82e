// Package meta is the Graph API client that Sapa's Facebook, Messenger,
// Instagram and WhatsApp connectors share: a versioned base URL, bearer-token
// requests with timeouts, Graph error objects turned into typed
// platforms.Error values, throttling and usage headers honoured before the
// limit is hit, cursor paging, the conversations/Send API used by Messenger and
// Instagram direct messages, and webhook verification (hub.challenge and
// X-Hub-Signature-256).
package meta

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"sapa/platforms"
	"sapa/platforms/httpapi"
)

// DefaultBaseURL is the Graph API address with the version Sapa is pinned
// to. v23.0 is the version of Meta's published WhatsApp OpenAPI; an account's
// base_url overrides it (tests, a newer version, graph.instagram.com).
const DefaultBaseURL = "https://graph.facebook.com/v23.0"

// DefaultTimeout bounds one Graph request, connection to last byte.
const DefaultTimeout = 30 * time.Second

// SecretTimeout bounds how long resolving an account's secrets may take.
const SecretTimeout = 15 * time.Second

// Config configures a Client.
type Config struct {
	BaseURL  string        // empty: DefaultBaseURL
	Token    string        // Page, system-user or Instagram access token
	TokenFix string        // what to do when the token is rejected
	PermFix  string        // what to do when a permission is missing; %s is the permission
	Timeout  time.Duration // per request; 0: DefaultTimeout
	Secrets  []string      // further secrets (app secret) to keep out of errors
	Now      func() time.Time
	Log      *slog.Logger // what the client and its connector skip; nil: nowhere
}

// Client calls the Graph API for one account. It is safe for concurrent use.
type Client struct {
	base     *url.URL
	api      *httpapi.Client // Base is the scheme and host; paths carry the version
	tokenFix string
	permFix  string
	now      func() time.Time
	log      *slog.Logger

	mu          sync.Mutex
	readsUntil  time.Time // reads wait until then (usage near the limit)
	writesUntil time.Time // writes wait until then (throttled)
	why         string    // why we are backing off, for the error message
}

// NewClient builds a client. The base URL must be absolute http(s).
func NewClient(cfg Config) (*Client, error) {
	raw := cfg.BaseURL
	if raw == "" {
		raw = DefaultBaseURL
	}
	u, err := url.Parse(strings.TrimRight(raw, "/"))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("base_url %q is not an absolute http(s) URL", raw)
	}
	if cfg.Token == "" {
		return nil, errors.New("token is empty")
	}
	c := &Client{
		base:     u,
		tokenFix: cfg.TokenFix,
		permFix:  cfg.PermFix,
		now:      cfg.Now,
		log:      platforms.Quiet(cfg.Log),
	}
	if c.tokenFix == "" {
		c.tokenFix = "generate a new access token and update this account's token source"
	}
	if c.permFix == "" {
		c.permFix = "grant the app the %s permission, then generate a new access token"
	}
	if c.now == nil {
		c.now = time.Now
	}
	timeout := cfg.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	c.api = &httpapi.Client{Platform: "Graph API", Base: u.Scheme + "://" + u.Host, HTTP: httpapi.NewHTTPClient(),
		Token: httpapi.Static(cfg.Token), Secrets: cfg.Secrets, Accepted: "the request",
		Classify: c.classify, Observe: c.noteUsage}
	c.api.HTTP.Timeout = timeout
	return c, nil
}

// Log is where the client and the connector built on it report what they
// skip or work around.
func (c *Client) Log() *slog.Logger { return c.log }

// BaseURL returns the base URL in use, for `sapa doctor`.
func (c *Client) BaseURL() string { return c.base.String() }

// Redact removes the client's secrets from s.
func (c *Client) Redact(s string) string { return c.api.Redact(s) }

// Get reads path (relative to the base URL, e.g. "/123/feed") into out.
func (c *Client) Get(ctx context.Context, path string, q url.Values, out any) error {
	return c.do(ctx, http.MethodGet, c.resolve(path, q), nil, "", false, out)
}

// Next reads a paging.next URL into out. Only the path and query of next are
// used, against the configured host, so the token is never sent elsewhere.
func (c *Client) Next(ctx context.Context, next string, out any) error {
	u, err := c.rebase(next)
	if err != nil {
		return err
	}
	return c.do(ctx, http.MethodGet, u, nil, "", false, out)
}

// Post sends a form-encoded write to path.
func (c *Client) Post(ctx context.Context, path string, form url.Values, out any) error {
	return c.do(ctx, http.MethodPost, c.resolve(path, nil), []byte(form.Encode()), "application/x-www-form-urlencoded", true, out)
}

// PostJSON sends a JSON write to path.
func (c *Client) PostJSON(ctx context.Context, path string, body any, out any) error {
	b, err := json.Marshal(body)
	if err != nil {
		return &platforms.Error{Kind: platforms.KindPermanent, Message: "cannot encode request", Err: err}
	}
	return c.do(ctx, http.MethodPost, c.resolve(path, nil), b, "application/json", true, out)
}

// resolve joins the base URL and a Graph path.
func (c *Client) resolve(path string, q url.Values) *url.URL {
	u := *c.base
	u.Path = strings.TrimRight(c.base.Path, "/") + "/" + strings.TrimLeft(path, "/")
	u.RawPath = ""
	if q != nil {
		u.RawQuery = q.Encode()
	}
	return &u
}

// rebase turns a paging URL into one on our base host, without any
// access_token parameter (we authenticate by header).
func (c *Client) rebase(next string) (*url.URL, error) {
	n, err := url.Parse(next)
	if err != nil || n.Path == "" {
		return nil, &platforms.Error{Kind: platforms.KindMalformed, Message: "paging URL is not a URL"}
	}
	q := n.Query()
	q.Del("access_token")
	u := *c.base
	u.Path = n.Path
	u.RawPath = ""
	u.RawQuery = q.Encode()
	return &u, nil
}

// CleanNext strips the token from a paging URL so it can be stored in a
// cursor; the stored form is what Next accepts.
func CleanNext(next string) string {
	if next == "" {
		return ""
	}
	n, err := url.Parse(next)
	if err != nil {
		return next
	}
	q := n.Query()
	if q.Has("access_token") {
		q.Del("access_token")
		n.RawQuery = q.Encode()
	}
	return n.String()
}

// do sends one request unless Meta's limits are near, and decodes the
// answer into out.
func (c *Client) do(ctx context.Context, method string, u *url.URL, body []byte, ctype string, write bool, out any) error {
	if err := c.gate(write); err != nil {
		return err
	}
	req := httpapi.Request{Method: method, Path: u.EscapedPath(), Query: u.Query(), Raw: body, ContentType: ctype, Send: write}
	if len(req.Query) == 0 {
		req.Query = nil
	}
	return c.api.Do(ctx, req, out)
}
