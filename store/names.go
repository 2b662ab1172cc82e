package store

import (
	"context"
	"sort"
)

// namesLimit bounds each list of names offered for completion.
const namesLimit = 500

// KnownAssignees returns the names conversations are assigned to, sorted,
// for completing an admin's name. It hops from name to name along the
// assignee index (one seek per name), so it costs the same for any inbox
// size. The admins registry will be the better source once it exists.
func (s *Store) KnownAssignees(ctx context.Context) ([]string, error) {
	return s.names(ctx, `WITH RECURSIVE a(name) AS (
			SELECT MIN(assignee) FROM conversations WHERE assignee > ''
			UNION ALL
			SELECT (SELECT MIN(assignee) FROM conversations WHERE assignee > a.name) FROM a WHERE a.name IS NOT NULL)
		SELECT name FROM a WHERE name IS NOT NULL LIMIT ?`)
}

// KnownLabels returns the labels in use, sorted, for completing a label.
// No index holds labels, so it reads the conversations; the UI asks only
// when a prompt that takes a label opens, and never in Update.
func (s *Store) KnownLabels(ctx context.Context) ([]string, error) {
	sets, err := s.names(ctx, `SELECT DISTINCT labels FROM conversations WHERE labels != '' LIMIT ?`)
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	var out []string
	for _, set := range sets {
		for _, l := range splitLabels(set) {
			if !seen[l] && len(out) < namesLimit {
				seen[l] = true
				out = append(out, l)
			}
		}
	}
	sort.Strings(out)
	return out, nil
}

func (s *Store) names(ctx context.Context, query string) ([]string, error) {
	rows, err := s.r.QueryContext(ctx, query, namesLimit)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		out = append(out, n)
	}
	return out, rows.Err()
}
