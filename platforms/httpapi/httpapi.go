// Package httpapi sends JSON requests to a platform's HTTPS API with a
// bearer token that may be refreshed, and turns every failure into a
// *platforms.Error with no token in it. Connectors keep what differs between
// platforms — their error bodies, rate limits and quotas — and pass it in.
package httpapi

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
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
const MaxBody = 8 << 20

// Client is one platform API reached with one bearer token. It is safe for
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
	// Token is sent as the bearer token, refreshed once on a 401 and
	// redacted from every error.
	Token *config.Token
	// Accepted names what a write creates ("the reply", "the request"), for
	// the error when the platform accepted it but its answer is unreadable.
	Accepted string
	// StatusError turns a response outside 2xx into a typed error; only the
	// connector knows its platform's error bodies.
	StatusError func(req Request, resp Response) *platforms.Error
}

// Request is one HTTP request to the API.
type Request struct {
	Method string
	Path   string // appended to Base
	Query  url.Values
	Body   any  // JSON-encoded when not nil
	Send   bool // a write: an unknown outcome is ambiguous, not transient
	// Observe, when set, sees the headers of every response to this request,
	// even one whose body could not be read: rate-limit bookkeeping.
	Observe func(http.Header)
}

// Response is one whole answer, its body read up to MaxBody.
type Response struct {
	Status int
	Header http.Header
	Body   []byte
}

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
// Platform, Accepted and StatusError.
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

// Do performs req and decodes a 2xx body into out (unless out is nil).
// Every error it returns is a *platforms.Error without any token in it.
func (c *Client) Do(ctx context.Context, req Request, out any) error {
	resp, err := c.roundTrip(ctx, req)
	if err != nil {
		return err
	}
	if resp.Status == http.StatusUnauthorized && c.Token.Refresh(ctx) {
		// A 401 is answered before anything is done, so even a write may
		// be repeated with the fresh token.
		if resp, err = c.roundTrip(ctx, req); err != nil {
			return err
		}
	}
	if resp.Status < 200 || resp.Status > 299 {
		return c.StatusError(req, resp)
	}
	if out == nil {
		return nil
	}
	if err := json.Unmarshal(resp.Body, out); err != nil {
		if req.Send {
			// The write probably took effect; we just cannot read its answer.
			return &platforms.Error{Kind: platforms.KindAmbiguous, Message: c.Platform + " accepted " + c.Accepted + " but its answer could not be read", Err: c.Clean(err)}
		}
		return &platforms.Error{Kind: platforms.KindMalformed, Message: c.Platform + " sent a response that is not the documented JSON", Err: c.Clean(err)}
	}
	return nil
}

// roundTrip sends one request and reads the whole (bounded) body.
func (c *Client) roundTrip(ctx context.Context, r Request) (Response, error) {
	u := c.Base + r.Path
	if len(r.Query) > 0 {
		u += "?" + r.Query.Encode()
	}
	var rd io.Reader
	if r.Body != nil {
		b, err := json.Marshal(r.Body)
		if err != nil {
			return Response{}, platforms.Errorf(platforms.KindPermanent, "encoding request: %v", err)
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, r.Method, u, rd)
	if err != nil {
		return Response{}, &platforms.Error{Kind: platforms.KindPermanent, Message: "bad request address (check base_url)", Err: c.Clean(err)}
	}
	req.Header.Set("Authorization", "Bearer "+c.Token.Value())
	req.Header.Set("Accept", "application/json")
	if r.Body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := c.HTTP.Do(req)
	if err != nil {
		return Response{}, c.netError(err, r.Send)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, MaxBody))
	if r.Observe != nil {
		r.Observe(resp.Header)
	}
	if err != nil {
		return Response{}, c.netError(err, r.Send)
	}
	return Response{Status: resp.StatusCode, Header: resp.Header, Body: body}, nil
}

// netError classifies a transport failure. Only failures before the request
// left (dial, DNS) are surely harmless; anything later may have reached the
// platform.
func (c *Client) netError(err error, send bool) *platforms.Error {
	kind := platforms.KindTransient
	var dns *net.DNSError
	var op *net.OpError
	switch {
	case errors.As(err, &dns):
	case errors.As(err, &op) && op.Op == "dial":
	case send:
		kind = platforms.KindAmbiguous
	}
	return &platforms.Error{Kind: kind, Message: "cannot reach " + c.Platform, Err: c.Clean(err)}
}

// cleanErr carries a redacted message; it unwraps only to the context
// errors, so callers can still test for cancellation without seeing the rest.
type cleanErr struct {
	msg   string
	cause error
}

func (e *cleanErr) Error() string { return e.msg }
func (e *cleanErr) Unwrap() error { return e.cause }

// Clean returns err with every value the token has held removed from its
// text, still recognisable as a cancellation or a deadline.
func (c *Client) Clean(err error) error {
	ce := &cleanErr{msg: c.Token.Redact(err.Error())}
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
