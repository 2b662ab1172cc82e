package demo

import (
	"strings"
	"testing"
	"time"

	"sapa/config"
	"sapa/inbox"
	"sapa/route"
	"sapa/units"
)

// TestCitizensWritePlacesAsPeopleDo: over many citizens, one village's name
// comes out joined or spaced, abbreviated, in lower case and now and then
// misspelt, and never as something else: spaces, case and "Gn." aside, each
// form is the name or one letter from it.
func TestCitizensWritePlacesAsPeopleDo(t *testing.T) {
	canon := func(s string) string {
		s = strings.ReplaceAll(strings.ToLower(s), "gn. ", "gunung")
		return strings.ReplaceAll(s, " ", "")
	}
	for _, name := range []string{"Bojonggede", "Gunungputri", "Babakan Madang", "Cileungsi Kidul"} {
		seen := map[string]bool{}
		r := newRNG(1, "written", name)
		for i := 0; i < 400; i++ {
			w := written(r, name)
			seen[w] = true
			if c := canon(w); c != canon(name) && !oneApart(c, canon(name)) {
				t.Errorf("%s written as %q", name, w)
			}
		}
		var spaced, lower, wrong bool
		for w := range seen {
			spaced = spaced || strings.Count(w, " ") != strings.Count(name, " ")
			lower = lower || w == strings.ToLower(w)
			wrong = wrong || canon(w) != canon(name)
		}
		if !spaced || !lower || !wrong {
			t.Errorf("%s: respaced %v, lower case %v, misspelt %v in %d forms", name, spaced, lower, wrong, len(seen))
		}
	}
	if got := abbreviate(respace("Gunungputri")); got != "Gn. Putri" {
		t.Errorf("Gunungputri abbreviated as %q", got)
	}
}

// oneApart reports whether a and b differ by one inserted or dropped letter.
func oneApart(a, b string) bool {
	if len(a) < len(b) {
		a, b = b, a
	}
	if len(a) != len(b)+1 {
		return false
	}
	for i := range b {
		if a[i] != b[i] {
			return a[i+1:] == b[i:]
		}
	}
	return true
}

// TestSapaRoutesTheDemoPlaces: the way demo citizens write a desa and its
// kecamatan is still readable by Sapa's own place matcher, which settles on
// the desa or its kecamatan for most of them: the demo exercises routing.
func TestSapaRoutesTheDemoPlaces(t *testing.T) {
	tree := units.Default()
	m := route.NewMatcher(tree)
	pl := newPlaces(tree)
	r := newRNG(1, "routable")
	right, wrong := 0, 0
	const n = 400
	for i := 0; i < n; i++ {
		f := newFiller(r, "Asep", "Asep Suryana", "Dinas PUPR", pl, nil)
		got := m.Match(f.fill("jalan rusak di {ds} {kkec} {sapa}"))
		v := f.village()
		switch {
		case !got.Found():
		case got.Unit.Code == v.code || tree.Contains(got.Unit.Code, v.code):
			right++
		default:
			wrong++
		}
	}
	if right < n*3/4 || wrong > n/20 {
		t.Errorf("matcher placed %d of %d demo places right and %d wrong; want ≥ 75%% right, ≤ 5%% wrong", right, n, wrong)
	}
}

// TestAdminsWriteOfficialNames: the citizen writes the village as they do,
// the admin's answer names it as the tree does.
func TestAdminsWriteOfficialNames(t *testing.T) {
	pl := newPlaces(units.Default())
	f := newFiller(newRNG(7, "formal"), "Euis", "Euis Lestari", "BPBD", pl, pl.within("32.01.24.2008"))
	f.v = &village{code: "32.01.24.2008", name: "Bendungan", kec: "Ciawi"}
	if got := f.formal("Posko {kkec} ada di GOR {ds}"); got != "Posko Kecamatan Ciawi ada di GOR Desa Bendungan" {
		t.Errorf("the admin wrote %q", got)
	}
}

// TestUnitPagesSpeakOfTheirUnit: a desa's own Page and a kecamatan's
// Instagram hear mostly from their own villages.
func TestUnitPagesSpeakOfTheirUnit(t *testing.T) {
	tree := units.Default()
	s := newSim(config.Demo{Seed: 1}, newClock(t0).now)
	w := buildWorld(s.prof, 1, t0, DefaultConversations, DefaultHistoryDays)
	home, named := 0, 0
	for _, acct := range []string{"desa-bendungan-fb", "desa-cijayanti-fb", "kec-cibinong-ig", "kec-ciawi-fb"} {
		unit := s.prof.by[acct].Unit
		for _, p := range w.convs[acct] {
			if p.fill.v == nil {
				continue
			}
			named++
			if tree.Contains(unit, p.fill.v.code) {
				home++
			}
		}
	}
	if named < 10 || home*10 < named*7 {
		t.Errorf("%d of %d conversations on the unit pages name one of the page's own villages", home, named)
	}
}

// TestTrafficOfKabupatenBogor: the default history asks the agencies'
// questions, has spam, and has conversations nobody answered for days.
func TestTrafficOfKabupatenBogor(t *testing.T) {
	h := history(t, config.Demo{Seed: 1}, newClock(t0).now)
	var all strings.Builder
	type conv struct {
		first    time.Time
		answered bool
		spam     bool
	}
	convs := map[string]*conv{}
	for p, items := range h {
		for _, it := range items {
			all.WriteString(it.Message.Text + "\n")
			k := string(p) + it.Thread.ExternalKey
			c := convs[k]
			if c == nil {
				c = &conv{first: it.Message.SentAt}
				convs[k] = c
			}
			c.answered = c.answered || it.Message.Direction == inbox.Out
			low := strings.ToLower(it.Message.Text)
			c.spam = c.spam || strings.Contains(low, "gacor") || strings.Contains(low, "http")
		}
	}
	text := strings.ToLower(all.String())
	for _, want := range []string{"ktp", "jalan rusak", "air mati", "pdam tirta kahuripan", "disdukcapil",
		"slot gacor", "pinjaman dana cepat", "bansos", "kabupaten bogor", "pemkab bogor"} {
		if !strings.Contains(text, want) {
			t.Errorf("the history never says %q", want)
		}
	}
	if strings.Contains(text, "kab. sukamaju") || strings.Contains(text, "kabupaten sukamaju") {
		t.Errorf("the history still speaks of the fictional Kabupaten Sukamaju")
	}
	week, days := 0, 0
	for _, c := range convs {
		if c.answered || c.spam {
			continue
		}
		switch age := t0.Sub(c.first); {
		case age > 7*24*time.Hour:
			week++
		case age > 2*24*time.Hour:
			days++
		}
	}
	if week < 5 || days < 5 {
		t.Errorf("unanswered conversations: %d older than a week, %d of 2–7 days; want at least 5 of each", week, days)
	}
}

// TestUnitPagesCommentUnderTheirOwnPosts: a comment on a desa's or
// kecamatan's own account sits under one of that account's posts, never
// under the kabupaten's.
func TestUnitPagesCommentUnderTheirOwnPosts(t *testing.T) {
	s := newSim(config.Demo{Seed: 1}, newClock(t0).now)
	w := buildWorld(s.prof, 1, t0, DefaultConversations, DefaultHistoryDays)
	comments := 0
	for acct, ps := range pagePosts {
		if _, ok := s.prof.by[acct]; !ok {
			t.Errorf("posts for %s, which is not a demo account", acct)
		}
		titles := map[string]bool{}
		for _, p := range ps {
			titles[p.title] = true
		}
		for _, it := range w.items[acct] {
			if it.Thread.Kind != inbox.KindComment {
				continue
			}
			comments++
			if !titles[it.Thread.Title] {
				t.Errorf("%s: a comment under %q, not one of its own posts", acct, it.Thread.Title)
			}
		}
	}
	if comments == 0 {
		t.Errorf("no comment on any unit's own account")
	}
}
