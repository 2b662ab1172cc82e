package store

import (
	"database/sql"

	"sapa/inbox"
)

// chunk is how many rows one statement of a batch reads or writes at most
// (a backfill hands Ingest thousands of messages; SQLite binds at most
// 32766 variables). A power of two, for inChunks.
const chunk = 128

// read loads what the batch's items refer to: their authors, their
// conversations and which of their messages are stored already.
func (b *batch) read(items []inbox.Inbound) error {
	var authors, keys, ids []any
	seen := map[string]bool{}
	for _, it := range items {
		if !usable(it) {
			continue
		}
		m := it.Message
		if hasAuthor(m) && !seen["a"+m.Author.ExternalID] {
			seen["a"+m.Author.ExternalID] = true
			authors = append(authors, m.Author.ExternalID)
		}
		if !seen["t"+it.Thread.ExternalKey] {
			seen["t"+it.Thread.ExternalKey] = true
			keys = append(keys, it.Thread.ExternalKey)
		}
		ids = append(ids, m.ExternalID)
	}
	err := inChunks(len(authors), chunk, func(from, to int) error {
		return b.query(`SELECT id, external_id, name, handle FROM contacts WHERE platform = ? AND external_id IN (`+placeholders(to-from)+`)`,
			append([]any{b.platform}, authors[from:to]...), func(r *sql.Rows) error {
				var c contactRow
				var ext string
				if err := r.Scan(&c.id, &ext, &c.name, &c.handle); err != nil {
					return err
				}
				b.contacts[ext] = &c
				return nil
			})
	})
	if err != nil {
		return err
	}
	err = inChunks(len(keys), chunk, func(from, to int) error {
		return b.query(`SELECT id, external_key, kind, title, context_text, context_url, contact_id, status, priority, platform,
				snippet, last_message_at, last_inbound_at, first_inbound_at, unread, snooze_until, first_response_at,
				waiting_since, due_at, COALESCE((SELECT MAX(m.id) FROM messages m
					WHERE m.id BETWEEN conversations.id << 24 AND (conversations.id << 24) + 16777215), conversations.id << 24)
			FROM conversations WHERE account_id = ? AND external_key IN (`+placeholders(to-from)+`)`,
			append([]any{b.accountID}, keys[from:to]...), b.scanConv)
	})
	if err != nil {
		return err
	}
	return inChunks(len(ids), chunk, func(from, to int) error {
		return b.query(`SELECT external_id FROM messages WHERE account_id = ? AND external_id IN (`+placeholders(to-from)+`)`,
			append([]any{b.accountID}, ids[from:to]...), func(r *sql.Rows) error {
				var id string
				if err := r.Scan(&id); err != nil {
					return err
				}
				b.stored[id] = true
				return nil
			})
	})
}

// scanConv keeps a stored conversation's row.
func (b *batch) scanConv(r *sql.Rows) error {
	c := &conv{}
	var last int64
	if err := r.Scan(&c.id, &c.key, &c.kind, &c.title, &c.contextText, &c.contextURL, &c.contactID, &c.status,
		&c.priority, &c.platform, &c.snippet, &c.lastMessageAt, &c.lastInboundAt, &c.firstInboundAt, &c.unread,
		&c.snoozeUntil, &c.firstResponseAt, &c.waitingSince, &c.dueAt, &last); err != nil {
		return err
	}
	c.next = last + 1
	b.convs[c.key] = c
	b.order = append(b.order, c)
	return nil
}

// query runs q and calls fn for every row.
func (b *batch) query(q string, args []any, fn func(*sql.Rows) error) error {
	r, err := b.tx.Query(q, args...)
	if err != nil {
		return err
	}
	defer r.Close()
	for r.Next() {
		if err := fn(r); err != nil {
			return err
		}
	}
	return r.Err()
}

// write stores what add worked out: the conversations, then their
// messages (which refer to them), the audit entries, and the messages'
// places in the queue of the search index (see IndexPending).
func (b *batch) write() error {
	var fresh, changed []*conv
	for _, c := range b.order {
		switch {
		case c.isNew:
			fresh = append(fresh, c)
		case c.touches > 0 || c.metaChanged:
			changed = append(changed, c)
		}
	}
	const convCols = 21
	err := inChunks(len(fresh), chunk, func(from, to int) error {
		args := make([]any, 0, (to-from)*convCols)
		for _, c := range fresh[from:to] {
			args = append(args, c.id, b.accountID, c.platform, c.key, c.kind, c.title, c.contextText, c.contextURL,
				c.contactID, b.unit, c.status, c.snippet, c.lastMessageAt, c.lastInboundAt, c.firstInboundAt,
				c.unread, c.snoozeUntil, c.firstResponseAt, c.waitingSince, c.dueAt, 1+c.touches)
		}
		_, err := b.tx.Exec(`INSERT INTO conversations (id, account_id, platform, external_key, kind, title, context_text,
				context_url, contact_id, unit, status, snippet, last_message_at, last_inbound_at, first_inbound_at,
				unread, snooze_until, first_response_at, waiting_since, due_at, version)
			VALUES `+rows(to-from, convCols), args...)
		return err
	})
	if err != nil {
		return err
	}
	if err := b.update(changed); err != nil {
		return err
	}
	const msgCols = 13
	err = inChunks(len(b.msgs), chunk, func(from, to int) error {
		args := make([]any, 0, (to-from)*msgCols)
		for _, n := range b.msgs[from:to] {
			m := n.m
			args = append(args, n.id, n.conv.id, b.accountID, m.ExternalID, m.ParentID, m.Direction,
				m.Author.ExternalID, m.Author.Name, m.Author.Handle, m.Text, ms(m.SentAt), m.SentBy, m.Hidden)
		}
		_, err := b.tx.Exec(`INSERT INTO messages (id, conversation_id, account_id, external_id, parent_external_id,
				direction, author_external_id, author_name, author_handle, text, sent_at, sent_by, hidden)
			VALUES `+rows(to-from, msgCols), args...)
		return err
	})
	if err != nil {
		return err
	}
	for _, a := range b.audits {
		if err := logAudit(b.tx, b.now, RelayActor, inbox.AuditStatus, a.conv, a.detail); err != nil {
			return err
		}
	}
	ids := make([]int64, len(b.msgs))
	for i, n := range b.msgs {
		ids[i] = n.id
	}
	return queueIndex(b.tx, ids)
}

// update writes the conversations the batch changed that were stored
// before, one statement each.
func (b *batch) update(cs []*conv) error {
	if len(cs) == 0 {
		return nil
	}
	st, err := b.tx.Prepare(`UPDATE conversations SET title = ?, context_text = ?, context_url = ?, contact_id = ?,
			status = ?, snippet = ?, last_message_at = ?, last_inbound_at = ?, first_inbound_at = ?, unread = ?,
			snooze_until = ?, first_response_at = ?, waiting_since = ?, due_at = ?, version = version + ?
		WHERE id = ?`)
	if err != nil {
		return err
	}
	defer st.Close()
	for _, c := range cs {
		if _, err := st.Exec(c.title, c.contextText, c.contextURL, c.contactID, c.status, c.snippet,
			c.lastMessageAt, c.lastInboundAt, c.firstInboundAt, c.unread, c.snoozeUntil, c.firstResponseAt,
			c.waitingSince, c.dueAt, c.touches, c.id); err != nil {
			return err
		}
	}
	return nil
}
