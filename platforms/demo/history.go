package demo

import (
	"fmt"
	"sort"
	"time"

	"sapa/inbox"
)

// HostileMessageID is the external id of the one history message (on the
// WhatsApp account) whose text carries terminal escape sequences: a clear
// screen, an OSC 52 clipboard write, a window-title change and a right-to-left
// override. It exists so the UI's sanitizer is exercised on every demo run;
// tests look it up by this id.
const HostileMessageID = "wa-hostile-0001"

// hostileText is a spammy "bansos" WhatsApp message with the hostile bytes in
// it. The RLO makes "gpj.exe" display as "exe.jpg".
const hostileText = "\x1b]0;HACKED\x07\x1b[2JSELAMAT!! Nomor WhatsApp Anda terpilih menerima saldo DANA Rp2.500.000 " +
	"dari Program Bansos Digital 🎁 Klaim sebelum jam 23.59: https://bansos-digital.xyz/klaim/bukti-\u202Egpj.exe " +
	"\x1b]52;c;cm0gLXJmIH4=\x07Jangan sampai hangus!!"

// hostileChat is the WhatsApp id of the sender of the hostile message.
const hostileChat = "6283812345000"

// wib is Western Indonesia Time, where the citizens live and sleep.
var wib = time.FixedZone("WIB", 7*3600)

// world is the history of one simulated store: everything that happened in
// the HistoryDays before the epoch, the first time the simulator ran.
type world struct {
	prof  *profiles // the simulated platforms
	seed  int64
	epoch time.Time
	tag   string                     // short seed tag in every external id
	items map[string][]inbox.Inbound // history by account, oldest first
	convs map[string][]*plan         // conversations a citizen may continue, by account
}

// seedTag makes the five-character tag that keeps the ids of two seeds apart.
func seedTag(seed int64) string {
	const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
	x := mix(seed, "tag")
	b := make([]byte, 5)
	for i := range b {
		b[i] = alphabet[x%36]
		x /= 36
	}
	return string(b)
}

// quotas splits n conversations over the accounts in proportion to their
// weights (largest remainder), giving every account at least one when n
// allows it.
func quotas(n int, pr *profiles) map[string]int {
	out := map[string]int{}
	type rem struct {
		p    string
		frac int
	}
	var rems []rem
	given := 0
	for _, p := range pr.order {
		w := pr.by[p].Weight
		out[p] = n * w / 100
		given += out[p]
		rems = append(rems, rem{p, n * w % 100})
	}
	sort.SliceStable(rems, func(i, j int) bool { return rems[i].frac > rems[j].frac })
	for i := 0; given < n; i++ {
		out[rems[i%len(rems)].p]++
		given++
	}
	if n >= len(rems) {
		for _, p := range pr.order {
			if out[p] == 0 {
				big := pr.order[0]
				for _, q := range pr.order {
					if out[q] > out[big] {
						big = q
					}
				}
				out[p]++
				out[big]--
			}
		}
	}
	return out
}

// buildWorld generates the history. Texts depend only on the seed; times
// depend on the seed and the epoch, and so does which messages there are:
// the history ends at the epoch and admins answer in office hours, so a
// store made at 08:10 holds a citizen's 08:06 follow-up that one made at
// 08:07 lacks. Two stores are the same world only with the same epoch.
func buildWorld(pr *profiles, seed int64, epoch time.Time, n, days int) *world {
	w := &world{prof: pr, seed: seed, epoch: epoch, tag: seedTag(seed),
		items: map[string][]inbox.Inbound{}, convs: map[string][]*plan{}}

	q := quotas(n, pr)
	var order []string
	for _, p := range pr.order {
		for i := 0; i < q[p]; i++ {
			order = append(order, p)
		}
	}
	ar := newRNG(seed, "assign")
	for i := len(order) - 1; i > 0; i-- {
		j := ar.intn(i + 1)
		order[i], order[j] = order[j], order[i]
	}
	wa := pr.main[inbox.WhatsApp]
	hostile := -1
	if q[wa] > 0 {
		hostile = newRNG(seed, "hostile").intn(q[wa])
	}

	taken := map[string]bool{wa + "\x00" + hostileChat: true}
	seen := map[string]int{}
	for i, pl := range order {
		pre := pr.by[pl].Prefix
		id := func(k int) string { return fmt.Sprintf("%s-%s-h%04d-%d", pre, w.tag, i, k+1) }
		p := compose(newRNG(seed, "conv", i), pr.by[pl], id, 6, func(k string) bool { return taken[pl+"\x00"+k] })
		if p.thread.Kind == inbox.KindDM {
			taken[pl+"\x00"+p.thread.ExternalKey] = true
		}
		isHostile := pl == wa && seen[pl] == hostile
		seen[pl]++
		if isHostile {
			makeHostile(p)
		}
		w.place(p, newRNG(seed, "time", i), days)
		for _, m := range p.msgs {
			w.items[pl] = append(w.items[pl], inbox.Inbound{Thread: p.thread, Message: m})
		}
		if !p.topic.spam && !isHostile {
			w.convs[pl] = append(w.convs[pl], p)
		}
	}
	for _, items := range w.items {
		sort.Slice(items, func(i, j int) bool {
			a, b := items[i].Message, items[j].Message
			if !a.SentAt.Equal(b.SentAt) {
				return a.SentAt.Before(b.SentAt)
			}
			return a.ExternalID < b.ExternalID
		})
	}
	return w
}

// makeHostile turns a WhatsApp conversation into the one hostile spam
// message.
func makeHostile(p *plan) {
	for _, t := range topics {
		if t.spam {
			p.topic = t // nobody answers it, nobody continues it
		}
	}
	p.contact = inbox.Contact{ExternalID: hostileChat, Name: "Info Bansos Resmi ✅", Handle: "+62 838-1234-5000"}
	p.thread = inbox.Thread{ExternalKey: p.contact.ExternalID, Kind: inbox.KindDM}
	p.msgs = []inbox.Message{{ExternalID: HostileMessageID, Direction: inbox.In, Author: p.contact, Text: hostileText}}
}

// place gives a conversation's messages their times: the first somewhere in
// the window (rarely at night, WIB), the rest after realistic gaps; admins
// answer in office hours. Messages that would fall after the epoch are
// dropped, so recent conversations are shorter and more often unanswered.
func (w *world) place(p *plan, r *rng, days int) {
	span := time.Duration(days) * 24 * time.Hour
	latest := w.epoch.Add(-time.Minute)
	var t time.Time
	for try := 0; try < 8; try++ {
		off := time.Duration(r.float() * float64(span-5*time.Minute))
		t = w.epoch.Add(-span + off).Truncate(time.Second)
		if h := t.In(wib).Hour(); h >= 6 || r.chance(0.15) {
			break
		}
	}
	for k := range p.msgs {
		if k > 0 {
			t = t.Add(gap(r, p.msgs[k-1].Direction, p.msgs[k].Direction, t))
		}
		if !t.Before(latest) {
			p.msgs = p.msgs[:k]
			break
		}
		p.msgs[k].SentAt = t
	}
}

// gap is how long after a message at t the next one comes.
func gap(r *rng, from, to inbox.Direction, t time.Time) time.Duration {
	mins := func(lo, hi int) time.Duration {
		return time.Duration(r.between(lo, hi))*time.Minute + time.Duration(r.intn(60))*time.Second
	}
	switch {
	case from == inbox.In && to == inbox.Out:
		d := mins(6, 180)
		if r.chance(0.4) {
			d = mins(180, 1200)
		}
		at := t.Add(d).In(wib)
		if at.Hour() < 7 || at.Hour() >= 21 { // admins answer the next morning
			next := time.Date(at.Year(), at.Month(), at.Day(), 7, 0, 0, 0, wib)
			if at.Hour() >= 21 {
				next = next.AddDate(0, 0, 1)
			}
			d = next.Sub(t) + mins(0, 120)
		}
		return d
	case from == inbox.Out && to == inbox.In:
		return mins(3, 1080)
	case from == inbox.Out:
		return mins(1, 120)
	}
	return mins(2, 240)
}
