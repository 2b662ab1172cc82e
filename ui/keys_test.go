package ui

import (
	"context"
	"strings"
	"testing"

	"sapa/config"
	"sapa/inbox"
)

func TestKeyRebindingFromConfig(t *testing.T) {
	e := newEnv(t)
	e.seed(t)
	cfg := testConfig()
	cfg.Keys["done"] = config.KeySpec{"x", "ctrl+d"}
	cfg.Keys["label"] = config.KeySpec{"l"}
	cfg.Keys["open"] = config.KeySpec{"enter"}
	cfg.Keys["send"] = config.KeySpec{"ctrl+j"}
	cfg.Keys["snooze"] = config.KeySpec{} // unbound
	m := newModel(t, e, cfg)

	m = keys(t, m, "d") // no longer bound
	if c := convByName(t, e, "Siti Rahma"); c.Status != inbox.StatusNew {
		t.Fatalf("d still marks done: %s", c.Status)
	}
	m = keys(t, m, "z") // unbound: nothing happens, no prompt
	if m.prompt.active() {
		t.Fatal("an unbound key opened a prompt")
	}
	m = keys(t, m, "l")
	m = typeText(t, m, "jalan\n")
	if c := convByName(t, e, "Siti Rahma"); strings.Join(c.Labels, ",") != "jalan" {
		t.Fatalf("l did not label: %v", c.Labels)
	}
	m = keys(t, m, "?")
	help := screenText(m)
	for _, want := range []string{"x/ctrl+d       selesai", "l              beri label"} {
		if !strings.Contains(help, want) {
			t.Errorf("help lacks %q:\n%s", want, help)
		}
	}
	for _, gone := range []string{"  d              selesai", "tunda sampai", "t              beri label"} {
		if strings.Contains(help, gone) {
			t.Errorf("help still shows %q:\n%s", gone, help)
		}
	}
	m = keys(t, m, "esc", "x")
	if c := convByName(t, e, "Siti Rahma"); c.Status != inbox.StatusDone {
		t.Fatalf("x does not mark done: %s", c.Status)
	}

	// In the composer a rebound send key works; a character key types text.
	m = keys(t, m, "enter", "r")
	m = typeText(t, m, "x")
	if m.composer.value() != "x" {
		t.Fatalf("x in the composer should be text, got %q", m.composer.value())
	}
	m = keys(t, m, "?")
	if !strings.Contains(screenText(m), "x?") && m.composer.value() != "x?" {
		t.Fatal("? should be text in the composer")
	}
	m = keys(t, m, "ctrl+j")
	counts, _ := e.st.OutboxCounts(context.Background())
	if counts[inbox.DeliveryQueued] != 1 {
		t.Fatalf("ctrl+j did not send: %v", counts)
	}
}

func TestDefaultKeyMapMatchesConfigDefaults(t *testing.T) {
	k := NewKeyMap(nil)
	for action, spec := range config.DefaultKeys() {
		if got, want := k.Help(action, false), strings.Join(spec, "/"); got != want {
			t.Errorf("%s: %q, want %q", action, got, want)
		}
	}
}
