-- Sapa at a million conversations (measurements in bench/RESULTS-store.md).

-- 1. Message ids carry their conversation: id = conversation_id << 24 | n
--    (n counts from 1 within the conversation). A full-text match then names
--    its conversation without reading the message row, which is what makes a
--    search for a common word affordable.
CREATE TABLE messages_v3 (
    id                 INTEGER PRIMARY KEY,
    conversation_id    INTEGER NOT NULL REFERENCES conversations(id),
    account_id         INTEGER NOT NULL REFERENCES accounts(id),
    external_id        TEXT NOT NULL,
    parent_external_id TEXT NOT NULL DEFAULT '',
    direction          TEXT NOT NULL CHECK (direction IN ('in', 'out')),
    author_external_id TEXT NOT NULL DEFAULT '',
    author_name        TEXT NOT NULL DEFAULT '',
    author_handle      TEXT NOT NULL DEFAULT '',
    text               TEXT NOT NULL,
    sent_at            INTEGER NOT NULL,
    sent_by            TEXT NOT NULL DEFAULT '',
    outbox_id          INTEGER,
    hidden             INTEGER NOT NULL DEFAULT 0,
    UNIQUE (account_id, external_id),
    CHECK (id >> 24 = conversation_id)
);
INSERT INTO messages_v3 (id, conversation_id, account_id, external_id, parent_external_id, direction,
        author_external_id, author_name, author_handle, text, sent_at, sent_by, outbox_id, hidden)
    SELECT (conversation_id << 24) + row_number() OVER (PARTITION BY conversation_id ORDER BY id),
        conversation_id, account_id, external_id, parent_external_id, direction,
        author_external_id, author_name, author_handle, text, sent_at, sent_by, outbox_id, hidden
    FROM messages;

-- 2. The full-text index is filled by the store once per transaction, not by
--    a trigger: FTS4 flushes its pending terms at every statement savepoint,
--    so a trigger wrote one tiny segment per message and ingest ran at a
--    third of its speed. matchinfo=fts3 drops the per-document size table,
--    which only ranking needs.
DROP TRIGGER messages_fts_insert;
DROP TABLE messages_fts;
DROP TABLE messages;
ALTER TABLE messages_v3 RENAME TO messages;
CREATE INDEX messages_conversation ON messages (conversation_id, sent_at, id);
CREATE VIRTUAL TABLE messages_fts USING fts4 (content="messages", matchinfo=fts3, text,
    tokenize=unicode61 "remove_diacritics=1");
INSERT INTO messages_fts (messages_fts) VALUES ('rebuild');

-- 3. Every distinct word of a conversation, as ' word word ', tokenized as
--    the full-text index does. A search for common words walks the list in
--    order and checks each conversation here (one row read), so the first
--    page costs what the page costs, not what the matches cost.
CREATE VIRTUAL TABLE words_tokenizer USING fts3tokenize(unicode61, "remove_diacritics=1");
CREATE TABLE conversation_words (
    conversation_id INTEGER PRIMARY KEY REFERENCES conversations(id),
    words           TEXT NOT NULL
);
INSERT INTO conversation_words (conversation_id, words)
    SELECT cid, ' ' || group_concat(token, ' ') || ' '
    FROM (SELECT DISTINCT m.conversation_id AS cid, t.token AS token
          FROM messages m, words_tokenizer t WHERE t.input = m.text)
    GROUP BY cid;

-- 4. The list of every conversation ("all", and every search) in order.
CREATE INDEX conversations_all ON conversations (priority DESC, last_message_at DESC, id DESC);

-- 5. How many conversations each view holds, kept by triggers, so the list
--    title's count does not scan a million index entries on every reload.
CREATE TABLE conversation_counts (
    queue    TEXT NOT NULL,
    platform TEXT NOT NULL,
    assignee TEXT NOT NULL,
    n        INTEGER NOT NULL,
    PRIMARY KEY (queue, platform, assignee)
) WITHOUT ROWID;
INSERT INTO conversation_counts (queue, platform, assignee, n)
    SELECT queue, platform, assignee, count(*) FROM conversations GROUP BY 1, 2, 3;
CREATE TRIGGER conversation_counts_insert AFTER INSERT ON conversations BEGIN
    INSERT INTO conversation_counts (queue, platform, assignee, n) VALUES (new.queue, new.platform, new.assignee, 1)
        ON CONFLICT DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER conversation_counts_update AFTER UPDATE OF status, assignee, platform ON conversations
    WHEN old.queue IS NOT new.queue OR old.assignee IS NOT new.assignee OR old.platform IS NOT new.platform
BEGIN
    UPDATE conversation_counts SET n = n - 1
        WHERE queue = old.queue AND platform = old.platform AND assignee = old.assignee;
    INSERT INTO conversation_counts (queue, platform, assignee, n) VALUES (new.queue, new.platform, new.assignee, 1)
        ON CONFLICT DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER conversation_counts_delete AFTER DELETE ON conversations BEGIN
    UPDATE conversation_counts SET n = n - 1
        WHERE queue = old.queue AND platform = old.platform AND assignee = old.assignee;
END;
