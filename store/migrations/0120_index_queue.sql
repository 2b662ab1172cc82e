-- Messages stored but not yet in the full-text index or their
-- conversation's word list (issue 9). Ingest queues a batch's messages
-- here instead of indexing them in its own transaction, where tokenizing
-- and FTS4's segment for every 100-message page were half of its cost; the
-- relay indexes the queue after each tick in one larger batch
-- (Store.IndexPending), and a search first indexes a short queue itself, so
-- it never misses a message that arrived before it. The whole store was
-- indexed before this migration: the queue starts empty.
CREATE TABLE index_queue (
    message_id INTEGER PRIMARY KEY -- messages.id
);
