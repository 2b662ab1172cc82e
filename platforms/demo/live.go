package demo

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"sapa/inbox"
)

// cursor is the simulated position of one account, kept by the store between
// runs. It carries the whole identity of the simulated world (seed, epoch,
// history size and spread) so that a restarted simulator, even one whose
// clock has moved on, regenerates exactly the same history and live stream
// and continues where the store stopped.
type cursor struct {
	seed  int64
	epoch int64 // Unix ns: the first time the simulator ran for this store
	convs int   // history size
	days  int   // history spread
	hist  int   // history items already delivered
	live  int   // index of the next live event
	at    int64 // ns after the epoch of the last live event delivered
	made  int64 // Unix ns when the cursor was made (informational)
}

const cursorVersion = "demo1"

func (c cursor) encode() string {
	return fmt.Sprintf("%s.%d.%d.%d.%d.%d.%d.%d.%d", cursorVersion, c.seed, c.epoch, c.convs, c.days, c.hist, c.live, c.at, c.made)
}

func parseCursor(s string) (cursor, error) {
	f := strings.Split(s, ".")
	if len(f) != 9 || f[0] != cursorVersion {
		return cursor{}, fmt.Errorf("kursor demo tidak dikenal: %q", s)
	}
	var v [8]int64
	for i := range v {
		n, err := strconv.ParseInt(f[i+1], 10, 64)
		if err != nil {
			return cursor{}, fmt.Errorf("kursor demo rusak: %q", s)
		}
		v[i] = n
	}
	c := cursor{seed: v[0], epoch: v[1], convs: int(v[2]), days: int(v[3]), hist: int(v[4]), live: int(v[5]), at: v[6], made: v[7]}
	if c.convs <= 0 || c.days <= 0 || c.hist < 0 || c.live < 0 || c.at < 0 {
		return cursor{}, fmt.Errorf("kursor demo rusak: %q", s)
	}
	return c, nil
}

// followShare is the share of live messages that continue a conversation
// rather than start one.
const followShare = 0.35

// liveGap is the time between live event n-1 and n on platform p: an
// exponential gap with the platform's mean, clipped so the trickle neither
// stalls nor bursts absurdly.
func liveGap(seed int64, p string, n int, mean time.Duration) time.Duration {
	u := newRNG(seed, "gap", p, n).float()
	g := -math.Log(1-u) * float64(mean)
	g = math.Max(0.05*float64(mean), math.Min(6*float64(mean), g))
	return max(time.Duration(g).Round(time.Millisecond), time.Millisecond)
}

// liveMean is account p's share of an overall mean gap: the superposition of
// every account's trickle has the configured mean.
func (pr *profiles) liveMean(overall time.Duration, p string) time.Duration {
	if overall <= 0 {
		return 0
	}
	return overall * 100 / time.Duration(pr.by[p].Weight)
}

// liveID is the external id of live event n on p.
func (pr *profiles) liveID(p string, tag string, n int) string {
	return fmt.Sprintf("%s-%s-l%d", pr.by[p].Prefix, tag, n)
}

// isFollowUp reports whether live event n on p continues a conversation.
func (w *world) isFollowUp(p string, n int) bool {
	return newRNG(w.seed, "live", p, n).float() < followShare
}

// livePlan is the conversation live event k starts (when it starts one).
func (w *world) livePlan(p string, k int) *plan {
	id := w.prof.liveID(p, w.tag, k)
	return compose(newRNG(w.seed, "livenew", p, k), w.prof.by[p], func(int) string { return id }, 1, nil)
}

// liveItem is live event n on platform p, arriving at at.
func (w *world) liveItem(p string, n int, at time.Time) inbox.Inbound {
	r := newRNG(w.seed, "live", p, n)
	if r.float() < followShare {
		if target := w.followTarget(r, p, n); target != nil {
			return w.followUp(r, target, n, at)
		}
	}
	lp := w.livePlan(p, n)
	m := lp.msgs[0]
	m.SentAt = at
	return inbox.Inbound{Thread: lp.thread, Message: m}
}

// followTarget picks the conversation a citizen writes again in: a recent
// live one, or one from the history.
func (w *world) followTarget(r *rng, p string, n int) *plan {
	if n > 0 && r.chance(0.5) {
		for try := 0; try < 3; try++ {
			k := n - 1 - r.intn(min(n, 30))
			if !w.isFollowUp(p, k) {
				if lp := w.livePlan(p, k); !lp.topic.spam {
					return lp
				}
			}
		}
	}
	cs := w.convs[p]
	if len(cs) == 0 {
		return nil
	}
	return cs[r.intn(len(cs))]
}

// followUp is the citizen's new message in target: an answer when the office
// spoke last, a nudge otherwise.
func (w *world) followUp(r *rng, target *plan, n int, at time.Time) inbox.Inbound {
	f := target.fill.clone(r)
	m := inbox.Message{
		ExternalID: w.prof.liveID(target.acct, w.tag, n),
		Direction:  inbox.In,
		Author:     target.contact,
		Text:       f.fill(target.pickIn(r, target.lastOut())),
		SentAt:     at,
	}
	k := len(target.msgs)
	m.Text = dress(target, m, k)
	switch target.thread.Kind {
	case inbox.KindComment:
		m.ParentID = target.msgs[0].ExternalID
	case inbox.KindMention, inbox.KindEmail:
		m.ParentID = target.msgs[k-1].ExternalID
	}
	return inbox.Inbound{Thread: target.thread, Message: m}
}

// nextLive returns the live events due by now after cur, at most limit, and
// advances cur past them. more reports whether another is already due.
func (w *world) nextLive(p string, cur *cursor, mean, catchUp time.Duration, now time.Time, limit int) (items []inbox.Inbound, more bool) {
	if mean <= 0 {
		return nil, false
	}
	// After a long break only the last hour of the trickle is simulated: a
	// demo left for a week should not open on thousands of new messages. The
	// jump is kept in the cursor, so ids stay unique and nothing repeats.
	if floor := now.Sub(w.epoch) - catchUp; catchUp > 0 && time.Duration(cur.at) < floor {
		cur.at = int64(floor)
	}
	for {
		at := cur.at + int64(liveGap(w.seed, p, cur.live, mean))
		t := w.epoch.Add(time.Duration(at))
		if t.After(now) {
			return items, false
		}
		if len(items) == limit {
			return items, true
		}
		items = append(items, w.liveItem(p, cur.live, t))
		cur.live++
		cur.at = at
	}
}
