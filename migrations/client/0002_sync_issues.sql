-- Projection of sync issue documents: the "Sync issues" inbox and its count read this table only.
-- Never edit a shipped migration: add the next file.
CREATE TABLE sync_issues (
    id          TEXT PRIMARY KEY REFERENCES records(id),
    kind        TEXT NOT NULL CHECK (kind IN ('field_conflict', 'likely_duplicate')),
    -- the records concerned, sorted, comma-separated
    record_ids  TEXT NOT NULL,
    field       TEXT NOT NULL,
    status      TEXT NOT NULL CHECK (status IN ('open', 'resolved', 'dismissed')),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;
CREATE INDEX sync_issues_status ON sync_issues(status, created_at);
