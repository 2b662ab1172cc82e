-- The status a reply moves its conversation to once sent. A failed or
-- unknown reply reopens the conversation; when the reply is later found
-- sent or resent, it takes this status again.
ALTER TABLE outbox ADD COLUMN then_status TEXT NOT NULL DEFAULT '';
