package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"sapa/inbox"
)

// demoEnv is `sapa demo --no-live --seed 1` plus extra options in a fresh
// home, with the demo's whole history in the store.
func demoEnv(t *testing.T, o options) *env {
	t.Helper()
	t.Setenv("SAPA_CONFIG", "")
	t.Setenv("XDG_DATA_HOME", t.TempDir())
	t.Setenv("XDG_CONFIG_HOME", t.TempDir())
	o.command, o.noLive, o.seed = "demo", true, 1
	e, err := setup(o)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(e.close)
	return e
}

// fillDemo runs the relay until the demo's history is in the store.
func fillDemo(t *testing.T, e *env) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	rl, err := e.newRelay()
	if err != nil {
		t.Fatal(err)
	}
	go func() { done <- rl.Run(ctx) }()
	defer func() { cancel(); <-done }()
	deadline := time.Now().Add(30 * time.Second)
	for {
		n, err := e.st.Count(context.Background(), inbox.Filter{View: inbox.ViewAll})
		if err != nil {
			t.Fatal(err)
		}
		if n >= 300 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("the demo history did not arrive: %d conversations", n)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// TestDemoRegistersTheTeam: the demo's store holds the team on real units
// of Kabupaten Bogor: a kabupaten supervisor, kecamatan and desa admins, an
// agency's, a viewer and one who needs approval.
func TestDemoRegistersTheTeam(t *testing.T) {
	e := demoEnv(t, options{})
	ctx := context.Background()
	admins, err := e.st.Admins(ctx)
	if err != nil {
		t.Fatal(err)
	}
	levels := map[string]int{}
	var viewer, approval bool
	for _, a := range admins {
		u, ok := e.units.Get(a.Unit)
		if !ok {
			t.Errorf("%s belongs to %q, not a unit of the tree", a.Name, a.Unit)
			continue
		}
		levels[string(u.Level)]++
		viewer = viewer || a.Role == inbox.Viewer
		approval = approval || a.NeedsApproval
	}
	if len(admins) != len(demoTeam()) {
		t.Errorf("%d admins registered, want the %d of the team", len(admins), len(demoTeam()))
	}
	if levels["kabupaten"] == 0 || levels["kecamatan"] < 2 || levels["desa"] < 2 || levels["opd"] == 0 || !viewer || !approval {
		t.Errorf("the team has levels %v, a viewer %v, one needing approval %v", levels, viewer, approval)
	}
	sup, err := e.st.Admin(ctx, demoSupervisor)
	if err != nil || sup.Role != inbox.Supervisor || sup.Unit != e.units.Root().Code {
		t.Errorf("the demo opens as %+v (%v), want the kabupaten's supervisor", sup, err)
	}
	// A second start registers nobody twice.
	if err := e.ensureTeam(ctx); err != nil {
		t.Fatal(err)
	}
	if again, _ := e.st.Admins(ctx); len(again) != len(admins) {
		t.Errorf("a second start left %d admins, want %d", len(again), len(admins))
	}
}

// TestDemoAsAppliesScope: --as opens the demo as that admin, who sees their
// unit's conversations only; without --as it is the kabupaten's supervisor,
// who sees all; an unknown name is refused with the team's names.
func TestDemoAsAppliesScope(t *testing.T) {
	e := demoEnv(t, options{as: "dedi.bendungan"})
	fillDemo(t, e)
	ctx := context.Background()
	open := func(name string) []inbox.Conversation {
		t.Helper()
		e.opts.as = name
		login, err := e.demoLogin(ctx)
		if err != nil {
			t.Fatal(err)
		}
		a, err := localAdmin(ctx, e.st, e.units, e.cfg.Admin.Name, login)
		if err != nil {
			t.Fatal(err)
		}
		view, err := scopedStore(ctx, e.st, a)
		if err != nil {
			t.Fatal(err)
		}
		cs, err := view.List(ctx, inbox.Filter{View: inbox.ViewAll}, inbox.Page{Limit: 1000})
		if err != nil {
			t.Fatal(err)
		}
		return cs
	}
	desa := open("dedi.bendungan")
	all := open("")
	kec := open("euis.ciawi")
	if len(desa) == 0 || len(desa) >= len(kec) || len(kec) >= len(all) {
		t.Fatalf("Desa Bendungan sees %d, Kecamatan Ciawi %d, the kabupaten %d; want 0 < desa < kecamatan < all", len(desa), len(kec), len(all))
	}
	for _, c := range desa {
		if !e.units.Contains("32.01.24.2008", c.Unit) {
			t.Errorf("the admin of Desa Bendungan sees conversation %d of unit %s", c.ID, c.Unit)
		}
	}
	for _, c := range kec {
		if !e.units.Contains("32.01.24", c.Unit) {
			t.Errorf("the admin of Kecamatan Ciawi sees conversation %d of unit %s", c.ID, c.Unit)
		}
	}
	e.opts.as = "siapa.saja"
	if _, err := e.demoLogin(ctx); err == nil || !strings.Contains(err.Error(), "dedi.bendungan") {
		t.Errorf("--as with an unknown name: %v; want an error listing the team", err)
	}
}

// TestDemoKeysAreMadeOnceAndRegistered: --serve's key pair per admin is
// written 0600 in the demo's directory, registered to that admin, and kept
// across runs.
func TestDemoKeysAreMadeOnceAndRegistered(t *testing.T) {
	e := demoEnv(t, options{})
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "keys")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	path, err := e.demoKey(ctx, dir, "asep.cibinong")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{path, path + ".pub"} {
		info, err := os.Stat(f)
		if err != nil {
			t.Fatal(err)
		}
		if info.Mode().Perm() != 0o600 {
			t.Errorf("%s has mode %v, want 0600", f, info.Mode().Perm())
		}
	}
	priv, _ := os.ReadFile(path)
	if !strings.HasPrefix(string(priv), "-----BEGIN OPENSSH PRIVATE KEY-----") {
		t.Errorf("the private key is not in OpenSSH format: %.40q", priv)
	}
	if _, err := e.demoKey(ctx, dir, "asep.cibinong"); err != nil {
		t.Fatal(err)
	}
	again, _ := os.ReadFile(path)
	a, err := e.st.Admin(ctx, "asep.cibinong")
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Keys) != 1 || string(again) != string(priv) {
		t.Errorf("after two runs: %d keys registered, key file kept %v; want 1, true", len(a.Keys), string(again) == string(priv))
	}
}
