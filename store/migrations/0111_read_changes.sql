-- Marking a conversation read changes what that admin's other screens show
-- (the unread mark) and nobody else's: each admin's read marks move a count
-- of their own, which their screens add to change_seq.seq; change_seq.reads
-- moves with every read mark so the one poller of a process knows when to
-- reread the counts.
ALTER TABLE change_seq ADD COLUMN reads INTEGER NOT NULL DEFAULT 0;
CREATE TABLE read_changes (
    admin TEXT PRIMARY KEY,
    seq   INTEGER NOT NULL
) WITHOUT ROWID;
