package store

import (
	"context"
	"database/sql"
	"errors"
)

// knownCommon returns what search_words holds for word when it says the
// word is common at the plan's threshold: the counts are lower bounds, so
// planning may take them instead of reading the word's doclist.
func (s *Store) knownCommon(ctx context.Context, word string) (msgs, convs int, ok bool, err error) {
	err = s.r.QueryRowContext(ctx, `SELECT matches, conversations FROM search_words WHERE word = ?`, word).Scan(&msgs, &convs)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, 0, false, nil
	}
	if err != nil {
		return 0, 0, false, err
	}
	return msgs, convs, msgs >= s.plan.RareMatches, nil
}

// rememberCommon records that word is common, in the background through the
// drafts connection, so that a search never waits for the write lock (the
// relay's ingest may hold it for a batch). A failed write (a read-only file,
// a damaged store) only means the next plan reads the index again.
func (s *Store) rememberCommon(word string, msgs, convs int) {
	s.bg.Add(1)
	go func() {
		defer s.bg.Done()
		_ = s.writeOn(context.Background(), s.d, func(tx *sql.Tx) error {
			_, err := tx.Exec(`INSERT INTO search_words (word, matches, conversations) VALUES (?, ?, ?)
				ON CONFLICT (word) DO UPDATE SET matches = max(matches, excluded.matches),
					conversations = max(conversations, excluded.conversations)`, word, msgs, convs)
			return err
		})
	}()
}
