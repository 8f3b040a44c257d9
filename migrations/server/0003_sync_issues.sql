-- Central projection of sync issue documents (field conflicts and likely duplicate patients found
-- by the PCs), so the central report can count open issues per clinic. Rewritten from each merged
-- issue document like the other projections. Never edit a shipped migration: add the next file.
CREATE TABLE sync_issues (
    clinic_id   uuid NOT NULL REFERENCES clinics(id),
    id          uuid NOT NULL,
    kind        text NOT NULL CHECK (kind IN ('field_conflict', 'likely_duplicate')),
    -- the records concerned (patients), sorted
    record_ids  uuid[] NOT NULL,
    field       text NOT NULL,
    status      text NOT NULL CHECK (status IN ('open', 'resolved', 'dismissed')),
    -- who changed the status last, and when (RFC 3339 as the PC wrote it); empty while open
    status_by   text NOT NULL,
    status_at   text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (clinic_id, id)
);
CREATE INDEX sync_issues_open ON sync_issues (clinic_id) WHERE status = 'open';
