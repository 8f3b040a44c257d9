-- Central sync schema. Never edit a shipped migration: add the next file.

CREATE TABLE clinics (
    id          uuid PRIMARY KEY,
    code        text NOT NULL UNIQUE,
    name        text NOT NULL,
    -- The clinic's newest change sequence. Every push locks this row first, so a clinic's pushes
    -- commit one after the other and sequences are unique, gap-free and visible in order.
    head_seq    bigint NOT NULL DEFAULT 0,
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE enrollment_codes (
    code_hash       bytea PRIMARY KEY,          -- SHA-256 of the normalised code
    clinic_id       uuid NOT NULL REFERENCES clinics(id),
    created_at      timestamptz NOT NULL DEFAULT now(),
    expires_at      timestamptz NOT NULL,
    used_at         timestamptz,
    used_by_device  uuid
);

CREATE TABLE devices (
    id               uuid PRIMARY KEY,          -- the PC's device id (Automerge actor)
    clinic_id        uuid NOT NULL REFERENCES clinics(id),
    code             text NOT NULL,
    name             text NOT NULL,
    token_hash       bytea NOT NULL UNIQUE,     -- SHA-256 of the bearer token
    enrolled_at      timestamptz NOT NULL DEFAULT now(),
    revoked_at       timestamptz,
    last_seen_at     timestamptz,
    last_push_at     timestamptz,
    last_pull_at     timestamptz,
    last_pulled_seq  bigint NOT NULL DEFAULT 0,
    acked_local_seq  bigint NOT NULL DEFAULT 0,
    pending_after    bigint NOT NULL DEFAULT 0,
    applied_count    bigint NOT NULL DEFAULT 0,
    duplicate_count  bigint NOT NULL DEFAULT 0,
    rejected_count   bigint NOT NULL DEFAULT 0,
    -- A revoked device keeps its code: patient numbers carry it.
    UNIQUE (clinic_id, code)
);

-- One Automerge document per record. A record id belongs to one clinic for ever.
CREATE TABLE records (
    id          uuid PRIMARY KEY,
    clinic_id   uuid NOT NULL REFERENCES clinics(id),
    kind        text NOT NULL,
    doc         bytea NOT NULL,
    -- false while no change of the record could be applied yet (its dependencies are missing)
    has_content boolean NOT NULL DEFAULT false,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX records_by_clinic ON records (clinic_id, id);

-- Every change the server stored, in clinic order. `applied` is false while the change waits for
-- dependencies the server does not have yet; it is applied again when they arrive.
CREATE TABLE changes (
    clinic_id   uuid NOT NULL REFERENCES clinics(id),
    seq         bigint NOT NULL,
    hash        bytea NOT NULL,
    record_id   uuid NOT NULL,
    kind        text NOT NULL,
    device_id   uuid NOT NULL,
    bytes       bytea NOT NULL,
    applied     boolean NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (clinic_id, seq),
    UNIQUE (clinic_id, hash)
);
CREATE INDEX changes_waiting ON changes (record_id) WHERE NOT applied;

CREATE TABLE rejected_changes (
    clinic_id   uuid NOT NULL REFERENCES clinics(id),
    device_id   uuid NOT NULL,
    local_seq   bigint NOT NULL,
    record_id   uuid NOT NULL,
    kind        text NOT NULL,
    reason      text NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (device_id, local_seq)
);

-- Central projections: plain tables for reports and BI tools, rewritten from each merged document.
CREATE TABLE patients (
    clinic_id          uuid NOT NULL REFERENCES clinics(id),
    id                 uuid NOT NULL,
    patient_number     text NOT NULL,
    given_name         text NOT NULL,
    family_name        text NOT NULL,
    sex                text NOT NULL,
    birth_date         text NOT NULL,
    phone              text NOT NULL,
    national_id        text NOT NULL,
    insurance_provider text NOT NULL,
    insurance_policy   text NOT NULL,
    deleted            boolean NOT NULL,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (clinic_id, id)
);

CREATE TABLE users (
    clinic_id    uuid NOT NULL REFERENCES clinics(id),
    id           uuid NOT NULL,
    username     text NOT NULL,
    display_name text NOT NULL,
    role         text NOT NULL,
    active       boolean NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (clinic_id, id)
);

-- Central administrators (the report pages log in with these).
CREATE TABLE admins (
    id            uuid PRIMARY KEY,
    username      text NOT NULL UNIQUE,
    password_hash text NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);
