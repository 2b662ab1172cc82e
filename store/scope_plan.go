package store

import "strings"

// scopedIDs is the subquery of the ids of the scope's conversations that
// the terms where (on alias c) select, each of its two parts in order and
// cut at the limit of tail (an orderBy; "" for all of them): the scope's
// own conversations, one range of the unit index per unit, and those its
// units handed on and follow (few), looked up by id. Driven by the scope, a
// desa's first window reads its own few dozen index entries. The single
// term where() gives was checked row by row along a list index instead:
// the unit is in none of them, so SQLite read the row of every open
// conversation of the store to check it (19,271 rows, 90-160 ms at 1M).
// The indexes are named because SQLite, without statistics, takes an
// equality on the queue for a few rows and walks the list index in order.
// The parts are disjoint (the followed ones lie outside the scope's units),
// so their rows add up. open says the terms keep to the open queue (the
// breach view's statuses), which the unit index then narrows to.
func (q *Scoped) scopedIDs(where []string, args []any, tail string, open bool) (string, []any) {
	return q.scopedRows("c.id", where, args, tail, open)
}

// scopedRows is scopedIDs with the columns cols (on alias c) of each row.
func (q *Scoped) scopedRows(cols string, where []string, args []any, tail string, open bool) (string, []any) {
	terms := strings.Join(where, " AND ")
	own := "c.unit IN (SELECT value FROM json_each(?))"
	if open {
		own += " AND c.queue = 'open'"
	}
	own = "SELECT " + cols + " FROM conversations c INDEXED BY conversations_unit WHERE " + own + " AND " + terms + tail
	followed := "SELECT " + cols + ` FROM conversations c NOT INDEXED WHERE c.id IN (SELECT conversation_id FROM handoffs
			WHERE from_unit IN (SELECT value FROM json_each(?))) AND c.unit NOT IN (SELECT value FROM json_each(?)) AND ` + terms + tail
	out := append(append([]any{q.units}, args...), q.units, q.units)
	return "SELECT * FROM (" + own + ") UNION ALL SELECT * FROM (" + followed + ")", append(out, args...)
}

// confined reports whether q confines its reads to some units (not the
// kabupaten, which sees every conversation and has no scope term).
func (q *Scoped) confined() bool { return q != nil && q.units != "" }
