package relay

import (
	"context"
	"sync"

	"sapa/platforms"
	"sapa/store"
)

// drainHides claims due hide and unhide requests — marked sending before
// any network call, only while this relay holds the lease — and performs
// each through the account's connector.
func (r *Relay) drainHides(ctx context.Context, wg *sync.WaitGroup) {
	claims, err := r.st.ClaimHides(ctx, r.opt.Holder, r.accountIDs(), 16)
	if err != nil {
		r.opt.Log.Warn("Claiming hide requests failed", "err", err)
		return
	}
	for _, c := range claims {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r.hide(ctx, c)
		}()
	}
}

// hide performs one request and records its outcome. Hiding sets a state on
// the platform, so a request that may have reached it is safe to repeat;
// only refusals are final.
func (r *Relay) hide(ctx context.Context, c store.HideClaim) {
	bg := context.WithoutCancel(ctx)
	a := r.accounts[c.AccountID]
	h, ok := a.Conn.(platforms.Hider)
	if !ok {
		r.recordHide(c, r.st.MarkHideFailed(bg, c.ID, platforms.Describe(platforms.ErrUnsupported)))
		return
	}
	hctx, cancel := context.WithTimeout(bg, r.opt.SendTimeout)
	err := h.Hide(hctx, c.ExternalID, c.Hide)
	cancel()
	if err == nil {
		r.recordHide(c, r.st.MarkHidden(bg, c.ID))
		return
	}
	r.opt.Log.Warn("Hide failed", "account", a.Name, "moderation", c.ID, "err", err)
	if at, ok := r.retryAt(err, c.Attempts, platforms.KindTransient, platforms.KindAmbiguous); ok {
		r.recordHide(c, r.st.MarkHideRetry(bg, c.ID, err.Error(), at))
		return
	}
	r.recordHide(c, r.st.MarkHideFailed(bg, c.ID, platforms.Describe(err)))
}

// recordHide logs a failure to write a request's outcome; the row stays
// sending and is queued again when the next relay starts.
func (r *Relay) recordHide(c store.HideClaim, err error) {
	if err != nil {
		r.opt.Log.Error("Recording a hide outcome failed", "moderation", c.ID, "err", err)
	}
}
