// Package relay is the only code that talks to platforms. Exactly one relay
// runs per database, holding a lease row it renews by heartbeat: it polls each
// account on its schedule, ingests what it fetches, drains the outbox, and
// reconciles replies whose fate is unknown.
package relay

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"sync"
	"time"

	"sapa/inbox"
	"sapa/platforms"
	"sapa/store"
)

// Account is a configured account with its open connector.
type Account struct {
	ID   int64
	Name string
	Conn platforms.Connector
	Poll time.Duration // how often to fetch; 0 never polls (webhook only)
	// Route reads a citizen's message for the unit and the agency it
	// concerns (main builds it from the place matcher and the config's
	// rules); nil: nothing is routed.
	Route func(text string) store.Route
}

// Options tune the relay.
type Options struct {
	Holder      string        // lease holder id; default host:pid
	LeaseTTL    time.Duration // default 10 s
	MaxAttempts int           // sends (replies, nudges) that surely did not reach the platform; default 8
	SendTimeout time.Duration // default 30 s
	Tick        time.Duration // how often the outbox is checked; default 250 ms
	Log         *slog.Logger
	Now         func() time.Time
	// Jitter returns a random duration in [0, n), spreading retries after a
	// rate limit; default uniform.
	Jitter func(n time.Duration) time.Duration
	// Online reports whether an admin has a live session (the SSH
	// service's sessions); such an admin is never nudged. nil: nobody is.
	Online func(admin string) bool
	// NudgeText words a nudge; nil queues none (queued ones still go out).
	NudgeText func(store.NudgeSummary) string
	// NudgeBefore: a deadline this close makes a nudge ([nudge] before).
	NudgeBefore time.Duration
}

// Relay runs the platforms' side of one database.
type Relay struct {
	st       *store.Store
	accounts map[int64]*Account
	opt      Options
	mu       sync.Mutex
	sched    map[int64]time.Time // next fetch per account
	failures map[int64]int       // consecutive fetch failures per account
	busy     map[int64]bool      // a fetch is running
	waiting  map[int64]bool      // a push wait (IMAP IDLE) is running
	// backfilled is closed once every polled account has been fetched
	// until it had no page waiting (or failed), or another process holds
	// the lease; caughtUp holds the accounts done so far.
	backfilled chan struct{}
	bfOnce     sync.Once
	caughtUp   map[int64]bool
	state      stateFeed // the lease as this relay knows it, for the screens of its process
}

// New builds a relay over st for the given accounts.
func New(st *store.Store, accounts []Account, opt Options) *Relay {
	if opt.Holder == "" {
		host, _ := os.Hostname()
		opt.Holder = fmt.Sprintf("%s:%d", host, os.Getpid())
	}
	if opt.LeaseTTL == 0 {
		opt.LeaseTTL = 10 * time.Second
	}
	if opt.MaxAttempts == 0 {
		opt.MaxAttempts = 8
	}
	if opt.SendTimeout == 0 {
		opt.SendTimeout = 30 * time.Second
	}
	if opt.Jitter == nil {
		opt.Jitter = jitter
	}
	if opt.Tick == 0 {
		opt.Tick = 250 * time.Millisecond
	}
	if opt.Log == nil {
		opt.Log = slog.New(slog.DiscardHandler)
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	r := &Relay{st: st, accounts: map[int64]*Account{}, opt: opt,
		sched: map[int64]time.Time{}, failures: map[int64]int{}, busy: map[int64]bool{}, waiting: map[int64]bool{},
		backfilled: make(chan struct{}), caughtUp: map[int64]bool{}}
	for i := range accounts {
		r.accounts[accounts[i].ID] = &accounts[i]
	}
	return r
}

// Holder is this relay's lease holder id.
func (r *Relay) Holder() string { return r.opt.Holder }

// Backfilled is closed once this relay has fetched every polled account
// until no page was waiting (a failed fetch counts as done: a broken
// account must not hold anything up), or found the lease held by another
// process. A screen in the same process waits for it (briefly) before it
// draws an empty list on a fresh store, instead of drawing the list again
// and again as the platforms' backlog arrives page by page.
func (r *Relay) Backfilled() <-chan struct{} { return r.backfilled }

// caughtUpWith notes that account id has no page waiting; the last polled
// account to do so closes Backfilled. Called with r.mu held.
func (r *Relay) caughtUpWith(id int64) {
	r.caughtUp[id] = true
	r.checkBackfilled()
}

// checkBackfilled closes Backfilled when no polled account has a page
// waiting. Called with r.mu held.
func (r *Relay) checkBackfilled() {
	for aid, a := range r.accounts {
		if a.Poll > 0 && !r.caughtUp[aid] {
			return
		}
	}
	r.bfOnce.Do(func() { close(r.backfilled) })
}

// Run waits for the lease, then works until ctx ends, releasing the lease on
// the way out so another process takes over at once. If the lease is lost
// (this process stalled past its expiry) work stops until it is won again.
func (r *Relay) Run(ctx context.Context) error {
	// Deferred first, so it runs last: after the lease is released.
	defer r.setState(func(s *inbox.RelayState) { s.Held, s.Stopped = false, true })
	renew := time.NewTicker(r.opt.LeaseTTL / 3)
	defer renew.Stop()
	tick := time.NewTicker(r.opt.Tick)
	defer tick.Stop()
	held := false
	defer func() {
		if held {
			r.st.ReleaseLease(context.WithoutCancel(ctx), r.opt.Holder)
		}
	}()
	defer r.sync()
	var wg sync.WaitGroup
	defer wg.Wait()
	var lastHousekeeping, heldUntil time.Time
	var housekeeping sync.Mutex // one pass at a time, off the lease loop
	var indexing sync.Mutex     // likewise for the search index's queue
	for {
		ok, err := r.st.AcquireLease(ctx, r.opt.Holder, r.opt.LeaseTTL)
		switch {
		case errors.Is(err, inbox.ErrDamaged):
			// The store file is damaged: write nothing more to it.
			r.opt.Log.Error("Relay stopped: the store is damaged", "err", err)
			r.setState(func(s *inbox.RelayState) { s.Checked, s.Err = true, err })
			return err
		case err != nil:
			// A failed check (a locked database) is not a lost lease: keep
			// working until the lease we know of runs out, and do not treat
			// our own sends in flight as a crashed relay's when it is renewed.
			r.opt.Log.Warn("Lease check failed", "err", err)
			ok = held && r.opt.Now().Before(heldUntil)
		case ok:
			heldUntil = r.opt.Now().Add(r.opt.LeaseTTL)
			if !held {
				r.opt.Log.Info("Relay lease taken", "holder", r.opt.Holder)
				if n, err := r.st.RecoverInterrupted(ctx); err != nil || n > 0 {
					r.opt.Log.Warn("Interrupted sends marked unknown", "count", n, "err", err)
				}
				if n, err := r.st.RecoverHides(ctx); err != nil || n > 0 {
					r.opt.Log.Warn("Interrupted hide requests queued again", "count", n, "err", err)
				}
				if n, err := r.st.RecoverNudges(ctx); err != nil || n > 0 {
					r.opt.Log.Warn("Interrupted nudges marked failed", "count", n, "err", err)
				}
			}
		}
		held = ok
		r.setState(func(s *inbox.RelayState) {
			s.Checked, s.Held = true, held
			if err == nil || ctx.Err() == nil { // a check cut short by the end is no failure
				s.Err = err
			}
		})
		if held {
			r.mu.Lock()
			r.checkBackfilled() // no polled account: nothing to wait for
			r.mu.Unlock()
		} else {
			// Another process ingests; nothing of this one's to wait for.
			r.bfOnce.Do(func() { close(r.backfilled) })
		}
		for waiting := true; waiting; {
			select {
			case <-ctx.Done():
				return nil
			case <-renew.C:
				waiting = false
			case <-tick.C:
				if !held {
					continue
				}
				r.sync()
				r.pollDue(ctx, &wg)
				r.drainOutbox(ctx, &wg)
				r.drainHides(ctx, &wg)
				startAlone(&indexing, &wg, func() { r.indexPending(ctx) })
				// Read-backs can take a while; they must never hold up the
				// lease renewal, or another relay would take over mid-send.
				if now := r.opt.Now(); now.Sub(lastHousekeeping) > 15*time.Second &&
					startAlone(&housekeeping, &wg, func() { r.housekeeping(ctx) }) {
					lastHousekeeping = now
				}
			}
		}
	}
}

// startAlone runs fn in a goroutine of wg unless the one mu guards still
// runs (then it reports false): a slow pass is skipped, never queued
// behind itself.
func startAlone(mu *sync.Mutex, wg *sync.WaitGroup, fn func()) bool {
	if !mu.TryLock() {
		return false
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer mu.Unlock()
		fn()
	}()
	return true
}

// pollDue starts a fetch for every account whose time has come.
func (r *Relay) pollDue(ctx context.Context, wg *sync.WaitGroup) {
	now := r.opt.Now()
	r.mu.Lock()
	defer r.mu.Unlock()
	for id, a := range r.accounts {
		// A push wait starts only after a good fetch, so a broken server
		// is not asked again on every tick.
		if w, ok := a.Conn.(platforms.Waiter); ok && !r.waiting[id] && !r.busy[id] && a.Poll > 0 && r.failures[id] == 0 && !r.sched[id].IsZero() {
			r.waiting[id] = true
			wg.Add(1)
			go func() {
				defer wg.Done()
				r.wait(ctx, a, w)
			}()
		}
		if a.Poll <= 0 || r.busy[id] || now.Before(r.sched[id]) {
			continue
		}
		r.busy[id] = true
		wg.Add(1)
		go func() {
			defer wg.Done()
			next, more := r.fetch(ctx, a)
			r.mu.Lock()
			r.busy[a.ID] = false
			r.sched[a.ID] = next
			if !more {
				r.caughtUpWith(a.ID)
			}
			r.mu.Unlock()
		}()
	}
}

// wait blocks in the connector's push wait and, when it reports something
// new, moves the account's next fetch to now. A server that cannot push is
// left to polling; other failures retry the wait after a pause.
func (r *Relay) wait(ctx context.Context, a *Account, w platforms.Waiter) {
	cursor, err := r.st.Cursor(ctx, a.ID)
	if err == nil {
		err = w.Wait(ctx, cursor)
	}
	pause := time.Duration(0)
	switch {
	case ctx.Err() != nil:
		return
	case platforms.KindOf(err) == platforms.KindUnsupported:
		return // stays marked waiting: polling only from now on
	case err != nil:
		r.opt.Log.Debug("Push wait failed", "account", a.Name, "err", err)
		pause = time.Minute
	}
	select {
	case <-ctx.Done():
	case <-time.After(pause):
	}
	r.mu.Lock()
	if err == nil {
		r.sched[a.ID] = r.opt.Now()
	}
	r.waiting[a.ID] = false
	r.mu.Unlock()
}

// sync puts the batches ingested since the last tick on disk: Ingest
// commits without waiting for it, so a power cut costs at most a tick's
// pages, which the platforms send again (see store.Ingest).
func (r *Relay) sync() {
	if err := r.st.Sync(); err != nil {
		r.opt.Log.Warn("Syncing ingested messages failed", "err", err)
	}
}

// fetch runs one fetch of an account, ingests it, records the account's
// health and returns when to fetch next, and whether another page is
// waiting.
func (r *Relay) fetch(ctx context.Context, a *Account) (next time.Time, more bool) {
	cursor, err := r.st.Cursor(ctx, a.ID)
	if err != nil {
		return r.opt.Now().Add(a.Poll), false
	}
	if c, ok := a.Conn.(platforms.Confirmer); ok && c.ConfirmsCursor() {
		// The fetch tells the platform to drop what lies before cursor:
		// the batch that cursor came with must be on disk first.
		if err := r.st.Sync(); err != nil {
			r.opt.Log.Warn("Syncing ingested messages failed; fetch postponed", "account", a.Name, "err", err)
			return r.opt.Now().Add(a.Poll), false
		}
	}
	fctx, cancel := context.WithTimeout(ctx, time.Minute)
	batch, err := a.Conn.Fetch(fctx, cursor)
	cancel()
	if err != nil {
		return r.fetchFailed(ctx, a, err), false
	}
	r.mu.Lock()
	healthyBefore := r.failures[a.ID] == 0
	r.failures[a.ID] = 0
	r.mu.Unlock()
	if len(batch.Items) == 0 && batch.Cursor == cursor {
		if !healthyBefore || batch.Degraded != "" {
			r.st.SetAccountHealth(ctx, a.ID, batch.Degraded == "", batch.Degraded)
		}
		return r.opt.Now().Add(a.Poll), false
	}
	res, err := r.st.Ingest(ctx, a.ID, batch.Items, batch.Cursor)
	if err != nil {
		r.opt.Log.Error("Ingest failed", "account", a.Name, "err", err)
		r.st.SetAccountHealth(ctx, a.ID, false, "saving fetched messages failed: "+err.Error())
		return r.opt.Now().Add(a.Poll), false
	}
	if res.Skipped > 0 {
		r.opt.Log.Warn("Fetched items without an id skipped", "account", a.Name, "count", res.Skipped)
	}
	routeIngested(ctx, r.st, a, res.Inbound, r.opt.Log)
	r.st.SetAccountHealth(ctx, a.ID, batch.Degraded == "", batch.Degraded)
	r.opt.Log.Debug("Fetched", "account", a.Name, "items", len(batch.Items), "new", res.New, "more", batch.More)
	if batch.More {
		return r.opt.Now(), true
	}
	return r.opt.Now().Add(a.Poll), false
}

func (r *Relay) fetchFailed(ctx context.Context, a *Account, err error) time.Time {
	r.mu.Lock()
	r.failures[a.ID]++
	n := r.failures[a.ID]
	r.mu.Unlock()
	var pe *platforms.Error
	errors.As(err, &pe)
	kind := platforms.KindOf(err)
	r.opt.Log.Warn("Fetch failed", "account", a.Name, "kind", kind.String(), "err", err)
	msg := platforms.Describe(err)
	// Rate limits and a single transient blip do not make an account unhealthy.
	if kind == platforms.KindAuth || kind == platforms.KindPermanent || kind == platforms.KindMalformed || n >= 3 {
		r.st.SetAccountHealth(ctx, a.ID, false, msg)
	}
	now := r.opt.Now()
	if kind == platforms.KindRateLimited && pe != nil && pe.RetryAt.After(now) {
		return r.afterLimit(pe.RetryAt)
	}
	if kind == platforms.KindAuth {
		return now.Add(max(a.Poll, 5*time.Minute))
	}
	return now.Add(min(backoff(n), 30*time.Minute))
}

// backoff is exponential from 5 s, doubling per consecutive failure.
func backoff(n int) time.Duration {
	d := 5 * time.Second
	for i := 1; i < n && d < time.Hour; i++ {
		d *= 2
	}
	return d
}

// housekeeping wakes snoozed conversations, reconciles unknown sends and
// merges the search index's segments (ingest leaves that to it, so a
// fetched batch is stored without waiting for a merge).
func (r *Relay) housekeeping(ctx context.Context) {
	if _, err := r.st.WakeSnoozed(ctx, r.opt.Now()); err != nil {
		r.opt.Log.Warn("Waking snoozed conversations failed", "err", err)
	}
	r.reconcile(ctx)
	r.Nudge(ctx)
	if _, err := r.st.MergeIndex(ctx, mergeBudget); err != nil {
		r.opt.Log.Warn("Merging the search index failed", "err", err)
	}
}

// indexPending adds what the fetches of the last ticks stored to the
// search index, in batches larger than one page (ingest only queues it).
// A search meanwhile indexes a short queue itself, so none is missed.
func (r *Relay) indexPending(ctx context.Context) {
	if _, err := r.st.IndexPending(ctx); err != nil {
		r.opt.Log.Warn("Indexing new messages for search failed", "err", err)
	}
}

// mergeBudget bounds one housekeeping pass's index merging: what is left
// is merged in the next pass, 15 seconds later.
const mergeBudget = 2 * time.Second

// platformOf names the platform of an account, for logs.
func (r *Relay) platformOf(id int64) inbox.Platform {
	if a, ok := r.accounts[id]; ok {
		return a.Conn.Platform()
	}
	return ""
}
