-- Sapa's first schema. Times are Unix milliseconds (UTC); 0 means "never".

CREATE TABLE accounts (
    id           INTEGER PRIMARY KEY,
    name         TEXT NOT NULL UNIQUE,
    platform     TEXT NOT NULL,
    healthy      INTEGER NOT NULL DEFAULT 1,
    last_error   TEXT NOT NULL DEFAULT '',
    last_sync    INTEGER NOT NULL DEFAULT 0,
    capabilities TEXT NOT NULL DEFAULT '{}'
);

CREATE TABLE contacts (
    id          INTEGER PRIMARY KEY,
    platform    TEXT NOT NULL,
    external_id TEXT NOT NULL,
    name        TEXT NOT NULL DEFAULT '',
    handle      TEXT NOT NULL DEFAULT '',
    UNIQUE (platform, external_id)
);

CREATE TABLE conversations (
    id                INTEGER PRIMARY KEY,
    account_id        INTEGER NOT NULL REFERENCES accounts(id),
    platform          TEXT NOT NULL,
    external_key      TEXT NOT NULL,
    kind              TEXT NOT NULL,
    title             TEXT NOT NULL DEFAULT '',
    context_text      TEXT NOT NULL DEFAULT '',
    context_url       TEXT NOT NULL DEFAULT '',
    contact_id        INTEGER REFERENCES contacts(id),
    status            TEXT NOT NULL DEFAULT 'new',
    -- queue folds "new" into "open" so each list view is one index range.
    queue             TEXT GENERATED ALWAYS AS (CASE status WHEN 'new' THEN 'open' ELSE status END) VIRTUAL,
    assignee          TEXT NOT NULL DEFAULT '',
    unit              TEXT NOT NULL DEFAULT '',
    priority          INTEGER NOT NULL DEFAULT 0,
    labels            TEXT NOT NULL DEFAULT '',  -- ",a,b," so one label matches LIKE '%,a,%'
    snooze_until      INTEGER NOT NULL DEFAULT 0,
    last_inbound_at   INTEGER NOT NULL DEFAULT 0,
    last_message_at   INTEGER NOT NULL DEFAULT 0,
    first_response_at INTEGER NOT NULL DEFAULT 0,
    snippet           TEXT NOT NULL DEFAULT '',
    unread            INTEGER NOT NULL DEFAULT 0,
    version           INTEGER NOT NULL DEFAULT 1,
    UNIQUE (account_id, external_key)
);

CREATE INDEX conversations_queue ON conversations (queue, priority DESC, last_message_at DESC, id DESC);
CREATE INDEX conversations_platform ON conversations (platform, queue, priority DESC, last_message_at DESC, id DESC);
CREATE INDEX conversations_assignee ON conversations (assignee, queue, priority DESC, last_message_at DESC, id DESC);
CREATE INDEX conversations_snooze ON conversations (snooze_until) WHERE status = 'snoozed';

CREATE TABLE messages (
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
    UNIQUE (account_id, external_id)
);

CREATE INDEX messages_conversation ON messages (conversation_id, sent_at, id);

-- Full-text index over message text (FTS4: compiled into go-sqlite3 by default).
CREATE VIRTUAL TABLE messages_fts USING fts4 (content="messages", text, tokenize=unicode61 "remove_diacritics=1");
CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
    INSERT INTO messages_fts (docid, text) VALUES (new.id, new.text);
END;

CREATE TABLE drafts (
    conversation_id INTEGER NOT NULL REFERENCES conversations(id),
    admin           TEXT NOT NULL,
    text            TEXT NOT NULL,
    started_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    PRIMARY KEY (conversation_id, admin)
);

CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY,
    conversation_id INTEGER NOT NULL REFERENCES conversations(id),
    account_id      INTEGER NOT NULL REFERENCES accounts(id),
    admin           TEXT NOT NULL,
    text            TEXT NOT NULL,
    in_reply_to     TEXT NOT NULL DEFAULT '',
    idempotency_key TEXT NOT NULL UNIQUE,
    state           TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'sent', 'failed', 'unknown', 'cancelled')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL DEFAULT 0,
    last_error      TEXT NOT NULL DEFAULT '',
    external_id     TEXT NOT NULL DEFAULT '',
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
);

CREATE INDEX outbox_due ON outbox (state, next_attempt_at);
CREATE INDEX outbox_conversation ON outbox (conversation_id, created_at);

CREATE TABLE sync_cursors (
    account_id INTEGER PRIMARY KEY REFERENCES accounts(id),
    cursor     TEXT NOT NULL,
    updated_at INTEGER NOT NULL
);

CREATE TABLE relay_lease (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    holder     TEXT NOT NULL,
    expires_at INTEGER NOT NULL
);

CREATE TABLE audit_log (
    id              INTEGER PRIMARY KEY,
    at              INTEGER NOT NULL,
    admin           TEXT NOT NULL,
    action          TEXT NOT NULL,
    conversation_id INTEGER,
    detail          TEXT NOT NULL DEFAULT ''
);

CREATE INDEX audit_conversation ON audit_log (conversation_id, at);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN
    SELECT RAISE(ABORT, 'audit log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN
    SELECT RAISE(ABORT, 'audit log is append-only');
END;
