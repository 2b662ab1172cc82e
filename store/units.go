package store

import (
	"context"
	"database/sql"
)

// UnitRow is one unit of the tree as the store keeps it.
type UnitRow struct {
	Code, Parent, Level, Name string
}

// SyncUnits replaces the stored unit tree with rows, whose first row is
// the root; accounts and conversations that have no unit yet (made before
// units existed) get the root. It is quiet: sessions show nothing of it.
func (s *Store) SyncUnits(ctx context.Context, rows []UnitRow) error {
	if len(rows) == 0 {
		return nil
	}
	return s.writeQuiet(ctx, func(tx *sql.Tx) error {
		var same int
		if err := tx.QueryRow(`SELECT count(*) FROM units`).Scan(&same); err != nil {
			return err
		}
		if same == len(rows) {
			var n int
			for _, r := range rows {
				var ok int
				if err := tx.QueryRow(`SELECT count(*) FROM units WHERE code = ? AND parent = ? AND level = ? AND name = ?`,
					r.Code, r.Parent, r.Level, r.Name).Scan(&ok); err != nil {
					return err
				}
				n += ok
			}
			if n == len(rows) {
				return fillUnits(tx, rows[0].Code) // unchanged: the common start
			}
		}
		if _, err := tx.Exec(`DELETE FROM units`); err != nil {
			return err
		}
		st, err := tx.Prepare(`INSERT INTO units (code, parent, level, name) VALUES (?, ?, ?, ?)`)
		if err != nil {
			return err
		}
		defer st.Close()
		for _, r := range rows {
			if _, err := st.Exec(r.Code, r.Parent, r.Level, r.Name); err != nil {
				return err
			}
		}
		return fillUnits(tx, rows[0].Code)
	})
}

// fillUnits gives the root to accounts and conversations without a unit.
func fillUnits(tx *sql.Tx, root string) error {
	if _, err := tx.Exec(`UPDATE accounts SET unit = ? WHERE unit = ''`, root); err != nil {
		return err
	}
	_, err := tx.Exec(`UPDATE conversations SET unit = ? WHERE unit = ''`, root)
	return err
}

// SetAccountUnit records the unit an account belongs to; its new
// conversations start in that unit.
func (s *Store) SetAccountUnit(ctx context.Context, id int64, unit string) error {
	return s.writeQuiet(ctx, func(tx *sql.Tx) error {
		_, err := tx.Exec(`UPDATE accounts SET unit = ? WHERE id = ?`, unit, id)
		return err
	})
}
