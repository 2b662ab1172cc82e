-- Hiding and unhiding citizens' public comments on the platform. The screen
-- writes the intention here; the relay performs it through the connector
-- and settles the row. One row per message and request: the newest row of a
-- message says how its hiding stands.
CREATE TABLE moderation (
    id              INTEGER PRIMARY KEY,
    conversation_id INTEGER NOT NULL REFERENCES conversations(id),
    account_id      INTEGER NOT NULL REFERENCES accounts(id),
    message_id      INTEGER NOT NULL REFERENCES messages(id),
    external_id     TEXT NOT NULL,
    hide            INTEGER NOT NULL,  -- 1: hide, 0: unhide
    admin           TEXT NOT NULL,
    state           TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'done', 'failed')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL DEFAULT 0,
    last_error      TEXT NOT NULL DEFAULT '',
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
);

CREATE INDEX moderation_due ON moderation (state, next_attempt_at);
CREATE INDEX moderation_conversation ON moderation (conversation_id, id);
CREATE INDEX moderation_message ON moderation (message_id, id);
