package platformtest

import (
	"io"
	"net/http"
	"sync"
	"time"
)

// Knobs are the switches every fake server offers its tests — fail the next
// request as rate-limited or with a status, revoke the token, redeliver,
// answer with a test's own handler — and what it records (requests, bodies
// of writes). A fake embeds Knobs (the zero value is ready) and decides only
// how its platform words each answer. Knobs has its own lock, so a fake may
// use it while holding its own.
type Knobs struct {
	mu        sync.Mutex
	limitNext time.Duration
	failNext  int
	revoked   bool
	redeliver bool
	override  func(http.ResponseWriter, *http.Request) bool
	requests  []string
	bodies    []string
}

// Shot is what the knobs say about one request.
type Shot struct {
	// Revoked: answer as to a revoked token.
	Revoked bool
	// RateLimit, when positive: answer as rate-limited, asking to wait this
	// long. Used up by this request.
	RateLimit time.Duration
	// Fail, when not zero: answer with this HTTP status. Used up by this
	// request (unless RateLimit took it).
	Fail int
}

// Begin records r as "METHOD path?query", lets the test's own handler
// answer it when one is set (done is then true), and otherwise returns what
// the knobs say about it, using up the one-shot ones.
func (k *Knobs) Begin(w http.ResponseWriter, r *http.Request) (shot Shot, done bool) {
	k.mu.Lock()
	k.requests = append(k.requests, r.Method+" "+r.URL.Path+"?"+r.URL.RawQuery)
	f := k.override
	k.mu.Unlock()
	if f != nil && f(w, r) {
		return Shot{}, true
	}
	k.mu.Lock()
	defer k.mu.Unlock()
	shot = Shot{Revoked: k.revoked, RateLimit: k.limitNext}
	if shot.RateLimit > 0 {
		k.limitNext = 0
	} else {
		shot.Fail, k.failNext = k.failNext, 0
	}
	return shot, false
}

// SetOverride installs a test's own answer, used whenever it returns true.
func (k *Knobs) SetOverride(f func(w http.ResponseWriter, r *http.Request) bool) {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.override = f
}

// RateLimitNext makes the next request fail the way the platform signals a
// rate limit, asking to wait d.
func (k *Knobs) RateLimitNext(d time.Duration) {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.limitNext = d
}

// FailNext makes the next request fail with status.
func (k *Knobs) FailNext(status int) {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.failNext = status
}

// RevokeAuth makes every later request fail as with a revoked token.
func (k *Knobs) RevokeAuth() {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.revoked = true
}

// Redeliver makes the next listing deliver what was delivered before once.
func (k *Knobs) Redeliver() {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.redeliver = true
}

// TakeRedeliver reports whether a listing should redeliver, using it up.
func (k *Knobs) TakeRedeliver() bool {
	k.mu.Lock()
	defer k.mu.Unlock()
	r := k.redeliver
	k.redeliver = false
	return r
}

// ReadBody reads r's body and records it as the body of a write.
func (k *Knobs) ReadBody(r *http.Request) []byte {
	raw, _ := io.ReadAll(r.Body)
	k.Record(raw)
	return raw
}

// Record records body as the body of a write.
func (k *Knobs) Record(body []byte) {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.bodies = append(k.bodies, string(body))
}

// Bodies lists the raw body of every write recorded, in order.
func (k *Knobs) Bodies() []string {
	k.mu.Lock()
	defer k.mu.Unlock()
	return append([]string(nil), k.bodies...)
}

// Requests lists "METHOD path?query" of every request so far.
func (k *Knobs) Requests() []string {
	k.mu.Lock()
	defer k.mu.Unlock()
	return append([]string(nil), k.requests...)
}

// ClearRequests forgets the requests so far.
func (k *Knobs) ClearRequests() {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.requests = nil
}
