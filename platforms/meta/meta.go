// Package meta is the Graph API client that Sapa's Facebook, Messenger,
// Instagram and WhatsApp connectors share: a versioned base URL, bearer-token
// requests with timeouts, Graph error objects turned into typed
// platforms.Error values, throttling and usage headers honoured before the
// limit is hit, cursor paging, the conversations/Send API used by Messenger and
// Instagram direct messages, and webhook verification (hub.challenge and
// X-Hub-Signature-256).
package meta

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"sapa/config"
	"sapa/platforms"
)

// DefaultBaseURL is the Graph API address with the version Sapa is pinned
// to. v23.0 is the version of Meta's published WhatsApp OpenAPI; an account's
// base_url overrides it (tests, a newer version, graph.instagram.com).
const DefaultBaseURL = "https://graph.facebook.com/v23.0"

// DefaultTimeout bounds one Graph request, connection to last byte.
const DefaultTimeout = 30 * time.Second

// maxBody caps how much of a response is read; Graph pages are far smaller.
const maxBody = 16 << 20

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
}

// Client calls the Graph API for one account. It is safe for concurrent use.
type Client struct {
	base     *url.URL
	token    string
	tokenFix string
	permFix  string
	secrets  []string
	hc       *http.Client
	now      func() time.Time

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
		token:    cfg.Token,
		tokenFix: cfg.TokenFix,
		permFix:  cfg.PermFix,
		secrets:  append([]string{cfg.Token}, cfg.Secrets...),
		now:      cfg.Now,
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
	// A transport of our own: nothing shared with other connectors is mutated.
	tr := http.DefaultTransport.(*http.Transport).Clone()
	c.hc = &http.Client{Timeout: timeout, Transport: tr}
	return c, nil
}

// BaseURL returns the base URL in use, for `sapa doctor`.
func (c *Client) BaseURL() string { return c.base.String() }

// Redact removes the client's secrets from s.
func (c *Client) Redact(s string) string { return config.Redact(s, c.secrets...) }

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

func (c *Client) do(ctx context.Context, method string, u *url.URL, body []byte, ctype string, write bool, out any) error {
	if err := c.gate(write); err != nil {
		return err
	}
	var wrote atomic.Bool
	trace := &httptrace.ClientTrace{WroteRequest: func(httptrace.WroteRequestInfo) { wrote.Store(true) }}
	req, err := http.NewRequestWithContext(httptrace.WithClientTrace(ctx, trace), method, u.String(), bytes.NewReader(body))
	if err != nil {
		return &platforms.Error{Kind: platforms.KindPermanent, Message: "cannot build request", Err: c.clean(err)}
	}
	req.Header.Set("Authorization", "Bearer "+c.token)
	req.Header.Set("Accept", "application/json")
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		return c.netError(err, write && wrote.Load())
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxBody))
	c.noteUsage(resp.Header)
	if err != nil {
		k := platforms.KindTransient
		if write {
			k = platforms.KindAmbiguous // the write reached Meta; its answer did not reach us
		}
		return &platforms.Error{Kind: k, Message: "reading Graph API response", Err: c.clean(err)}
	}
	if resp.StatusCode/100 == 2 {
		if e, ok := parseError(data); ok {
			return c.fromAPIError(resp.StatusCode, resp.Header, e, write)
		}
		if out == nil {
			return nil
		}
		if err := json.Unmarshal(data, out); err != nil {
			return &platforms.Error{Kind: platforms.KindMalformed, Message: "Graph API answered something that is not the expected JSON", Err: c.clean(err)}
		}
		return nil
	}
	return c.classify(resp.StatusCode, resp.Header, data, write)
}

// netError classifies a transport failure. A write whose bytes left us may
// have been applied; anything else surely was not.
func (c *Client) netError(err error, sent bool) error {
	var dns *net.DNSError
	var op *net.OpError
	kind := platforms.KindTransient
	switch {
	case errors.As(err, &dns), errors.As(err, &op) && op.Op == "dial":
		// Never connected: nothing was delivered.
	case sent:
		kind = platforms.KindAmbiguous
	}
	msg := "Graph API unreachable"
	if sent {
		msg = "no answer from Graph API after sending"
	}
	return &platforms.Error{Kind: kind, Message: msg, Err: c.clean(err)}
}

// clean returns err with every secret removed from its text.
func (c *Client) clean(err error) error {
	if err == nil {
		return nil
	}
	return redacted(c.Redact(err.Error()))
}

// redacted is an error whose text has already had secrets removed.
type redacted string

// Error returns the redacted text.
func (r redacted) Error() string { return string(r) }
