package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"sapa/inbox"
	"sapa/store"
	"sapa/units"
)

func TestLocalAdmin(t *testing.T) {
	ctx := context.Background()
	st, tree := storeWithDefaultUnits(t)
	a, err := localAdmin(ctx, st, tree, "operator1", "anyone")
	if err != nil || a.Name != "operator1" || a.Unit != "32.01" || a.Role != inbox.Supervisor {
		t.Fatalf("no registry: %+v, %v", a, err)
	}
	if err := st.AddAdmin(ctx, "root", inbox.Admin{Name: "siti", Unit: "32.01.05.2001", Role: inbox.Operator}); err != nil {
		t.Fatal(err)
	}
	if _, err := localAdmin(ctx, st, tree, "operator1", "anyone"); err == nil || !strings.Contains(err.Error(), "not a registered admin") {
		t.Errorf("unregistered login after registration: %v", err)
	}
	a, err = localAdmin(ctx, st, tree, "operator1", "siti")
	if err != nil || a.Unit != "32.01.05.2001" {
		t.Fatalf("registered login: %+v, %v", a, err)
	}
	view, err := scopedStore(ctx, st, a)
	if err != nil || !slicesEqual(view.Scope().Units, []string{"32.01.05.2001"}) {
		t.Errorf("desa scope: %+v, %v", view.Scope(), err)
	}
	st.DisableAdmin(ctx, "root", "siti")
	if _, err := localAdmin(ctx, st, tree, "operator1", "siti"); err == nil {
		t.Error("a disabled admin opened the inbox")
	}
}

func slicesEqual(a, b []string) bool { return strings.Join(a, ",") == strings.Join(b, ",") }

func TestAccountUnit(t *testing.T) {
	tree := units.Default()
	for setting, want := range map[string]string{"": "32.01", "Desa Cijayanti": "32.01.05.2001", "32.01.05": "32.01.05", "Kabupaten Bogor": "32.01"} {
		if got, err := accountUnit(tree, "fb", setting); err != nil || got != want {
			t.Errorf("accountUnit(%q) = %q, %v", setting, got, err)
		}
	}
	if _, err := accountUnit(tree, "fb", "Diskominfo"); err == nil || !strings.Contains(err.Error(), `account "fb"`) {
		t.Errorf("unknown unit: %v", err)
	}
}

// storeWithDefaultUnits opens an empty store holding the default unit tree
// (Kabupaten Bogor's), closed when the test ends.
func storeWithDefaultUnits(t *testing.T) (*store.Store, *units.Tree) {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "s.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	tree := units.Default()
	if err := st.SyncUnits(ctx, unitRows(tree)); err != nil {
		t.Fatal(err)
	}
	return st, tree
}
