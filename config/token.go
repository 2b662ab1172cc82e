package config

import (
	"context"
	"sync"
	"time"
)

// TokenRefreshGap is the shortest time between two runs of a token's
// command: a token the platform keeps refusing must not start a password
// manager or refresh helper on every request.
const TokenRefreshGap = time.Minute

// Token is a bearer token resolved from a Secret that can be resolved again
// when the platform rejects it. OAuth access tokens expire (Google's after an
// hour, X's user tokens after two), so when the secret comes from a command (a
// refresh helper) a 401 makes the connector call Refresh, which runs the
// command again at most once per TokenRefreshGap. A Token is safe for
// concurrent use.
type Token struct {
	// Now is the clock that spaces refreshes; nil means time.Now. Set it
	// before the Token is shared.
	Now func() time.Time

	secret Secret
	mu     sync.Mutex
	cur    string
	seen   []string // every value resolved so far, all redacted by Redact
	at     time.Time
}

// NewToken resolves s now, so a broken secret source shows when the
// connector is built rather than at its first request.
func NewToken(ctx context.Context, s Secret) (*Token, error) {
	v, err := s.Resolve(ctx)
	if err != nil {
		return nil, err
	}
	return &Token{secret: s, cur: v, seen: []string{v}, at: time.Now()}, nil
}

// Value returns the token's current value.
func (t *Token) Value() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.cur
}

// Refresh re-resolves a command-sourced token and reports whether its value
// changed. Env and inline values cannot change behind our back, so they are
// never re-read.
func (t *Token) Refresh(ctx context.Context) bool {
	if t.secret.Cmd == "" {
		return false
	}
	// The lock is held while the command runs, so concurrent requests that
	// all got a 401 wait for one refresh instead of each starting another.
	t.mu.Lock()
	defer t.mu.Unlock()
	now := t.now()
	if now.Sub(t.at) < TokenRefreshGap {
		return false
	}
	t.at = now
	v, err := t.secret.Resolve(ctx)
	if err != nil || v == t.cur {
		return false
	}
	t.cur = v
	t.seen = append(t.seen, v)
	return true
}

// Redact removes from s every value this token has ever held: an error
// about a request made just before a refresh still carries the old one.
func (t *Token) Redact(s string) string {
	t.mu.Lock()
	seen := append([]string(nil), t.seen...)
	t.mu.Unlock()
	return Redact(s, seen...)
}

func (t *Token) now() time.Time {
	if t.Now != nil {
		return t.Now()
	}
	return time.Now()
}
