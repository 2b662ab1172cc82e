-- FTS4 merges its index segments in one go when a level fills up (16
-- segments); in a million conversations that rewrote a quarter of the index
-- inside one ingest transaction and held the write lock for 2.5 s. With
-- automerge the merging is done a little after every write instead: the
-- longest ingest measured fell below 0.6 s and throughput did not change
-- (bench/RESULTS-store.md).
INSERT INTO messages_fts (messages_fts) VALUES ('automerge=8');
