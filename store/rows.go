package store

import "database/sql"

// collect scans every row with scan and closes rows, so a transaction can
// read a whole result before it writes (the relay's claims do).
func collect[T any](rows *sql.Rows, scan func(*sql.Rows) (T, error)) ([]T, error) {
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// leaseHeld reports whether holder still holds a live relay lease; a relay
// that lost it must not claim work another relay may be doing. An empty
// holder (tests, tools) always holds.
func leaseHeld(tx *sql.Tx, holder string, now int64) (bool, error) {
	if holder == "" {
		return true, nil
	}
	var live int
	err := tx.QueryRow(`SELECT COUNT(*) FROM relay_lease WHERE holder = ? AND expires_at > ?`, holder, now).Scan(&live)
	return live > 0, err
}
