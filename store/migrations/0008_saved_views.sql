-- An admin's own saved views: a name and the filter it stands for (JSON).
-- The shared views live in the config's [[view]] tables, not here.
CREATE TABLE saved_views (
    admin    TEXT NOT NULL,
    name     TEXT NOT NULL,
    filter   TEXT NOT NULL,
    saved_at INTEGER NOT NULL,
    PRIMARY KEY (admin, name)
);
