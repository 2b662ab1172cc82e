package store

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"sync"

	"sapa/inbox"
)

// A search finds the conversations in which every word typed appears (as the
// start of a word, in any of its messages), in list order. Three plans give
// the first page in about the time the page takes, whatever the inbox size:
//
//   - When some word is rare (fewer than RareMatches messages start with it)
//     its full-text matches are the candidates: their ids name their
//     conversations (migration 0003), the other words are checked in
//     conversation_words, and the few rows are sorted.
//   - When every word is common, the list is walked in order through its
//     index and each conversation is checked in conversation_words until
//     the page is full; common words fill it after a few hundred rows.
//   - When that walk gives up after WalkCap rows (common words that are
//     seldom together), the words' matches are intersected and sorted.
//
// Reading every match of a common word (a quarter of a million messages for
// "jalan" in a million conversations) and looking up each one's
// conversation took close to a second; that was the old query.

// SearchPlan holds the thresholds that choose a search's plan.
type SearchPlan struct {
	// RareMatches is where a word stops being rare: below it the word's
	// matches are read whole, at or above it the list is walked.
	RareMatches int
	// WalkCap is how many rows of the list a search for common words walks
	// before it gives up and intersects the words' matches: words that are
	// each common but seldom together ("jalan banjir") would otherwise walk
	// all million conversations.
	WalkCap int
	// SmallScope is how many conversations a scope (a desa's, a
	// kecamatan's) holds at most for its searches of common words to read
	// the scope's own conversations instead of the words' matches: "jalan"
	// matches a quarter of a million conversations, a desa holds a few
	// thousand.
	SmallScope int
	// CatchUp is how many messages waiting in the search index's queue a
	// search indexes itself before it runs (see catchUpIndex); a longer
	// queue is left to the relay.
	CatchUp int
}

// withDefaults fills the thresholds left zero with the ones measured on the
// million-conversation bench store (BENCHMARKS.md).
func (p SearchPlan) withDefaults() SearchPlan {
	if p.RareMatches == 0 {
		p.RareMatches = 3000
	}
	if p.WalkCap == 0 {
		p.WalkCap = 5000
	}
	if p.SmallScope == 0 {
		p.SmallScope = 20000
	}
	if p.CatchUp == 0 {
		p.CatchUp = indexChunk
	}
	return p
}

// search is a planned search.
type search struct {
	terms []string // tokens as the full-text index stores them; each matches as a prefix
	seed  int      // index of the rare term whose matches are the candidates; -1: walk
	walk  int      // rows of the list a walk reads at most
	convs int      // a one-word search: conversations among the word's first RareMatches matches
}

// planSearch tokenizes what a person typed as the index does and picks the
// plan. It returns nil for an empty search and a search with no terms (it
// matches nothing) for text without a single word.
func (s *Store) planSearch(ctx context.Context, q string) (*search, error) {
	if strings.TrimSpace(q) == "" {
		return nil, nil
	}
	if err := s.catchUpIndex(ctx); err != nil {
		return nil, err
	}
	rows, err := s.r.QueryContext(ctx, `SELECT DISTINCT token FROM words_tokenizer WHERE input = ?`, q)
	if err != nil {
		return nil, err
	}
	sr := &search{seed: -1, walk: s.plan.WalkCap}
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
	best := s.plan.RareMatches
	for i, t := range sr.terms {
		n, convs, err := s.termMatches(ctx, t)
		if err != nil {
			return nil, err
		}
		if len(sr.terms) == 1 {
			sr.convs = convs
		}
		if n < best {
			best, sr.seed = n, i
		}
	}
	return sr, nil
}

// termMatches counts the messages holding term as a word or a word's start,
// up to RareMatches, and the conversations of the whole word's matches. A
// word search_words knows to be common is not counted again.
func (s *Store) termMatches(ctx context.Context, t string) (msgs, convs int, err error) {
	msgs, convs, known, err := s.knownCommon(ctx, t)
	if known || err != nil {
		return msgs, convs, err
	}
	// The whole word first: it needs no merge of every longer word's
	// matches; only a rare word is counted again as a prefix.
	if msgs, convs, err = s.countMatches(ctx, t); err != nil {
		return 0, 0, err
	}
	if msgs >= s.plan.RareMatches {
		s.rememberCommon(t, msgs, convs)
		return msgs, convs, nil
	}
	msgs, _, err = s.countMatches(ctx, t+"*")
	return msgs, convs, err
}

// countMatches counts the messages matching an FTS expression, up to
// RareMatches, and the conversations those messages are in.
func (s *Store) countMatches(ctx context.Context, expr string) (msgs, convs int, err error) {
	err = s.r.QueryRowContext(ctx, `SELECT count(*), count(DISTINCT docid >> 24) FROM (SELECT docid FROM messages_fts
		WHERE messages_fts MATCH ? LIMIT ?)`, expr, s.plan.RareMatches).Scan(&msgs, &convs)
	return msgs, convs, err
}

// matches is a subquery of the conversations with a message matching term
// (as a prefix): message ids name their conversations.
const matches = `SELECT docid >> 24 AS id FROM messages_fts WHERE messages_fts MATCH ?`

// check is the WHERE term that tests every term but skip (-1: none) in the
// word list of conversation alias.id, with its arguments.
func (sr *search) check(alias string, skip int) (string, []any) {
	var terms []string
	var args []any
	for i, t := range sr.terms {
		if i != skip {
			terms = append(terms, "instr(w.words, ?)")
			args = append(args, " "+t)
		}
	}
	if len(terms) == 0 {
		return "1", nil
	}
	return "EXISTS (SELECT 1 FROM conversation_words w WHERE w.conversation_id = " + alias + ".id AND " +
		strings.Join(terms, " AND ") + ")", args
}

// rest checks the terms the candidates do not already guarantee.
func (sr *search) rest() (string, []any) {
	if sr.seed < 0 {
		return "1", nil // the candidates are the intersection of every term
	}
	return sr.check("c", sr.seed)
}

// candidates is the subquery of conversations to start from: the seed
// term's matches, or all terms' matches intersected.
func (sr *search) candidates() (string, []any) {
	if sr.seed >= 0 {
		return "SELECT DISTINCT" + strings.TrimPrefix(matches, "SELECT"), []any{sr.terms[sr.seed] + "*"}
	}
	var subs []string
	var args []any
	for _, t := range sr.terms {
		subs = append(subs, matches)
		args = append(args, t+"*")
	}
	if len(subs) == 1 {
		return "SELECT DISTINCT" + strings.TrimPrefix(matches, "SELECT"), args
	}
	return strings.Join(subs, " INTERSECT "), args
}

// page returns the subquery that selects the ids of one page of a search,
// and its arguments: from the rare term's matches; or walking the list, at
// most WalkCap rows; or (intersect) from all the terms' matches.
func (sr *search) page(p pageQuery, intersect bool) (string, []any) {
	if len(sr.terms) == 0 {
		return "SELECT 0 WHERE 0", nil
	}
	if sr.seed >= 0 || intersect {
		p = p.searched() // the scope checked on each candidate
		cand, cargs := sr.candidates()
		check, kargs := sr.rest()
		return "SELECT c.id FROM (" + cand + ") s CROSS JOIN conversations c ON c.id = s.id WHERE " +
			strings.Join(p.where, " AND ") + " AND " + check + p.orderBy("c", p.limit), append(append(cargs, p.args...), kargs...)
	}
	return sr.walkPage(p, sr.walk)
}

// walkPage is the page of a walk down the list, at most walk rows, each
// checked for every term in conversation_words as it comes, in list order,
// until the page is full. In a scope the list is read through the unit
// index and sorted (a few thousand index entries for a desa, no rows):
// p.where holds no scope term here (see scopedRows).
func (sr *search) walkPage(p pageQuery, walk int) (string, []any) {
	if len(sr.terms) == 0 {
		return "SELECT 0 WHERE 0", nil
	}
	check, kargs := sr.check("k", -1)
	cols := "c.id, c.priority, c.last_message_at"
	list, args := "SELECT "+cols+" FROM conversations c WHERE "+strings.Join(p.where, " AND ")+p.orderBy("c", walk), p.args
	if p.scope.confined() {
		// The scope's part of the list, its first walk rows (a platform
		// term took the platform index over the whole store).
		rows, rargs := p.scope.scopedRows(cols, p.where, p.args, p.orderBy("c", walk), p.byDue)
		list, args = "SELECT * FROM ("+rows+") c"+p.orderBy("c", walk), rargs
	}
	return "SELECT k.id FROM (" + list + ") k WHERE " + check + p.orderBy("k", p.limit), append(slices.Clip(args), kargs...)
}

// smallScope reports whether q confines its admin to at most SmallScope
// conversations (read through the unit index, stopping there).
func (s *Store) smallScope(ctx context.Context, q *Scoped) (bool, error) {
	members, margs := q.members()
	if members == "" {
		return false, nil
	}
	var n int
	err := s.r.QueryRowContext(ctx, "SELECT count(*) FROM ("+members+" LIMIT ?)", append(margs, s.plan.SmallScope+1)...).Scan(&n)
	return n <= s.plan.SmallScope, err
}

// countParts is how many read connections a small scope's count spreads
// its conversations over. Their word lists lie scattered over the file, one
// page each, so a desa's count reads 2,500 pages (10 MB) from a cold disk,
// each waiting for the last when read one after another. Two readers keep
// two reads in flight (2,400 random reads: 500 ms one at a time, 140 ms two
// at a time, at load 10); four gained nothing more on two cores and slowed
// the warm count by contention (BENCHMARKS.md).
const countParts = 2

// countInScope is countSearch for common words in a small scope: the
// scope's conversations checked for every term in conversation_words, up to
// the cap. The scope's members come from the unit index; a conversation's
// row is read only when the filter names more than the search (a platform,
// a label): reading 2,500 rows scattered over a million doubled a desa's
// count read from a cold disk (22 MB).
func (s *Store) countInScope(ctx context.Context, sr *search, q *Scoped, f inbox.Filter) (int, error) {
	if len(sr.terms) == 0 {
		return 0, nil
	}
	members, margs := q.members()
	where, args := filterSQL(f, nil) // members are the scope
	from, on := "("+members+") s", "s"
	if len(where) != 1 || where[0] != "1" {
		from, on = from+" CROSS JOIN conversations c ON c.id = s.id", "c"
	} else {
		where, args = nil, nil
	}
	check, kargs := sr.check(on, -1)
	query := "SELECT count(*) FROM (SELECT 1 FROM " + from + " WHERE s.id % ? = ? AND " +
		strings.Join(append(where, check), " AND ") + " LIMIT ?)"
	limit := inbox.SearchCountCap + 1
	counts := make([]int, countParts)
	errs := make([]error, countParts)
	var wg sync.WaitGroup
	for i := range countParts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			qargs := append(append(slices.Clip(margs), countParts, i), args...)
			errs[i] = s.r.QueryRowContext(ctx, query, append(append(qargs, kargs...), limit)...).Scan(&counts[i])
		}()
	}
	wg.Wait()
	total := 0
	for _, n := range counts {
		total += n
	}
	return min(total, limit), errors.Join(errs...)
}

// countSearch counts the conversations a search finds among those where
// selects: the rare term's matches checked for the other terms, or all the
// terms' matches intersected in the full-text index, which reads every
// match once: a few tens of milliseconds for the commonest words of a
// million conversations.
//
// Counting stops past inbox.SearchCountCap. A single common word over every
// conversation is counted from its whole-word matches, which the index
// reads in order, so the count stops after the first thousand conversations
// instead of merging every word it starts.
func (s *Store) countSearch(ctx context.Context, sr *search, where []string, args []any) (int, error) {
	if len(sr.terms) == 0 {
		return 0, nil
	}
	limit := inbox.SearchCountCap + 1
	everyConversation := len(where) == 1 && where[0] == "1"
	if sr.seed < 0 && len(sr.terms) == 1 && everyConversation {
		if sr.convs >= limit { // planning already read that many
			return limit, nil
		}
		var n int
		err := s.r.QueryRowContext(ctx, `SELECT count(*) FROM (SELECT DISTINCT docid >> 24 FROM messages_fts
			WHERE messages_fts MATCH ? LIMIT ?)`, sr.terms[0], limit).Scan(&n)
		if err != nil || n >= limit {
			return n, err
		}
	}
	cand, cargs := sr.candidates()
	check, kargs := sr.rest()
	var q string
	if everyConversation && check == "1" {
		q, args = "SELECT count(*) FROM ("+cand+" LIMIT ?)", append(cargs, limit)
	} else {
		q = "SELECT count(*) FROM (SELECT 1 FROM (" + cand + ") s CROSS JOIN conversations c ON c.id = s.id WHERE " +
			strings.Join(append(where, check), " AND ") + " LIMIT ?)"
		args = append(append(append(cargs, args...), kargs...), limit)
	}
	var n int
	err := s.r.QueryRowContext(ctx, q, args...).Scan(&n)
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
		where, wargs := filterSQL(f, nil)
		q, args = "SELECT COUNT(*) FROM conversations c WHERE "+strings.Join(where, " AND "), wargs
	}
	var n int
	err := s.r.QueryRowContext(ctx, q, args...).Scan(&n)
	return n, err
}

// matchedQuery lists one conversation's newest messages, newest first, each
// with how many of the searched words it holds (as word prefixes, tokenized
// as the index tokenizes). Rows are computed as they are read, so a newest
// message that holds every word costs one row; the newest 100 are read at
// most (a search of 50 rows of 200-message threads whose words are spread
// over messages took 43 ms reading 200).
const matchedQuery = `WITH t(term) AS (SELECT value FROM json_each(?))
SELECT m.text, (SELECT count(*) FROM t WHERE EXISTS (SELECT 1 FROM words_tokenizer w
	WHERE w.input = m.text AND substr(w.token, 1, length(t.term)) = t.term))
FROM messages m WHERE m.conversation_id = ? ORDER BY m.sent_at DESC, m.id DESC LIMIT 100`

// matchedSnippets shows, in a search, each listed conversation's message
// that matches the search instead of its newest message: a search for
// "ktp" lists the message about the KTP, not the later "terima kasih". The
// message holding the most words wins, the newest among equals.
func (s *Store) matchedSnippets(ctx context.Context, sr *search, out []inbox.Conversation) error {
	if sr == nil || len(sr.terms) == 0 {
		return nil
	}
	terms, err := json.Marshal(sr.terms)
	if err != nil {
		return err
	}
	for i := range out {
		text, err := s.matchedText(ctx, string(terms), len(sr.terms), out[i].ID)
		if err != nil {
			return err
		}
		if text != "" {
			out[i].Snippet = text
		}
	}
	return nil
}

// matchedText is the text of conversation id's best match ("" for none).
func (s *Store) matchedText(ctx context.Context, terms string, all int, id int64) (string, error) {
	rows, err := s.r.QueryContext(ctx, matchedQuery, terms, id)
	if err != nil {
		return "", err
	}
	defer rows.Close()
	best, bestN := "", 0
	for rows.Next() {
		var text string
		var n int
		if err := rows.Scan(&text, &n); err != nil {
			return "", err
		}
		if n > bestN {
			best, bestN = text, n
		}
		if n == all {
			break
		}
	}
	return best, rows.Err()
}
