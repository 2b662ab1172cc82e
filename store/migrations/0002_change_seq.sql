-- A counter bumped by every transaction that changes what sessions show, so
-- sessions can tell content changes from relay lease heartbeats.
CREATE TABLE change_seq (
    id  INTEGER PRIMARY KEY CHECK (id = 1),
    seq INTEGER NOT NULL
);
INSERT INTO change_seq (id, seq) VALUES (1, 0);
