-- A nudge that surely did not reach the platform (rate limited, connection
-- refused) is queued again for next_attempt_at, at most the relay's
-- max_attempts times in all, like a reply in the outbox.
ALTER TABLE nudges ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE nudges ADD COLUMN next_attempt_at INTEGER NOT NULL DEFAULT 0;
