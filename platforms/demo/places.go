package demo

import (
	"strings"
	"unicode"

	"sapa/units"
)

// The demo's citizens live in Kabupaten Bogor: every desa and kelurahan of
// the Kemendagri tree Sapa embeds, with its kecamatan. They write places as
// people do on their phones, not as the tree spells them: joined or spaced
// ("Bojong Gede" for Bojonggede, "Babakanmadang"), abbreviated ("Gn.
// Putri", "kec", "ds.", "kel."), in lower case, now and then a letter wrong.
// Admins write the official names.

// village is a desa or kelurahan and the kecamatan it belongs to.
type village struct {
	code, name, kec string
	kelurahan       bool
}

// label is the village as an admin writes it: "Desa Bendungan".
func (v village) label() string {
	if v.kelurahan {
		return "Kelurahan " + v.name
	}
	return "Desa " + v.name
}

// places is the tree the demo draws from, with its villages in tree order.
type places struct {
	tree     *units.Tree
	villages []village
}

// newPlaces lists the villages of tree.
func newPlaces(tree *units.Tree) *places {
	p := &places{tree: tree}
	for _, u := range tree.All() {
		if u.Level != units.Desa && u.Level != units.Kelurahan {
			continue
		}
		kec, _ := tree.Get(u.Parent)
		p.villages = append(p.villages, village{code: u.Code, name: u.Name, kec: kec.Name, kelurahan: u.Level == units.Kelurahan})
	}
	return p
}

// within returns the villages in code's subtree: a desa itself, a
// kecamatan's desa and kelurahan; nil for the kabupaten or an unknown code.
func (p *places) within(code string) []village {
	if code == "" || code == p.tree.Root().Code {
		return nil
	}
	var out []village
	for _, v := range p.villages {
		if p.tree.Contains(code, v.code) {
			out = append(out, v)
		}
	}
	return out
}

// splitPrefixes are the first words of Sundanese place names that people
// write apart from the rest ("Bojong Gede", "Gunung Putri").
var splitPrefixes = []string{"Babakan", "Bojong", "Gunung", "Pasir", "Tanjung", "Leuwi", "Karang", "Sindang",
	"Parung", "Ranca", "Tajur", "Suka", "Tegal", "Mekar", "Klapa", "Situ", "Curug"}

// respace joins a spaced name or splits a joined one after a known first
// word; it returns name unchanged when neither applies.
func respace(name string) string {
	if strings.Contains(name, " ") && !strings.ContainsAny(name, "0123456789") && !strings.HasSuffix(name, " I") &&
		!strings.HasSuffix(name, " II") {
		return strings.ReplaceAll(name, " ", "")
	}
	for _, pre := range splitPrefixes {
		rest, ok := strings.CutPrefix(name, pre)
		if ok && len(rest) >= 3 && !strings.HasPrefix(rest, " ") {
			return pre + " " + strings.ToUpper(rest[:1]) + rest[1:]
		}
	}
	return name
}

// abbreviate writes "Gunung" as "Gn." as people and signposts do.
func abbreviate(name string) string {
	for _, long := range []string{"Gunung ", "Gunung"} {
		if rest, ok := strings.CutPrefix(name, long); ok && rest != "" {
			return "Gn. " + rest
		}
	}
	return name
}

// misspell puts one letter wrong: a consonant doubled or a vowel dropped,
// never in the first three letters, so the name stays recognisable.
func misspell(r *rng, name string) string {
	rs := []rune(name)
	if len(rs) < 7 {
		return name
	}
	i := r.between(3, len(rs)-2)
	c := unicode.ToLower(rs[i])
	if strings.ContainsRune("aiueo", c) && rs[i-1] != ' ' && rs[i+1] != ' ' {
		return string(append(rs[:i:i], rs[i+1:]...))
	}
	if unicode.IsLetter(c) {
		return string(rs[:i+1]) + string(rs[i:])
	}
	return name
}

// written is a place name as one citizen writes it.
func written(r *rng, name string) string {
	switch x := r.float(); {
	case x < 0.22:
		name = respace(name)
	case x < 0.30:
		name = abbreviate(respace(name))
	case x < 0.38:
		name = misspell(r, name)
	}
	if r.chance(0.3) {
		name = strings.ToLower(name)
	}
	return name
}

// desaWord is how a citizen names the kind of place before its name.
func desaWord(r *rng, v village) string {
	if v.kelurahan {
		return r.pick([]string{"Kel. ", "kel ", "kelurahan ", "Kelurahan ", ""})
	}
	return r.pick([]string{"Desa ", "desa ", "ds. ", "Ds ", "desa ", ""})
}

// kecWord is how a citizen writes "kecamatan" before a name.
func kecWord(r *rng) string {
	return r.pick([]string{"Kec. ", "kec ", "kec. ", "kecamatan ", "Kecamatan "})
}
