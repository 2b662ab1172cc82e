package relay

import (
	"errors"
	"math/rand/v2"
	"slices"
	"time"

	"sapa/platforms"
)

// Waiting out a rate limit: a retry that lands exactly on the advertised
// reset races the platform's own clock (and every other client told the
// same time), and is refused again. So the wait gets a margin — a twentieth
// of it, at least a second and at most a minute — plus a random part of up
// to the margin again, so relays sharing an app do not retry in step.
const (
	minLimitMargin = time.Second
	maxLimitMargin = time.Minute
)

// afterLimit is when to try again after a platform asked to wait until at.
func (r *Relay) afterLimit(at time.Time) time.Time {
	now := r.opt.Now()
	if at.Before(now) {
		at = now
	}
	margin := min(max(at.Sub(now)/20, minLimitMargin), maxLimitMargin)
	return at.Add(margin + r.opt.Jitter(margin))
}

// retryAt is when to try a failed request (a reply, a hide, a nudge) again,
// or false when it is not to be tried again. A rate limit waits as long as
// the platform said, however short, and a little more (afterLimit); an
// error of the retried kinds backs off while attempts are below MaxAttempts.
func (r *Relay) retryAt(err error, attempts int, retried ...platforms.Kind) (time.Time, bool) {
	var pe *platforms.Error
	kind := platforms.KindOf(err)
	if kind == platforms.KindRateLimited && errors.As(err, &pe) {
		return r.afterLimit(pe.RetryAt), true
	}
	if slices.Contains(retried, kind) && attempts < r.opt.MaxAttempts {
		return r.opt.Now().Add(backoff(attempts)), true
	}
	return time.Time{}, false
}

// jitter returns a random duration in [0, n).
func jitter(n time.Duration) time.Duration {
	if n <= 0 {
		return 0
	}
	return rand.N(n)
}
