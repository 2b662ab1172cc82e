package main

import (
	"sapa/pii"
	"sapa/units"
)

// piiGuard builds the check the composer runs before a public reply: an NIK
// or KK from the regency must name one of the tree's kecamatan.
func piiGuard(tree *units.Tree) func(reply string, thread []string) []string {
	var kec []string
	for _, u := range tree.All() {
		if u.Level == units.Kecamatan {
			kec = append(kec, u.Code)
		}
	}
	g := pii.New(kec)
	return func(reply string, thread []string) []string {
		var kinds []string
		for _, f := range g.Check(reply, thread) {
			kinds = append(kinds, string(f.Kind))
		}
		return kinds
	}
}
