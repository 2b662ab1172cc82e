package store

import (
	"database/sql"
	"strings"
	"unicode/utf8"

	"sapa/inbox"
)

// batch is one Ingest transaction. It reads what the batch refers to in a
// few statements (its authors, its conversations, which of its messages
// are stored already), works out every conversation's new state in Go,
// message by message, and writes each conversation once: a new one is
// inserted as it ends the batch, an existing one updated once. A statement
// per message (an upsert and a read of the conversation, a status update, a
// touch) rewrote the conversation's indexes for every message and cost more
// than the messages themselves (BENCHMARKS.md).
type batch struct {
	tx        *sql.Tx
	s         *Store
	now       int64 // ms; stamps the audit entries of status changes ingest makes
	accountID int64
	platform  inbox.Platform
	unit      string // new conversations start in the account's unit
	contacts  map[string]*contactRow
	convs     map[string]*conv // by external key
	order     []*conv          // in the order the batch first names them
	stored    map[string]bool  // external ids of messages stored before or earlier in the batch
	nextConv  int64            // id of the next new conversation; 0: not read yet
	msgs      []newMessage
	audits    []auditEntry
}

// contactRow is an author as stored.
type contactRow struct {
	id           int64
	name, handle string
}

// newMessage is a message the batch adds.
type newMessage struct {
	id   int64
	conv *conv
	m    inbox.Message
}

type auditEntry struct {
	conv   int64
	detail string
}

// conv is a conversation's row as the batch leaves it.
type conv struct {
	id                             int64
	isNew, metaChanged, counted    bool
	key                            string
	kind                           inbox.Kind
	title, contextText, contextURL string
	contactID                      sql.NullInt64
	status                         inbox.Status
	priority                       int
	platform                       inbox.Platform
	snippet                        string
	lastMessageAt, lastInboundAt   int64
	firstInboundAt, unread         int64
	snoozeUntil, firstResponseAt   int64
	waitingSince, dueAt            int64
	next                           int64 // id of its next message
	touches                        int64 // messages added: the version grows by one for each
}

func newBatch(tx *sql.Tx, s *Store, accountID int64) (*batch, error) {
	b := &batch{tx: tx, s: s, now: ms(s.now()), accountID: accountID,
		contacts: map[string]*contactRow{}, convs: map[string]*conv{}, stored: map[string]bool{}}
	err := tx.QueryRow(`SELECT platform, unit FROM accounts WHERE id = ?`, accountID).Scan(&b.platform, &b.unit)
	return b, err
}

// usable reports whether an item can be stored: one unusable item must not
// hold back the rest of the batch.
func usable(it inbox.Inbound) bool {
	return it.Message.ExternalID != "" && it.Thread.ExternalKey != ""
}

// hasAuthor reports whether a message names a citizen to keep as a contact.
func hasAuthor(m inbox.Message) bool {
	return m.Direction == inbox.In && m.Author.ExternalID != ""
}

// add works out what items change, in order.
func (b *batch) add(items []inbox.Inbound, res *IngestResult) error {
	if err := b.read(items); err != nil {
		return err
	}
	for _, it := range items {
		if !usable(it) {
			res.Skipped++
			continue
		}
		var contactID sql.NullInt64
		if m := it.Message; hasAuthor(m) {
			id, err := b.contact(m.Author)
			if err != nil {
				return err
			}
			contactID = sql.NullInt64{Int64: id, Valid: true}
		}
		c, err := b.conversation(it.Thread, contactID, res)
		if err != nil {
			return err
		}
		if _, err := idAfter(c.id, c.next-1); err != nil {
			return err
		}
		m := it.Message
		if b.stored[m.ExternalID] {
			continue // seen before
		}
		b.stored[m.ExternalID] = true
		id := c.next
		c.next++
		b.msgs = append(b.msgs, newMessage{id: id, conv: c, m: m})
		res.New++
		if m.Direction == inbox.In {
			res.Inbound = append(res.Inbound, Ingested{Conversation: c.id, Text: m.Text})
		}
		// A citizen writing again reopens the conversation; a reply made
		// on the platform itself leaves it waiting for the citizen. Nobody
		// chose either, so the audit log names the relay.
		if moved := c.touch(m, id); moved {
			why := "citizen wrote"
			if m.Direction != inbox.In {
				why = "reply made on the platform"
			}
			b.audits = append(b.audits, auditEntry{c.id, string(c.status) + " (" + why + ")"})
		}
	}
	if b.s.deadlines != nil {
		for _, c := range b.order {
			if c.touches > 0 {
				c.dueAt = b.s.due(dueFacts{status: c.status, priority: c.priority, platform: c.platform,
					waitingSince: c.waitingSince, firstReply: c.firstResponseAt, dueAt: c.dueAt})
			}
		}
	}
	return nil
}

// contact returns an author's id, storing them first or updating the name
// and handle they now give.
func (b *batch) contact(a inbox.Contact) (int64, error) {
	if c, ok := b.contacts[a.ExternalID]; ok {
		name, handle := c.name, c.handle
		if a.Name != "" {
			name = a.Name
		}
		if a.Handle != "" {
			handle = a.Handle
		}
		if name != c.name || handle != c.handle {
			if _, err := b.tx.Exec(`UPDATE contacts SET name = ?, handle = ? WHERE id = ?`, name, handle, c.id); err != nil {
				return 0, err
			}
			c.name, c.handle = name, handle
		}
		return c.id, nil
	}
	r, err := b.tx.Exec(`INSERT INTO contacts (platform, external_id, name, handle) VALUES (?, ?, ?, ?)`,
		b.platform, a.ExternalID, a.Name, a.Handle)
	if err != nil {
		return 0, err
	}
	id, err := r.LastInsertId()
	if err != nil {
		return 0, err
	}
	b.contacts[a.ExternalID] = &contactRow{id, a.Name, a.Handle}
	return id, nil
}

// conversation returns the conversation of thread t, a new one if the
// account has none, with the thread's details filled in where it had none.
func (b *batch) conversation(t inbox.Thread, contactID sql.NullInt64, res *IngestResult) (*conv, error) {
	c, ok := b.convs[t.ExternalKey]
	if !ok {
		if b.nextConv == 0 {
			if err := b.tx.QueryRow(`SELECT COALESCE(MAX(id), 0) + 1 FROM conversations`).Scan(&b.nextConv); err != nil {
				return nil, err
			}
		}
		c = &conv{id: b.nextConv, isNew: true, key: t.ExternalKey, kind: t.Kind, title: t.Title,
			contextText: t.ContextText, contextURL: t.ContextURL, contactID: contactID,
			status: inbox.StatusNew, platform: b.platform}
		c.next = firstID(c.id) + 1
		b.nextConv++
		b.convs[t.ExternalKey] = c
		b.order = append(b.order, c)
	}
	if !c.counted {
		// A conversation without a message so far counts as created.
		c.counted = true
		if c.next == firstID(c.id)+1 {
			res.Conversations++
		}
	}
	fill := func(have *string, v string) {
		if *have == "" && v != "" {
			*have, c.metaChanged = v, true
		}
	}
	fill(&c.title, t.Title)
	fill(&c.contextText, t.ContextText)
	fill(&c.contextURL, t.ContextURL)
	if !c.contactID.Valid && contactID.Valid {
		c.contactID, c.metaChanged = contactID, true
	}
	return c, nil
}

// touch applies message id, m, to the conversation's row and reports
// whether it moved the conversation's status: a citizen's message reopens a
// done, pending or snoozed conversation; a reply the office made on the
// platform leaves a new or open one pending unless an older message.
func (c *conv) touch(m inbox.Message, id int64) (moved bool) {
	t, in := ms(m.SentAt), m.Direction == inbox.In
	o := *c // the row before this message
	reopened := false
	switch {
	case in && (o.status == inbox.StatusDone || o.status == inbox.StatusPending || o.status == inbox.StatusSnoozed):
		c.status, moved, reopened = inbox.StatusOpen, true, true
	case !in && t >= o.lastMessageAt && (o.status == inbox.StatusNew || o.status == inbox.StatusOpen):
		c.status, moved = inbox.StatusPending, true
	}
	c.lastMessageAt = max(o.lastMessageAt, t)
	if t >= o.lastMessageAt {
		c.snippet = snippetOf(m.Text)
	}
	if in {
		c.lastInboundAt = max(o.lastInboundAt, t)
		if o.firstInboundAt == 0 || t < o.firstInboundAt {
			c.firstInboundAt = t
		}
		c.unread = id - firstID(c.id) // per-admin read marks compare with it
		c.snoozeUntil = 0
	} else if o.firstResponseAt == 0 {
		c.firstResponseAt = t
	}
	switch {
	case in && (o.waitingSince == 0 || reopened) && !(o.lastMessageAt > o.lastInboundAt && t < o.lastMessageAt):
		// A citizen's message starts the clock, afresh when it reopened
		// the conversation; an older message arriving late does not.
		c.waitingSince = t
	case !in && t >= o.waitingSince:
		c.waitingSince = 0
	}
	c.touches++
	return moved
}

// inChunks calls fn with consecutive pieces of n items, each a power of
// two and at most size (a power of two) long, so no statement binds more
// variables than SQLite allows and a batch's multi-row statements come in
// a few shapes the ingest connection's statement cache keeps prepared
// (parsing a 100-row insert afresh for every batch cost more than running it).
func inChunks(n, size int, fn func(from, to int) error) error {
	for from := 0; from < n; {
		k := size
		for k > n-from {
			k /= 2
		}
		if err := fn(from, from+k); err != nil {
			return err
		}
		from += k
	}
	return nil
}

// rows returns "(?, ?), (?, ?)" for n rows of cols values.
func rows(n, cols int) string {
	row := "(" + placeholders(cols) + ")"
	return strings.TrimSuffix(strings.Repeat(row+", ", n), ", ")
}

// snippetMax is how much of its newest message a conversation's row keeps
// for the list: far more than the widest list row shows, and a 50 KB email
// no longer goes into the row twice (once as the message, once as the
// snippet: a dozen overflow pages written by ingest and read by every
// list window holding the row).
const snippetMax = 1024

// snippetOf is text cut to snippetMax bytes at a code point's start.
func snippetOf(text string) string {
	if len(text) <= snippetMax {
		return text
	}
	n := snippetMax
	for n > 0 && !utf8.RuneStart(text[n]) {
		n--
	}
	return text[:n]
}
