-- When a conversation's first message from a citizen arrived: reports count
-- a conversation in the period it arrived, and measure its first response
-- from then. 0: no inbound message yet (a thread the office started).
-- Kept by ingest; conversations from before are filled from their messages.
ALTER TABLE conversations ADD COLUMN first_inbound_at INTEGER NOT NULL DEFAULT 0;
UPDATE conversations SET first_inbound_at = COALESCE((SELECT MIN(m.sent_at) FROM messages m
    WHERE m.conversation_id = conversations.id AND m.direction = 'in'), 0);
-- A report reads the period's arrivals as one index range, and the backlog
-- (arrived before the end, no first response by then, not closed without a
-- reply) from the index alone but for the conversations still waiting.
CREATE INDEX conversations_arrival ON conversations (first_inbound_at, first_response_at, status);
