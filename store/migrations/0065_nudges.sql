-- Nudges (issue 11 part 3): an admin who opts in gets at most one message an
-- hour, through the office's own Telegram bot or mailbox, when something
-- reaches their unit or is about to miss its target while they are not
-- logged in. nudge_via '' is opted out.
ALTER TABLE admins ADD COLUMN nudge_via TEXT NOT NULL DEFAULT '';
ALTER TABLE admins ADD COLUMN nudge_to TEXT NOT NULL DEFAULT '';
ALTER TABLE admins ADD COLUMN nudged_at INTEGER NOT NULL DEFAULT 0;

-- The nudges' own outbox: a row is queued with the admin's nudged_at in one
-- transaction and marked sending before any network call, so a nudge goes
-- out at most once; one left sending by a crash is never sent again.
CREATE TABLE nudges (
    id         INTEGER PRIMARY KEY,
    admin      TEXT NOT NULL,
    via        TEXT NOT NULL CHECK (via IN ('telegram', 'email')),
    recipient  TEXT NOT NULL,
    text       TEXT NOT NULL,
    state      TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'sent', 'failed')),
    last_error TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX nudges_state ON nudges (state, id);
