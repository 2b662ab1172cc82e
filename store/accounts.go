package store

import (
	"context"
	"database/sql"
	"encoding/json"

	"sapa/inbox"
)

// EnsureAccount records a configured account and its capabilities, returning
// its id. Calling it again updates the platform and capabilities.
func (s *Store) EnsureAccount(ctx context.Context, name string, p inbox.Platform, caps inbox.Capabilities) (int64, error) {
	capsJSON, err := json.Marshal(caps)
	if err != nil {
		return 0, err
	}
	var id int64
	err = s.write(ctx, func(tx *sql.Tx) error {
		return tx.QueryRow(`INSERT INTO accounts (name, platform, capabilities) VALUES (?, ?, ?)
			ON CONFLICT (name) DO UPDATE SET platform = excluded.platform, capabilities = excluded.capabilities
			RETURNING id`, name, p, string(capsJSON)).Scan(&id)
	})
	return id, err
}

// SetAccountHealth records the outcome of the latest sync of an account. An
// unhealthy account shows its error and fix in every session's status bar.
// The relay reports it after every page it fetches: a health the store
// already holds is read, not written, so a backfill's pages do not queue a
// write transaction each behind the ingest they follow.
func (s *Store) SetAccountHealth(ctx context.Context, id int64, healthy bool, lastError string) error {
	var was bool
	var wasErr string
	err := s.r.QueryRowContext(ctx, `SELECT healthy, last_error FROM accounts WHERE id = ?`, id).Scan(&was, &wasErr)
	if err == nil && was == healthy && wasErr == lastError {
		return nil
	}
	return s.writeQuiet(ctx, func(tx *sql.Tx) error {
		r, err := tx.Exec(`UPDATE accounts SET healthy = ?, last_error = ? WHERE id = ?
			AND (healthy != ? OR last_error != ?)`, healthy, lastError, id, healthy, lastError)
		if err != nil {
			return err
		}
		if n, _ := r.RowsAffected(); n > 0 {
			return bumpChanges(tx)
		}
		return nil
	})
}

// Accounts lists every account by name.
func (s *Store) Accounts(ctx context.Context) ([]AccountInfo, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT id, name, platform, healthy, last_error, last_sync, capabilities
		FROM accounts ORDER BY name`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []AccountInfo
	for rows.Next() {
		var a AccountInfo
		var last int64
		var caps string
		if err := rows.Scan(&a.ID, &a.Name, &a.Platform, &a.Healthy, &a.LastError, &last, &caps); err != nil {
			return nil, err
		}
		a.LastSync = fromMS(last)
		if err := json.Unmarshal([]byte(caps), &a.Caps); err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// Cursor returns the stored sync cursor of an account ("" before the first sync).
func (s *Store) Cursor(ctx context.Context, accountID int64) (string, error) {
	var c string
	err := s.r.QueryRowContext(ctx, `SELECT cursor FROM sync_cursors WHERE account_id = ?`, accountID).Scan(&c)
	if err == sql.ErrNoRows {
		return "", nil
	}
	return c, err
}
