-- Words a search found common (issue 9): at least the plan's RareMatches
-- messages start with the word. Planning asked the full-text index for every
-- search, and FTS4 reads a word's whole doclist from every segment before its
-- first match: 12 MB and 20 ms for "jalan" in a million conversations, twice
-- per window load. Messages are only ever added, so a count here stays a
-- lower bound and a word found common stays common; planning reads the index
-- for it once in the store's life. Filled by searches, not by ingest.
CREATE TABLE search_words (
    word          TEXT PRIMARY KEY, -- a whole word as the full-text index stores it
    matches       INTEGER NOT NULL, -- messages holding it, counted up to the plan's RareMatches
    conversations INTEGER NOT NULL  -- the conversations those messages are in
) WITHOUT ROWID;
