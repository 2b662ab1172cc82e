package ui

import (
	"context"
	"fmt"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"sapa/config"
	"sapa/inbox"
)

// Saved views: the config's shared [[view]]s and each admin's own, kept in
// the store. `:view NAME` opens one; `:save_view NAME` keeps the current
// filter; label_filter, unit_filter, held_by and waiting narrow the
// list the way a view's fields do.

// sharedViews turns the config's [[view]]s into filters.
func sharedViews(vs []config.View) []inbox.SavedView {
	var out []inbox.SavedView
	for _, v := range vs {
		status := v.Status
		if status == "" {
			status = inbox.ViewOpen
		}
		out = append(out, inbox.SavedView{Name: v.Name, Shared: true, Filter: inbox.Filter{
			View: status, Platform: v.Platform, Label: v.Label, Unit: v.Unit,
			Assignee: v.Assignee, Waiting: v.Waiting.Duration, Search: v.Text}})
	}
	return out
}

// savedViewMsg is the result of looking an admin's own view up by name.
type savedViewMsg struct {
	name  string
	view  inbox.SavedView
	found bool
	err   error
}

// viewSavedMsg says the current filter was saved as a view.
type viewSavedMsg struct {
	name string
	err  error
}

// findViewCmd reads the admin's own views and picks the one called name.
func findViewCmd(ctx context.Context, st Store, admin, name string) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := call(ctx)
		defer cancel()
		vs, err := st.SavedViews(ctx, admin)
		if err != nil {
			return savedViewMsg{name: name, err: err}
		}
		for _, v := range vs {
			if strings.EqualFold(v.Name, name) {
				return savedViewMsg{name: name, view: v, found: true}
			}
		}
		return savedViewMsg{name: name}
	}
}

// saveViewCmd keeps f as the admin's own view.
func saveViewCmd(ctx context.Context, st Store, admin, name string, f inbox.Filter) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := call(ctx)
		defer cancel()
		return viewSavedMsg{name: name, err: st.SaveView(ctx, admin, name, f)}
	}
}

// openSaved applies a saved view's filter, keeping who "mine" means.
func (m *Model) openSaved(v inbox.SavedView) tea.Cmd {
	return m.setFilter(func(f *inbox.Filter) {
		me := f.Me
		*f = v.Filter
		f.Me = me
	})
}

// openNamedView opens a shared view by name, or looks the admin's own up.
func (m *Model) openNamedView(name string) tea.Cmd {
	for _, v := range m.shared {
		if strings.EqualFold(v.Name, name) {
			return m.openSaved(v)
		}
	}
	return findViewCmd(m.deps.Ctx, m.deps.Store, m.c.admin, name)
}

func (m *Model) saveViewAction(args []string) tea.Cmd {
	if len(args) != 1 {
		m.fail(m.c.loc.T("err.view_name"))
		return nil
	}
	name := args[0]
	for _, v := range inbox.Views() {
		if strings.EqualFold(name, string(v)) || strings.EqualFold(name, m.c.loc.view(v)) {
			m.fail(m.c.loc.F("err.view_taken", name))
			return nil
		}
	}
	for _, v := range m.shared {
		if strings.EqualFold(v.Name, name) {
			m.fail(m.c.loc.F("err.view_taken", name))
			return nil
		}
	}
	f := m.list.filter
	f.Me = ""
	return saveViewCmd(m.deps.Ctx, m.deps.Store, m.c.admin, name, f)
}

// viewsMsg handles the saved views' results.
func (m *Model) viewsMsg(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case savedViewMsg:
		switch {
		case msg.err != nil:
			m.fail(m.describeErr(msg.err))
		case !msg.found:
			m.fail(m.c.loc.F("err.view", msg.name))
		default:
			return m.openSaved(msg.view)
		}
	case viewSavedMsg:
		if msg.err != nil {
			m.fail(m.describeErr(msg.err))
			return nil
		}
		m.tell(m.c.loc.F("done.view_saved", msg.name))
	}
	return nil
}

// narrow sets one narrowing field from a `:` argument; "-", "all"
// and "semua" (or no argument) clear it.
func narrow(set func(m *Model, f *inbox.Filter, v string) bool) func(m *Model, args []string) tea.Cmd {
	return func(m *Model, args []string) tea.Cmd {
		v := strings.Join(args, " ")
		switch strings.ToLower(v) {
		case "all", "semua":
			v = ""
		}
		f := m.list.filter
		if !set(m, &f, v) {
			m.fail(m.c.loc.F("err.filter_value", v))
			return nil
		}
		return m.setFilter(func(cur *inbox.Filter) { *cur = f })
	}
}

func setLabelFilter(_ *Model, f *inbox.Filter, v string) bool {
	f.Label = strings.TrimPrefix(v, "-")
	return true
}

func setAssigneeFilter(_ *Model, f *inbox.Filter, v string) bool {
	f.Assignee = v
	return true
}

func setWaitingFilter(m *Model, f *inbox.Filter, v string) bool {
	if v == "" || v == "-" || v == "0" {
		f.Waiting = 0
		return true
	}
	d, err := parseSpan(v, m.c.loc)
	if err != nil || d <= 0 {
		return false
	}
	f.Waiting = d
	return true
}

// setUnitFilter reads a unit code or name through Deps.ResolveUnit; without
// one (no unit tree) the code is taken as typed.
func setUnitFilter(m *Model, f *inbox.Filter, v string) bool {
	if v == "" || v == "-" || m.deps.ResolveUnit == nil {
		f.Unit = strings.TrimPrefix(v, "-")
		return true
	}
	code, err := m.deps.ResolveUnit(v)
	if err != nil {
		return false
	}
	f.Unit = code
	return true
}

// spanText writes a waiting time in the largest whole unit: 3h (days in
// Indonesian), 36j, 90m.
func spanText(loc locale, d time.Duration) string {
	switch {
	case d%(24*time.Hour) == 0:
		return fmt.Sprintf("%d%s", d/(24*time.Hour), loc.T("unit.day"))
	case d%time.Hour == 0:
		return fmt.Sprintf("%d%s", d/time.Hour, loc.T("unit.hour"))
	}
	return fmt.Sprintf("%d%s", d/time.Minute, loc.T("unit.min"))
}
