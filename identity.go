package main

import (
	"context"
	"errors"
	"fmt"
	"os/user"

	"sapa/inbox"
	"sapa/store"
	"sapa/units"
)

// unitRows is the tree as the store keeps it, root first.
func unitRows(t *units.Tree) []store.UnitRow {
	all := t.All()
	rows := make([]store.UnitRow, len(all))
	for i, u := range all {
		rows[i] = store.UnitRow{Code: u.Code, Parent: u.Parent, Level: string(u.Level), Name: u.Name}
	}
	return rows
}

// accountUnit resolves an account's unit setting: a code, an exact name, or
// empty for the kabupaten.
func accountUnit(t *units.Tree, account, setting string) (string, error) {
	if setting == "" {
		return t.Root().Code, nil
	}
	u, err := t.Resolve(setting)
	if err != nil {
		return "", fmt.Errorf("account %q: unit: %w", account, err)
	}
	return u.Code, nil
}

// osLogin is the name of the Unix account running Sapa, from the system,
// not from the environment.
func osLogin() string {
	if u, err := user.Current(); err == nil {
		return u.Username
	}
	return ""
}

// localAdmin decides who a shell-account session is. With no admin
// registered (a fresh single-user setup) it is the configured name, acting
// as a supervisor of the whole tree. Once any admin is registered, only a
// registered, active admin named like the login (or like --as in the demo)
// may open the inbox.
func localAdmin(ctx context.Context, st *store.Store, t *units.Tree, fallback, login string) (inbox.Admin, error) {
	any, err := st.HasAdmins(ctx)
	if err != nil {
		return inbox.Admin{}, err
	}
	if !any {
		return inbox.Admin{Name: fallback, Unit: t.Root().Code, Role: inbox.Supervisor}, nil
	}
	a, err := st.Admin(ctx, login)
	if errors.Is(err, store.ErrNotFound) {
		return a, fmt.Errorf("%q is not a registered admin of this inbox; a supervisor adds you with: sapa admin add %s --unit CODE --role operator", login, login)
	} else if err != nil {
		return a, err
	}
	if !a.Disabled.IsZero() {
		return a, fmt.Errorf("admin %s is disabled", login)
	}
	return a, nil
}

// scopedStore is the store as admin a sees it.
func scopedStore(ctx context.Context, st *store.Store, a inbox.Admin) (*store.Scoped, error) {
	sc, err := st.Scope(ctx, a)
	if err != nil {
		return nil, err
	}
	return st.As(sc), nil
}

// screenUnits are the unit names a screen's `:` completion offers: those of
// the scoped store's units (a desa admin's own subtree), not the whole tree.
func screenUnits(tree *units.Tree, view *store.Scoped) []string {
	return unitNames(tree, view.Scope().Units)
}

// login is the name a shell-account session is identified by.
func (e *env) login() string {
	return osLogin()
}
