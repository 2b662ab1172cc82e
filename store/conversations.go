package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"sapa/inbox"
)

const convColumns = `c.id, c.account_id, a.name, c.platform, c.kind, c.external_key, c.title, c.context_text,
	c.context_url, COALESCE(p.external_id, ''), COALESCE(p.name, ''), COALESCE(p.handle, ''), c.status,
	c.assignee, c.unit, c.priority, c.labels, c.snooze_until, c.last_inbound_at, c.last_message_at,
	c.first_response_at, c.snippet, ` + unreadSQL + `, c.version, ` + convHidingSQL + `, c.due_at, ` + handedFromSQL

// unreadSQL says whether the reader (the first argument of the query) has
// not read the conversation's newest inbound message: one primary-key look-up
// in read_marks per row of a window, within the window's own query.
const unreadSQL = `c.unread > COALESCE((SELECT r.seq FROM read_marks r WHERE r.admin = ? AND r.conversation_id = c.id), 0)`

// handedFromSQL is the level and name ("kecamatan|Bojonggede") of the unit
// that last handed the conversation on, "" when none did: the list's "dari
// Kec. X" marker. One index look-up in handoffs per row of a window.
const handedFromSQL = `COALESCE((SELECT f.level || '|' || f.name FROM handoffs h JOIN units f ON f.code = h.from_unit
	WHERE h.conversation_id = c.id ORDER BY h.id DESC LIMIT 1), '')`

const convJoins = ` JOIN accounts a ON a.id = c.account_id LEFT JOIN contacts p ON p.id = c.contact_id `

const convFrom = ` FROM conversations c` + convJoins

func scanConversation(sc interface{ Scan(...any) error }) (inbox.Conversation, error) {
	var c inbox.Conversation
	var labels string
	var snooze, inbound, last, first, due int64
	var from string
	err := sc.Scan(&c.ID, &c.AccountID, &c.AccountName, &c.Platform, &c.Kind, &c.ExternalKey, &c.Title,
		&c.ContextText, &c.ContextURL, &c.Contact.ExternalID, &c.Contact.Name, &c.Contact.Handle, &c.Status,
		&c.Assignee, &c.Unit, &c.Priority, &labels, &snooze, &inbound, &last, &first, &c.Snippet, &c.Unread, &c.Version, &c.Hiding, &due, &from)
	if level, name, ok := strings.Cut(from, "|"); ok {
		c.HandedFrom = inbox.UnitRef{Level: level, Name: name}
	}
	c.Labels = splitLabels(labels)
	c.SnoozeUntil, c.LastInboundAt, c.LastMessageAt, c.FirstResponseAt = fromMS(snooze), fromMS(inbound), fromMS(last), fromMS(first)
	c.DueAt = fromMS(due)
	return c, err
}

func splitLabels(s string) []string {
	s = strings.Trim(s, ",")
	if s == "" {
		return nil
	}
	return strings.Split(s, ",")
}

// List returns one page of conversations matching f, newest first within
// priority. It reads through an index range whatever the inbox size: memory
// and time do not grow with the number of conversations.
func (s *Store) List(ctx context.Context, f inbox.Filter, pg Page) ([]inbox.Conversation, error) {
	return s.list(ctx, f, pg, nil)
}

// storeReader is whose read marks the unscoped store shows and sets: a
// single-user setup has one reader, and it has no registered name.
const storeReader = ""

// reader is the admin whose read marks a list shows.
func (q *Scoped) reader() string {
	if q == nil {
		return storeReader
	}
	return q.sc.Admin
}

// list is List confined to a scope (nil: everything).
func (s *Store) list(ctx context.Context, f inbox.Filter, pg Page, q *Scoped) ([]inbox.Conversation, error) {
	f = s.clocked(f)
	where, args := filterSQL(f, nil) // the scope: page.plain and page.searched
	sr, err := s.planSearch(ctx, f.Search)
	if err != nil {
		return nil, fmt.Errorf("list conversations: %w", s.noteErr(err))
	}
	order := "DESC"
	if pg.Before != nil || pg.Last {
		order = "ASC"
	}
	byDue := f.View == inbox.ViewBreaches && sr == nil
	where, args = keysetSQL(where, args, pg, byDue)
	if pg.Limit <= 0 {
		pg.Limit = 50
	}
	page := pageQuery{where: where, args: args, order: order, limit: pg.Limit, byDue: byDue, scope: q}
	// Common words in a small scope walk the whole scope: a walk that
	// gave up would read the words' matches in the whole store.
	small := false
	if sr != nil && sr.seed < 0 {
		if small, err = s.smallScope(ctx, q); err != nil {
			return nil, fmt.Errorf("list conversations: %w", s.noteErr(err))
		}
	}
	ids, idArgs := page.plain()
	switch {
	case small:
		ids, idArgs = sr.walkPage(page, s.plan.SmallScope)
	case sr != nil:
		ids, idArgs = sr.page(page, false)
	}
	out, err := s.listPage(ctx, q.reader(), page, ids, idArgs)
	if err == nil && sr != nil && sr.seed < 0 && !small && len(out) < pg.Limit {
		// The walk gave up (or the list ended): the words' matches,
		// intersected.
		ids, idArgs = sr.page(page, true)
		out, err = s.listPage(ctx, q.reader(), page, ids, idArgs)
	}
	if err == nil {
		err = s.matchedSnippets(ctx, sr, out)
	}
	if err != nil {
		return nil, fmt.Errorf("list conversations: %w", s.noteErr(err))
	}
	if order == "ASC" {
		for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
			out[i], out[j] = out[j], out[i]
		}
	}
	return out, nil
}

// keysetSQL adds the page's keyset terms: below or above a row in the list
// order, which is by due time (longest overdue first) in the breach view.
func keysetSQL(where []string, args []any, pg Page, byDue bool) ([]string, []any) {
	down, up := "<", ">"
	key := "(c.priority, c.last_message_at, c.id)"
	val := func(k *inbox.Cursor) []any { return []any{k.Priority, ms(k.LastMessageAt), k.ID} }
	if byDue {
		down, up, key = ">", "<", "(c.due_at, c.id)"
		val = func(k *inbox.Cursor) []any { return []any{ms(k.DueAt), k.ID} }
	}
	if k := pg.After; k != nil {
		where = append(where, key+" "+down+" ("+placeholders(len(val(k)))+")")
		args = append(args, val(k)...)
	}
	if k := pg.Before; k != nil {
		where = append(where, key+" "+up+" ("+placeholders(len(val(k)))+")")
		args = append(args, val(k)...)
	}
	return where, args
}

// pageQuery is one page of the list before a search is planned into it:
// the filter's and the keyset's WHERE terms, the direction and the size.
type pageQuery struct {
	where []string
	args  []any
	order string // DESC, or ASC for a page above a row
	limit int
	byDue bool // the breach view: by due time, the earliest first
	// scope confines the page; where does not hold its term (searched
	// adds it).
	scope *Scoped
}

// searched is the page with the scope's term among its WHERE terms, as a
// search's plans check it on the candidates they read.
func (p pageQuery) searched() pageQuery {
	if term, targs := p.scope.where(); term != "" {
		p.where = append([]string{term}, p.where...)
		p.args = append(append([]any{}, targs...), p.args...)
	}
	return p
}

// orderBy is the list order on table alias t, with the page's limit.
func (p pageQuery) orderBy(t string, limit int) string {
	if p.byDue {
		asc := "ASC" // down the list is later due times
		if p.order == "ASC" {
			asc = "DESC"
		}
		return fmt.Sprintf(" ORDER BY %[1]s.due_at %[2]s, %[1]s.id %[2]s LIMIT %[3]d", t, asc, limit)
	}
	return fmt.Sprintf(" ORDER BY %[1]s.priority %[2]s, %[1]s.last_message_at %[2]s, %[1]s.id %[2]s LIMIT %[3]d", t, p.order, limit)
}

// plain is the page's ids without a search, from the list index alone: in
// a scope, the scope's part of it (scopedIDs).
func (p pageQuery) plain() (string, []any) {
	if p.scope.confined() {
		return p.scope.scopedIDs(p.where, p.args, p.orderBy("c", p.limit), p.byDue)
	}
	return "SELECT c.id FROM conversations c WHERE " + strings.Join(p.where, " AND ") + p.orderBy("c", p.limit), p.args
}

// listPage reads the conversations whose ids the subquery ids selects, with
// the reader's unread marks. The
// ids are chosen first, from the list index alone, and only they are read
// and joined: a view the index cannot order (mine spans two queues) then
// sorts small index entries, not whole joined rows.
func (s *Store) listPage(ctx context.Context, reader string, p pageQuery, ids string, args []any) ([]inbox.Conversation, error) {
	q := "SELECT " + convColumns + convFrom + " WHERE c.id IN (" + ids + ")" + p.orderBy("c", p.limit)
	rows, err := s.r.QueryContext(ctx, q, append([]any{reader}, args...)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []inbox.Conversation
	for rows.Next() {
		c, err := scanConversation(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// filterSQL turns a filter into WHERE terms that match one of the list
// indexes. A search spans every view: an admin looking for an old message
// does not know whether it was closed.
func filterSQL(f inbox.Filter, q *Scoped) ([]string, []any) {
	var where []string
	var args []any
	if q != nil {
		if term, targs := q.where(); term != "" {
			where, args = append(where, term), append(args, targs...)
		}
	}
	view := f.View
	if strings.TrimSpace(f.Search) != "" {
		view = inbox.ViewAll
	}
	switch view {
	case inbox.ViewMine:
		where = append(where, "c.assignee = ?", "c.queue IN ('open', 'pending')")
		args = append(args, f.Me)
	case inbox.ViewUnassigned:
		where = append(where, "c.assignee = ''", "c.queue = 'open'")
	case inbox.ViewPending, inbox.ViewSnoozed, inbox.ViewDone:
		where = append(where, "c.queue = ?")
		args = append(args, string(view))
	case inbox.ViewBreaches:
		// Past their stamped due time; due_at is 0 unless a clock runs,
		// and the queue term keeps out what another path closed.
		where = append(where, "c.due_at > 0", "c.due_at <= ?", "c.status IN ('new', 'open')")
		args = append(args, ms(f.Now))
	case inbox.ViewAll:
		where = append(where, "1")
	default:
		where = append(where, "c.queue = 'open'")
	}
	if f.Platform != "" {
		where = append(where, "c.platform = ?")
		args = append(args, f.Platform)
	}
	if f.Label != "" {
		where = append(where, "c.labels LIKE ?")
		args = append(args, "%,"+f.Label+",%")
	}
	if f.IDs != nil {
		where = append(where, "c.id IN (SELECT value FROM json_each(?))")
		args = append(args, jsonIDs(f.IDs))
	}
	return narrowSQL(f, where, args)
}

// clocked measures a filter's waiting time from the store's clock unless
// the caller gave one.
func (s *Store) clocked(f inbox.Filter) inbox.Filter {
	if f.Now.IsZero() {
		f.Now = s.now()
	}
	return f
}

// narrowSQL adds the unit, assignee and waiting terms of a saved view.
func narrowSQL(f inbox.Filter, where []string, args []any) ([]string, []any) {
	if f.Unit != "" {
		where = append(where, `(c.unit = ? OR c.unit LIKE ? ESCAPE '\')`)
		esc := strings.NewReplacer(`\`, `\\`, "%", `\%`, "_", `\_`).Replace(f.Unit)
		args = append(args, f.Unit, esc+".%")
	}
	switch f.Assignee {
	case "":
	case "-":
		where = append(where, "c.assignee = ''")
	default:
		where = append(where, "c.assignee = ?")
		args = append(args, f.Assignee)
	}
	if f.Waiting > 0 {
		where = append(where, "c.last_inbound_at > 0", "c.last_inbound_at <= ?", "c.last_message_at <= c.last_inbound_at")
		args = append(args, ms(f.Now.Add(-f.Waiting)))
	}
	return where, args
}

// Conversation returns one conversation.
func (s *Store) Conversation(ctx context.Context, id int64) (inbox.Conversation, error) {
	return s.conversation(ctx, storeReader, id)
}

// conversation is one conversation with the reader's unread mark.
func (s *Store) conversation(ctx context.Context, reader string, id int64) (inbox.Conversation, error) {
	row := s.r.QueryRowContext(ctx, "SELECT "+convColumns+convFrom+" WHERE c.id = ?", reader, id)
	c, err := scanConversation(row)
	if err == sql.ErrNoRows {
		return c, fmt.Errorf("conversation %d: %w", id, ErrNotFound)
	}
	return c, s.noteErr(err)
}

// Count returns how many conversations match f.
func (s *Store) Count(ctx context.Context, f inbox.Filter) (int, error) {
	return s.count(ctx, f, nil)
}

// count is Count confined to a scope (nil: everything). A scoped count
// cannot use the per-platform totals, which span every unit.
func (s *Store) count(ctx context.Context, f inbox.Filter, q *Scoped) (int, error) {
	f = s.clocked(f)
	sr, err := s.planSearch(ctx, f.Search)
	if err != nil {
		return 0, err
	}
	if sr == nil && !f.Narrowed() && (q == nil || q.units == "") {
		return s.countView(ctx, f)
	}
	if sr != nil && sr.seed < 0 {
		// Common words: in a small scope, its own conversations are fewer
		// than the words' matches.
		if small, err := s.smallScope(ctx, q); err != nil || small {
			if err != nil {
				return 0, err
			}
			return s.countInScope(ctx, sr, q, f)
		}
	}
	if sr != nil {
		where, args := filterSQL(f, q)
		return s.countSearch(ctx, sr, where, args)
	}
	query, args := countSQL(f, q)
	var n int
	err = s.r.QueryRowContext(ctx, query, args...).Scan(&n)
	return n, err
}

// countSQL is the query that counts f's conversations in the scope q
// without a search: in a scope, its part of them (scopedIDs).
func countSQL(f inbox.Filter, q *Scoped) (string, []any) {
	where, args := filterSQL(f, nil)
	if q.confined() {
		ids, idArgs := q.scopedIDs(where, args, "", f.View == inbox.ViewBreaches)
		return "SELECT COUNT(*) FROM (" + ids + ")", idArgs
	}
	return "SELECT COUNT(*) FROM conversations c WHERE " + strings.Join(where, " AND "), args
}

// WakeSnoozed reopens snoozed conversations whose time has come.
// It runs every few seconds: only a wake that reopened something moves the
// change counter, or every idle session would reload its screen each time.
func (s *Store) WakeSnoozed(ctx context.Context, now time.Time) (int, error) {
	var n int64
	err := s.writeQuiet(ctx, func(tx *sql.Tx) error {
		rows, err := tx.Query(`UPDATE conversations SET status = 'open', snooze_until = 0, version = version + 1,
				waiting_since = CASE WHEN last_inbound_at > 0 AND last_inbound_at >= last_message_at THEN ?1 ELSE 0 END
			WHERE status = 'snoozed' AND snooze_until <= ?1 RETURNING id`, ms(now))
		if err != nil {
			return err
		}
		var woken []int64
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return err
			}
			woken = append(woken, id)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		n = int64(len(woken))
		if err := s.stampDue(tx, woken...); err != nil {
			return err
		}
		if n == 0 {
			return nil
		}
		if _, err := tx.Exec(`INSERT INTO audit_log (at, admin, action, detail) VALUES (?, 'sapa', 'wake', ?)`,
			ms(now), fmt.Sprintf("%d conversations", n)); err != nil {
			return err
		}
		return bumpChanges(tx)
	})
	return int(n), err
}
