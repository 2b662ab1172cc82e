package demo

import (
	"strings"

	"sapa/inbox"
)

// plan is one generated conversation: the thread, the citizen, and its
// messages (without times, which history.go and live.go give them).
type plan struct {
	acct    string // the demo account it arrives on
	pl      inbox.Platform
	office  inbox.Contact      // the office as the platform shows it
	caps    inbox.Capabilities // the platform's limits, which the texts respect
	topic   *topic
	thread  inbox.Thread
	contact inbox.Contact
	fill    *filler
	en      bool
	admin   string
	reply   int   // index of the topic reply the office gave first; -1: none yet
	answers []int // the topic replies that fit the opener; nil: any
	msgs    []inbox.Message
}

// lastOut reports whether the office wrote the last message.
func (p *plan) lastOut() bool { return p.msgs[len(p.msgs)-1].Direction == inbox.Out }

// humas are the communication-office admins who answer when the unit's own
// admin does not.
var humas = []string{"admin.kominfo", "rina.humas", "yoga.kominfo", "dewi.humas"}

// msgCounts weighs conversations of 1 to 6 messages.
var msgCounts = []int{25, 25, 20, 13, 10, 7}

func topicWeights() []int {
	w := make([]int, len(topics))
	for i, t := range topics {
		w[i] = t.weight
	}
	return w
}

var weightsOfTopics = topicWeights()

// kindOf says what shape of thread a new conversation on pl takes.
func kindOf(r *rng, pl inbox.Platform) inbox.Kind {
	switch pl {
	case inbox.Facebook, inbox.YouTube:
		return inbox.KindComment
	case inbox.Instagram:
		if r.chance(0.8) {
			return inbox.KindComment
		}
		return inbox.KindDM
	case inbox.X:
		return inbox.KindMention
	case inbox.Mastodon:
		if r.chance(0.8) {
			return inbox.KindMention
		}
		return inbox.KindDM
	case inbox.Email:
		return inbox.KindEmail
	}
	return inbox.KindDM
}

// compose writes one conversation on platform pl with at most maxMsgs
// messages; id(k) names message k. taken reports DM chat keys already in use
// so that two history conversations never fall into one chat by accident.
func compose(r *rng, pr profile, id func(k int) string, maxMsgs int, taken func(string) bool) *plan {
	pl := pr.pl
	t := topics[r.weighted(weightsOfTopics)]
	kind := kindOf(r, pl)
	c, who := contactFor(r, pl)
	for try := 0; kind == inbox.KindDM && taken != nil && taken(c.ExternalID) && try < 8; try++ {
		c, who = contactFor(r, pl)
	}
	p := &plan{acct: pr.Account, pl: pl, office: pr.Office, caps: pr.caps, topic: t, contact: c,
		fill: newFiller(r, who.first, who.full(), t.office, pr.places, pr.home), reply: -1}
	if !t.spam {
		p.admin = t.admin
		if r.chance(0.35) {
			p.admin = r.pick(humas)
		}
	}
	var opener string
	p.answers, opener = tagged(r.pick(t.opens))
	p.en = isEnglish(opener)

	n := 1 + r.weighted(msgCounts)
	if t.spam {
		n = 1 + r.weighted([]int{7, 3})
	}
	n = min(n, maxMsgs)
	first := 0 // index of the opener: a Telegram chat often starts with /start
	if pl == inbox.Telegram && n > 1 && n < 6 && r.chance(0.3) {
		first, n = 1, n+1
	}

	switch kind {
	case inbox.KindComment:
		po := pickPost(r, pr.Account, pl, t)
		p.thread = inbox.Thread{ExternalKey: po.id + "_" + id(0), Kind: kind, Title: po.title, ContextText: po.text, ContextURL: po.url}
	case inbox.KindDM:
		key := c.ExternalID
		if pl == inbox.Mastodon {
			key = id(0) // a Mastodon direct conversation has its own id
		}
		p.thread = inbox.Thread{ExternalKey: key, Kind: kind}
	case inbox.KindEmail:
		subj := "Pertanyaan untuk " + t.office
		if t.spam {
			subj = "PENAWARAN TERBATAS!!! Jangan sampai ketinggalan"
		} else if len(t.subjects) > 0 {
			subj = p.fill.fill(r.pick(t.subjects))
		}
		p.thread = inbox.Thread{ExternalKey: id(0), Kind: kind, Title: subj}
	default:
		p.thread = inbox.Thread{ExternalKey: id(0), Kind: kind}
	}

	// Some conversations nobody answers: the citizen writes again and
	// again, for days, as happens on a real desk.
	ignored := !t.spam && r.chance(0.1)
	dir, replied := inbox.In, false
	for k := 0; k < n; k++ {
		if k > first {
			switch {
			case t.spam, ignored:
				dir = inbox.In
			case dir == inbox.In && r.chance(0.6), dir == inbox.Out && r.chance(0.15):
				dir = inbox.Out
			default:
				dir = inbox.In
			}
		}
		m := inbox.Message{ExternalID: id(k), Direction: dir, Author: c}
		switch {
		case k < first:
			m.Text = "/start"
		case k == first:
			m.Text = p.fill.fill(opener)
		case dir == inbox.Out:
			m.Author, m.SentBy, m.Delivery = p.office, p.admin, inbox.DeliverySent
			m.Text = p.fill.formal(p.pickOut(r, replied))
			replied = true
		case kind == inbox.KindComment && !replied && r.chance(0.35):
			m.Author, _ = contactFor(r, pl) // another citizen joins the thread
			m.Text = p.fill.fill(r.pick(p.chimes()))
		default:
			m.Text = p.fill.fill(p.pickIn(r, replied))
		}
		m.Text = dress(p, m, k)
		switch kind {
		case inbox.KindComment:
			if k > 0 {
				m.ParentID = id(0)
			}
		case inbox.KindMention, inbox.KindEmail:
			if k > 0 {
				m.ParentID = id(k - 1)
			}
		}
		p.msgs = append(p.msgs, m)
	}
	return p
}

func (p *plan) chimes() []string {
	if p.topic.chimes != nil {
		return p.topic.chimes
	}
	return chimes
}

// pickIn chooses a citizen's later message: a nudge before anyone answered,
// an answer after.
func (p *plan) pickIn(r *rng, replied bool) string {
	switch {
	case p.en && replied:
		return r.pick(enAnswers)
	case p.en:
		return r.pick(enNags)
	case replied && r.chance(0.6):
		if t, ok := pickTagged(r, p.topic.thanks, p.reply); ok {
			return t
		}
		return r.pick(answers)
	case replied:
		return r.pick(answers)
	case len(p.topic.more) > 0 && r.chance(0.6):
		return r.pick(p.topic.more)
	}
	return r.pick(nags)
}

// pickOut chooses the office's message: the unit's answer first, then
// follow-ups.
func (p *plan) pickOut(r *rng, replied bool) string {
	switch {
	case p.en && replied:
		return r.pick(enMore)
	case p.en:
		return r.pick(enReplies)
	case replied || len(p.topic.replies) == 0:
		return r.pick(adminMore)
	case p.answers != nil:
		p.reply = p.answers[r.intn(len(p.answers))]
	default:
		p.reply = r.intn(len(p.topic.replies))
	}
	return p.topic.replies[p.reply]
}

// dress gives a text the shape the platform puts on it: mentions on X and
// Mastodon, salutations and signatures in email, and the platform's length
// limit.
func dress(p *plan, m inbox.Message, k int) string {
	text := m.Text
	office := p.office
	switch p.thread.Kind {
	case inbox.KindMention:
		if m.Direction == inbox.In {
			text = strings.SplitN(office.Handle, "@", 3)[1]
			text = "@" + text + " " + m.Text
		} else {
			text = p.contact.Handle + " " + m.Text
		}
	case inbox.KindEmail:
		text = emailBody(p, m, k)
	}
	return fit(text, p.caps.Counting, p.caps.MaxLength)
}

func emailBody(p *plan, m inbox.Message, k int) string {
	name := p.fill.full
	switch {
	case p.topic.spam:
		return m.Text // spammers do not write salutations
	case m.Direction == inbox.Out && p.en:
		return "Dear " + name + ",\n\n" + m.Text + "\n\nBest regards,\nAdmin " + p.topic.office + "\n" + Office
	case m.Direction == inbox.Out:
		return "Yth. Bapak/Ibu " + name + ",\n\n" + m.Text + "\n\nHormat kami,\nAdmin " + p.topic.office + "\n" + Office
	case k == 0 && p.en:
		return "Dear Sir/Madam,\n\n" + m.Text + "\n\nKind regards,\n" + name
	case k == 0:
		return "Yth. Admin Pemkab Bogor,\n\n" + m.Text + "\n\nTerima kasih.\n\n" + name
	}
	return m.Text + "\n\n" + name
}

// fit shortens text to the platform's limit, at a word boundary, as a
// citizen's client would have refused anything longer.
func fit(text string, c inbox.Counting, max int) string {
	if max <= 0 || inbox.Length(c, text) <= max {
		return text
	}
	words := strings.Fields(text)
	for len(words) > 1 {
		words = words[:len(words)-1]
		s := strings.Join(words, " ") + "…"
		if inbox.Length(c, s) <= max {
			return s
		}
	}
	return string([]rune(text)[:max-1]) + "…"
}
