package ui

import (
	"fmt"
	"sort"
	"strings"

	tea "charm.land/bubbletea/v2"

	"sapa/config"
)

// KeyMap says what each key does on each screen. It is built from the
// action table's default keys, the [keys] table of the configuration (an
// action's keys) and its [binds] table (a key's whole command line), so help
// and the footer, read from it, never lie about a rebound key.
type KeyMap struct {
	keys  map[actionID][]string
	on    map[where]map[string]actionID // screen → key → action
	binds map[string]string             // key → command line, on the list and in a conversation
}

// screens are the screens a key can act on, one bit each.
var screens = []where{inList, inThread, inCompose}

// CheckKeys reports the first problem in the [keys] and [binds] tables of
// cfg as one line naming the action or key, so a session refuses a bad
// configuration before it starts.
func CheckKeys(cfg config.Config) error {
	_, err := newKeyMap(newActionTable(actionRows()), cfg.Keys, cfg.Binds)
	return err
}

// newKeyMap builds the key map. Actions [keys] leaves out keep their default
// keys; an action set to [] is unbound. A key may do one thing per screen:
// two actions, or an action and a bind, on one key of one screen are an
// error naming both.
func newKeyMap(tab actionTable, keys map[string]config.KeySpec, binds map[string]string) (KeyMap, error) {
	k := KeyMap{keys: map[actionID][]string{}, on: map[where]map[string]actionID{}, binds: map[string]string{}}
	for _, name := range sortedKeys(keys) {
		if _, ok := tab.named(name); !ok {
			return KeyMap{}, fmt.Errorf("keys: unknown action %q (known: %s)", name, strings.Join(tab.names(), ", "))
		}
		for _, key := range keys[name] {
			if err := checkKeyName("keys."+name, key); err != nil {
				return KeyMap{}, err
			}
		}
	}
	for _, r := range tab.rows {
		spec, set := keys[r.name]
		if !set {
			spec = r.keys
		}
		k.keys[r.id] = append([]string(nil), spec...)
	}
	for _, s := range screens {
		k.on[s] = map[string]actionID{}
		for _, r := range tab.rows {
			if r.where&s == 0 {
				continue
			}
			for _, key := range k.keys[r.id] {
				if prev, taken := k.on[s][key]; taken && prev != r.id {
					p, _ := tab.row(prev)
					return KeyMap{}, fmt.Errorf("keys: %q is bound to both %s and %s; unbind one (e.g. %s = [])", key, p.name, r.name, p.name)
				}
				k.on[s][key] = r.id
			}
		}
	}
	for _, key := range sortedKeys(binds) {
		if err := checkKeyName("binds", key); err != nil {
			return KeyMap{}, err
		}
		if err := checkBind(tab, key, binds[key]); err != nil {
			return KeyMap{}, err
		}
		for _, s := range []where{inList, inThread} {
			if id, taken := k.on[s][key]; taken {
				r, _ := tab.row(id)
				return KeyMap{}, fmt.Errorf("binds: %q is already the key of %s; unbind it there (%s = [...]) or bind another key", key, r.name, r.name)
			}
		}
		k.binds[key] = strings.TrimSpace(binds[key])
	}
	return k, nil
}

// checkKeyName refuses an empty key name or one with spaces around it.
func checkKeyName(where, key string) error {
	if strings.TrimSpace(key) == "" || key != strings.TrimSpace(key) {
		return fmt.Errorf("%s: %q is not a key name", where, key)
	}
	return nil
}

// checkBind refuses a command line that names no known command.
func checkBind(tab actionTable, key, line string) error {
	fields := strings.Fields(line)
	if len(fields) == 0 || !strings.HasPrefix(fields[0], ":") {
		return fmt.Errorf("binds.%q: %q is not a command line such as \":label spam\"", key, line)
	}
	name := strings.TrimPrefix(fields[0], ":")
	if r, ok := tab.named(name); !ok || !r.command() {
		return fmt.Errorf("binds.%q: unknown command %q (known: %s)", key, name, strings.Join(tab.commandNames(), ", "))
	}
	return nil
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// lookup says what msg does on screen s: an action, or a bound command line.
// In the composer a key that types a character belongs to the text.
func (k KeyMap) lookup(s where, msg tea.KeyPressMsg) (actionID, string, bool) {
	name := msg.String()
	if s == inCompose && msg.Text != "" {
		return 0, "", false
	}
	if line, ok := k.binds[name]; ok && s != inCompose {
		return 0, line, true
	}
	id, ok := k.on[s][name]
	return id, "", ok
}

// Matches reports whether msg is one of the action's keys.
func (k KeyMap) Matches(msg tea.KeyPressMsg, id actionID) bool {
	name := msg.String()
	for _, key := range k.keys[id] {
		if key == name {
			return true
		}
	}
	return false
}

// MatchesInText is Matches for a focused text field: a key that types a
// character (a letter, "?", space) belongs to the text, so only keys that
// type nothing (esc, ctrl+s, enter, tab) can trigger an action there.
func (k KeyMap) MatchesInText(msg tea.KeyPressMsg, id actionID) bool {
	return msg.Text == "" && k.Matches(msg, id)
}

// HelpOn returns the keys that run the action on screen s, "" when none
// does there (unbound, or every key taken by a bind).
func (k KeyMap) HelpOn(s where, id actionID) string {
	var names []string
	for _, n := range k.keys[id] {
		if got, ok := k.on[s][n]; !ok || got != id || (s == inCompose && typesText(n)) {
			continue
		}
		names = append(names, n)
	}
	return strings.Join(names, "/")
}

// bindList is the [binds] table in key order, for help.
func (k KeyMap) bindList() [][2]string {
	var out [][2]string
	for _, key := range sortedKeys(k.binds) {
		out = append(out, [2]string{key, k.binds[key]})
	}
	return out
}

// typesText reports whether a key name types a character in a text field.
func typesText(name string) bool {
	return name == "space" || len([]rune(name)) == 1
}
