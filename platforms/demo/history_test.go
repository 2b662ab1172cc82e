package demo

import (
	"context"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"sapa/config"
	"sapa/inbox"
	"sapa/units"
)

func TestAccountsOfficeAndUnitPages(t *testing.T) {
	accts := Accounts(descriptors())
	names := map[string]bool{}
	offices := map[inbox.Platform]string{}
	s := newSim(config.Demo{}, newClock(t0).now)
	tree := units.Default()
	last := -1
	for _, a := range accts {
		idx := slices.Index(inbox.Platforms(), a.Platform)
		if idx < last {
			t.Errorf("account %s (%s) out of display order", a.Name, a.Platform)
		}
		last = idx
		if names[a.Name] {
			t.Errorf("duplicate account name %q", a.Name)
		}
		names[a.Name] = true
		if a.Unit == "" {
			if offices[a.Platform] != "" {
				t.Errorf("%s: two office accounts, %s and %s", a.Platform, offices[a.Platform], a.Name)
			}
			offices[a.Platform] = a.Name
		} else if u, ok := tree.Get(a.Unit); !ok || (u.Level != units.Kecamatan && u.Level != units.Desa && u.Level != units.Kelurahan) {
			t.Errorf("%s belongs to %q, not a kecamatan, desa or kelurahan of Kabupaten Bogor", a.Name, a.Unit)
		}
		c, err := s.Factory()(a, nil)
		if err != nil {
			t.Fatalf("factory %s: %v", a.Name, err)
		}
		if c.Platform() != a.Platform {
			t.Errorf("%s: connector platform %s", a.Name, c.Platform())
		}
	}
	if len(offices) != len(inbox.Platforms()) {
		t.Errorf("office accounts on %d platforms, want %d", len(offices), len(inbox.Platforms()))
	}
	if len(accts) == len(offices) {
		t.Errorf("no account belongs to a kecamatan or desa")
	}
	if accts[0].Name != "pemkab-fb" {
		t.Errorf("facebook account named %q", accts[0].Name)
	}
	if _, err := s.Factory()(config.Account{Name: "x", Platform: "friendster"}, nil); err == nil {
		t.Errorf("factory accepted an unknown platform")
	}
}

func TestSameSeedSameFirstBatch(t *testing.T) {
	cfg := config.Demo{Seed: 42, LiveInterval: minutes(1)}
	a, b := newSim(cfg, newClock(t0).now), newSim(cfg, newClock(t0).now)
	other := newSim(config.Demo{Seed: 43, LiveInterval: minutes(1)}, newClock(t0).now)
	for _, p := range inbox.Platforms() {
		ba, err1 := connect(t, a, p).Fetch(context.Background(), "")
		bb, err2 := connect(t, b, p).Fetch(context.Background(), "")
		bo, err3 := connect(t, other, p).Fetch(context.Background(), "")
		if err1 != nil || err2 != nil || err3 != nil {
			t.Fatalf("fetch: %v %v %v", err1, err2, err3)
		}
		if !reflect.DeepEqual(ba, bb) {
			t.Errorf("%s: same seed gave different first batches", p)
		}
		if reflect.DeepEqual(ba.Items, bo.Items) {
			t.Errorf("%s: seeds 42 and 43 gave the same first batch", p)
		}
	}
}

func TestHistoryPaginatesOldestFirst(t *testing.T) {
	clk := newClock(t0)
	s := newSim(config.Demo{Seed: 1}, clk.now)
	total, convs := 0, map[string]bool{}
	for _, a := range Accounts(descriptors()) {
		c, err := s.Factory()(a, nil)
		if err != nil {
			t.Fatal(err)
		}
		p := a.Platform
		items, _, pages := drain(t, c, "")
		if a.Name == "pemkab-fb" && pages < 2 {
			t.Errorf("facebook history came in %d page(s); want several", pages)
		}
		for i, it := range items {
			at := it.Message.SentAt
			if !at.Before(t0) || at.Before(t0.Add(-DefaultHistoryDays*24*time.Hour)) {
				t.Errorf("%s: %s at %v outside the history window", p, it.Message.ExternalID, at)
			}
			if i > 0 && at.Before(items[i-1].Message.SentAt) {
				t.Errorf("%s: history not oldest first at %d", p, i)
			}
			convs[a.Name+"/"+it.Thread.ExternalKey] = true
		}
		total += len(items)
	}
	if len(convs) != DefaultConversations {
		t.Errorf("%d conversations, want %d", len(convs), DefaultConversations)
	}
	if total < DefaultConversations*2 {
		t.Errorf("only %d messages in %d conversations", total, len(convs))
	}
}

func TestEveryPlatformInHistory(t *testing.T) {
	h := history(t, config.Demo{Seed: 3}, newClock(t0).now)
	for _, p := range inbox.Platforms() {
		if len(h[p]) == 0 {
			t.Errorf("no history on %s", p)
		}
	}
	for _, small := range []inbox.Platform{inbox.Email, inbox.Mastodon} {
		if len(h[small]) >= len(h[inbox.Facebook]) || len(h[small]) >= len(h[inbox.WhatsApp]) {
			t.Errorf("%s (%d) not rarer than facebook (%d) and whatsapp (%d)", small, len(h[small]), len(h[inbox.Facebook]), len(h[inbox.WhatsApp]))
		}
	}
	// A small history still reaches every account.
	n := len(Accounts(descriptors()))
	small := history(t, config.Demo{Seed: 3, Conversations: n}, newClock(t0).now)
	for _, p := range inbox.Platforms() {
		if len(small[p]) == 0 {
			t.Errorf("%d conversations: none on %s", n, p)
		}
	}
}

func TestThreadShapes(t *testing.T) {
	h := history(t, config.Demo{Seed: 5}, newClock(t0).now)
	perPost := map[string]map[string]bool{}
	outbound, answered := 0, 0
	for p, items := range h {
		lastDir := map[string]inbox.Direction{}
		for _, it := range items {
			th, m := it.Thread, it.Message
			switch th.Kind {
			case inbox.KindComment:
				if th.Title == "" || th.ContextText == "" || !strings.HasPrefix(th.ContextURL, "https://") {
					t.Errorf("%s comment thread %s lacks title/context: %+v", p, th.ExternalKey, th)
				}
				if perPost[th.Title] == nil {
					perPost[th.Title] = map[string]bool{}
				}
				perPost[th.Title][th.ExternalKey] = true
			case inbox.KindEmail:
				if th.Title == "" {
					t.Errorf("email thread %s has no subject", th.ExternalKey)
				}
			}
			want := map[inbox.Platform][]inbox.Kind{
				inbox.Facebook: {inbox.KindComment}, inbox.YouTube: {inbox.KindComment},
				inbox.Instagram: {inbox.KindComment, inbox.KindDM}, inbox.Messenger: {inbox.KindDM},
				inbox.WhatsApp: {inbox.KindDM}, inbox.Telegram: {inbox.KindDM}, inbox.X: {inbox.KindMention},
				inbox.Mastodon: {inbox.KindMention, inbox.KindDM}, inbox.Email: {inbox.KindEmail},
			}[p]
			if !containsKind(want, th.Kind) {
				t.Errorf("%s thread of kind %s", p, th.Kind)
			}
			if m.Direction == inbox.Out {
				outbound++
				if m.SentBy == "" || m.Delivery != inbox.DeliverySent {
					t.Errorf("outbound %s: SentBy %q, Delivery %q", m.ExternalID, m.SentBy, m.Delivery)
				}
			}
			if m.Direction == inbox.In && lastDir[th.ExternalKey] == inbox.Out {
				answered++ // a citizen answered an admin
			}
			lastDir[th.ExternalKey] = m.Direction
		}
	}
	shared := 0
	for _, keys := range perPost {
		if len(keys) > 1 {
			shared++
		}
	}
	if shared < 5 {
		t.Errorf("only %d posts carry more than one conversation", shared)
	}
	if outbound < 50 || answered < 20 {
		t.Errorf("%d outbound replies, %d citizen answers: not much back-and-forth", outbound, answered)
	}
}

func containsKind(ks []inbox.Kind, k inbox.Kind) bool {
	for _, x := range ks {
		if x == k {
			return true
		}
	}
	return false
}

func TestExactlyOneHostileMessage(t *testing.T) {
	for _, seed := range []int64{0, 1, 99} {
		h := history(t, config.Demo{Seed: seed}, newClock(t0).now)
		var found []inbox.Inbound
		for _, items := range h {
			for _, it := range items {
				if strings.ContainsAny(it.Message.Text, "\x1b\u202e\x07") || strings.ContainsAny(it.Message.Author.Name, "\x1b\u202e") {
					found = append(found, it)
				}
			}
		}
		if len(found) != 1 {
			t.Fatalf("seed %d: %d hostile messages, want exactly 1", seed, len(found))
		}
		m := found[0].Message
		if m.ExternalID != HostileMessageID || found[0].Thread.Kind != inbox.KindDM {
			t.Errorf("hostile message is %s in a %s thread", m.ExternalID, found[0].Thread.Kind)
		}
		if !strings.HasPrefix(m.ExternalID, "wa-") {
			t.Errorf("hostile message not on WhatsApp: %s", m.ExternalID)
		}
		for _, seq := range []string{"\x1b[2J", "\x1b]52;c;cm0gLXJmIH4=\x07", "\x1b]0;HACKED\x07", "\u202e"} {
			if !strings.Contains(m.Text, seq) {
				t.Errorf("hostile text lacks %q", seq)
			}
		}
	}
}

func TestTextsLookReal(t *testing.T) {
	h := history(t, config.Demo{Seed: 11}, newClock(t0).now)
	distinct := map[string]bool{}
	shouting, english, slang := 0, 0, 0
	for p, items := range h {
		caps := capsOf(p)
		for _, it := range items {
			m := it.Message
			if m.Text == "" || !utf8.ValidString(m.Text) || strings.ContainsAny(m.Text, "{}") {
				t.Errorf("%s %s: bad text %q", p, m.ExternalID, m.Text)
			}
			if m.Author.Name == "" || m.Author.ExternalID == "" {
				t.Errorf("%s %s: author %+v", p, m.ExternalID, m.Author)
			}
			if caps.MaxLength > 0 && inbox.Length(caps.Counting, m.Text) > caps.MaxLength {
				t.Errorf("%s %s: %d chars over the platform limit", p, m.ExternalID, inbox.Length(caps.Counting, m.Text))
			}
			if m.Direction == inbox.In {
				distinct[m.Text] = true
				if len(m.Text) > 20 && m.Text == strings.ToUpper(m.Text) {
					shouting++
				}
				if strings.Contains(m.Text, "Hi,") || strings.Contains(m.Text, "Hello") || strings.Contains(m.Text, "Thanks") {
					english++
				}
				if strings.Contains(m.Text, " sy ") || strings.Contains(m.Text, "udh") || strings.Contains(m.Text, "gmn") {
					slang++
				}
			}
		}
	}
	if len(distinct) < 250 {
		t.Errorf("only %d distinct citizen texts", len(distinct))
	}
	if shouting == 0 || english == 0 || slang < 20 {
		t.Errorf("shouting %d, english %d, slang %d: not how citizens write", shouting, english, slang)
	}
	for _, it := range h[inbox.WhatsApp] {
		if !strings.HasPrefix(it.Message.Author.Handle, "+62 8") && it.Message.Direction == inbox.In {
			t.Errorf("whatsapp contact handle %q", it.Message.Author.Handle)
		}
	}
}

// TestCapabilitiesFromDescriptors proves the simulator takes each platform's
// limits from its descriptor instead of a copy that drifts: X cannot hide
// replies, YouTube counts UTF-16 units, Telegram answers in groups.
func TestCapabilitiesFromDescriptors(t *testing.T) {
	s := newSim(config.Demo{}, newClock(t0).now)
	for _, d := range descriptors() {
		if got := connect(t, s, d.Name).Capabilities(); got != d.Capabilities {
			t.Errorf("%s: demo capabilities %+v, descriptor %+v", d.Name, got, d.Capabilities)
		}
	}
	if capsOf(inbox.X).Moderation || capsOf(inbox.YouTube).Counting != inbox.CountUTF16 || !capsOf(inbox.Telegram).PublicComments {
		t.Error("the descriptors lost the real platforms' limits")
	}
}
