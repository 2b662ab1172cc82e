package config

import (
	"fmt"
	"sort"
	"strings"
)

// defaultKeys is the key map in display order. It is the single source of
// the action names: the UI binds these names to behaviour and builds `?` and
// `:commands` from them, and config.example.toml lists the same defaults.
var defaultKeys = []struct {
	action string
	keys   KeySpec
}{
	{"up", KeySpec{"k", "up"}},
	{"down", KeySpec{"j", "down"}},
	{"top", KeySpec{"g", "home"}},
	{"bottom", KeySpec{"G", "end"}},
	{"page_up", KeySpec{"pgup", "ctrl+b"}},
	{"page_down", KeySpec{"pgdown", "ctrl+f"}},
	{"open", KeySpec{"enter", "l"}},
	{"back", KeySpec{"esc", "h"}},
	{"reply", KeySpec{"r"}},
	{"send", KeySpec{"ctrl+s"}},
	{"editor", KeySpec{"ctrl+e"}},
	{"done", KeySpec{"d"}},
	{"pending", KeySpec{"p"}},
	{"reopen", KeySpec{"o"}},
	{"assign_me", KeySpec{"m"}},
	{"assign", KeySpec{"a"}},
	{"label", KeySpec{"t"}},
	{"snooze", KeySpec{"z"}},
	{"priority", KeySpec{"!"}},
	{"next_view", KeySpec{"tab"}},
	{"prev_view", KeySpec{"shift+tab"}},
	{"platform_filter", KeySpec{"f"}},
	{"search", KeySpec{"/"}},
	{"command", KeySpec{":"}},
	{"help", KeySpec{"?"}},
	{"quit", KeySpec{"q", "ctrl+c"}},
	{"refresh", KeySpec{"ctrl+r"}},
}

// KeyActions lists every action a key can be bound to, in display order.
func KeyActions() []string {
	names := make([]string, len(defaultKeys))
	for i, d := range defaultKeys {
		names[i] = d.action
	}
	return names
}

// DefaultKeys returns a fresh copy of the default key map, action → keys.
// Default() includes it, so the [keys] table of a file only overrides the
// actions it names.
func DefaultKeys() map[string]KeySpec {
	m := make(map[string]KeySpec, len(defaultKeys))
	for _, d := range defaultKeys {
		m[d.action] = append(KeySpec(nil), d.keys...)
	}
	return m
}

// validateKeys checks that every action is known, every key is named, and no
// key is bound to two actions.
func validateKeys(keys map[string]KeySpec) error {
	known := map[string]bool{}
	for _, d := range defaultKeys {
		known[d.action] = true
	}
	actions := make([]string, 0, len(keys))
	for a := range keys {
		actions = append(actions, a)
	}
	sort.Strings(actions)
	owner := map[string]string{}
	for _, a := range actions {
		if !known[a] {
			return fmt.Errorf("keys: unknown action %q (known: %s)", a, strings.Join(KeyActions(), ", "))
		}
		for _, k := range keys[a] {
			if strings.TrimSpace(k) == "" || k != strings.TrimSpace(k) {
				return fmt.Errorf("keys.%s: %q is not a key name", a, k)
			}
			if prev, dup := owner[k]; dup && prev != a {
				return fmt.Errorf("keys: %q is bound to both %s and %s; unbind one (e.g. %s = [])", k, prev, a, prev)
			}
			owner[k] = a
		}
	}
	return nil
}
