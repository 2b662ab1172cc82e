package store

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"sort"
	"strconv"
	"strings"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

type migration struct {
	version int
	name    string
	sql     string
}

func migrations() ([]migration, error) {
	entries, err := migrationFiles.ReadDir("migrations")
	if err != nil {
		return nil, err
	}
	var out []migration
	for _, e := range entries {
		num, _, ok := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil {
			return nil, fmt.Errorf("migration %s: name must start with a number", e.Name())
		}
		body, err := migrationFiles.ReadFile("migrations/" + e.Name())
		if err != nil {
			return nil, err
		}
		out = append(out, migration{version: v, name: e.Name(), sql: string(body)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].version < out[j].version })
	return out, nil
}

// migrate applies every migration newer than the database, each in its own
// immediate transaction, so two processes starting at once apply each once.
func (s *Store) migrate(ctx context.Context) error {
	all, err := migrations()
	if err != nil {
		return err
	}
	if err := s.writeQuiet(ctx, func(tx *sql.Tx) error {
		_, err := tx.Exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
			version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)`)
		return err
	}); err != nil {
		return err
	}
	applied := false
	for _, m := range all {
		if err := s.writeQuiet(ctx, func(tx *sql.Tx) error {
			ran, err := s.apply(tx, m, all)
			applied = applied || ran
			return err
		}); err != nil {
			return fmt.Errorf("migration %s: %w", m.name, err)
		}
	}
	if applied {
		// A migration over a million conversations fills the writer's
		// page cache (64 MiB, kept while the store is open): the session
		// that migrated held 100-120 MB resident instead of 30-50.
		if _, err := s.w.ExecContext(ctx, `PRAGMA shrink_memory`); err != nil {
			return err
		}
	}
	return nil
}

// apply runs m unless it is recorded, and reports whether it ran.
func (s *Store) apply(tx *sql.Tx, m migration, all []migration) (bool, error) {
	var newest int
	if err := tx.QueryRow(`SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&newest); err != nil {
		return false, err
	}
	if newest > all[len(all)-1].version {
		return false, ErrTooNew
	}
	// A migration is skipped when it is recorded, not when a newer one is:
	// one merged after a newer one (two branches landing in either order)
	// still runs on databases that already have the newer.
	var done bool
	if err := tx.QueryRow(`SELECT EXISTS (SELECT 1 FROM schema_migrations WHERE version = ?)`, m.version).Scan(&done); err != nil {
		return false, err
	}
	if done {
		return false, nil
	}
	if _, err := tx.Exec(m.sql); err != nil {
		return false, err
	}
	_, err := tx.Exec(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`,
		m.version, m.name, ms(s.now()))
	return true, err
}
