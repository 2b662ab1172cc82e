package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"sapa/inbox"
)

// ReportFacts reads what a response-time report is computed from (see
// inbox.ReportQuery), for every conversation or a unit's subtree.
func (s *Store) ReportFacts(ctx context.Context, q inbox.ReportQuery) (inbox.ReportFacts, error) {
	return s.reportFacts(ctx, q, nil)
}

// ReportFacts is Store.ReportFacts within the scope: a unit outside it is
// ErrNotFound, as if it did not exist.
func (q *Scoped) ReportFacts(ctx context.Context, rq inbox.ReportQuery) (inbox.ReportFacts, error) {
	if q.sc.Units != nil && rq.Unit != "" && !q.sees(rq.Unit) {
		return inbox.ReportFacts{}, fmt.Errorf("unit %s: %w", rq.Unit, ErrNotFound)
	}
	scope := q.sc.Units
	if scope == nil {
		scope = []string{} // the kabupaten: every unit, no filter
	}
	return q.s.reportFacts(ctx, rq, scope)
}

// reportFacts reads the period's conversations and the grouped backlog in
// one read transaction, so both see the same moment. scope nil or empty:
// no confinement beyond q.Unit.
func (s *Store) reportFacts(ctx context.Context, q inbox.ReportQuery, scope []string) (inbox.ReportFacts, error) {
	var f inbox.ReportFacts
	tx, err := s.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return f, err
	}
	defer tx.Rollback()
	if f.Units, err = reportUnits(ctx, tx, q.Unit, scope); err != nil {
		return f, err
	}
	// The filter: the chosen subtree, or the scope; none for the kabupaten.
	filter := ""
	if q.Unit != "" || len(scope) > 0 {
		codes := make([]string, len(f.Units))
		for i, u := range f.Units {
			codes[i] = u.Code
		}
		b, _ := json.Marshal(codes)
		filter = string(b)
	}
	from, to := ms(q.From), ms(q.To)
	if f.Convs, err = reportConvs(ctx, tx, from, to, filter, q.Responders); err != nil {
		return f, err
	}
	if f.Backlog, err = reportBacklog(ctx, tx, to, filter); err != nil {
		return f, err
	}
	if f.Handoffs, err = reportHandoffs(ctx, tx, from, to, filter); err != nil {
		return f, err
	}
	return f, nil
}

// reportUnits returns the units the report covers, sorted by code (the
// Kemendagri codes sort a parent before its children): unit's subtree (in
// the scope, as the caller checked unit is), or the scope, or the whole
// tree. A unit not in the tree is ErrNotFound.
func reportUnits(ctx context.Context, tx *sql.Tx, unit string, scope []string) ([]inbox.ReportUnit, error) {
	var rows *sql.Rows
	var err error
	switch {
	case unit != "":
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM units WHERE code = ?`, unit).Scan(&n); err != nil {
			return nil, err
		}
		if n == 0 {
			return nil, fmt.Errorf("unit %s: %w", unit, ErrNotFound)
		}
		rows, err = tx.QueryContext(ctx, `WITH RECURSIVE sub(code) AS (
				SELECT ? UNION SELECT u.code FROM units u JOIN sub ON u.parent = sub.code)
			SELECT u.code, u.parent, u.level, u.name FROM units u JOIN sub USING (code) ORDER BY u.code`, unit)
	case len(scope) > 0:
		b, _ := json.Marshal(scope)
		rows, err = tx.QueryContext(ctx, `SELECT code, parent, level, name FROM units
			WHERE code IN (SELECT value FROM json_each(?)) ORDER BY code`, string(b))
	default:
		rows, err = tx.QueryContext(ctx, `SELECT code, parent, level, name FROM units ORDER BY code`)
	}
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []inbox.ReportUnit
	for rows.Next() {
		var u inbox.ReportUnit
		if err := rows.Scan(&u.Code, &u.Parent, &u.Level, &u.Name); err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

// unitTerm confines conversations (alias c) to the JSON list of unit
// codes filter; "" confines nothing.
func unitTerm(filter string) (string, []any) {
	if filter == "" {
		return "", nil
	}
	return " AND c.unit IN (SELECT value FROM json_each(?))", []any{filter}
}

// reportConvs reads the conversations whose first citizen message arrived
// in [from, to): one pass over the conversations, nothing per row but the
// first responder when asked for.
func reportConvs(ctx context.Context, tx *sql.Tx, from, to int64, filter string, responders bool) ([]inbox.ReportConv, error) {
	responder := `''`
	if responders {
		responder = `CASE WHEN c.first_response_at = 0 THEN '' ELSE COALESCE((SELECT m.sent_by FROM messages m
			WHERE m.conversation_id = c.id AND m.direction = 'out' ORDER BY m.sent_at, m.id LIMIT 1), '') END`
	}
	term, args := unitTerm(filter)
	rows, err := tx.QueryContext(ctx, `SELECT c.unit, c.platform, c.assignee, c.labels, c.priority,
			c.first_inbound_at, c.first_response_at, c.status = 'done' AND c.first_response_at = 0, `+responder+`
		FROM conversations c WHERE c.first_inbound_at >= ? AND c.first_inbound_at < ?`+term,
		append([]any{from, to}, args...)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []inbox.ReportConv
	for rows.Next() {
		var c inbox.ReportConv
		var labels string
		var in, first int64
		if err := rows.Scan(&c.Unit, &c.Platform, &c.Assignee, &labels, &c.Priority, &in, &first,
			&c.ClosedUnanswered, &c.Responder); err != nil {
			return nil, err
		}
		c.Labels, c.In, c.FirstResponse = splitLabels(labels), fromMS(in), fromMS(first)
		out = append(out, c)
	}
	return out, rows.Err()
}

// reportBacklog counts, grouped, the conversations that had arrived before
// to and had no first response by then; those closed without a reply are
// not waiting for one.
func reportBacklog(ctx context.Context, tx *sql.Tx, to int64, filter string) ([]inbox.ReportBacklog, error) {
	term, args := unitTerm(filter)
	rows, err := tx.QueryContext(ctx, `SELECT c.unit, c.platform, c.assignee, c.labels, count(*)
		FROM conversations c
		WHERE c.first_inbound_at > 0 AND c.first_inbound_at < ?1
			AND (c.first_response_at = 0 OR c.first_response_at >= ?1)
			AND NOT (c.status = 'done' AND c.first_response_at = 0)`+term+`
		GROUP BY 1, 2, 3, 4`, append([]any{to}, args...)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []inbox.ReportBacklog
	for rows.Next() {
		var b inbox.ReportBacklog
		var labels string
		if err := rows.Scan(&b.Unit, &b.Platform, &b.Assignee, &labels, &b.N); err != nil {
			return nil, err
		}
		b.Labels = splitLabels(labels)
		out = append(out, b)
	}
	return out, rows.Err()
}

// reportHandoffs counts, grouped, the handoffs made in [from, to) from a
// unit of the report (the unit that escalated or delegated).
func reportHandoffs(ctx context.Context, tx *sql.Tx, from, to int64, filter string) ([]inbox.ReportHandoffs, error) {
	term := ""
	args := []any{from, to}
	if filter != "" {
		term, args = " AND h.from_unit IN (SELECT value FROM json_each(?))", append(args, filter)
	}
	rows, err := tx.QueryContext(ctx, `SELECT h.from_unit, h.admin, c.platform, c.labels, h.direction = 'up', count(*)
		FROM handoffs h JOIN conversations c ON c.id = h.conversation_id
		WHERE h.at >= ? AND h.at < ?`+term+`
		GROUP BY 1, 2, 3, 4, 5`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []inbox.ReportHandoffs
	for rows.Next() {
		var h inbox.ReportHandoffs
		var labels string
		if err := rows.Scan(&h.Unit, &h.Admin, &h.Platform, &labels, &h.Up, &h.N); err != nil {
			return nil, err
		}
		h.Labels = splitLabels(labels)
		out = append(out, h)
	}
	return out, rows.Err()
}
