package e2e

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"sapa/bench/ptymeter"
)

// demoLine is one admin's line that `sapa demo --serve` prints.
var demoLine = regexp.MustCompile(`^\s+ssh -i (\S+) -p (\d+) localhost$`)

// TestDemoServeOpensTwoAdminsSideBySide: `sapa demo --serve` prints an ssh
// command per demo admin; run as printed (plus options that keep the test
// away from the user's own ssh files), the kabupaten's supervisor and a desa
// admin each get their own inbox at once, the desa's list the shorter.
func TestDemoServeOpensTwoAdminsSideBySide(t *testing.T) {
	t.Parallel()
	d := startDemoSSH(t, "rina.humas", "dedi.bendungan")
	for name, key := range d.keys {
		info, err := os.Stat(key)
		if err != nil {
			t.Fatalf("%s's key: %v", name, err)
		}
		if info.Mode().Perm() != 0o600 {
			t.Errorf("%s's key %s has mode %v, want 0600", name, key, info.Mode().Perm())
		}
	}
	sup, desa := d.connect(t, "rina.humas"), d.connect(t, "dedi.bendungan")
	// The supervisor's list fills as the relay ingests the history; the
	// desa's holds its own Page's conversations only.
	total := func(s *ptymeter.Session) int {
		first, _, _ := strings.Cut(s.Screen(), "\n")
		f := strings.Fields(first)
		n := 0
		for _, c := range f[len(f)-1] {
			if c < '0' || c > '9' {
				return -1
			}
			n = n*10 + int(c-'0')
		}
		return n
	}
	eventually(t, startTimeout, "the supervisor's list longer than the desa's", func() (bool, error) {
		a, b := total(sup), total(desa)
		return a > 0 && b > 0 && b < a, nil
	})
}
