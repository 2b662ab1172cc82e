package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"sapa/config"
)

// KeyMap binds every action name of config.KeyActions to its keys. It is
// built from the [keys] table of the configuration and passed to the panes;
// help and `:` commands are generated from the same action names, so help
// never lies about a rebound key.
type KeyMap struct {
	bindings map[string]key.Binding
}

// NewKeyMap builds the key map from the configured keys. Actions the table
// leaves out keep their default keys; an action configured as [] is unbound.
func NewKeyMap(keys map[string]config.KeySpec) KeyMap {
	defaults := config.DefaultKeys()
	k := KeyMap{bindings: make(map[string]key.Binding, len(defaults))}
	for _, action := range config.KeyActions() {
		spec, ok := keys[action]
		if !ok {
			spec = defaults[action]
		}
		names := append([]string(nil), spec...)
		b := key.NewBinding(key.WithKeys(names...), key.WithHelp(strings.Join(names, "/"), action))
		if len(names) == 0 {
			b.SetEnabled(false)
		}
		k.bindings[action] = b
	}
	return k
}

// Binding returns the binding of an action.
func (k KeyMap) Binding(action string) key.Binding { return k.bindings[action] }

// Matches reports whether msg is one of the action's keys.
func (k KeyMap) Matches(msg tea.KeyPressMsg, action string) bool {
	return key.Matches(msg, k.bindings[action])
}

// MatchesInText is Matches for a focused text field: a key that types a
// character (a letter, "?", space) belongs to the text, so only keys that
// type nothing (esc, ctrl+s, enter, tab) can trigger an action there.
func (k KeyMap) MatchesInText(msg tea.KeyPressMsg, action string) bool {
	return msg.Text == "" && k.Matches(msg, action)
}

// Help returns the keys of an action as shown in help, "" when unbound.
// When only text keys remain usable (inText), character keys are left out.
func (k KeyMap) Help(action string, inText bool) string {
	b := k.bindings[action]
	if !b.Enabled() {
		return ""
	}
	var names []string
	for _, n := range b.Keys() {
		if inText && typesText(n) {
			continue
		}
		names = append(names, n)
	}
	return strings.Join(names, "/")
}

// typesText reports whether a key name types a character in a text field.
func typesText(name string) bool {
	return name == "space" || len([]rune(name)) == 1
}
