package main

import (
	"context"
	"slices"
	"testing"

	"sapa/inbox"
)

// TestScreenUnitsFollowTheScope: a desa admin's `:unit_filter` completion
// offers their desa only; a kecamatan admin's their kecamatan and its desa;
// a kabupaten admin's every unit.
func TestScreenUnitsFollowTheScope(t *testing.T) {
	ctx := context.Background()
	st, tree := storeWithDefaultUnits(t)
	names := func(a inbox.Admin) []string {
		t.Helper()
		if err := st.AddAdmin(ctx, "root", a); err != nil {
			t.Fatal(err)
		}
		view, err := scopedStore(ctx, st, a)
		if err != nil {
			t.Fatal(err)
		}
		return screenUnits(tree, view)
	}
	desa := names(inbox.Admin{Name: "dedi", Unit: "32.01.24.2008", Role: inbox.Operator})
	if len(desa) != 1 || desa[0] != unitNames(tree, nil)[slices.IndexFunc(unitNames(tree, nil), func(n string) bool {
		c, _ := resolveUnit(tree)(n)
		return c == "32.01.24.2008"
	})] {
		t.Errorf("desa admin completes %d units: %.5q", len(desa), desa)
	}
	kec := names(inbox.Admin{Name: "euis", Unit: "32.01.24", Role: inbox.Operator})
	if !slices.Contains(kec, "Kecamatan Ciawi") || len(kec) < 2 || slices.Contains(kec, "Kecamatan Cibinong") {
		t.Errorf("kecamatan admin completes %.5q (%d)", kec, len(kec))
	}
	if all := names(inbox.Admin{Name: "dewi", Unit: "32.01", Role: inbox.Operator}); len(all) != len(unitNames(tree, nil)) {
		t.Errorf("kabupaten admin completes %d of %d units", len(all), len(unitNames(tree, nil)))
	}
}
