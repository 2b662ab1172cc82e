package store

import (
	"database/sql"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Message ids carry their conversation: id = conversation_id<<idBits | n,
// with n counting from 1 within the conversation (migration 0003). A
// full-text match then names its conversation without reading the message.
const idBits = 24

// firstID is the id below a conversation's first message.
func firstID(convID int64) int64 { return convID << idBits }

// lastIDSQL is the largest message id of conversation ?1 so far, or
// firstID(?1) when it has none: one step down the primary key.
const lastIDSQL = `COALESCE((SELECT MAX(id) FROM messages WHERE id BETWEEN ?1 << 24 AND (?1 << 24) + 16777215), ?1 << 24)`

// maxPerConversation is how many messages one conversation's id range holds.
const maxPerConversation = 1<<idBits - 1

// nextID returns the id for a new message of convID. The caller holds the
// write lock, so nobody else takes it first.
func nextID(tx *sql.Tx, convID int64) (int64, error) {
	var last int64
	if err := tx.QueryRow(`SELECT `+lastIDSQL, convID).Scan(&last); err != nil {
		return 0, err
	}
	return idAfter(convID, last)
}

// idAfter is the id after last in convID's range, or ErrConversationFull
// when last is the range's final id.
func idAfter(convID, last int64) (int64, error) {
	if last-firstID(convID) >= maxPerConversation {
		return 0, fmt.Errorf("%w (conversation %d, %d messages)", ErrConversationFull, convID, maxPerConversation)
	}
	return last + 1, nil
}

// indexMessages adds new messages, with their authors' names (an admin
// searches for a citizen by name as often as by word), to the full-text
// index and their words to their conversations' word lists, in two
// statements for the whole transaction. (An FTS4 insert per message, from a
// trigger, flushed the index's pending terms at every statement and made
// ingest three times slower.)
func indexMessages(tx *sql.Tx, ids []int64) error {
	if len(ids) == 0 {
		return nil
	}
	slices.Sort(ids)
	var b strings.Builder
	b.WriteByte('[')
	for i, id := range ids {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.FormatInt(id, 10))
	}
	b.WriteByte(']')
	list := b.String()
	if _, err := tx.Exec(`INSERT INTO messages_fts (docid, text)
		SELECT m.id, sapa_plain(m.author_name || ' ' || m.text) FROM json_each(?) j JOIN messages m ON m.id = j.value ORDER BY m.id`, list); err != nil {
		return err
	}
	_, err := tx.Exec(`INSERT INTO conversation_words (conversation_id, words)
		SELECT cid, ' ' || group_concat(token, ' ') || ' ' FROM (
			SELECT DISTINCT m.conversation_id AS cid, t.token AS token
			FROM json_each(?) j JOIN messages m ON m.id = j.value, words_tokenizer t
			WHERE t.input = sapa_plain(m.author_name || ' ' || m.text) AND instr(COALESCE((SELECT w.words FROM conversation_words w
				WHERE w.conversation_id = m.conversation_id), ''), ' ' || t.token || ' ') = 0
		) GROUP BY cid
		ON CONFLICT (conversation_id) DO UPDATE SET words = words || substr(excluded.words, 2)`, list)
	return err
}
