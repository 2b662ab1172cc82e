package route

import (
	"bufio"
	_ "embed" // the outside places and weak names shipped with Sapa
	"strings"

	"sapa/units"
)

//go:embed outside.txt
var outsideList string

//go:embed weak.txt
var weakList string

//go:embed common.txt
var commonList string

// maxNameTokens is the longest name, in words, the index holds.
const maxNameTokens = 4

// entry is what one normalized name means: units of the tree, or a place
// outside the regency.
type entry struct {
	units   []units.Unit
	outside bool
}

// gazetteer indexes the tree's names and the outside places by their
// normalized form ("bojonggede", "gunungbunder2").
type gazetteer struct {
	names   map[string]*entry
	weak    map[string]bool
	common  map[string]bool   // words one typo from a name that are no typo
	byFirst map[byte][]string // normalized tree names by first letter, for typos
}

func newGazetteer(tree *units.Tree) *gazetteer {
	g := &gazetteer{names: map[string]*entry{}, weak: map[string]bool{}, common: map[string]bool{}, byFirst: map[byte][]string{}}
	for _, u := range tree.All() {
		switch u.Level {
		case units.Kecamatan, units.Desa, units.Kelurahan:
		default:
			continue
		}
		key := normalizeName(u.Name)
		if key == "" {
			continue
		}
		e := g.names[key]
		if e == nil {
			e = &entry{}
			g.names[key] = e
			g.byFirst[key[0]] = append(g.byFirst[key[0]], key)
		}
		e.units = append(e.units, u)
	}
	for _, name := range lines(outsideList) {
		key := normalizeName(name)
		if _, ours := g.names[key]; !ours && key != "" {
			g.names[key] = &entry{outside: true}
		}
	}
	for _, name := range lines(weakList) {
		g.weak[normalizeName(name)] = true
	}
	for _, w := range lines(commonList) {
		g.common[normalizeName(w)] = true
	}
	return g
}

// lines returns the non-empty, non-comment lines of an embedded list.
func lines(s string) []string {
	var out []string
	sc := bufio.NewScanner(strings.NewReader(s))
	for sc.Scan() {
		l := strings.TrimSpace(sc.Text())
		if l != "" && !strings.HasPrefix(l, "#") {
			out = append(out, l)
		}
	}
	return out
}

// fuzzy finds the one tree name key misspells, from 7 letters: one letter
// added, dropped or changed, or two swapped. Shorter words are too close to
// ordinary words ("kemang"/"kenang", "sentul"/"sentuh") to guess, and two
// edits turn too many Indonesian words into names ("pengadilan" is not
// Pengasinan); words one edit from a name are listed in common.txt. When
// two names are equally near, it guesses nothing.
func (g *gazetteer) fuzzy(key string) (string, bool) {
	if len(key) < 7 || g.common[key] {
		return "", false
	}
	best, bestD, tie := "", 2, false
	for _, name := range g.byFirst[key[0]] {
		if len(name) < 7 || abs(len(name)-len(key)) > 1 {
			continue
		}
		const limit = 1
		d := distance(key, name, limit)
		switch {
		case d > limit:
		case d < bestD:
			best, bestD, tie = name, d, false
		case d == bestD && name != best:
			tie = true
		}
	}
	return best, best != "" && !tie
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// distance is the optimal-string-alignment distance between a and b (bytes:
// normalized names are ASCII), or limit+1 as soon as it must exceed limit.
func distance(a, b string, limit int) int {
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
			rowMin = min(rowMin, v)
		}
		if rowMin > limit {
			return limit + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}
