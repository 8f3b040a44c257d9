-- Attachment bytes (scanned documents, photos), content-addressed by SHA-256. They live inside the
-- SQLCipher file, so they are encrypted at rest with the store key. Which patient has which
-- attachment is in the patient's document (CRDT data), not here.
-- state: 'local_only' until the central server has stored it, then 'uploaded'; a blob fetched from
-- the server arrives 'uploaded'.
CREATE TABLE attachment_blobs (
    sha256       TEXT PRIMARY KEY,
    content_type TEXT NOT NULL,
    size         INTEGER NOT NULL,
    state        TEXT NOT NULL CHECK (state IN ('local_only', 'uploaded')),
    created_at   TEXT NOT NULL,
    bytes        BLOB NOT NULL
) STRICT;

CREATE INDEX attachment_blobs_to_upload ON attachment_blobs (created_at) WHERE state = 'local_only';
