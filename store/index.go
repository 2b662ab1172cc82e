package store

import (
	"cmp"
	"database/sql"
	"encoding/json"
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
// index and their words to their conversations' word lists. Each message
// is tokenized once, as the index tokenizes (words_tokenizer); the index
// is given those tokens, which it tokenizes again to the same tokens
// (TestTokensTokenizeToThemselves), and the word lists are gathered from
// them in Go. (Tokenizing the text for each, with the lists merged in SQL,
// was the largest part of ingest; an FTS4 insert per message, from a
// trigger, flushed the index's pending terms at every statement and made
// ingest three times slower.)
func indexMessages(tx *sql.Tx, msgs []indexed) error {
	if len(msgs) == 0 {
		return nil
	}
	msgs = slices.Clone(msgs)
	slices.SortFunc(msgs, func(a, b indexed) int { return cmp.Compare(a.id, b.id) })
	toks, err := tokenize(tx, msgs)
	if err != nil {
		return err
	}
	// One statement for the whole batch: FTS4 flushes its pending terms
	// into a new segment whenever a statement opens a savepoint while it
	// holds some, so an insert per chunk would make more segments to merge.
	// Tokens are valid UTF-8, which JSON carries unchanged.
	docs := make([][2]any, len(msgs))
	for i, n := range msgs {
		docs[i] = [2]any{n.id, toks[i]}
	}
	list, err := json.Marshal(docs)
	if err != nil {
		return err
	}
	if _, err := tx.Exec(`INSERT INTO messages_fts (docid, text) SELECT value ->> 0, value ->> 1 FROM json_each(?)`, string(list)); err != nil {
		return err
	}
	return inChunks(len(msgs), chunk, func(from, to int) error {
		return addConversationWords(tx, msgs[from:to], toks[from:to])
	})
}

// tokenize returns each message's tokens as the full-text index makes
// them, separated by spaces: in Go where the unicode61 table answers for
// the whole text, by SQLite (a statement per chunk of the rest) where not.
func tokenize(tx *sql.Tx, msgs []indexed) ([]string, error) {
	u, err := tokenizer()
	if err != nil {
		return nil, err
	}
	toks := make([]string, len(msgs))
	var rest []indexed
	var at []int // rest[k] is msgs[at[k]]
	for i, n := range msgs {
		t, ok := u.tokens(plainText(n.author + " " + n.text))
		if !ok {
			at = append(at, i)
			rest = append(rest, n)
			continue
		}
		toks[i] = t
	}
	err = inChunks(len(rest), chunk, func(from, to int) error {
		t, err := sqlTokens(tx, rest[from:to])
		if err != nil {
			return err
		}
		for k := range t {
			toks[at[from+k]] = t[k]
		}
		return nil
	})
	return toks, err
}

// sqlTokens is tokenize by words_tokenizer, in one statement.
func sqlTokens(tx *sql.Tx, msgs []indexed) ([]string, error) {
	args := make([]any, 0, 2*len(msgs))
	at := make(map[int64]int, len(msgs))
	for i, n := range msgs {
		args = append(args, n.id, plainText(n.author+" "+n.text))
		at[n.id] = i
	}
	r, err := tx.Query(`WITH p (id, t) AS (VALUES `+rows(len(msgs), 2)+`)
		SELECT p.id, COALESCE((SELECT group_concat(w.token, ' ') FROM words_tokenizer w WHERE w.input = p.t), '') FROM p`, args...)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	toks := make([]string, len(msgs))
	for r.Next() {
		var id int64
		var t string
		if err := r.Scan(&id, &t); err != nil {
			return nil, err
		}
		toks[at[id]] = t
	}
	return toks, r.Err()
}

// addConversationWords adds the messages' tokens to their conversations'
// word lists: each conversation's new words gathered once, then merged
// into its list by sapa_add_words in one pass over the list (checking
// every token against the list with instr() cost a lookup and a scan of
// the whole list per token, quadratic in a long email's words). A
// message's id names its conversation; msgs are in id order.
func addConversationWords(tx *sql.Tx, msgs []indexed, toks []string) error {
	var args []any
	for i := 0; i < len(msgs); {
		cid, j := msgs[i].id>>idBits, i
		var words []string
		for ; j < len(msgs) && msgs[j].id>>idBits == cid; j++ {
			if toks[j] != "" {
				words = append(words, toks[j])
			}
		}
		if len(words) > 0 {
			args = append(args, cid, addWords(" ", " "+strings.Join(words, " ")+" "))
		}
		i = j
	}
	if len(args) == 0 {
		return nil
	}
	_, err := tx.Exec(`INSERT INTO conversation_words (conversation_id, words) VALUES `+rows(len(args)/2, 2)+`
		ON CONFLICT (conversation_id) DO UPDATE SET words = sapa_add_words(words, excluded.words)`, args...)
	return err
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
