// Package route reads a citizen's message for the place it is about and the
// agency it concerns: place names matched against the unit tree the way
// citizens write them (spaced or joined, abbreviated, misspelt, shared by
// several kecamatan), places outside the regency recognised and left alone,
// and keyword rules from the config that name an agency. A wrong guess costs
// more than no guess, so whenever the text does not settle a single unit the
// matcher says so and offers candidates instead.
package route

import (
	"slices"
	"strings"

	"sapa/units"
)

// Match is what the matcher read in one message.
type Match struct {
	// Unit is the unit the message is about; zero (empty Code) when the
	// message names none, or names several that the text does not settle.
	Unit units.Unit
	// Matched are the words of the message that settled Unit, as written;
	// without a Unit, the names that could not be settled.
	Matched []string
	// Fuzzy is true when a name was recognised through a misspelling.
	Fuzzy bool
	// Outside is true when the message names a place outside the regency
	// (Kota Bogor, Depok, "Ciawi, Tasikmalaya") and no unit of ours.
	Outside bool
	// Candidates are the units an ambiguous message may mean ("Pabuaran"
	// without its kecamatan): suggestions for an admin, never applied.
	Candidates []units.Unit
}

// Found reports whether the matcher settled on a unit.
func (m Match) Found() bool { return m.Unit.Code != "" }

// Matcher finds units of one tree in free text. It is immutable and safe
// for concurrent use.
type Matcher struct {
	g *gazetteer
}

// NewMatcher indexes the kecamatan, desa and kelurahan names of tree.
func NewMatcher(tree *units.Tree) *Matcher {
	return &Matcher{g: newGazetteer(tree)}
}

// titles are words before a person's name: "Pak Jonggol" is a man, not a
// kecamatan.
var titles = map[string]bool{
	"pak": true, "bu": true, "bpk": true, "bapak": true, "ibu": true, "mas": true, "mbak": true,
	"mba": true, "kang": true, "akang": true, "teh": true, "teteh": true, "bang": true, "abang": true,
	"om": true, "tante": true, "sdr": true, "sdri": true, "saudara": true, "mang": true, "abah": true,
	"ceu": true, "neng": true, "aa": true, "haji": true, "ustadz": true, "ust": true, "kak": true,
	"mr": true, "mrs": true, "nyai": true, "engkong": true, "ki": true,
}

// mention is one name found in the text.
type mention struct {
	tok0, tok1 int // token range [tok0, tok1)
	text       string
	units      []units.Unit
	outside    bool
	marker     marker
	fuzzy      bool
	weak       bool

	kec      units.Unit   // the kecamatan it names, if it is read as one
	villages []units.Unit // the desa and kelurahan it may name
}

// Match reads text for the unit it is about.
func (mt *Matcher) Match(text string) Match {
	toks := tokenize(text)
	ms := mt.scan(text, toks)
	var tree, outside []*mention
	for _, m := range ms {
		if m.outside {
			outside = append(outside, m)
		} else {
			tree = append(tree, m)
		}
	}
	// A name next to an outside place is that place's: "Ciawi, Tasikmalaya",
	// "Cisarua Bandung Barat", "Bantarjati Kota Bogor".
	tree = slices.DeleteFunc(tree, func(m *mention) bool {
		for _, o := range outside {
			if gap(m, o) <= 2 {
				return true
			}
		}
		return false
	})
	res := resolve(tree)
	res.Outside = !res.Found() && len(outside) > 0
	return res
}

// gap is the number of words between two mentions.
func gap(a, b *mention) int {
	if a.tok0 > b.tok0 {
		a, b = b, a
	}
	return b.tok0 - a.tok1
}

// scan finds every name in toks, longest first, left to right.
func (mt *Matcher) scan(text string, toks []token) []*mention {
	var out []*mention
	for i := 0; i < len(toks); {
		if toks[i].handle {
			i++
			continue
		}
		key, e, n, fuzzy := mt.lookup(toks, i)
		if n == 0 {
			i++
			continue
		}
		m := &mention{tok0: i, tok1: i + n, text: text[toks[i].start:toks[i+n-1].end],
			units: e.units, outside: e.outside, fuzzy: fuzzy, weak: mt.g.weak[key]}
		if i > 0 {
			prev := toks[i-1].norm
			m.marker = markers[prev]
			// "Pak Jonggol" is a man; "Kab. Sukabumi" a regency, not a desa.
			if (titles[prev] || m.marker == markRegion) && !e.outside {
				i += n
				continue
			}
		}
		out = append(out, m)
		i += n
	}
	return out
}

// lookup finds the longest name starting at token i: exact, else within a
// typo or two. It returns the name's key, its entry and how many tokens it
// spans (0: none).
func (mt *Matcher) lookup(toks []token, i int) (string, *entry, int, bool) {
	for n := min(maxNameTokens, len(toks)-i); n >= 1; n-- {
		var b strings.Builder
		short := false
		for _, t := range toks[i : i+n] {
			if t.handle {
				n = 0
				break
			}
			short = short || len(t.norm) < 2
			b.WriteString(t.norm)
		}
		if n == 0 {
			continue
		}
		key := b.String()
		if e, ok := mt.g.names[key]; ok {
			return key, e, n, false
		}
		if short || isNumber(key) {
			continue
		}
		if name, ok := mt.g.fuzzy(key); ok {
			return name, mt.g.names[name], n, true
		}
	}
	return "", nil, 0, false
}

func isNumber(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// read fills in the readings of m that its marker allows: a kecamatan, or
// desa and kelurahan.
func (m *mention) read() {
	var kec []units.Unit
	var vil, desa, kel []units.Unit
	for _, u := range m.units {
		switch u.Level {
		case units.Kecamatan:
			kec = append(kec, u)
		case units.Desa:
			desa = append(desa, u)
			vil = append(vil, u)
		case units.Kelurahan:
			kel = append(kel, u)
			vil = append(vil, u)
		}
	}
	pick := func(first, fallback []units.Unit) []units.Unit {
		if len(first) > 0 {
			return first
		}
		return fallback
	}
	switch m.marker {
	case markKecamatan:
		if len(kec) > 0 {
			m.kec = kec[0]
			return
		}
		m.villages = vil
	case markDesa:
		m.villages = pick(desa, pick(vil, nil))
		if m.villages == nil && len(kec) > 0 {
			m.kec = kec[0]
		}
	case markKelurahan:
		m.villages = pick(kel, pick(vil, nil))
		if m.villages == nil && len(kec) > 0 {
			m.kec = kec[0]
		}
	default:
		// A name that is a kecamatan and a desa in it means the kecamatan.
		if len(kec) > 0 {
			m.kec = kec[0]
		}
		m.villages = vil
	}
}

// marked reports whether a word before the name says what kind of unit it is.
func (m *mention) marked() bool {
	return m.marker == markKecamatan || m.marker == markDesa || m.marker == markKelurahan
}
