-- The full-text index's segments are merged by the relay's housekeeping
-- (Store.MergeIndex), a step at a time between polls, not after every
-- ingest commit: automerge made each commit merge several times the pages
-- the batch itself added, reading old segments from all over a 4 GB file,
-- and that was half of an ingest call's time at a million conversations
-- (BENCHMARKS.md). A store nobody merges still merges a level in one go
-- when 16 segments fill it, as FTS4 always does.
INSERT INTO messages_fts (messages_fts) VALUES ('automerge=0');
