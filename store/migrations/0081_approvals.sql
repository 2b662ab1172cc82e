-- Replies by admins registered with needs_approval wait here, never in the
-- outbox, until a supervisor at or above approver_unit (the nearest unit up
-- the tree with an active supervisor) approves them — then they are queued
-- in the outbox in the same transaction — or rejects them with a note.
CREATE TABLE approvals (
    id              INTEGER PRIMARY KEY,
    conversation_id INTEGER NOT NULL REFERENCES conversations(id),
    author          TEXT NOT NULL,
    text            TEXT NOT NULL,
    then_status     TEXT NOT NULL DEFAULT '',
    approver_unit   TEXT NOT NULL,
    state           TEXT NOT NULL CHECK (state IN ('awaiting', 'approved', 'rejected')),
    decided_by      TEXT NOT NULL DEFAULT '',
    note            TEXT NOT NULL DEFAULT '',
    outbox_id       INTEGER,
    created_at      INTEGER NOT NULL,
    decided_at      INTEGER NOT NULL DEFAULT 0
);

CREATE INDEX approvals_waiting ON approvals (state, approver_unit, created_at);
CREATE INDEX approvals_conversation ON approvals (conversation_id, id);
