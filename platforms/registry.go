package platforms

import (
	"fmt"
	"sort"
	"strings"

	"sapa/config"
	"sapa/inbox"
)

// Factory builds the connector for one configured account.
type Factory func(acct config.Account) (Connector, error)

// Registry maps platform kinds to factories. It is a value built in main.go, so
// tests build their own and nothing leaks between them.
type Registry struct{ factories map[inbox.Platform]Factory }

// NewRegistry returns an empty registry.
func NewRegistry() *Registry {
	return &Registry{factories: map[inbox.Platform]Factory{}}
}

// Register adds the factory for platform p. A duplicate is a programming
// error and panics.
func (r *Registry) Register(p inbox.Platform, f Factory) {
	if _, dup := r.factories[p]; dup {
		panic("platforms: duplicate registration of " + string(p))
	}
	r.factories[p] = f
}

// Open builds the connector for acct, or names the platforms it knows.
func (r *Registry) Open(acct config.Account) (Connector, error) {
	f, ok := r.factories[acct.Platform]
	if !ok {
		return nil, fmt.Errorf("account %q: unknown platform %q (known: %s)", acct.Name, acct.Platform, r.known())
	}
	c, err := f(acct)
	if err != nil {
		return nil, fmt.Errorf("account %q: %w", acct.Name, err)
	}
	return c, nil
}

func (r *Registry) known() string {
	names := make([]string, 0, len(r.factories))
	for p := range r.factories {
		names = append(names, string(p))
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}
