-- Response-time deadlines (issue 11 part 3). waiting_since is when the oldest
-- citizen message the office has not answered arrived (0: nothing waits);
-- due_at is when the office's answer is due by the response-time targets,
-- stamped by the store whenever what it depends on changes (status,
-- priority, messages, the first response) and 0 while no clock runs
-- (pending, snoozed, done, or nothing waits). Stamped, not computed per
-- read, so the breach view is one index range at any inbox size.
ALTER TABLE conversations ADD COLUMN waiting_since INTEGER NOT NULL DEFAULT 0;
ALTER TABLE conversations ADD COLUMN due_at INTEGER NOT NULL DEFAULT 0;

-- Open conversations whose newest message is the citizen's wait since the
-- first citizen message after the office's last reply.
UPDATE conversations SET waiting_since = COALESCE((
        SELECT MIN(m.sent_at) FROM messages m
        WHERE m.conversation_id = conversations.id AND m.direction = 'in'
          AND m.sent_at > COALESCE((SELECT MAX(o.sent_at) FROM messages o
              WHERE o.conversation_id = conversations.id AND o.direction = 'out'), 0)
    ), last_inbound_at)
    WHERE queue = 'open' AND last_inbound_at > 0 AND last_inbound_at >= last_message_at;

-- The breach view: stamped deadlines in order (only running clocks).
CREATE INDEX conversations_due ON conversations (due_at, id) WHERE due_at > 0;

-- The policy the stamped deadlines were computed with: a store opened with
-- another (targets or working hours changed) stamps them again.
CREATE TABLE due_policy (
    id     INTEGER PRIMARY KEY CHECK (id = 1),
    policy TEXT NOT NULL
);
