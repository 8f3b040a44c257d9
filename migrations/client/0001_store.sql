-- Clinic local store, schema 1. Never edit a shipped migration: add a new file.

-- Facts about this store: which clinic, which device (PC), the UI locale.
CREATE TABLE store_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

-- Every record is one Automerge document with its current heads. `doc` holds the saved (compacted)
-- document once the record has been changed after its creation; a record with only its creating change
-- is loaded from that change in `change_log` (`doc` and `heads` NULL here), so its bytes are not stored twice.
CREATE TABLE records (
    id          TEXT PRIMARY KEY,
    kind        TEXT NOT NULL,
    doc         BLOB,
    heads       TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;
CREATE INDEX records_kind ON records(kind);

-- Every change, in local order, as the Automerge change bytes that sync ships.
CREATE TABLE change_log (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    record_id   TEXT NOT NULL REFERENCES records(id),
    kind        TEXT NOT NULL,
    hash        BLOB NOT NULL UNIQUE,
    change      BLOB NOT NULL,
    source      TEXT NOT NULL CHECK (source IN ('ui', 'import', 'sync')),
    created_at  TEXT NOT NULL
) STRICT;
CREATE INDEX change_log_record ON change_log(record_id);

-- Per-device sequences (patient numbers, ...): only this PC writes them.
CREATE TABLE device_counters (
    name   TEXT PRIMARY KEY,
    value  INTEGER NOT NULL
) STRICT;

-- Append-only, hash-chained audit trail: hash = SHA-256(hash of the entry before, every other column).
CREATE TABLE audit_log (
    seq          INTEGER PRIMARY KEY,
    at           TEXT NOT NULL,
    user_id      TEXT NOT NULL,
    username     TEXT NOT NULL,
    role         TEXT NOT NULL,
    device_id    TEXT NOT NULL,
    action       TEXT NOT NULL,
    record_kind  TEXT NOT NULL,
    record_id    TEXT NOT NULL,
    hash         BLOB NOT NULL
) STRICT;
CREATE INDEX audit_log_record ON audit_log(record_id);

-- Projection of patient documents: lists, search and duplicate checks read only this.
CREATE TABLE patients (
    id                    TEXT PRIMARY KEY REFERENCES records(id),
    number                TEXT NOT NULL,
    given_name            TEXT NOT NULL,
    family_name           TEXT NOT NULL,
    sex                   TEXT NOT NULL,
    birth_date            TEXT NOT NULL,
    birth_date_estimated  INTEGER NOT NULL,
    phone                 TEXT NOT NULL,
    national_id           TEXT NOT NULL,
    deleted               INTEGER NOT NULL,
    name_key              TEXT NOT NULL,
    phone_key             TEXT NOT NULL,
    national_id_key       TEXT NOT NULL,
    updated_at            TEXT NOT NULL
);
CREATE INDEX patients_number ON patients(number);
CREATE INDEX patients_name_birth ON patients(name_key, birth_date);
CREATE INDEX patients_phone ON patients(phone_key) WHERE phone_key <> '';
CREATE INDEX patients_national_id ON patients(national_id_key) WHERE national_id_key <> '';
CREATE INDEX patients_updated ON patients(updated_at);

-- Full-text index over folded (lower-case, accent-free) names, number, phone and national ID.
-- rowid = patients.rowid.
CREATE VIRTUAL TABLE patients_fts USING fts5(
    names, number, phone, national_id,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3'
);
-- Every folded name word ever indexed, for the typo-tolerant fallback (words are only added: a word
-- no patient has any more just finds nothing).
CREATE TABLE patient_terms (
    term  TEXT PRIMARY KEY
) STRICT, WITHOUT ROWID;

-- Projection of user documents, for login.
CREATE TABLE users (
    id             TEXT PRIMARY KEY REFERENCES records(id),
    username       TEXT NOT NULL,
    display_name   TEXT NOT NULL,
    role           TEXT NOT NULL,
    password_hash  TEXT NOT NULL,
    active         INTEGER NOT NULL,
    updated_at     TEXT NOT NULL
) STRICT;
CREATE INDEX users_username ON users(username);
