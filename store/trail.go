package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strings"

	"sapa/inbox"
)

// Trail returns how a conversation was routed, handed on and noted, oldest
// first.
func (s *Store) Trail(ctx context.Context, convID int64) (inbox.Trail, error) {
	var t inbox.Trail
	db := readRow{ctx, s.r}
	var r inbox.Routing
	var unit, agency string
	var at int64
	err := db.QueryRow(`SELECT at, unit, matched, applied, agency, keyword FROM routes WHERE conversation_id = ?`, convID).
		Scan(&at, &unit, &r.Matched, &r.Applied, &agency, &r.Keyword)
	switch {
	case errors.Is(err, sql.ErrNoRows):
	case err != nil:
		return t, err
	default:
		r.At = fromMS(at)
		if unit != "" {
			r.Unit, _ = unitRef(db, unit) // a unit gone from the tree shows its code
		}
		if agency != "" {
			if r.Agency, err = unitRef(db, agency); errors.Is(err, ErrNoUnit) {
				r.Agency = inbox.UnitRef{Name: agency} // a keyword rule's agency that is no unit
			}
		}
		t.Route = &r
	}
	rows, err := s.r.QueryContext(ctx, `SELECT h.at, h.admin, h.direction, h.note,
			h.from_unit, COALESCE(f.level, ''), COALESCE(f.name, ''), h.to_unit, COALESCE(u.level, ''), COALESCE(u.name, '')
		FROM handoffs h LEFT JOIN units f ON f.code = h.from_unit LEFT JOIN units u ON u.code = h.to_unit
		WHERE h.conversation_id = ? ORDER BY h.id`, convID)
	if err != nil {
		return t, err
	}
	for rows.Next() {
		var h inbox.Handoff
		if err := rows.Scan(&at, &h.Admin, &h.Way, &h.Note, &h.From.Code, &h.From.Level, &h.From.Name,
			&h.To.Code, &h.To.Level, &h.To.Name); err != nil {
			rows.Close()
			return t, err
		}
		h.At = fromMS(at)
		t.Handoffs = append(t.Handoffs, h)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return t, err
	}
	rows, err = s.r.QueryContext(ctx, `SELECT at, admin, text FROM notes WHERE conversation_id = ? ORDER BY id`, convID)
	if err != nil {
		return t, err
	}
	defer rows.Close()
	for rows.Next() {
		var n inbox.Note
		if err := rows.Scan(&at, &n.Admin, &n.Text); err != nil {
			return t, err
		}
		n.At = fromMS(at)
		t.Notes = append(t.Notes, n)
	}
	return t, rows.Err()
}

// Targets lists where a conversation may go from its unit: up, down, across
// to an agency, and (for the correction of a route) every unit.
func (s *Store) Targets(ctx context.Context, convID int64) (inbox.Targets, error) {
	return s.targets(ctx, convID, "")
}

// targets is Targets with the places limited to the units of scope (a JSON
// array; "": every unit).
func (s *Store) targets(ctx context.Context, convID int64, scope string) (inbox.Targets, error) {
	var t inbox.Targets
	db := readRow{ctx, s.r}
	var code, parent string
	err := db.QueryRow(`SELECT c.unit, COALESCE(u.parent, '') FROM conversations c LEFT JOIN units u ON u.code = c.unit
		WHERE c.id = ?`, convID).Scan(&code, &parent)
	if errors.Is(err, sql.ErrNoRows) {
		return t, ErrNotFound
	} else if err != nil {
		return t, err
	}
	t.Unit, _ = unitRef(db, code)
	if up, err := unitRef(db, parent); err == nil {
		t.Up = &up
	} else if !errors.Is(err, ErrNoUnit) {
		return t, err
	}
	if t.Down, err = unitRefs(s.r.QueryContext(ctx, `WITH RECURSIVE sub(code) AS (
			SELECT code FROM units WHERE parent = ?1 AND level != 'opd'
			UNION ALL SELECT x.code FROM units x JOIN sub ON x.parent = sub.code)
		`+unitRefSQL+` JOIN sub ON sub.code = u.code ORDER BY u.code`, code)); err != nil {
		return t, err
	}
	if t.Across, err = unitRefs(s.r.QueryContext(ctx, unitRefSQL+` WHERE u.level = 'opd' AND u.code != ? ORDER BY u.name`, code)); err != nil {
		return t, err
	}
	q, args := unitRefSQL, []any{}
	if scope != "" {
		q, args = q+` WHERE u.code IN (SELECT value FROM json_each(?))`, []any{scope}
	}
	t.Places, err = unitRefs(s.r.QueryContext(ctx, q+` ORDER BY u.code`, args...))
	return t, err
}

// Route is what the router read in one citizen's message, for ApplyRoutes.
type Route struct {
	Conversation int64
	Unit         string // the unit the message names; "" none
	Matched      string // the words that named it, as written
	Confident    bool   // apply Unit; else only suggest it
	Agency       string // the agency a keyword rule named: its code when a unit of the tree, else its name
	Keyword      string // the words that named the agency
}

// Unplaced reports which of the conversations nobody has placed yet: still
// in the kabupaten (their account's default) and neither routed nor moved
// by an admin. The relay reads only their messages for places.
func (s *Store) Unplaced(ctx context.Context, ids []int64) (map[int64]bool, error) {
	b, err := json.Marshal(ids)
	if err != nil {
		return nil, err
	}
	rows, err := s.r.QueryContext(ctx, `SELECT c.id FROM conversations c WHERE c.id IN (SELECT value FROM json_each(?))
		AND `+unplacedSQL, string(b))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]bool{}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out[id] = true
	}
	return out, rows.Err()
}

// unplacedSQL holds for a conversation (alias c) nobody has placed: its unit
// is the root of the tree (no parent among the units) and nobody set it.
const unplacedSQL = `c.unit_set_by = '' AND NOT EXISTS (SELECT 1 FROM units u JOIN units p ON p.code = u.parent WHERE u.code = c.unit)`

// ApplyRoutes records what the router read in conversations the relay just
// stored. A confident unit is applied, audited as the relay's, to a
// conversation nobody has placed yet (still in the kabupaten, the account's
// default, and neither routed nor moved by an admin); anything else is kept
// as a suggestion the thread shows. Conversations already placed are left
// as they are.
//
// Routes are written as ingest is, on its connection without waiting for
// the disk (see Ingest): they follow from messages stored that way, a
// power cut that took one back costs only a conversation left in its
// account's unit, and an fsync per fetched page would cap the relay at a
// few hundred pages a second.
func (s *Store) ApplyRoutes(ctx context.Context, routes []Route) error {
	if len(routes) == 0 {
		return nil
	}
	var changed bool
	err := s.writeOn(ctx, s.g, func(tx *sql.Tx) error {
		changed = false
		now := ms(s.now())
		for _, r := range routes {
			var open int
			err := tx.QueryRow(`SELECT EXISTS (SELECT 1 FROM conversations c WHERE c.id = ? AND `+unplacedSQL+`)`,
				r.Conversation).Scan(&open)
			if err != nil {
				return err
			}
			if open == 0 || (r.Unit == "" && r.Agency == "" && r.Matched == "") {
				continue
			}
			applied := false
			if r.Confident && r.Unit != "" {
				to, err := unitRef(tx, r.Unit)
				if errors.Is(err, ErrNoUnit) {
					continue // a tree changed under the router: place nothing
				} else if err != nil {
					return err
				}
				if _, err := tx.Exec(`UPDATE conversations SET unit = ?, unit_set_by = ?, version = version + 1 WHERE id = ?`,
					r.Unit, RelayActor, r.Conversation); err != nil {
					return err
				}
				detail := to.Short()
				if r.Matched != "" {
					detail += ": " + r.Matched
				}
				if err := logAudit(tx, now, RelayActor, inbox.AuditRoute, r.Conversation, detail); err != nil {
					return err
				}
				applied = true
			}
			if _, err := tx.Exec(`INSERT INTO routes (conversation_id, at, unit, matched, applied, agency, keyword)
				VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (conversation_id) DO UPDATE SET at = excluded.at, unit = excluded.unit,
				matched = excluded.matched, applied = excluded.applied, agency = excluded.agency, keyword = excluded.keyword`,
				r.Conversation, now, r.Unit, strings.TrimSpace(r.Matched), applied, r.Agency, r.Keyword); err != nil {
				return err
			}
			changed = true
		}
		if changed {
			return bumpChanges(tx)
		}
		return nil
	})
	if err == nil && changed {
		s.unsynced.Store(true) // on the disk at the relay's next Sync
	}
	return err
}
