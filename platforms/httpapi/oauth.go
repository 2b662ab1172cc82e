package httpapi

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"golang.org/x/oauth2"

	"sapa/config"
)

// Refreshing is an OAuth 2.0 access token the relay refreshes itself with
// the refresh token kept in a 0600 file (config.OAuth.TokenFile): an
// oauth2.ReuseTokenSource over a source that writes every rotated refresh
// token back to the file before using it. It is safe for concurrent use.
type Refreshing struct {
	// Now spaces forced refreshes after a 401; nil means time.Now.
	Now func() time.Time

	file *tokenFile
	mu   sync.Mutex
	src  oauth2.TokenSource // ReuseTokenSource over file
	seen []string           // every token held, and the client secret
	at   time.Time          // last forced refresh
	err  error              // why the last refresh failed, for Value's caller
}

// Fetcher is a Credential whose value may take a request of its own (an
// OAuth refresh) and can fail; the Client asks it before every request.
type Fetcher interface {
	Fetch() (string, error)
}

var (
	_ Credential = (*Refreshing)(nil)
	_ Fetcher    = (*Refreshing)(nil)
)

// OpenOAuth builds a Client for baseURL (defaultBase when empty) whose token
// Sapa refreshes from o.TokenFile at o.TokenURL (defaultTokenURL when
// empty). It reads the file and resolves the client secret now, so a
// missing or exposed file shows at start.
func OpenOAuth(o config.OAuth, defaultTokenURL, baseURL, defaultBase string) (*Client, error) {
	ctx, cancel := context.WithTimeout(context.Background(), TokenTimeout)
	defer cancel()
	tok, err := NewRefreshing(ctx, o, defaultTokenURL)
	if err != nil {
		return nil, err
	}
	base := strings.TrimRight(baseURL, "/")
	if base == "" {
		base = defaultBase
	}
	return &Client{Base: base, HTTP: NewHTTPClient(), Token: tok}, nil
}

// NewRefreshing reads o.TokenFile (refusing one other users can read) and
// prepares the refresh; ctx bounds resolving the client secret.
func NewRefreshing(ctx context.Context, o config.OAuth, defaultTokenURL string) (*Refreshing, error) {
	var secret string
	if !o.ClientSecret.IsZero() {
		v, err := o.ClientSecret.Resolve(ctx)
		if err != nil {
			return nil, fmt.Errorf("client_secret: %w", err)
		}
		secret = v
	}
	saved, err := readTokenFile(o.TokenFile)
	if err != nil {
		return nil, err
	}
	u := o.TokenURL
	if u == "" {
		u = defaultTokenURL
	}
	cfg := &oauth2.Config{ClientID: o.ClientID, ClientSecret: secret, Endpoint: oauth2.Endpoint{TokenURL: u}}
	// The refresh requests go through a client with our timeouts, never
	// http.DefaultClient.
	rctx := context.WithValue(context.Background(), oauth2.HTTPClient, NewHTTPClient())
	f := &tokenFile{path: o.TokenFile, cfg: cfg, ctx: rctx, cur: saved}
	r := &Refreshing{file: f, src: oauth2.ReuseTokenSource(saved, f), seen: []string{saved.RefreshToken, saved.AccessToken}}
	if secret != "" {
		r.seen = append(r.seen, secret)
	}
	return r, nil
}

// Fetch returns a valid access token, refreshing it when it has expired.
func (r *Refreshing) Fetch() (string, error) {
	r.mu.Lock()
	src := r.src
	r.mu.Unlock()
	t, err := src.Token()
	if err != nil {
		return "", fmt.Errorf("refreshing the access token: %s", r.Redact(err.Error()))
	}
	r.remember(t)
	return t.AccessToken, nil
}

// Value returns the access token, or "" when it cannot be refreshed (the
// Client calls Fetch instead, which says why).
func (r *Refreshing) Value() string {
	v, _ := r.Fetch()
	return v
}

// Refresh forces a refresh after a 401 (the platform revoked the access
// token before its expiry), at most once per config.TokenRefreshGap.
func (r *Refreshing) Refresh(context.Context) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	now := time.Now()
	if r.Now != nil {
		now = r.Now()
	}
	if !r.at.IsZero() && now.Sub(r.at) < config.TokenRefreshGap {
		return false
	}
	r.at = now
	t, err := r.file.refresh()
	if err != nil {
		return false
	}
	r.seen = append(r.seen, t.AccessToken, t.RefreshToken)
	r.src = oauth2.ReuseTokenSource(t, r.file)
	return true
}

// Redact removes every token held so far and the client secret from s.
func (r *Refreshing) Redact(s string) string {
	r.mu.Lock()
	seen := append([]string(nil), r.seen...)
	r.mu.Unlock()
	return config.Redact(s, seen...)
}

func (r *Refreshing) remember(t *oauth2.Token) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, v := range []string{t.AccessToken, t.RefreshToken} {
		if v != "" && !contains(r.seen, v) {
			r.seen = append(r.seen, v)
		}
	}
}

func contains(list []string, v string) bool {
	for _, s := range list {
		if s == v {
			return true
		}
	}
	return false
}

// tokenFile is the oauth2.TokenSource under the ReuseTokenSource: each
// Token call spends the current refresh token and saves what the platform
// returns before anything uses it, since a rotated refresh token that is
// lost cannot be replaced without an admin signing in again.
type tokenFile struct {
	path string
	cfg  *oauth2.Config
	ctx  context.Context

	mu  sync.Mutex
	cur *oauth2.Token
}

// Token implements oauth2.TokenSource.
func (f *tokenFile) Token() (*oauth2.Token, error) { return f.refresh() }

func (f *tokenFile) refresh() (*oauth2.Token, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	t, err := f.cfg.TokenSource(f.ctx, &oauth2.Token{RefreshToken: f.cur.RefreshToken}).Token()
	if err != nil {
		return nil, err
	}
	if err := writeTokenFile(f.path, t); err != nil {
		return nil, err
	}
	f.cur = t
	return t, nil
}

// readTokenFile reads the saved token, refusing a file other users can
// read or change, as ssh refuses such a private key.
func readTokenFile(path string) (*oauth2.Token, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("token_file: %w", err)
	}
	if m := info.Mode().Perm(); m&0o077 != 0 {
		return nil, fmt.Errorf("token_file %s holds a refresh token and other users can read or change it (mode %04o): run `chmod 600 %s`", path, m, path)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("token_file: %w", err)
	}
	var t oauth2.Token
	if err := json.Unmarshal(b, &t); err != nil {
		return nil, fmt.Errorf("token_file %s is not JSON like {\"refresh_token\": \"…\"}", path)
	}
	if t.RefreshToken == "" {
		return nil, fmt.Errorf("token_file %s has no refresh_token", path)
	}
	return &t, nil
}

// writeTokenFile replaces path atomically with t, mode 0600: a crash
// leaves the old file or the new one, never half of either.
func writeTokenFile(path string, t *oauth2.Token) error {
	b, err := json.MarshalIndent(t, "", "  ")
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("token_file: saving the new refresh token: %w", err)
	}
	_, werr := tmp.Write(append(b, '\n'))
	serr := tmp.Sync()
	cerr := tmp.Close()
	if err := errors.Join(werr, serr, cerr, os.Chmod(tmp.Name(), 0o600)); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("token_file: saving the new refresh token: %w", err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("token_file: saving the new refresh token: %w", err)
	}
	return nil
}
