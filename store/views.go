package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"sapa/inbox"
)

// savedFilter is how a saved view's filter is kept: only what a view
// means, never the admin (Me) or the clock (Now).
type savedFilter struct {
	View     inbox.View     `json:"view,omitempty"`
	Platform inbox.Platform `json:"platform,omitempty"`
	Search   string         `json:"text,omitempty"`
	Label    string         `json:"label,omitempty"`
	Unit     string         `json:"unit,omitempty"`
	Assignee string         `json:"assignee,omitempty"`
	Waiting  int64          `json:"waiting_s,omitempty"`
}

// ErrViewName is returned for a view name that is empty or holds spaces,
// which `:view NAME` could not reach.
var ErrViewName = errors.New("a view's name is one word")

// SaveView keeps f as admin's own view called name, replacing one of the
// same name.
func (s *Store) SaveView(ctx context.Context, admin, name string, f inbox.Filter) error {
	if name == "" || strings.ContainsAny(name, " \t\n") {
		return fmt.Errorf("save view %q: %w", name, ErrViewName)
	}
	js, err := encodeFilter(f)
	if err != nil {
		return err
	}
	return s.write(ctx, func(tx *sql.Tx) error {
		_, err := tx.Exec(`INSERT INTO saved_views (admin, name, filter, saved_at) VALUES (?, ?, ?, ?)
			ON CONFLICT (admin, name) DO UPDATE SET filter = excluded.filter, saved_at = excluded.saved_at`,
			admin, name, js, ms(time.Now()))
		return err
	})
}

// SavedViews returns admin's own views by name.
func (s *Store) SavedViews(ctx context.Context, admin string) ([]inbox.SavedView, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT name, filter FROM saved_views WHERE admin = ? ORDER BY name`, admin)
	if err != nil {
		return nil, fmt.Errorf("saved views: %w", err)
	}
	defer rows.Close()
	var out []inbox.SavedView
	for rows.Next() {
		var name, js string
		if err := rows.Scan(&name, &js); err != nil {
			return nil, err
		}
		f, err := decodeFilter(js)
		if err != nil {
			return nil, fmt.Errorf("saved view %q: %w", name, err)
		}
		out = append(out, inbox.SavedView{Name: name, Filter: f})
	}
	return out, rows.Err()
}

// encodeFilter is how a filter is kept (a saved view, an admin's screen).
func encodeFilter(f inbox.Filter) (string, error) {
	b, err := json.Marshal(savedFilter{View: f.View, Platform: f.Platform, Search: f.Search, Label: f.Label,
		Unit: f.Unit, Assignee: f.Assignee, Waiting: int64(f.Waiting / time.Second)})
	return string(b), err
}

// decodeFilter reads a kept filter back; its Me and Now are left zero.
func decodeFilter(js string) (inbox.Filter, error) {
	var sf savedFilter
	if err := json.Unmarshal([]byte(js), &sf); err != nil {
		return inbox.Filter{}, err
	}
	return inbox.Filter{View: sf.View, Platform: sf.Platform, Search: sf.Search, Label: sf.Label, Unit: sf.Unit,
		Assignee: sf.Assignee, Waiting: time.Duration(sf.Waiting) * time.Second}, nil
}
