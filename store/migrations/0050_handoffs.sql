-- Handoffs (issue 11 part 2): one row each time an admin sends a
-- conversation to another unit, append-only, never updated.
--   direction 'up'     escalated to the parent unit of from_unit
--   direction 'down'   delegated to a unit below from_unit
--   direction 'across' delegated to an agency (a unit of level 'opd')
-- The conversation's unit becomes to_unit. from_unit keeps READING the
-- conversation (the scope honours this table for reads, never for writes),
-- so the unit that handed it on can follow the outcome. Reports count
-- "escalated up" as rows with direction 'up' whose from_unit is in the unit,
-- "delegated down" as rows with direction 'down' or 'across'; at is ms.
-- Routing by the relay is not a handoff: it is in conversations.unit_set_by
-- and the audit log.
CREATE TABLE handoffs (
    id              INTEGER PRIMARY KEY,
    conversation_id INTEGER NOT NULL REFERENCES conversations(id),
    at              INTEGER NOT NULL,
    admin           TEXT NOT NULL,
    from_unit       TEXT NOT NULL,
    to_unit         TEXT NOT NULL,
    direction       TEXT NOT NULL CHECK (direction IN ('up', 'down', 'across')),
    note            TEXT NOT NULL DEFAULT ''
);
CREATE INDEX handoffs_conversation ON handoffs (conversation_id, id);
CREATE INDEX handoffs_from ON handoffs (from_unit, conversation_id);
CREATE INDEX handoffs_at ON handoffs (at);

-- Internal notes: admins' own words on a conversation. They are never a
-- message and never reach the outbox, so no platform ever sees them.
CREATE TABLE notes (
    id              INTEGER PRIMARY KEY,
    conversation_id INTEGER NOT NULL REFERENCES conversations(id),
    at              INTEGER NOT NULL,
    admin           TEXT NOT NULL,
    text            TEXT NOT NULL
);
CREATE INDEX notes_conversation ON notes (conversation_id, id);

-- What the relay's place matcher read in a conversation's messages: the unit
-- it applied (applied = 1) or only suggests (0), the words it matched, and
-- the agency a keyword rule named. One row per conversation, the latest
-- reading; the thread shows it.
CREATE TABLE routes (
    conversation_id INTEGER PRIMARY KEY REFERENCES conversations(id),
    at              INTEGER NOT NULL,
    unit            TEXT NOT NULL DEFAULT '',
    matched         TEXT NOT NULL DEFAULT '',
    applied         INTEGER NOT NULL DEFAULT 0,
    agency          TEXT NOT NULL DEFAULT '',
    keyword         TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;

-- Who last chose the conversation's unit: '' while it is the account's
-- (the kabupaten's by default), '(relay)' when routing applied a place,
-- else the admin who corrected, escalated or delegated it. The relay
-- routes only conversations nobody has placed yet.
ALTER TABLE conversations ADD COLUMN unit_set_by TEXT NOT NULL DEFAULT '';
