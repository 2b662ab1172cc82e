package store

import (
	"context"
	"strings"

	"sapa/inbox"
)

// A search finds the conversations in which every word typed appears (as the
// start of a word, in any of its messages), in list order. Two plans give
// the first page in about the time the page takes, whatever the inbox size:
//
//   - When some word is rare (fewer than rareMatches messages start with it)
//     its full-text matches are the candidates: their ids name their
//     conversations (migration 0003), the other words are checked in
//     conversation_words, and the few rows are sorted.
//   - When every word is common, the list is walked in order through its
//     index and each conversation is checked in conversation_words until
//     the page is full; common words fill it after a few hundred rows.
//
// Reading every match of a common word (a quarter of a million messages for
// "jalan" in a million conversations) and looking up each one's
// conversation took close to a second; that was the old query.

// rareMatches is where a word stops being rare: below it the word's matches
// are read whole, at or above it the list is walked.
var rareMatches = 3000

// search is a planned search.
type search struct {
	terms []string // tokens as the full-text index stores them; each matches as a prefix
	seed  int      // index of the rare term whose matches are the candidates; -1: walk
}

// planSearch tokenizes what a person typed as the index does and picks the
// plan. It returns nil for an empty search and a search with no terms (it
// matches nothing) for text without a single word.
func (s *Store) planSearch(ctx context.Context, q string) (*search, error) {
	if strings.TrimSpace(q) == "" {
		return nil, nil
	}
	rows, err := s.r.QueryContext(ctx, `SELECT DISTINCT token FROM words_tokenizer WHERE input = ?`, q)
	if err != nil {
		return nil, err
	}
	sr := &search{seed: -1}
	for rows.Next() {
		var t string
		if err := rows.Scan(&t); err != nil {
			rows.Close()
			return nil, err
		}
		sr.terms = append(sr.terms, t)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	best := rareMatches
	for i, t := range sr.terms {
		// The whole word first: FTS4 reads a single word's matches
		// incrementally, so this stops early for common words; only then
		// the prefix, which merges the lists of every longer word.
		n, err := s.countMatches(ctx, t)
		if err == nil && n < rareMatches {
			n, err = s.countMatches(ctx, t+"*")
		}
		if err != nil {
			return nil, err
		}
		if n < best {
			best, sr.seed = n, i
		}
	}
	return sr, nil
}

// countMatches counts the messages matching an FTS expression, up to rareMatches.
func (s *Store) countMatches(ctx context.Context, expr string) (int, error) {
	var n int
	err := s.r.QueryRowContext(ctx, `SELECT count(*) FROM (SELECT 1 FROM messages_fts
		WHERE messages_fts MATCH ? LIMIT ?)`, expr, rareMatches).Scan(&n)
	return n, err
}

// candidates is the FROM clause that starts from the seed term's matches.
const candidates = ` FROM (SELECT DISTINCT docid >> 24 AS id FROM messages_fts WHERE messages_fts MATCH ?) s
	CROSS JOIN conversations c ON c.id = s.id `

// from returns the FROM clause and its arguments, and the WHERE term that
// checks the terms the FROM clause does not, with its arguments. rest is
// what the FROM clause joins after the conversations (the list's accounts
// and contacts; nothing for a count).
func (sr *search) from(rest string) (from string, fromArgs []any, where string, whereArgs []any) {
	from = " FROM conversations c " + rest
	if len(sr.terms) == 0 {
		return from, nil, "0", nil
	}
	var check []string
	for i, t := range sr.terms {
		if i == sr.seed {
			continue
		}
		check = append(check, "instr(w.words, ?)")
		whereArgs = append(whereArgs, " "+t)
	}
	if sr.seed >= 0 {
		from = candidates + rest
		fromArgs = []any{sr.terms[sr.seed] + "*"}
	}
	if len(check) == 0 {
		return from, fromArgs, "1", nil
	}
	where = "EXISTS (SELECT 1 FROM conversation_words w WHERE w.conversation_id = c.id AND " +
		strings.Join(check, " AND ") + ")"
	return from, fromArgs, where, whereArgs
}

// countSearch counts the conversations a search finds among those where
// selects. With a rare term it counts the candidates as List does. When
// every term is common it intersects the terms' matches in the full-text
// index (their ids name their conversations), which reads every match
// once: a few tens of milliseconds for the commonest words of a million
// conversations, about a hundred for two of them.
func (s *Store) countSearch(ctx context.Context, sr *search, where []string, args []any) (int, error) {
	if len(sr.terms) == 0 {
		return 0, nil
	}
	var q string
	var qargs []any
	if sr.seed >= 0 {
		from, fargs, check, cargs := sr.from("")
		q = "SELECT count(*)" + from + " WHERE " + strings.Join(append(where, check), " AND ")
		qargs = append(append(fargs, args...), cargs...)
	} else {
		var subs []string
		for _, t := range sr.terms {
			subs = append(subs, "SELECT docid >> 24 AS id FROM messages_fts WHERE messages_fts MATCH ?")
			qargs = append(qargs, t+"*")
		}
		sub := strings.Join(subs, " INTERSECT ")
		if len(subs) == 1 {
			sub = "SELECT DISTINCT" + strings.TrimPrefix(sub, "SELECT")
		}
		if len(where) == 1 && where[0] == "1" {
			q = "SELECT count(*) FROM (" + sub + ")"
		} else {
			q = "SELECT count(*) FROM (" + sub + ") s CROSS JOIN conversations c ON c.id = s.id WHERE " + strings.Join(where, " AND ")
			qargs = append(qargs, args...)
		}
	}
	var n int
	err := s.r.QueryRowContext(ctx, q, qargs...).Scan(&n)
	return n, err
}

// countView counts a view without label or search. Every view but "all"
// and "done" is a small index range (what needs an answer); "all" is the
// per-platform totals an insert trigger keeps (migration 0004), and "done"
// is all minus the rest, so no count reads a million index entries.
func (s *Store) countView(ctx context.Context, f inbox.Filter) (int, error) {
	total := `(SELECT COALESCE(SUM(n), 0) FROM conversation_totals)`
	var targs []any
	if f.Platform != "" {
		total = `(SELECT COALESCE(SUM(n), 0) FROM conversation_totals WHERE platform = ?)`
		targs = []any{f.Platform}
	}
	var q string
	var args []any
	switch f.View {
	case inbox.ViewAll:
		q, args = "SELECT "+total, targs
	case inbox.ViewDone:
		q = "SELECT " + total + " - (SELECT COUNT(*) FROM conversations c WHERE c.queue IN ('open', 'pending', 'snoozed')"
		args = targs
		if f.Platform != "" {
			q += " AND c.platform = ?"
			args = append(args, f.Platform)
		}
		q += ")"
	default:
		where, wargs := filterSQL(f)
		q, args = "SELECT COUNT(*) FROM conversations c WHERE "+strings.Join(where, " AND "), wargs
	}
	var n int
	err := s.r.QueryRowContext(ctx, q, args...).Scan(&n)
	return n, err
}
