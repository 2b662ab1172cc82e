package synth

import (
	"strings"
	"time"

	"sapa/inbox"
	"sapa/store"
)

// platformInfo is how a platform's traffic looks: its share of the
// conversations, the id prefix and the kinds of thread it carries.
type platformInfo struct {
	weight int
	prefix string
	dm     float64 // share of private conversations; the rest are public
	public inbox.Kind
}

var platformTable = map[inbox.Platform]platformInfo{
	inbox.Facebook:  {25, "fb", 0, inbox.KindComment},
	inbox.Instagram: {17, "ig", 0.3, inbox.KindComment},
	inbox.WhatsApp:  {20, "wa", 1, inbox.KindDM},
	inbox.Messenger: {8, "ms", 1, inbox.KindDM},
	inbox.X:         {8, "x", 0.1, inbox.KindMention},
	inbox.YouTube:   {5, "yt", 0, inbox.KindComment},
	inbox.Telegram:  {6, "tg", 1, inbox.KindDM},
	inbox.Mastodon:  {3, "md", 0.3, inbox.KindMention},
	inbox.Email:     {8, "em", 0, inbox.KindEmail},
}

var (
	platformOrder   = inbox.Platforms()
	platformWeights = func() []int {
		var w []int
		for _, p := range platformOrder {
			w = append(w, platformTable[p].weight)
		}
		return w
	}()
	topicWeights = func() []int {
		var w []int
		for _, t := range topics {
			w = append(w, t.weight)
		}
		return w
	}()
)

func sum(xs []int) int {
	n := 0
	for _, x := range xs {
		n += x
	}
	return n
}

// Message-count distribution: most conversations are short, a few long.
var (
	lengths      = []int{1, 2, 3, 4, 5, 6, 8, 12, 20}
	lengthWeight = []int{24, 25, 19, 12, 8, 5, 4, 2, 1}
)

// plan is one generated conversation before ingest.
type plan struct {
	platform  inbox.Platform
	items     []inbox.Inbound
	change    store.Change
	admin     string // who makes the triage change
	touched   bool   // change is not empty
	long      bool
	longEmail bool     // a thread of long emails (email.go)
	rare      []string // rare search terms this conversation contains
}

// generator makes conversations; each depends only on the seed, the epoch,
// the store size and its own index.
type generator struct {
	tag   string // prefix of thread keys and message ids; "" in built stores
	seed  int64
	epoch time.Time
	n     int
	step  time.Duration // time between consecutive conversation starts
	pool  int           // citizens per platform who write in public threads
}

// LongEvery is how many conversations apart the long conversations are: one
// in every LongEvery has LongLength messages.
const (
	LongEvery  = 10000
	LongLength = 1000
)

func newGenerator(seed int64, epoch time.Time, n int) *generator {
	return &generator{seed: seed, epoch: epoch, n: n, step: 2 * time.Minute, pool: max(100, n/5)}
}

// isLong reports whether conversation i is one of the long ones.
func (g *generator) isLong(i int) bool {
	return i%LongEvery == min(g.n, LongEvery)/2
}

func (g *generator) conversation(i int) plan {
	r := newRNG(g.seed, 1, i)
	pl := platformOrder[r.weighted(platformWeights, sum(platformWeights))]
	info := platformTable[pl]
	tp := &topics[r.weighted(topicWeights, sum(topicWeights))]
	f := &filler{r: r, memo: map[string]string{}}
	citizen := g.contact(pl, r.intn(g.pool))
	f.name = strings.Fields(citizen.Name + " Warga")[0]

	th := inbox.Thread{ExternalKey: info.prefix + "-" + g.tag + itoa(i), Kind: info.public}
	if r.chance(info.dm) {
		th.Kind = inbox.KindDM
	}
	switch th.Kind {
	case inbox.KindComment:
		post := i / 40
		th.Title = f.fill(tp.subject) + " #" + itoa(post)
		th.ContextText = "Pemkab Sukamaju: " + f.fill(tp.replies[0])
		th.ContextURL = "https://example.org/" + info.prefix + "/posts/" + itoa(post)
	case inbox.KindEmail:
		th.Title = f.fill(tp.subject)
	}

	count := lengths[r.weighted(lengthWeight, sum(lengthWeight))]
	if g.isLong(i) {
		count = LongLength
	}
	p := plan{platform: pl, long: g.isLong(i)}
	t := g.epoch.Add(-time.Duration(g.n-i) * g.step).Add(time.Duration(r.intn(int(g.step/time.Second))) * time.Second)
	if p.long {
		t = t.Add(-LongLength * 3 * time.Minute) // room for the whole exchange
	}
	dir := inbox.In
	for k := 0; k < count; k++ {
		if k > 0 {
			prev := dir
			switch {
			case p.long:
				dir = map[inbox.Direction]inbox.Direction{inbox.In: inbox.Out, inbox.Out: inbox.In}[prev]
			case prev == inbox.In && r.chance(0.55), prev == inbox.Out && r.chance(0.15):
				dir = inbox.Out
			default:
				dir = inbox.In
			}
			if p.long {
				t = t.Add(time.Duration(r.between(30, 240)) * time.Second) // a heated chat
			} else {
				t = t.Add(gap(r, prev, dir))
			}
		}
		if !t.Before(g.epoch) {
			break
		}
		m := inbox.Message{ExternalID: th.ExternalKey + "-" + itoa(k+1), Direction: dir, SentAt: t}
		switch {
		case dir == inbox.Out:
			m.Text = f.fill(r.pick(tp.replies))
			m.SentBy = tp.admin
			m.Author = inbox.Contact{ExternalID: "office", Name: "Pemkab Sukamaju"}
		case k == 0:
			m.Text = f.fill(r.pick(tp.opens)) + f.tail()
			m.Author = citizen
		default:
			m.Text = f.fill(r.pick(tp.follows)) + f.tail()
			m.Author = citizen
			if th.Kind != inbox.KindDM && th.Kind != inbox.KindEmail && r.chance(0.3) {
				m.Author = g.contact(pl, r.intn(g.pool)) // another citizen joins
			}
		}
		if k > 0 {
			m.ParentID = p.items[k-1].Message.ExternalID
		}
		p.items = append(p.items, inbox.Inbound{Thread: th, Message: m})
	}
	if g.isLongEmail(i, pl) {
		g.lengthen(i, p.items)
		p.longEmail = true
	}
	g.triage(r, &p, tp)
	p.rare = f.rare
	return p
}

// gap is how long after one message the next comes.
func gap(r *rng, from, to inbox.Direction) time.Duration {
	mins := func(lo, hi int) time.Duration {
		return time.Duration(r.between(lo, hi))*time.Minute + time.Duration(r.intn(60))*time.Second
	}
	switch {
	case from == inbox.In && to == inbox.Out:
		return mins(5, 1200)
	case from == inbox.Out && to == inbox.In:
		return mins(3, 1080)
	case from == inbox.Out:
		return mins(1, 120)
	}
	return mins(2, 240)
}

// contact is citizen k of a platform: the same person each time.
func (g *generator) contact(pl inbox.Platform, k int) inbox.Contact {
	r := newRNG(g.seed, 2, k)
	first, last := r.pick(firstNames), r.pick(lastNames)
	name := strings.TrimSpace(first + " " + last)
	c := inbox.Contact{ExternalID: platformTable[pl].prefix + "u" + itoa(k), Name: name}
	low := strings.ToLower(first) + itoa(k%997)
	switch pl {
	case inbox.WhatsApp, inbox.Telegram:
		c.Handle = "+62 8" + r.digits(2) + "-" + r.digits(4) + "-" + r.digits(4)
	case inbox.Email:
		c.Handle = low + "@" + r.pick([]string{"gmail.com", "yahoo.co.id", "outlook.com"})
	case inbox.Mastodon:
		c.Handle = "@" + low + "@mastodon.social"
	default:
		c.Handle = "@" + low
	}
	return c
}

// triage decides the state the office left the conversation in, from its
// age and who wrote last: recent ones are new or open, old ones done, with a
// forgotten backlog, pending replies, snoozes, priorities and labels.
func (g *generator) triage(r *rng, p *plan, tp *topic) {
	last := p.items[len(p.items)-1].Message
	age := g.epoch.Sub(last.SentAt)
	lastIn := last.Direction == inbox.In
	day := 24 * time.Hour
	ch := &p.change
	assign := func(p float64) {
		if r.chance(p) {
			ch.Assign = &tp.admin
		}
	}
	switch {
	case age < 3*day && lastIn:
		if r.chance(0.45) {
			ch.Status = inbox.StatusOpen
			assign(0.8)
		}
	case age < 3*day:
		ch.Status = []inbox.Status{inbox.StatusPending, inbox.StatusDone}[r.intn(2)]
		assign(0.7)
	case age < 14*day && lastIn && r.chance(0.3):
		ch.Status = inbox.StatusOpen
		assign(0.6)
	case age < 14*day && !lastIn && r.chance(0.25):
		ch.Status = inbox.StatusPending
		assign(0.7)
	case age >= 14*day && r.chance(0.01):
		ch.Status = inbox.StatusOpen // the forgotten backlog
		assign(0.5)
	case age >= 14*day && r.chance(0.005):
		ch.Status = inbox.StatusPending
		assign(0.7)
	default:
		ch.Status = inbox.StatusDone
		assign(0.7)
	}
	if ch.Status != inbox.StatusDone && r.chance(0.05) {
		ch.SnoozeUntil = g.epoch.Add(time.Duration(r.between(1, 14*24)) * time.Hour)
	}
	switch x := r.float(); {
	case x < 0.006:
		ch.Priority = ptr(2)
	case x < 0.046:
		ch.Priority = ptr(1)
	}
	if r.chance(0.08) {
		ch.AddLabel = r.pick(labels)
	}
	ch.MarkRead = ch.Status != ""
	p.touched = ch.Status != "" || ch.Priority != nil || ch.AddLabel != ""
	p.admin = tp.admin
	if ch.Assign == nil {
		p.admin = "admin.humas"
	}
}

func ptr[T any](v T) *T { return &v }

// filler fills the {slots} of a template. Places are chosen once per
// conversation, so citizen and office talk about the same village.
type filler struct {
	r    *rng
	memo map[string]string
	name string
	rare []string // tickets and made-up words used, for search benchmarks
}

func (f *filler) fill(t string) string {
	var b strings.Builder
	for {
		i := strings.IndexByte(t, '{')
		if i < 0 {
			b.WriteString(t)
			break
		}
		j := strings.IndexByte(t[i:], '}')
		b.WriteString(t[:i])
		b.WriteString(f.slot(t[i+1 : i+j]))
		t = t[i+j+1:]
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

func (f *filler) slot(key string) string {
	if v, ok := f.memo[key]; ok {
		return v
	}
	r := f.r
	var v string
	switch key {
	case "desa":
		v = r.pick(desa)
	case "kec":
		v = r.pick(kecamatan)
	case "jalan":
		v = r.pick(roads)
	case "kp":
		v = r.pick(kampung)
	case "rt":
		v = "RT " + itoa(r.between(1, 9)) + "/RW " + itoa(r.between(1, 14))
	case "sekolah":
		v = r.pick(schools)
	case "pkm":
		v = r.pick(clinics)
	case "pasar":
		v = r.pick(markets)
	case "perum":
		v = r.pick(estates)
	case "hari":
		v = r.pick(days)
	case "n":
		v = itoa(r.between(2, 9))
	case "nik":
		v = "3202" + r.digits(8) + "xxxx"
	case "tiket":
		v = "SKM-" + r.digits(6)
		f.rare = append(f.rare, v)
	case "rp":
		v = r.pick(amounts)
	case "link":
		v = "https://" + r.pick(hosts) + r.alnum(7, "abcdefghijkmnopqrstuvwxyz23456789")
	case "emo":
		return r.pick(emojis)
	case "sapa":
		return r.pick(calls)
	case "nama":
		return f.name
	default:
		panic("synth: unknown slot {" + key + "}")
	}
	f.memo[key] = v
	return v
}

// tail adds a few everyday words, and now and then a rare made-up one, so
// the vocabulary has a realistic long tail.
func (f *filler) tail() string {
	r := f.r
	n := r.intn(9)
	if n == 0 {
		return ""
	}
	var b strings.Builder
	for k := 0; k < n; k++ {
		b.WriteByte(' ')
		if r.chance(0.02) {
			w := r.word()
			f.rare = append(f.rare, w)
			b.WriteString(w)
		} else {
			b.WriteString(r.zipf(everyday))
		}
	}
	return b.String()
}
