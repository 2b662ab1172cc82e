package ui

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sapa/config"
	"sapa/inbox"
)

func TestKeyRebindingFromConfig(t *testing.T) {
	e := newEnv(t)
	e.seed(t)
	cfg := testConfig()
	cfg.Keys["done"] = config.KeySpec{"w", "ctrl+d"}
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
	for _, want := range []string{"w/ctrl+d       selesai", "l              beri label"} {
		if !strings.Contains(help, want) {
			t.Errorf("help lacks %q:\n%s", want, help)
		}
	}
	for _, gone := range []string{"  d              selesai", "tunda sampai", "t              beri label"} {
		if strings.Contains(help, gone) {
			t.Errorf("help still shows %q:\n%s", gone, help)
		}
	}
	m = keys(t, m, "esc", "w")
	if c := convByName(t, e, "Siti Rahma"); c.Status != inbox.StatusDone {
		t.Fatalf("w does not mark done: %s", c.Status)
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

// TestEveryDefaultKeyRunsItsAction checks the built key map against the
// table, key by key and screen by screen: every default key of a row
// resolves to that row wherever the row works (in the composer, keys that
// type nothing), and no key of one screen resolves to two actions (the
// table would be refused).
func TestEveryDefaultKeyRunsItsAction(t *testing.T) {
	tab := newActionTable(actionRows())
	k, err := newKeyMap(tab, nil, nil)
	if err != nil {
		t.Fatalf("the default table binds a key twice: %v", err)
	}
	for _, r := range tab.rows {
		for _, name := range r.keys {
			for _, s := range screens {
				if r.where&s == 0 || (s == inCompose && typesText(name)) {
					continue
				}
				id, line, ok := k.lookup(s, press(name))
				if !ok || line != "" || id != r.id {
					got, _ := tab.row(id)
					t.Errorf("%q on screen %d runs %q (bind %q), want %s", name, s, got.name, line, r.name)
				}
			}
		}
	}
	// Every action with keys can be reached; a key of one screen means one thing.
	for _, s := range screens {
		seen := map[actionID]bool{}
		for _, id := range k.on[s] {
			seen[id] = true
		}
		for _, r := range tab.rows {
			if r.where&s != 0 && len(r.keys) > 0 && !seen[r.id] {
				t.Errorf("%s has no working key on screen %d", r.name, s)
			}
		}
	}
}

func TestKeyTablesAreChecked(t *testing.T) {
	for _, tc := range []struct {
		name  string
		keys  map[string]config.KeySpec
		binds map[string]string
		want  string
	}{
		{"unknown action", map[string]config.KeySpec{"dun": {"d"}}, nil, `keys: unknown action "dun"`},
		{"one key, two actions", map[string]config.KeySpec{"label": {"d"}}, nil, `keys: "d" is bound to both done and label`},
		{"blank key", map[string]config.KeySpec{"done": {" d"}}, nil, `keys.done: " d" is not a key name`},
		{"bind on an action's key", nil, map[string]string{"d": ":label spam"}, `binds: "d" is already the key of done`},
		{"bind to no command", nil, map[string]string{"S": ":lable spam"}, `binds."S": unknown command "lable"`},
		{"bind without colon", nil, map[string]string{"S": "label spam"}, `is not a command line`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := testConfig()
			cfg.Keys, cfg.Binds = tc.keys, tc.binds
			err := CheckKeys(cfg)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, want %q", err, tc.want)
			}
		})
	}
	// One key may serve actions of different screens: l opens on the list,
	// and may discard a draft in a conversation.
	cfg := testConfig()
	cfg.Keys = map[string]config.KeySpec{"discard": {"L"}, "open": {"enter", "L"}}
	if err := CheckKeys(cfg); err != nil {
		t.Fatalf("keys on different screens refused: %v", err)
	}
}

// TestBindsRunCommandLines binds keys to whole command lines, as aerc does.
func TestBindsRunCommandLines(t *testing.T) {
	e := newEnv(t)
	e.seed(t)
	cfg := testConfig()
	cfg.Binds = map[string]string{"S": ":label spam", "V": ":view unassigned"}
	m := newModel(t, e, cfg)
	m = keys(t, m, "S")
	if c := convByName(t, e, "Siti Rahma"); strings.Join(c.Labels, ",") != "spam" {
		t.Fatalf("S did not label spam: %v", c.Labels)
	}
	m = keys(t, m, "V")
	if m.list.filter.View != inbox.ViewUnassigned {
		t.Fatalf("V did not switch the view: %s", m.list.filter.View)
	}
	m = keys(t, m, "?")
	help := ansiStrip(strings.Join(m.helpLines(), "\n")) // the whole help, however long it grows
	for _, want := range []string{"Pintasan ([binds])", "  S              :label spam", "  V              :view unassigned"} {
		if !strings.Contains(help, want) {
			t.Errorf("help lacks %q:\n%s", want, help)
		}
	}
	// In the composer a bound letter is text.
	m = keys(t, m, "esc", "r")
	m = typeText(t, m, "S")
	if m.composer.value() != "S" {
		t.Fatalf("S in the composer should be text, got %q", m.composer.value())
	}
}

// TestConfigExampleDocumentsEveryAction keeps config.example.toml's [keys]
// section in step with the action table.
func TestConfigExampleDocumentsEveryAction(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "config.example.toml"))
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	for _, r := range actionRows() {
		if len(r.keys) == 0 {
			continue
		}
		quoted := make([]string, len(r.keys))
		for i, k := range r.keys {
			quoted[i] = fmt.Sprintf("%q", k)
		}
		want := fmt.Sprintf("# %s = [%s]\n", r.name, strings.Join(quoted, ", "))
		if !strings.Contains(text, want) {
			t.Errorf("config.example.toml lacks %q", want)
		}
	}
	if !strings.Contains(text, "\n[binds]\n") {
		t.Error("config.example.toml has no [binds] section")
	}
}
