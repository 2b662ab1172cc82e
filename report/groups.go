package report

import (
	"sort"

	"sapa/inbox"
)

// groups collects the rows of one breakdown.
type groups struct {
	by   By
	rows map[string]*Row
	// The unit tree, for ByUnit: a conversation counts in its unit and in
	// every unit above it up to the report's root.
	units    map[string]inbox.ReportUnit
	children map[string][]string
	roots    []string
}

func newGroups(units []inbox.ReportUnit, by By) *groups {
	g := &groups{by: by, rows: map[string]*Row{}}
	if by != ByUnit || len(units) == 0 {
		return g
	}
	g.units, g.children = map[string]inbox.ReportUnit{}, map[string][]string{}
	for _, u := range units {
		g.units[u.Code] = u
	}
	for _, u := range units { // sorted by code, so children are too
		if _, ok := g.units[u.Parent]; ok {
			g.children[u.Parent] = append(g.children[u.Parent], u.Code)
		} else {
			g.roots = append(g.roots, u.Code)
		}
	}
	return g
}

// keys are the rows a conversation (or a backlog group) counts in.
func (g *groups) keys(unit string, labels []string, admin, platform string) []string {
	switch g.by {
	case ByUnit:
		if g.units == nil {
			return []string{unit} // no tree in the store: the codes as they are
		}
		var out []string
		for u, ok := g.units[unit]; ok; u, ok = g.units[u.Parent] {
			out = append(out, u.Code)
		}
		return out // a unit outside the tree counts in the total only
	case ByAdmin:
		return []string{admin}
	case ByPlatform:
		return []string{platform}
	}
	if len(labels) == 0 {
		return []string{""}
	}
	return labels
}

func (g *groups) row(k string) *Row {
	r, ok := g.rows[k]
	if !ok {
		r = &Row{Key: k}
		g.rows[k] = r
	}
	return r
}

// finish orders the rows: units as a tree (a parent above its children;
// the root and its children always, deeper units when they saw anything),
// everything else busiest first.
func (g *groups) finish() []Row {
	var out []Row
	if g.units != nil {
		var walk func(code string, depth int)
		walk = func(code string, depth int) {
			u := g.units[code]
			r := g.row(code)
			if depth <= 1 || r.In > 0 || r.Backlog > 0 || r.EscUp > 0 || r.EscDown > 0 {
				r.finish()
				r.Name, r.Level, r.Depth = u.Name, u.Level, depth
				out = append(out, *r)
			}
			for _, c := range g.children[code] {
				walk(c, depth+1)
			}
		}
		for _, root := range g.roots {
			walk(root, 0)
		}
		return out
	}
	for _, r := range g.rows {
		r.finish()
		out = append(out, *r)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].In != out[j].In {
			return out[i].In > out[j].In
		}
		if out[i].Backlog != out[j].Backlog {
			return out[i].Backlog > out[j].Backlog
		}
		return out[i].Key < out[j].Key
	})
	return out
}
