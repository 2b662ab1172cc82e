package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"sapa/config"
)

func TestLoadUnits(t *testing.T) {
	tr, err := loadUnits(config.Units{Agencies: []config.Agency{{Code: "pupr", Name: "Dinas PUPR"}}})
	if err != nil {
		t.Fatal(err)
	}
	if tr.Root().Code != "32.01" || tr.Label("pupr") != "Dinas PUPR" {
		t.Errorf("default tree: root %s, pupr %q", tr.Root().Code, tr.Label("pupr"))
	}
	path := filepath.Join(t.TempDir(), "kota.csv")
	os.WriteFile(path, []byte("code,parent_code,level,name\n32.71,32,kota,Kota Bogor\n"), 0o600)
	if tr, err = loadUnits(config.Units{File: path}); err != nil || tr.Root().Code != "32.71" {
		t.Errorf("file tree: %v", err)
	}
	_, err = loadUnits(config.Units{Agencies: []config.Agency{{Code: "32.01.01", Name: "x"}}})
	if err == nil || !strings.Contains(err.Error(), "units.agency") {
		t.Errorf("bad agency: %v", err)
	}
}

// TestUnitNamesCompleteToOneUnitEach: `:` completes every unit below the
// root by its label, or by its code where the label is shared, and each
// completion resolves to exactly one unit.
func TestUnitNamesCompleteToOneUnitEach(t *testing.T) {
	tree, err := loadUnits(config.Units{Agencies: []config.Agency{{Code: "pdam", Name: "PDAM"}}})
	if err != nil {
		t.Fatal(err)
	}
	names := unitNames(tree, nil)
	if len(names) != tree.Len()-1 {
		t.Errorf("%d completions for %d units below the root", len(names), tree.Len()-1)
	}
	seen := map[string]bool{}
	resolve := resolveUnit(tree)
	for _, n := range names {
		code, err := resolve(n)
		if err != nil {
			t.Errorf("completion %q does not resolve: %v", n, err)
		}
		if seen[code] {
			t.Errorf("two completions name %s", code)
		}
		seen[code] = true
	}
	for _, want := range []string{"Kecamatan Cibinong", "Desa Cijayanti", "32.01.24.2008", "32.01.06.2010", "PDAM"} {
		if !slices.Contains(names, want) {
			t.Errorf("the completions lack %q", want)
		}
	}
}
