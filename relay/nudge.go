package relay

import (
	"context"
	"errors"
	"fmt"

	"sapa/inbox"
	"sapa/platforms"
	"sapa/store"
)

// Nudge queues the nudges due (store.QueueNudges: opted-in admins not
// online, at most one an hour) and sends the queued ones that are due
// through the office's own account of the admin's chosen platform. Run calls
// it with its housekeeping; a nudge is marked sending before any network
// call and never sent twice.
func (r *Relay) Nudge(ctx context.Context) {
	if r.opt.NudgeText != nil {
		if _, err := r.st.QueueNudges(ctx, r.opt.NudgeBefore, r.opt.Online, r.opt.NudgeText); err != nil {
			r.opt.Log.Warn("Queueing nudges failed", "err", err)
		}
	}
	claims, err := r.st.ClaimNudges(ctx)
	if err != nil {
		r.opt.Log.Warn("Claiming nudges failed", "err", err)
		return
	}
	for _, c := range claims {
		if err := r.settleNudge(context.WithoutCancel(ctx), c, r.sendNudge(ctx, c)); err != nil {
			r.opt.Log.Error("Recording a nudge failed", "nudge", c.ID, "err", err)
		}
	}
}

// settleNudge records a nudge's outcome as the outbox does a reply's: one
// that surely did not reach the platform (rate limited, a transient error)
// is tried again later, with backoff, until MaxAttempts; anything else that
// failed, or may have reached it, is failed for good (and audited): a
// nudge is never sent twice, and the next one comes within the hour.
func (r *Relay) settleNudge(ctx context.Context, c store.NudgeClaim, err error) error {
	if err == nil {
		return r.st.MarkNudgeSent(ctx, c.ID)
	}
	r.opt.Log.Warn("Nudge not sent", "admin", c.Admin, "via", c.Via, "attempt", c.Attempts, "err", err)
	if c.Attempts < r.opt.MaxAttempts { // a rate limit too: the next nudge comes within the hour
		if at, ok := r.retryAt(err, c.Attempts, platforms.KindTransient); ok {
			return r.st.MarkNudgeRetry(ctx, c.ID, err.Error(), at)
		}
	}
	return r.st.MarkNudgeFailed(ctx, c.ID, platforms.Describe(err))
}

// errNoNudgeAccount: no account of the platform the admin chose.
var errNoNudgeAccount = errors.New("the office has no account of that platform to send nudges from")

// sendNudge sends one nudge from the first account of its platform: to a
// Telegram chat as a new private message, or as an email to the address.
func (r *Relay) sendNudge(ctx context.Context, c store.NudgeClaim) error {
	a := r.nudgeAccount(inbox.Platform(c.Via))
	if a == nil {
		return errNoNudgeAccount
	}
	// The key names the message (an email's Message-ID): with the queue
	// time, a store started afresh never reuses one already in Sent.
	key := fmt.Sprintf("nudge-%d-%d", c.ID, c.Queued.UnixMilli())
	reply := inbox.Reply{Text: c.Text, IdempotencyKey: key, Subject: "Sapa"}
	switch c.Via {
	case "telegram":
		reply.Thread = inbox.Thread{Kind: inbox.KindDM, ExternalKey: c.Recipient}
	case "email":
		reply.Recipient = inbox.Contact{Name: c.Admin, Handle: c.Recipient}
	}
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), r.opt.SendTimeout)
	defer cancel()
	_, err := a.Conn.Send(sctx, reply)
	return err
}

// nudgeAccount is the account with the lowest id on platform p, so every
// nudge of one kind comes from the same sender.
func (r *Relay) nudgeAccount(p inbox.Platform) *Account {
	var best *Account
	for _, a := range r.accounts {
		if a.Conn.Platform() == p && (best == nil || a.ID < best.ID) {
			best = a
		}
	}
	return best
}
