-- Admins are registered, not typed (issue 10): a name, a unit of the
-- Kemendagri tree (or an agency), a role and SSH keys. Identity comes from a
-- key's fingerprint, never from the SSH user name.
CREATE TABLE admins (
    id             INTEGER PRIMARY KEY,
    name           TEXT NOT NULL UNIQUE,
    unit           TEXT NOT NULL,
    role           TEXT NOT NULL CHECK (role IN ('supervisor', 'operator', 'viewer')),
    needs_approval INTEGER NOT NULL DEFAULT 0,
    created_at     INTEGER NOT NULL,
    disabled_at    INTEGER NOT NULL DEFAULT 0
);

-- One row per public key; the fingerprint is OpenSSH's "SHA256:…".
CREATE TABLE admin_keys (
    fingerprint TEXT PRIMARY KEY,
    admin_id    INTEGER NOT NULL REFERENCES admins(id),
    public_key  TEXT NOT NULL, -- the authorized_keys line, comment included
    added_at    INTEGER NOT NULL
);
CREATE INDEX admin_keys_admin ON admin_keys (admin_id);

-- One-time enrolment codes: only a hash is kept; used_at makes a code single use.
CREATE TABLE admin_invites (
    code_hash  TEXT PRIMARY KEY,
    admin_id   INTEGER NOT NULL REFERENCES admins(id),
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at    INTEGER NOT NULL DEFAULT 0
);

-- An account may belong to a unit (a desa's own Facebook Page); its
-- conversations start in that unit, else in the kabupaten.
ALTER TABLE accounts ADD COLUMN unit TEXT NOT NULL DEFAULT '';

-- A desa or kecamatan admin's list is an index range of its units.
CREATE INDEX conversations_unit ON conversations (unit, queue, priority DESC, last_message_at DESC, id DESC);

-- The unit tree the deployment runs with (units/ builds it; SyncUnits
-- copies it here), so the store itself confines every query to a scope.
CREATE TABLE units (
    code   TEXT PRIMARY KEY,
    parent TEXT NOT NULL,
    level  TEXT NOT NULL,
    name   TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX units_parent ON units (parent);
