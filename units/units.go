// Package units is the government's own tree of units: a kabupaten (or
// kota), its kecamatan, their desa and kelurahan, with the official
// Kemendagri codes, plus the regency's agencies (OPD) placed under the
// kabupaten. Who sees what is decided on this tree: an admin's scope is the
// admin's unit and its subtree.
//
// Kabupaten Bogor's tree is embedded and is the default. It is derived from
// idn-area-data (github.com/fityannugroho/idn-area-data), ODbL 1.0; see
// NOTICE at the repository root.
package units

import (
	"bytes"
	_ "embed" // the default tree
	"fmt"
	"sort"
	"strings"
)

// Level is a unit's place in the tree.
type Level string

// The levels of the Kemendagri tree, and the agencies Sapa adds.
const (
	Kabupaten Level = "kabupaten"
	Kota      Level = "kota"
	Kecamatan Level = "kecamatan"
	Desa      Level = "desa"
	Kelurahan Level = "kelurahan"
	Agency    Level = "opd" // a regency agency (organisasi perangkat daerah)
)

// Valid reports whether l is a level Sapa knows.
func (l Level) Valid() bool {
	switch l {
	case Kabupaten, Kota, Kecamatan, Desa, Kelurahan, Agency:
		return true
	}
	return false
}

// Unit is one node of the tree.
type Unit struct {
	Code   string // Kemendagri code ("32.01.01.2001") or an agency's code from the config
	Parent string // the parent's code; the root's parent is outside the tree ("32")
	Level  Level
	Name   string // as the source writes it: "Cibinong", "Kabupaten Bogor", "Dinas PUPR"
}

// Label is the name as an admin says it: "Desa Cijayanti", "Kecamatan
// Cibinong", "Kelurahan Pakansari"; the root and agencies keep their name.
func (u Unit) Label() string {
	switch u.Level {
	case Kecamatan:
		return "Kecamatan " + u.Name
	case Desa:
		return "Desa " + u.Name
	case Kelurahan:
		return "Kelurahan " + u.Name
	}
	return u.Name
}

// Tree is an immutable unit tree with one root. The zero value is not
// usable; build one with Parse, Load or Default.
type Tree struct {
	units    map[string]Unit
	children map[string][]string // codes, in source order
	order    []string            // every code, level by level
	root     string
}

//go:embed kabupaten-bogor.csv
var bogorCSV []byte

// Default returns Kabupaten Bogor's tree, embedded in the binary.
func Default() *Tree {
	t, err := Parse(bytes.NewReader(bogorCSV))
	if err != nil {
		panic("units: the embedded Kabupaten Bogor tree is invalid: " + err.Error()) // a test parses it
	}
	return t
}

// Root is the kabupaten or kota at the top of the tree.
func (t *Tree) Root() Unit { return t.units[t.root] }

// Get returns the unit with the given code.
func (t *Tree) Get(code string) (Unit, bool) {
	u, ok := t.units[code]
	return u, ok
}

// Len is the number of units, agencies included.
func (t *Tree) Len() int { return len(t.order) }

// All returns every unit level by level (the root, the kecamatan and
// agencies, then the desa and kelurahan), each level in source order.
func (t *Tree) All() []Unit {
	out := make([]Unit, len(t.order))
	for i, c := range t.order {
		out[i] = t.units[c]
	}
	return out
}

// Children returns the direct children of code, in source order.
func (t *Tree) Children(code string) []Unit {
	cs := t.children[code]
	out := make([]Unit, len(cs))
	for i, c := range cs {
		out[i] = t.units[c]
	}
	return out
}

// Chain returns code's unit and its ancestors up to the root, nearest first;
// nil when code is not in the tree.
func (t *Tree) Chain(code string) []Unit {
	var out []Unit
	for {
		u, ok := t.units[code]
		if !ok {
			return out
		}
		out = append(out, u)
		code = u.Parent
	}
}

// Contains reports whether code is ancestor itself or lies in its subtree.
// Codes outside the tree are in nobody's subtree.
func (t *Tree) Contains(ancestor, code string) bool {
	if _, ok := t.units[ancestor]; !ok {
		return false
	}
	for _, u := range t.Chain(code) {
		if u.Code == ancestor {
			return true
		}
	}
	return false
}

// Subtree returns code and the codes of all its descendants, parents first;
// nil when code is not in the tree.
func (t *Tree) Subtree(code string) []string {
	if _, ok := t.units[code]; !ok {
		return nil
	}
	out := []string{code}
	for i := 0; i < len(out); i++ {
		out = append(out, t.children[out[i]]...)
	}
	return out
}

// Label is the unit's Label, or the code itself when the tree does not have
// it (a unit removed from the tree still shows something).
func (t *Tree) Label(code string) string {
	if u, ok := t.units[code]; ok {
		return u.Label()
	}
	return code
}

// Path is the unit's label followed by its ancestors' below the root, for
// telling apart desa that share a name: "Desa Sukamaju, Kecamatan Cibungbulang".
func (t *Tree) Path(code string) string {
	chain := t.Chain(code)
	if len(chain) == 0 {
		return code
	}
	var parts []string
	for _, u := range chain {
		if u.Code == t.root && len(chain) > 1 {
			break
		}
		parts = append(parts, u.Label())
	}
	return strings.Join(parts, ", ")
}

// ByName returns the units whose name or label equals name, ignoring case
// and surrounding spaces, in source order. Several desa may share a name.
// Loose matching of place names in messages is the router's job; this is
// the exact lookup for commands and configuration.
func (t *Tree) ByName(name string) []Unit {
	want := strings.ToLower(strings.Join(strings.Fields(name), " "))
	var out []Unit
	for _, c := range t.order {
		u := t.units[c]
		if strings.ToLower(u.Name) == want || strings.ToLower(u.Label()) == want {
			out = append(out, u)
		}
	}
	return out
}

// Resolve finds one unit by code, else by exact name or label. An
// ambiguous name is an error that lists the candidates with their codes.
func (t *Tree) Resolve(s string) (Unit, error) {
	if u, ok := t.units[strings.TrimSpace(s)]; ok {
		return u, nil
	}
	found := t.ByName(s)
	switch len(found) {
	case 0:
		return Unit{}, fmt.Errorf("no unit %q in %s", s, t.Root().Name)
	case 1:
		return found[0], nil
	}
	var alts []string
	for _, u := range found {
		alts = append(alts, u.Code+" ("+t.Path(u.Code)+")")
	}
	sort.Strings(alts)
	return Unit{}, fmt.Errorf("%q names %d units; use a code: %s", s, len(found), strings.Join(alts, "; "))
}
