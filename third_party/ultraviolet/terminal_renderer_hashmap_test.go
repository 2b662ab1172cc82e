package uv

import (
	"hash/maphash"
	"strings"
	"testing"
)

// hash writes a line's cells as one run of bytes: the value is the one of
// writing each cell's content on its own, also for contents longer than
// the run and for runs split across the buffer's end.
func TestHashEqualsCellByCell(t *testing.T) {
	seed := maphash.MakeSeed()
	var h maphash.Hash
	h.SetSeed(seed)
	for _, contents := range [][]string{
		{},
		{"a", "b", " ", "é", "界", ""},
		strings.Split(strings.Repeat("x", 1500), ""),
		{"a", strings.Repeat("y", 700), "b", strings.Repeat("z", 511), "c"},
	} {
		l := make(Line, len(contents))
		for i, c := range contents {
			l[i].Content = c
		}
		var want maphash.Hash
		want.SetSeed(seed)
		for _, c := range contents {
			_, _ = want.WriteString(c)
		}
		if got := hash(&h, l); got != want.Sum64() {
			t.Fatalf("hash of %d cells: %x, cell by cell %x", len(contents), got, want.Sum64())
		}
	}
}
