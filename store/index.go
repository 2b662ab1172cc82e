package store

import (
	"cmp"
	"database/sql"
	"fmt"
	"slices"
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
// statements for each chunk of the batch. Each message's plain text is
// made once, here, for both. (An FTS4 insert per message, from a trigger,
// flushed the index's pending terms at every statement and made ingest
// three times slower.)
func indexMessages(tx *sql.Tx, msgs []indexed) error {
	msgs = slices.Clone(msgs)
	slices.SortFunc(msgs, func(a, b indexed) int { return cmp.Compare(a.id, b.id) })
	return inChunks(len(msgs), chunk, func(from, to int) error {
		args := make([]any, 0, 2*(to-from))
		for _, n := range msgs[from:to] {
			args = append(args, n.id, plainText(n.author+" "+n.text))
		}
		if _, err := tx.Exec(`INSERT INTO messages_fts (docid, text) VALUES `+rows(to-from, 2), args...); err != nil {
			return err
		}
		// Each conversation's new words are gathered once for the chunk and
		// merged into its list by sapa_add_words, in one pass over the list
		// (checking every token against the list with instr() cost a lookup
		// and a scan of the whole list per token, quadratic in a long
		// email's words). A message's id names its conversation.
		_, err := tx.Exec(`WITH p (id, t) AS (VALUES `+rows(to-from, 2)+`)
			INSERT INTO conversation_words (conversation_id, words)
			SELECT cid, sapa_add_words(' ', ' ' || group_concat(tokens, ' ') || ' ') FROM (
				SELECT p.id >> 24 AS cid, (SELECT group_concat(t.token, ' ') FROM words_tokenizer t WHERE t.input = p.t) AS tokens
				FROM p
			) WHERE tokens IS NOT NULL GROUP BY cid
			ON CONFLICT (conversation_id) DO UPDATE SET words = sapa_add_words(words, excluded.words)`, args...)
		return err
	})
}

// indexed is a message as the search index sees it.
type indexed struct {
	id           int64
	author, text string
}

// addWords is the word list have (" a b ") with the words of add (" c a ")
// it lacks appended in their order (" a b c "): the conversation_words
// merge, registered as sapa_add_words.
func addWords(have, add string) string {
	seen := make(map[string]struct{}, strings.Count(have, " "))
	for w := range strings.FieldsSeq(have) {
		seen[w] = struct{}{}
	}
	var b strings.Builder
	b.Grow(len(have) + len(add))
	if have == "" {
		have = " "
	}
	b.WriteString(have)
	for w := range strings.FieldsSeq(add) {
		if _, ok := seen[w]; ok {
			continue
		}
		seen[w] = struct{}{}
		b.WriteString(w)
		b.WriteByte(' ')
	}
	return b.String()
}
