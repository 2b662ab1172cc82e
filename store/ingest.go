package store

import (
	"context"
	"database/sql"
	"errors"
	"io/fs"

	"sapa/inbox"
)

// IngestResult says what a batch changed.
type IngestResult struct {
	New           int // messages not seen before
	Conversations int // conversations created
	Skipped       int // items without an external id or thread key, left out
	// Inbound are the citizens' new messages, in order, for the router.
	Inbound []Ingested
}

// Ingested is one new citizen's message of a batch.
type Ingested struct {
	Conversation int64
	Text         string
}

// Ingest stores a fetched batch and the account's next cursor in one
// transaction. Messages are unique on (account, external id), so a redelivered
// item is ignored. A new inbound message reopens a done, pending or snoozed
// conversation and marks it unread; a reply the office made elsewhere (seen in
// a fetch) leaves the conversation pending, waiting for the citizen.
//
// The transaction commits without waiting for the disk (synchronous=NORMAL
// in WAL mode): it survives a crash of the process, and a power cut takes
// the batch and its cursor back together, never one without the other, so
// the relay fetches the batch again from the older cursor and the unique key
// drops what it had kept. What the platform would not send again needs the
// batch on disk first: Sync does that, and the relay calls it before a fetch
// that confirms a cursor to the platform (Telegram forgets updates before the
// offset it is asked for), at least every tick, and on the way out. Every
// synchronous=FULL commit (a reply queued, a status set) also carries the
// batches before it to the disk, so nothing an admin did refers to a
// message a power cut could take back. One fsync per page capped ingest at
// a few thousand messages a second (BENCHMARKS.md).
func (s *Store) Ingest(ctx context.Context, accountID int64, items []inbox.Inbound, cursor string) (IngestResult, error) {
	res, err := s.ingest(ctx, s.g, accountID, items, &cursor)
	if err == nil {
		s.unsynced.Store(true)
	}
	return res, err
}

// IngestPushed stores items that arrived by webhook; the account's polling
// cursor is left as it is. The platform counts them delivered once the
// webhook answers, so they are on disk before it does (synchronous=FULL).
func (s *Store) IngestPushed(ctx context.Context, accountID int64, items []inbox.Inbound) (IngestResult, error) {
	return s.ingest(ctx, s.w, accountID, items, nil)
}

// Sync makes every batch Ingest committed so far durable: one fsync of the
// WAL file, where SQLite keeps committed transactions until a checkpoint
// copies them into the database file (and syncs that). Nothing to do when
// no ingest committed since the last Sync.
func (s *Store) Sync() error {
	if !s.unsynced.Swap(false) {
		return nil
	}
	err := syncFile(s.path + "-wal")
	if errors.Is(err, fs.ErrNotExist) {
		// The WAL is gone: the last connection closed checkpointed it into
		// the database file and synced that.
		err = nil
	}
	if err != nil {
		s.unsynced.Store(true)
	}
	return err
}

// Synced reports whether every batch Ingest committed is on disk.
func (s *Store) Synced() bool { return !s.unsynced.Load() }

func (s *Store) ingest(ctx context.Context, db *sql.DB, accountID int64, items []inbox.Inbound, cursor *string) (IngestResult, error) {
	var res IngestResult
	err := s.writeOn(ctx, db, func(tx *sql.Tx) error {
		res = IngestResult{}
		in, err := newIngester(tx, accountID, ms(s.now()))
		if err != nil {
			return err
		}
		defer in.close()
		for _, it := range items {
			if err := in.add(it, &res); err != nil {
				return err
			}
		}
		if err := indexMessages(tx, in.added); err != nil {
			return err
		}
		if err := s.stampDue(tx, in.touched...); err != nil {
			return err
		}
		if res.New > 0 {
			if err := bumpChanges(tx); err != nil {
				return err
			}
		}
		if cursor == nil {
			return nil
		}
		return saveCursor(tx, accountID, *cursor, ms(s.now()))
	})
	return res, err
}

func saveCursor(tx *sql.Tx, accountID int64, cursor string, now int64) error {
	if _, err := tx.Exec(`INSERT INTO sync_cursors (account_id, cursor, updated_at) VALUES (?, ?, ?)
		ON CONFLICT (account_id) DO UPDATE SET cursor = excluded.cursor, updated_at = excluded.updated_at`,
		accountID, cursor, now); err != nil {
		return err
	}
	_, err := tx.Exec(`UPDATE accounts SET last_sync = ? WHERE id = ?`, now, accountID)
	return err
}

// ingester holds the prepared statements of one ingest transaction, so a
// large batch parses each statement once, and remembers what the batch
// already upserted, so a thread or an author seen again costs nothing.
type ingester struct {
	tx        *sql.Tx
	now       int64 // ms; stamps the audit entries of status changes ingest makes
	accountID int64
	platform  inbox.Platform
	unit      string    // new conversations start in the account's unit
	contact   *sql.Stmt // upserts, each followed by a read of the row's id
	contactID *sql.Stmt
	conv      *sql.Stmt
	convID    *sql.Stmt
	msg       *sql.Stmt
	reopen    *sql.Stmt // a citizen wrote: done, pending or snoozed → open
	wait      *sql.Stmt // the office replied on the platform: new or open → pending
	touch     *sql.Stmt
	contacts  map[inbox.Contact]int64
	threads   map[threadKey]int64
	next      map[int64]int64 // conversation → id of its next message
	added     []int64         // new messages, indexed at the end
	touched   []int64         // conversations with new messages, their due times stamped at the end
	seen      map[int64]bool  // touched, as a set
}

// threadKey is what one conversation upsert writes: the same key again
// would change nothing.
type threadKey struct {
	thread  inbox.Thread
	contact sql.NullInt64
}

func newIngester(tx *sql.Tx, accountID, now int64) (*ingester, error) {
	in := &ingester{tx: tx, accountID: accountID, now: now, contacts: map[inbox.Contact]int64{},
		threads: map[threadKey]int64{}, next: map[int64]int64{}, seen: map[int64]bool{}}
	if err := tx.QueryRow(`SELECT platform, unit FROM accounts WHERE id = ?`, accountID).Scan(&in.platform, &in.unit); err != nil {
		return nil, err
	}
	var err error
	prep := func(q string) *sql.Stmt {
		if err != nil {
			return nil
		}
		var st *sql.Stmt
		st, err = tx.Prepare(q)
		return st
	}
	in.contact = prep(`INSERT INTO contacts (platform, external_id, name, handle) VALUES (?, ?, ?, ?)
		ON CONFLICT (platform, external_id) DO UPDATE SET
			name = CASE WHEN excluded.name != '' THEN excluded.name ELSE name END,
			handle = CASE WHEN excluded.handle != '' THEN excluded.handle ELSE handle END`)
	in.contactID = prep(`SELECT id FROM contacts WHERE platform = ? AND external_id = ?`)
	in.conv = prep(`INSERT INTO conversations (account_id, platform, external_key, kind, title, context_text, context_url, contact_id, unit)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (account_id, external_key) DO UPDATE SET
			title = CASE WHEN title = '' THEN excluded.title ELSE title END,
			context_text = CASE WHEN context_text = '' THEN excluded.context_text ELSE context_text END,
			context_url = CASE WHEN context_url = '' THEN excluded.context_url ELSE context_url END,
			contact_id = COALESCE(contact_id, excluded.contact_id)`)
	in.convID = prep(`SELECT id, COALESCE((SELECT MAX(m.id) FROM messages m
			WHERE m.id BETWEEN conversations.id << 24 AND (conversations.id << 24) + 16777215), conversations.id << 24)
		FROM conversations WHERE account_id = ? AND external_key = ?`)
	in.msg = prep(`INSERT INTO messages (id, conversation_id, account_id, external_id, parent_external_id, direction,
			author_external_id, author_name, author_handle, text, sent_at, sent_by, hidden)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (account_id, external_id) DO NOTHING`)
	// The status changes ingest makes are conditional updates of their own,
	// run before the touch: their row counts say whether the status moved
	// (for the audit), so no statement needs RETURNING (which builds a
	// temporary table, and a heap allocation glibc trims again, per row).
	in.reopen = prep(`UPDATE conversations SET status = 'open' WHERE id = ? AND status IN ('done', 'pending', 'snoozed')`)
	in.wait = prep(`UPDATE conversations SET status = 'pending'
		WHERE id = ?2 AND ?1 >= last_message_at AND status IN ('new', 'open')`)
	in.touch = prep(`UPDATE conversations SET
			last_message_at = MAX(last_message_at, ?1),
			snippet = CASE WHEN ?1 >= last_message_at THEN ?2 ELSE snippet END,
			last_inbound_at = CASE WHEN ?3 THEN MAX(last_inbound_at, ?1) ELSE last_inbound_at END,
			first_inbound_at = CASE WHEN ?3 AND (first_inbound_at = 0 OR ?1 < first_inbound_at) THEN ?1 ELSE first_inbound_at END,
			unread = CASE WHEN ?3 THEN ?5 ELSE unread END, -- per-admin read marks compare with it
			snooze_until = CASE WHEN ?3 THEN 0 ELSE snooze_until END,
			first_response_at = CASE WHEN NOT ?3 AND first_response_at = 0 THEN ?1 ELSE first_response_at END,
			waiting_since = CASE
				WHEN ?3 AND (waiting_since = 0 OR ?6) -- ?6: this message reopened it: a fresh clock
					AND NOT (last_message_at > last_inbound_at AND ?1 < last_message_at) THEN ?1
				WHEN NOT ?3 AND ?1 >= waiting_since THEN 0
				ELSE waiting_since END,
			version = version + 1
		WHERE id = ?4`)
	if err != nil {
		in.close()
		return nil, err
	}
	return in, nil
}

func (in *ingester) close() {
	for _, st := range []*sql.Stmt{in.contact, in.contactID, in.conv, in.convID, in.msg, in.reopen, in.wait, in.touch} {
		if st != nil {
			st.Close()
		}
	}
}

// upsertContact records an author and reads back their id.
func (in *ingester) upsertContact(c inbox.Contact, id *sql.NullInt64) error {
	if _, err := in.contact.Exec(in.platform, c.ExternalID, c.Name, c.Handle); err != nil {
		return err
	}
	return in.contactID.QueryRow(in.platform, c.ExternalID).Scan(id)
}

func (in *ingester) add(it inbox.Inbound, res *IngestResult) error {
	m := it.Message
	if m.ExternalID == "" || it.Thread.ExternalKey == "" {
		// One unusable item must not hold back the rest of the batch.
		res.Skipped++
		return nil
	}
	var contactID sql.NullInt64
	if m.Direction == inbox.In && m.Author.ExternalID != "" {
		if id, ok := in.contacts[m.Author]; ok {
			contactID = sql.NullInt64{Int64: id, Valid: true}
		} else if err := in.upsertContact(m.Author, &contactID); err != nil {
			return err
		} else {
			in.contacts[m.Author] = contactID.Int64
		}
	}
	key := threadKey{it.Thread, contactID}
	convID, ok := in.threads[key]
	if !ok {
		var last int64
		t := it.Thread
		if _, err := in.conv.Exec(in.accountID, in.platform, t.ExternalKey, t.Kind, t.Title, t.ContextText, t.ContextURL, contactID, in.unit); err != nil {
			return err
		}
		if err := in.convID.QueryRow(in.accountID, t.ExternalKey).Scan(&convID, &last); err != nil {
			return err
		}
		if last == firstID(convID) && in.next[convID] == 0 {
			res.Conversations++
		}
		if in.next[convID] == 0 {
			in.next[convID] = last + 1
		}
		in.threads[key] = convID
	}
	id := in.next[convID]
	if _, err := idAfter(convID, id-1); err != nil {
		return err
	}
	r, err := in.msg.Exec(id, convID, in.accountID, m.ExternalID, m.ParentID, m.Direction,
		m.Author.ExternalID, m.Author.Name, m.Author.Handle, m.Text, ms(m.SentAt), m.SentBy, m.Hidden)
	if err != nil {
		return err
	}
	if n, _ := r.RowsAffected(); n == 0 {
		return nil // seen before
	}
	in.next[convID] = id + 1
	in.added = append(in.added, id)
	if !in.seen[convID] {
		in.seen[convID] = true
		in.touched = append(in.touched, convID)
	}
	res.New++
	if m.Direction == inbox.In {
		res.Inbound = append(res.Inbound, Ingested{Conversation: convID, Text: m.Text})
	}
	now, why := "open", "citizen wrote"
	st, args := in.reopen, []any{convID}
	if m.Direction != inbox.In {
		now, why = "pending", "reply made on the platform"
		st, args = in.wait, []any{ms(m.SentAt), convID}
	}
	r, err = st.Exec(args...)
	if err != nil {
		return err
	}
	moved, _ := r.RowsAffected()
	reopened := m.Direction == inbox.In && moved > 0
	if _, err := in.touch.Exec(ms(m.SentAt), m.Text, m.Direction == inbox.In, convID, id-firstID(convID), reopened); err != nil {
		return err
	}
	if moved == 0 {
		return nil
	}
	// A citizen writing again reopens the conversation; a reply made on the
	// platform itself leaves it waiting for the citizen. Nobody chose either,
	// so the audit log names the relay.
	return logAudit(in.tx, in.now, RelayActor, inbox.AuditStatus, convID, now+" ("+why+")")
}
