-- Where each admin was in the inbox (issue 10): the list's filter, the top
-- of its window, the selected and the open conversation and whether the
-- composer had the keyboard, so a session that reconnects after a dropped
-- link resumes there. The draft itself stays in drafts. One row per admin,
-- written when the screen changes, never on every key.
CREATE TABLE admin_screens (
    admin        TEXT PRIMARY KEY,
    filter       TEXT NOT NULL,              -- as saved_views.filter
    top_priority INTEGER NOT NULL DEFAULT 0, -- the window's first row; top_id 0: the top of the list
    top_at       INTEGER NOT NULL DEFAULT 0,
    top_id       INTEGER NOT NULL DEFAULT 0,
    selected     INTEGER NOT NULL DEFAULT 0,
    open         INTEGER NOT NULL DEFAULT 0,
    composing    INTEGER NOT NULL DEFAULT 0,
    saved_at     INTEGER NOT NULL
) WITHOUT ROWID;
