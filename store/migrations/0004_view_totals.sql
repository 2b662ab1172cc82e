-- The per-view counts of 0003 were kept by an UPDATE OF status trigger, and
-- a trigger that may fire on the conversation row made the UPDATE every new
-- message does about twice as dear: ingest fell to 12 000 messages a
-- second. Only the number of conversations per platform is kept now, by an
-- INSERT trigger; the views a session counts are small index ranges, and
-- "done" is everything else (see Store.Count).
DROP TRIGGER conversation_counts_insert;
DROP TRIGGER conversation_counts_update;
DROP TRIGGER conversation_counts_delete;
DROP TABLE conversation_counts;

CREATE TABLE conversation_totals (
    platform TEXT PRIMARY KEY,
    n        INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO conversation_totals (platform, n) SELECT platform, count(*) FROM conversations GROUP BY platform;
CREATE TRIGGER conversation_totals_insert AFTER INSERT ON conversations BEGIN
    INSERT INTO conversation_totals (platform, n) VALUES (new.platform, 1)
        ON CONFLICT DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER conversation_totals_delete AFTER DELETE ON conversations BEGIN
    UPDATE conversation_totals SET n = n - 1 WHERE platform = old.platform;
END;
