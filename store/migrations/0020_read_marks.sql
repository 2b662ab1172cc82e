-- Read marks are each admin's own (issue 10): opening a conversation clears
-- its "*" for that admin only, and a new citizen message makes it unread for
-- everyone again.
--
-- conversations.unread now holds the sequence number within the
-- conversation (message id & 0xFFFFFF) of its newest inbound message, 0 when
-- none is unread for anyone. An admin has read a conversation when their
-- mark's seq is at least that number. Older databases kept 1 for "unread":
-- every message's sequence number is at least 1, so their unread
-- conversations stay unread for every admin until each reads them, and no
-- row needs rewriting.
CREATE TABLE read_marks (
    admin           TEXT NOT NULL,
    conversation_id INTEGER NOT NULL REFERENCES conversations(id),
    seq             INTEGER NOT NULL,
    PRIMARY KEY (admin, conversation_id)
) WITHOUT ROWID;
