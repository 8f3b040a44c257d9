-- Projection of pharmacy stock batch documents: stock levels, batch lists, FEFO picking and
-- alerts read this table only. `on_hand` is derived from the merged document (received + signed
-- movements) every time it is written. Sync issues gain the kind `negative_stock`.
-- Never edit a shipped migration: add the next file.
CREATE TABLE stock_batches (
    id                TEXT PRIMARY KEY REFERENCES records(id),
    drug_id           TEXT NOT NULL,
    drug_name         TEXT NOT NULL,
    batch_number      TEXT NOT NULL,
    expiry            TEXT NOT NULL,
    supplier          TEXT NOT NULL,
    received_quantity INTEGER NOT NULL,
    on_hand           INTEGER NOT NULL,
    received_at       TEXT NOT NULL,
    updated_at        TEXT NOT NULL
) STRICT;
CREATE INDEX stock_batches_drug ON stock_batches(drug_id, expiry);
CREATE INDEX stock_batches_expiry ON stock_batches(expiry);

CREATE TABLE sync_issues_v3 (
    id          TEXT PRIMARY KEY REFERENCES records(id),
    kind        TEXT NOT NULL CHECK (kind IN ('field_conflict', 'likely_duplicate', 'double_booking', 'negative_stock')),
    record_ids  TEXT NOT NULL,
    field       TEXT NOT NULL,
    status      TEXT NOT NULL CHECK (status IN ('open', 'resolved', 'dismissed')),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;
INSERT INTO sync_issues_v3 SELECT id, kind, record_ids, field, status, created_at, updated_at FROM sync_issues;
DROP TABLE sync_issues;
ALTER TABLE sync_issues_v3 RENAME TO sync_issues;
CREATE INDEX sync_issues_status ON sync_issues(status, created_at);
