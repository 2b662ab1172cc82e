package route

import (
	"slices"

	"sapa/units"
)

// answer is one unit a mention settled on, and the mentions that support it.
type answer struct {
	unit    units.Unit
	support []*mention
	marked  bool
	fuzzy   bool
}

// resolve turns the mentions of the tree's names into one unit, or none
// with candidates. Kecamatan named in the message settle desa names that
// several kecamatan share; a name that is both a kecamatan and a desa of
// another named kecamatan means that desa ("Ciomas, Tenjo").
func resolve(ms []*mention) Match {
	for _, m := range ms {
		m.read()
	}
	kecs := kecamatanNamed(ms)
	for _, m := range ms {
		if m.kec.Code == "" || m.marked() {
			continue
		}
		for _, v := range m.villages {
			if v.Parent != m.kec.Code && kecs[v.Parent] != nil {
				m.kec, m.villages = units.Unit{}, []units.Unit{v}
				kecs = kecamatanNamed(ms)
				break
			}
		}
	}

	var answers []*answer
	var ambiguous []units.Unit
	var unsettled []string // the words of ambiguous names, as written
	add := func(u units.Unit, ms ...*mention) {
		for _, a := range answers {
			if a.unit.Code == u.Code {
				a.support = append(a.support, ms...)
				return
			}
		}
		a := &answer{unit: u, support: ms}
		for _, m := range ms {
			a.marked = a.marked || m.marked()
			a.fuzzy = a.fuzzy || m.fuzzy
		}
		answers = append(answers, a)
	}
	for _, m := range ms {
		if m.kec.Code != "" {
			if !m.weak || m.marker == markKecamatan {
				add(m.kec, m)
			}
			continue
		}
		var in []units.Unit
		for _, v := range m.villages {
			if kecs[v.Parent] != nil {
				in = append(in, v)
			}
		}
		switch {
		case len(in) == 1:
			add(in[0], m, kecs[in[0].Parent])
		case m.weak && !m.marked():
			// a common word or a place better known elsewhere: not without context
		case len(m.villages) == 1:
			add(m.villages[0], m)
		case len(in) > 1:
			ambiguous = append(ambiguous, in...)
			unsettled = append(unsettled, m.text)
		default:
			ambiguous = append(ambiguous, m.villages...)
			unsettled = append(unsettled, m.text)
		}
	}
	answers = dropParents(answers)

	var res Match
	switch {
	case len(ambiguous) > 0:
		res.Candidates, res.Matched = ambiguous, unsettled
		for _, a := range answers {
			res.Candidates = append(res.Candidates, a.unit)
		}
	case len(answers) == 1:
		res.set(answers[0])
	case len(answers) > 1:
		var marked []*answer
		for _, a := range answers {
			if a.marked {
				marked = append(marked, a)
			}
			res.Candidates = append(res.Candidates, a.unit)
			res.Matched = append(res.Matched, a.support[0].text)
		}
		// "kecamatan Jonggol … jauh ke Cibinong": the marked name is the place.
		if len(marked) == 1 {
			res.Candidates, res.Matched = nil, nil
			res.set(marked[0])
		}
	}
	return res
}

func (r *Match) set(a *answer) {
	r.Unit, r.Fuzzy = a.unit, a.fuzzy
	support := slices.Clone(a.support)
	slices.SortFunc(support, func(x, y *mention) int { return x.tok0 - y.tok0 })
	for i, m := range support {
		if i == 0 || m != support[i-1] {
			r.Matched = append(r.Matched, m.text)
		}
	}
}

// kecamatanNamed maps each kecamatan read in the message to its mention.
func kecamatanNamed(ms []*mention) map[string]*mention {
	k := map[string]*mention{}
	for _, m := range ms {
		if m.kec.Code != "" && (!m.weak || m.marker == markKecamatan) {
			k[m.kec.Code] = m
		}
	}
	return k
}

// dropParents removes a kecamatan answer when a desa answer lies in it: the
// kecamatan was named to settle the desa. Its mention supports the desa.
func dropParents(as []*answer) []*answer {
	var out []*answer
	for _, a := range as {
		child := false
		for _, b := range as {
			if b.unit.Parent == a.unit.Code {
				child = true
				b.support = append(b.support, a.support...)
				b.marked = b.marked || a.marked
			}
		}
		if !child {
			out = append(out, a)
		}
	}
	return out
}
