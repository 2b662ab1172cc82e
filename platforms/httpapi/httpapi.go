// Package httpapi is Sapa's one HTTP transport: every JSON-over-HTTP
// connector (X, YouTube, Telegram, Mastodon and the Meta Graph API) sends its
// requests through a Client, so the rule that decides whether a failed
// request may have reached the platform — the rule the outbox's exactly-once
// guarantee rests on — lives here and nowhere else (see left.go). A
// connector keeps what differs between platforms and passes it in as hooks:
// where the token goes (Auth), extra headers, how an answer is classified
// (Classify), which further secrets to redact, and what to watch in every
// answer's headers (Observe).
package httpapi

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"sapa/config"
	"sapa/platforms"
)

// MaxBody bounds what is read from one response; API pages are far smaller,
// and a hostile or broken proxy must not exhaust memory.
const MaxBody = 16 << 20

// Client is one platform API reached with one credential. It is safe for
// concurrent use once built.
type Client struct {
	// Platform names the platform as admins know it ("X", "YouTube") in
	// error messages.
	Platform string
	// Base is the API's address without a trailing slash; request paths are
	// appended to it.
	Base string
	// HTTP sends the requests; NewHTTPClient builds a suitable one.
	HTTP *http.Client
	// Token authenticates every request. On a 401 it is refreshed once and
	// the request repeated; every value it has held is redacted from errors.
	Token Credential
	// Auth places the token on a request; nil means a bearer header.
	Auth Auth
	// Header is sent with every request (after Accept and Content-Type).
	Header http.Header
	// Secrets are further values to keep out of every error (an app secret,
	// a webhook secret).
	Secrets []string
	// Accepted names what a write creates ("the reply", "the request"), for
	// the error when the platform accepted it but its answer is unreadable.
	Accepted string
	// Classify turns an answer into a typed error, or nil when it is a
	// success whose body is to be decoded. It sees every answer, 2xx
	// included, because some APIs (Telegram, Graph) report errors in a 2xx
	// body. Nil: any status outside 2xx is classified by StatusKind.
	Classify func(req Request, resp Response) error
	// Observe, when set, sees the headers of every answer: rate-limit and
	// usage bookkeeping that applies to the whole account.
	Observe func(http.Header)
}

// Request is one HTTP request to the API.
type Request struct {
	Method string
	Path   string // appended to Base
	Query  url.Values
	Body   any // JSON-encoded when not nil
	// Raw is a body already encoded (a form), sent with ContentType when
	// Body is nil.
	Raw         []byte
	ContentType string
	// Header holds this request's own headers (Idempotency-Key).
	Header http.Header
	// Send marks a write: an outcome we cannot know is ambiguous, not
	// transient, and is never retried blindly.
	Send bool
	// Observe, when set, sees the headers of every response to this request,
	// even one whose body could not be read: per-endpoint rate limits.
	Observe func(http.Header)
}

// Response is one whole answer, its body read up to MaxBody.
type Response struct {
	Status int
	Header http.Header
	Body   []byte
}

// OK reports a 2xx status.
func (r Response) OK() bool { return r.Status >= 200 && r.Status <= 299 }

// NewHTTPClient builds a client of our own with timeouts at every stage, so a
// stalled village link cannot hang the relay and no global state changes.
func NewHTTPClient() *http.Client {
	tr := &http.Transport{
		Proxy:                 http.ProxyFromEnvironment,
		DialContext:           (&net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
		TLSHandshakeTimeout:   10 * time.Second,
		ResponseHeaderTimeout: 30 * time.Second,
		IdleConnTimeout:       90 * time.Second,
		MaxIdleConnsPerHost:   4,
		ForceAttemptHTTP2:     true,
	}
	return &http.Client{Transport: tr, Timeout: 60 * time.Second}
}

// TokenTimeout bounds resolving the token when a connector is built.
const TokenTimeout = 15 * time.Second

// Open resolves the token now, within TokenTimeout, so a broken secret
// source shows at start, and builds a Client for baseURL (defaultBase when
// it is empty) with a client from NewHTTPClient. The caller fills in
// Platform, Accepted and Classify.
func Open(token config.Secret, baseURL, defaultBase string) (*Client, error) {
	ctx, cancel := context.WithTimeout(context.Background(), TokenTimeout)
	defer cancel()
	tok, err := config.NewToken(ctx, token)
	if err != nil {
		return nil, err
	}
	base := strings.TrimRight(baseURL, "/")
	if base == "" {
		base = defaultBase
	}
	return &Client{Base: base, HTTP: NewHTTPClient(), Token: tok}, nil
}

// Do performs req and decodes a successful body into out (unless out is
// nil). Every error it returns is a *platforms.Error without any secret in
// it.
func (c *Client) Do(ctx context.Context, req Request, out any) error {
	resp, err := c.Exchange(ctx, req)
	if err != nil || out == nil {
		return err
	}
	return c.Decode(req, resp.Body, out)
}

// Exchange performs req and returns the answer once Classify has accepted
// it. A 401 refreshes the token and repeats the request once: the platform
// refused it before doing anything, so even a write may be repeated.
func (c *Client) Exchange(ctx context.Context, req Request) (Response, error) {
	resp, err := c.roundTrip(ctx, req)
	if err != nil {
		return Response{}, err
	}
	if resp.Status == http.StatusUnauthorized && c.Token.Refresh(ctx) {
		if resp, err = c.roundTrip(ctx, req); err != nil {
			return Response{}, err
		}
	}
	if err := c.classify(req, resp); err != nil {
		return resp, err
	}
	return resp, nil
}

// Decode unmarshals an accepted answer's JSON into out. A write whose answer
// cannot be read probably took effect, so that is ambiguous, not malformed.
func (c *Client) Decode(req Request, body []byte, out any) error {
	if err := json.Unmarshal(body, out); err != nil {
		if req.Send {
			return &platforms.Error{Kind: platforms.KindAmbiguous, Message: c.Platform + " accepted " + c.Accepted + " but its answer could not be read", Err: c.Clean(err)}
		}
		return &platforms.Error{Kind: platforms.KindMalformed, Message: c.Platform + " sent a response that is not the documented JSON", Err: c.Clean(err)}
	}
	return nil
}

func (c *Client) classify(req Request, resp Response) error {
	if c.Classify != nil {
		return c.Classify(req, resp)
	}
	if resp.OK() {
		return nil
	}
	return &platforms.Error{Kind: StatusKind(resp.Status, req.Send), Message: c.Platform + " answered " + http.StatusText(resp.Status)}
}

// StatusKind is what an HTTP status means when the platform said nothing
// more: 5xx and 408 may have been applied to a write, 401 and 403 are auth,
// 429 a rate limit, anything else a refusal.
func StatusKind(status int, send bool) platforms.Kind {
	switch {
	case status >= 500 || status == http.StatusRequestTimeout:
		if send {
			return platforms.KindAmbiguous
		}
		return platforms.KindTransient
	case status == http.StatusUnauthorized || status == http.StatusForbidden:
		return platforms.KindAuth
	case status == http.StatusTooManyRequests:
		return platforms.KindRateLimited
	}
	return platforms.KindPermanent
}

// roundTrip sends one request and reads the whole (bounded) body.
func (c *Client) roundTrip(ctx context.Context, r Request) (Response, error) {
	hr, err := c.build(ctx, r)
	if err != nil {
		return Response{}, err
	}
	var w watch
	resp, err := c.HTTP.Do(hr.WithContext(w.trace(hr.Context())))
	if err != nil {
		return Response{}, c.transportError(err, w.outcome(r.Send, false))
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, MaxBody))
	if c.Observe != nil {
		c.Observe(resp.Header)
	}
	if r.Observe != nil {
		r.Observe(resp.Header)
	}
	if err != nil {
		return Response{}, c.transportError(err, w.outcome(r.Send, true))
	}
	return Response{Status: resp.StatusCode, Header: resp.Header, Body: body}, nil
}

// build makes the HTTP request: address, token, headers and body.
func (c *Client) build(ctx context.Context, r Request) (*http.Request, error) {
	var body []byte
	ctype := r.ContentType
	switch {
	case r.Body != nil:
		b, err := json.Marshal(r.Body)
		if err != nil {
			return nil, platforms.Errorf(platforms.KindPermanent, "encoding request: %v", err)
		}
		body, ctype = b, "application/json"
	case r.Raw != nil:
		body = r.Raw
	}
	q := url.Values{}
	for k, v := range r.Query {
		q[k] = append([]string(nil), v...)
	}
	h := http.Header{}
	auth := c.Auth
	if auth == nil {
		auth = Bearer
	}
	token, err := c.token()
	if err != nil {
		return nil, err
	}
	path := auth(token, r.Path, h, q)
	u := c.Base + path
	if len(q) > 0 {
		u += "?" + q.Encode()
	}
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, r.Method, u, rd)
	if err != nil {
		return nil, &platforms.Error{Kind: platforms.KindPermanent, Message: "bad request address (check base_url)", Err: c.Clean(err)}
	}
	req.Header.Set("Accept", "application/json")
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	for _, src := range []http.Header{h, c.Header, r.Header} {
		for k, v := range src {
			req.Header[k] = v
		}
	}
	return req, nil
}

// token is the value to send: a Fetcher's may need a refresh, which can
// fail before anything reaches the platform.
func (c *Client) token() (string, error) {
	f, ok := c.Token.(Fetcher)
	if !ok {
		return c.Token.Value(), nil
	}
	v, err := f.Fetch()
	if err != nil {
		return "", &platforms.Error{Kind: platforms.KindAuth, Message: c.Platform + ": the access token could not be refreshed", Err: c.Clean(err),
			Fix: "check client_id, client_secret and token_url; if the refresh token was revoked or lost, sign in again and write the new one to token_file"}
	}
	return v, nil
}

// Unless2xx is a Classify that accepts every 2xx answer and hands the rest
// to statusError, for APIs that report errors only by status.
func Unless2xx(statusError func(Request, Response) *platforms.Error) func(Request, Response) error {
	return func(req Request, resp Response) error {
		if resp.OK() {
			return nil
		}
		return statusError(req, resp)
	}
}
