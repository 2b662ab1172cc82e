package demo

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"time"

	"sapa/config"
	"sapa/inbox"
	"sapa/platforms"
)

// PageSize is how many items one Fetch returns at most; the history arrives
// in several pages so the relay's pagination is exercised.
const PageSize = 100

// Defaults used when the demo configuration leaves a value at zero.
const (
	DefaultConversations = 300
	DefaultHistoryDays   = 14
)

// Simulator is the shared state behind every demo connector: the clock, the
// generated worlds, and what has been sent. It is safe for concurrent use.
//
// The simulated world of a store is fixed by the cursor of its first fetch:
// seed, epoch (the first time the simulator ran), history size and spread
// travel in every cursor, so changing them in the configuration affects new
// stores only. LiveInterval, FailureRate and SendLatency apply at once.
type Simulator struct {
	cfg  config.Demo
	now  func() time.Time
	prof *profiles // the simulated platforms, from their descriptors

	mu       sync.Mutex
	epoch    time.Time             // first start from an empty cursor in this process
	worlds   map[worldKey]*world   // generated histories
	sent     map[string]inbox.Sent // account + idempotency key → receipt
	attempts map[string]int        // account + idempotency key → send attempts
	seq      int64                 // for sends without an idempotency key
}

type worldKey struct {
	seed, epoch int64
	convs, days int
}

// New returns a simulator for cfg whose clock is now (time.Now when nil),
// simulating the platforms of ds that have a demo profile, with their
// capabilities. Zero sizes take the defaults; a zero LiveInterval means no
// live trickle.
func New(cfg config.Demo, now func() time.Time, ds []platforms.Descriptor) *Simulator {
	if cfg.Conversations <= 0 {
		cfg.Conversations = DefaultConversations
	}
	if cfg.HistoryDays <= 0 {
		cfg.HistoryDays = DefaultHistoryDays
	}
	cfg.LiveInterval.Duration = max(cfg.LiveInterval.Duration, 0)
	cfg.SendLatency.Duration = max(cfg.SendLatency.Duration, 0)
	cfg.FailureRate = min(max(cfg.FailureRate, 0), 1)
	if now == nil {
		now = time.Now
	}
	return &Simulator{cfg: cfg, now: now, prof: newProfiles(ds), worlds: map[worldKey]*world{},
		sent: map[string]inbox.Sent{}, attempts: map[string]int{}}
}

// Factory returns the factory that builds a demo connector for any account
// whose platform the simulator simulates, whatever its options.
func (s *Simulator) Factory() platforms.Factory {
	return func(acct config.Account, _ *slog.Logger) (platforms.Connector, error) {
		src := acct.Name
		pr, ok := s.prof.by[src]
		if !ok || pr.pl != acct.Platform { // any other account of a simulated platform: the office's traffic
			src = s.prof.main[acct.Platform]
			if pr, ok = s.prof.by[src]; !ok {
				return nil, fmt.Errorf("simulator demo tidak mengenal platform %q", acct.Platform)
			}
		}
		return &connector{sim: s, acct: acct, src: src, pl: acct.Platform, caps: pr.caps}, nil
	}
}

// start returns the cursor of a store the simulator has never seen: the
// history ends now, or at the moment another account of this simulator first
// started, so all accounts of one run share one epoch.
func (s *Simulator) start(now time.Time) cursor {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.epoch.IsZero() {
		s.epoch = time.Unix(0, now.UnixNano()).UTC()
	}
	return cursor{seed: s.cfg.Seed, epoch: s.epoch.UnixNano(), convs: s.cfg.Conversations, days: s.cfg.HistoryDays}
}

// world returns the history a cursor describes, generating it once.
func (s *Simulator) world(c cursor) *world {
	k := worldKey{c.seed, c.epoch, c.convs, c.days}
	s.mu.Lock()
	defer s.mu.Unlock()
	if w, ok := s.worlds[k]; ok {
		return w
	}
	if len(s.worlds) >= 4 {
		clear(s.worlds)
	}
	w := buildWorld(s.prof, c.seed, time.Unix(0, c.epoch).UTC(), c.convs, c.days)
	s.worlds[k] = w
	return w
}

// connector is one demo account.
type connector struct {
	sim  *Simulator
	acct config.Account
	src  string // the simulated account whose traffic it fetches
	pl   inbox.Platform
	caps inbox.Capabilities
}

var (
	_ platforms.Connector  = (*connector)(nil)
	_ platforms.Reconciler = (*connector)(nil)
	_ platforms.Checker    = (*connector)(nil)
	_ platforms.Hider      = (*connector)(nil)
)

// Platform implements platforms.Connector.
func (c *connector) Platform() inbox.Platform { return c.pl }

// Capabilities implements platforms.Connector.
func (c *connector) Capabilities() inbox.Capabilities { return c.caps }

// Fetch implements platforms.Connector: the history first, oldest first, in
// pages of PageSize with More set; then the live messages due by now.
func (c *connector) Fetch(ctx context.Context, cur string) (platforms.Batch, error) {
	if err := ctx.Err(); err != nil {
		return platforms.Batch{}, &platforms.Error{Kind: platforms.KindTransient, Message: "pengambilan dibatalkan", Err: err}
	}
	now := c.sim.now()
	var pos cursor
	if cur == "" {
		pos = c.sim.start(now)
	} else {
		var err error
		if pos, err = parseCursor(cur); err != nil {
			return platforms.Batch{}, &platforms.Error{Kind: platforms.KindMalformed, Message: err.Error(),
				Fix: "Hapus kursor akun demo ini agar simulator mulai dari awal."}
		}
	}
	w := c.sim.world(pos)
	hist := w.items[c.src]
	mean := c.sim.prof.liveMean(c.sim.cfg.LiveInterval.Duration, c.src)
	var b platforms.Batch
	if pos.hist < len(hist) {
		end := min(pos.hist+PageSize, len(hist))
		b.Items = append(b.Items, hist[pos.hist:end]...)
		pos.hist = end
		b.More = end < len(hist)
		if !b.More {
			probe := pos // a live message is already due: fetch again at once
			_, b.More = w.nextLive(c.src, &probe, mean, c.sim.cfg.MaxCatchUp.Duration, now, 0)
		}
	} else {
		b.Items, b.More = w.nextLive(c.src, &pos, mean, c.sim.cfg.MaxCatchUp.Duration, now, PageSize)
	}
	pos.made = now.UnixNano()
	b.Cursor = pos.encode()
	return b, nil
}

// Send implements platforms.Connector. It waits SendLatency, refuses what the
// real platform would refuse (empty, over-length, outside the reply window),
// and fails transiently with probability FailureRate, drawn from the
// idempotency key and the attempt number so a retry may succeed.
func (c *connector) Send(ctx context.Context, r inbox.Reply) (inbox.Sent, error) {
	canceled := func(err error) (inbox.Sent, error) {
		return inbox.Sent{}, &platforms.Error{Kind: platforms.KindTransient, Message: "pengiriman dibatalkan sebelum sampai ke server demo", Err: err}
	}
	if d := c.sim.cfg.SendLatency.Duration; d > 0 {
		t := time.NewTimer(d)
		defer t.Stop()
		select {
		case <-ctx.Done():
			return canceled(ctx.Err())
		case <-t.C:
		}
	} else if err := ctx.Err(); err != nil {
		return canceled(err)
	}
	if err := c.refuse(r); err != nil {
		return inbox.Sent{}, err
	}
	return c.sim.deliver(c.acct.Name, c.src, r)
}

// refuse returns the permanent error the real platform would give r, if any.
func (c *connector) refuse(r inbox.Reply) error {
	if strings.TrimSpace(r.Text) == "" {
		return &platforms.Error{Kind: platforms.KindPermanent, Message: "teks balasan kosong", Fix: "Tulis balasan sebelum mengirim."}
	}
	if n := c.caps.ReplyLength(r.Text, r.Recipient.Handle); c.caps.MaxLength > 0 && n > c.caps.MaxLength {
		return &platforms.Error{Kind: platforms.KindPermanent,
			Message: fmt.Sprintf("balasan terlalu panjang: %d dari maksimal %d karakter", n, c.caps.MaxLength),
			Fix:     "Persingkat balasan, atau bagi menjadi beberapa pesan."}
	}
	if c.caps.WindowAt(r.LastInboundAt, c.sim.now()).Kind == inbox.WindowClosed {
		return &platforms.Error{Kind: platforms.KindPermanent,
			Message: fmt.Sprintf("di luar jendela balasan %s sejak pesan terakhir warga", max(c.caps.ReplyWindow, c.caps.TaggedWindow)),
			Fix:     "Tunggu warga menulis lagi, atau hubungi warga lewat kanal lain."}
	}
	return nil
}

func sendKey(account, key string) string { return account + "\x00" + key }

// deliver records one send attempt that reached the simulated platform.
func (s *Simulator) deliver(account, p string, r inbox.Reply) (inbox.Sent, error) {
	now := s.now()
	s.mu.Lock()
	defer s.mu.Unlock()
	k := sendKey(account, r.IdempotencyKey)
	if got, ok := s.sent[k]; ok && r.IdempotencyKey != "" {
		return got, nil // the platform already has it: same receipt
	}
	s.attempts[k]++
	if s.cfg.FailureRate > 0 && newRNG(s.cfg.Seed, "send", r.IdempotencyKey, s.attempts[k]).float() < s.cfg.FailureRate {
		return inbox.Sent{}, &platforms.Error{Kind: platforms.KindTransient,
			Message: fmt.Sprintf("koneksi ke server %s terputus (simulasi, percobaan ke-%d)", s.prof.by[p].pl, s.attempts[k])}
	}
	tag := seedTag(s.cfg.Seed)
	var id string
	if r.IdempotencyKey != "" {
		id = fmt.Sprintf("%s-%s-r%016x", s.prof.by[p].Prefix, tag, mix(s.cfg.Seed, "sent", account, r.IdempotencyKey))
	} else {
		s.seq++
		id = fmt.Sprintf("%s-%s-r%d-%d", s.prof.by[p].Prefix, tag, now.UnixNano(), s.seq)
	}
	sent := inbox.Sent{ExternalID: id, SentAt: now}
	if r.IdempotencyKey != "" {
		s.sent[k] = sent
	}
	return sent, nil
}

// FindSent implements platforms.Reconciler from the simulator's memory of
// sends in this process.
func (c *connector) FindSent(ctx context.Context, r inbox.Reply) (inbox.Sent, bool, error) {
	if err := ctx.Err(); err != nil {
		return inbox.Sent{}, false, &platforms.Error{Kind: platforms.KindTransient, Message: "pencarian dibatalkan", Err: err}
	}
	if r.IdempotencyKey == "" {
		return inbox.Sent{}, false, nil
	}
	c.sim.mu.Lock()
	defer c.sim.mu.Unlock()
	s, ok := c.sim.sent[sendKey(c.acct.Name, r.IdempotencyKey)]
	return s, ok, nil
}

// Check implements platforms.Checker: a simulated account is always healthy.
func (c *connector) Check(ctx context.Context) []platforms.Finding {
	return []platforms.Finding{
		{Check: "simulator demo aktif (tanpa jaringan)", OK: true},
		{Check: "akun " + c.acct.Name + " tidak memerlukan token", OK: true},
	}
}

// Hide implements platforms.Hider for platforms whose comments can be
// hidden; the simulator accepts the request and keeps nothing.
func (c *connector) Hide(ctx context.Context, externalID string, hidden bool) error {
	if !c.caps.Moderation {
		return platforms.ErrUnsupported
	}
	if err := ctx.Err(); err != nil {
		return &platforms.Error{Kind: platforms.KindTransient, Message: "permintaan dibatalkan", Err: err}
	}
	return nil
}
