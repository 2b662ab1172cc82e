package relay

import (
	"context"
	"sync"
	"time"

	"sapa/platforms"
	"sapa/store"
)

// drainOutbox claims due replies — marked sending durably before any network
// call, and only while this relay holds the lease — and sends each in its own
// goroutine. The store hands out at most one reply per conversation at a
// time, so replies to one citizen arrive in order.
func (r *Relay) drainOutbox(ctx context.Context, wg *sync.WaitGroup) {
	claims, err := r.st.ClaimDue(ctx, r.opt.Holder, r.accountIDs(), 16)
	if err != nil {
		r.opt.Log.Warn("Claiming replies failed", "err", err)
		return
	}
	for _, c := range claims {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r.send(ctx, c)
		}()
	}
}

// accountIDs are the accounts this relay can send for.
func (r *Relay) accountIDs() []int64 {
	ids := make([]int64, 0, len(r.accounts))
	for id := range r.accounts {
		ids = append(ids, id)
	}
	return ids
}

// send delivers one claimed reply and records its outcome. Only outcomes
// where the platform surely did not receive the request are retried by
// themselves; anything ambiguous becomes unknown for the admin or reconciler.
// A send already under way finishes (within SendTimeout) even when the relay
// is stopping: cutting it off would turn a reply about to succeed into
// "may have been sent".
func (r *Relay) send(ctx context.Context, c store.Claim) {
	bg := context.WithoutCancel(ctx)
	a := r.accounts[c.AccountID]
	sctx, cancel := context.WithTimeout(bg, r.opt.SendTimeout)
	sent, err := a.Conn.Send(sctx, c.Reply)
	cancel()
	if err == nil {
		r.record(c, "sent", r.st.MarkSent(bg, c.OutboxID, sent))
		return
	}
	r.opt.Log.Warn("Send failed", "account", a.Name, "platform", r.platformOf(c.AccountID), "outbox", c.OutboxID, "err", err)
	at, retry := r.retryAt(err, c.Attempts, platforms.KindTransient)
	switch {
	case retry:
		r.record(c, "retry", r.st.MarkRetry(bg, c.OutboxID, err.Error(), at))
	case platforms.KindOf(err) == platforms.KindAmbiguous:
		r.record(c, "unknown", r.st.MarkUnknown(bg, c.OutboxID, err.Error()))
	default: // auth, permanent, unsupported, malformed, or too many attempts
		r.record(c, "failed", r.st.MarkFailed(bg, c.OutboxID, platforms.Describe(err)))
	}
}

// record logs a failure to write a send's outcome; the row then stays in
// sending and becomes unknown when the next relay starts, never resent blindly.
func (r *Relay) record(c store.Claim, outcome string, err error) {
	if err != nil {
		r.opt.Log.Error("Recording a send outcome failed", "outbox", c.OutboxID, "outcome", outcome, "err", err)
	}
}

// reconcile settles unknown replies: read back the account's own recent
// replies where the platform allows; requeue with the same idempotency key
// where the platform dedupes and the key is still fresh; otherwise leave them
// for the admin, looking again less and less often.
func (r *Relay) reconcile(ctx context.Context) {
	unknown, err := r.st.Unknown(ctx, 20)
	if err != nil {
		r.opt.Log.Warn("Listing unknown replies failed", "err", err)
		return
	}
	for _, c := range unknown {
		a, ok := r.accounts[c.AccountID]
		if !ok {
			continue
		}
		if r.settleUnknown(ctx, a, c) {
			continue
		}
		age := r.opt.Now().Sub(c.Queued)
		r.record(c, "defer", r.st.DeferUnknown(ctx, c.OutboxID, r.opt.Now().Add(min(max(age, time.Minute), 6*time.Hour))))
	}
}

// settleUnknown tries to settle one unknown reply and reports whether it did.
func (r *Relay) settleUnknown(ctx context.Context, a *Account, c store.Claim) bool {
	if rec, ok := a.Conn.(platforms.Reconciler); ok {
		rctx, cancel := context.WithTimeout(ctx, r.opt.SendTimeout)
		sent, found, err := rec.FindSent(rctx, c.Reply)
		cancel()
		if err != nil {
			return false // cannot tell yet; never resend on a failed read-back
		}
		if found {
			r.opt.Log.Info("Unknown reply found on the platform", "outbox", c.OutboxID)
			r.record(c, "sent", r.st.MarkSent(ctx, c.OutboxID, sent))
			return true
		}
	}
	// The platform dedupes on the idempotency key, so sending again is safe
	// while it still remembers the key.
	if w := a.Conn.Capabilities().IdempotencyWindow; w > 0 && r.opt.Now().Sub(c.Queued) < w {
		r.record(c, "resend", r.st.Resend(ctx, c.OutboxID, "sapa"))
		return true
	}
	return false
}
