package relay

import (
	"context"
	"errors"
	"sync"
	"time"

	"sapa/platforms"
	"sapa/store"
)

// drainOutbox claims due replies — marked sending durably before any network
// call — and sends each in its own goroutine.
func (r *Relay) drainOutbox(ctx context.Context, wg *sync.WaitGroup) {
	claims, err := r.st.ClaimDue(ctx, 16)
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

// send delivers one claimed reply and records its outcome. Only outcomes
// where the platform surely did not receive the request are retried by
// themselves; anything ambiguous becomes unknown for the admin or reconciler.
func (r *Relay) send(ctx context.Context, c store.Claim) {
	bg := context.WithoutCancel(ctx) // the outcome is recorded even while shutting down
	a, ok := r.accounts[c.AccountID]
	if !ok {
		r.st.MarkRetry(bg, c.OutboxID, "account is not configured in this relay", r.opt.Now().Add(time.Minute))
		return
	}
	sctx, cancel := context.WithTimeout(ctx, r.opt.SendTimeout)
	sent, err := a.Conn.Send(sctx, c.Reply)
	cancel()
	if err == nil {
		if err := r.st.MarkSent(bg, c.OutboxID, sent); err != nil {
			r.opt.Log.Error("Recording a sent reply failed", "outbox", c.OutboxID, "err", err)
		}
		return
	}
	r.opt.Log.Warn("Send failed", "account", a.Name, "platform", r.platformOf(c.AccountID), "outbox", c.OutboxID, "err", err)
	var pe *platforms.Error
	errors.As(err, &pe)
	switch kind := platforms.KindOf(err); {
	case ctx.Err() != nil:
		// Shutting down mid-call: the request may have left.
		r.st.MarkUnknown(bg, c.OutboxID, "relay stopped during the send")
	case kind == platforms.KindRateLimited && pe != nil:
		// The platform said when: wait exactly that long, however short.
		r.st.MarkRetry(bg, c.OutboxID, err.Error(), later(pe.RetryAt, r.opt.Now().Add(time.Second)))
	case kind == platforms.KindTransient && c.Attempts < r.opt.MaxAttempts:
		r.st.MarkRetry(bg, c.OutboxID, err.Error(), r.opt.Now().Add(backoff(c.Attempts)))
	case kind == platforms.KindAmbiguous:
		r.st.MarkUnknown(bg, c.OutboxID, err.Error())
	default: // auth, permanent, unsupported, malformed, or too many attempts
		r.st.MarkFailed(bg, c.OutboxID, platforms.Describe(err))
	}
}

func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// reconcile settles unknown replies: read back the account's own recent
// replies where the platform allows; requeue with the same idempotency key
// where the platform dedupes; otherwise leave them for the admin.
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
		if rec, ok := a.Conn.(platforms.Reconciler); ok {
			rctx, cancel := context.WithTimeout(ctx, r.opt.SendTimeout)
			sent, found, err := rec.FindSent(rctx, c.Reply)
			cancel()
			if err != nil {
				continue // cannot tell yet; never resend on a failed read-back
			}
			if found {
				r.st.MarkSent(ctx, c.OutboxID, sent)
				r.opt.Log.Info("Unknown reply found on the platform", "outbox", c.OutboxID)
				continue
			}
		}
		// The platform dedupes on the idempotency key, so sending again is safe.
		if a.Conn.Capabilities().Idempotent {
			r.st.Resend(ctx, c.OutboxID, "sapa")
		}
	}
}
