-- The breach view's index carries the status and unit its filter and a
-- scope test read, so its window and its count (the list title, on every
-- reload) read the index alone instead of one table row per breach.
DROP INDEX conversations_due;
CREATE INDEX conversations_due ON conversations (due_at, id, status, unit) WHERE due_at > 0;
