package platforms

import (
	"fmt"
	"log/slog"
	"strings"

	"sapa/config"
	"sapa/inbox"
)

// Factory builds the connector for one configured account. log is where the
// connector reports what it skips or works around (never secrets); nil
// means nowhere.
type Factory func(acct config.Account, log *slog.Logger) (Connector, error)

// Quiet returns log, or a logger that discards everything when log is nil,
// so a connector built without one (in a test) can log unconditionally.
func Quiet(log *slog.Logger) *slog.Logger {
	if log == nil {
		return slog.New(slog.DiscardHandler)
	}
	return log
}

// Registry is the list of platform descriptors Sapa links in, in display
// order. It is a value built in main.go, so tests build their own and
// nothing leaks between them.
type Registry struct{ list []Descriptor }

// NewRegistry returns a registry of ds, in that order. A duplicate name or a
// descriptor without name, badge, options or factory is a programming error
// and panics.
func NewRegistry(ds ...Descriptor) *Registry {
	r := &Registry{}
	for _, d := range ds {
		r.Register(d)
	}
	return r
}

// Register appends d. A duplicate or incomplete descriptor panics.
func (r *Registry) Register(d Descriptor) {
	if d.Name == "" || d.Badge == "" || d.Options == nil || d.New == nil {
		panic(fmt.Sprintf("platforms: incomplete descriptor %q", d.Name))
	}
	if _, dup := r.Lookup(d.Name); dup {
		panic("platforms: duplicate registration of " + string(d.Name))
	}
	r.list = append(r.list, d)
}

// Descriptors returns the descriptors in display order.
func (r *Registry) Descriptors() []Descriptor {
	return append([]Descriptor(nil), r.list...)
}

// Lookup returns the descriptor of platform p.
func (r *Registry) Lookup(p inbox.Platform) (Descriptor, bool) {
	for _, d := range r.list {
		if d.Name == p {
			return d, true
		}
	}
	return Descriptor{}, false
}

// Kinds is what config needs to decode accounts: each platform's name and
// options.
func (r *Registry) Kinds() config.Kinds {
	ks := make(config.Kinds, len(r.list))
	for i, d := range r.list {
		ks[i] = config.Kind{Name: d.Name, Options: d.Options}
	}
	return ks
}

// WithFactory returns a copy of the registry in which every platform is
// built by f: the demo simulates every platform with one simulator.
func (r *Registry) WithFactory(f Factory) *Registry {
	c := &Registry{list: r.Descriptors()}
	for i := range c.list {
		c.list[i].New = f
	}
	return c
}

// Open builds the connector for acct, or names the platforms it knows. Its
// log lines go to log, marked with the platform and account.
func (r *Registry) Open(acct config.Account, log *slog.Logger) (Connector, error) {
	d, ok := r.Lookup(acct.Platform)
	if !ok {
		return nil, fmt.Errorf("account %q: unknown platform %q (known: %s)", acct.Name, acct.Platform, r.known())
	}
	c, err := d.New(acct, Quiet(log).With("platform", string(acct.Platform), "account", acct.Name))
	if err != nil {
		return nil, fmt.Errorf("account %q: %w", acct.Name, err)
	}
	return c, nil
}

func (r *Registry) known() string {
	names := make([]string, len(r.list))
	for i, d := range r.list {
		names[i] = string(d.Name)
	}
	return strings.Join(names, ", ")
}
