-- Projection of prescription documents: the patient's prescription list, the pharmacy work list
-- and the chart timeline read this table only. Never edit a shipped migration: add the next file.
CREATE TABLE prescriptions (
    id             TEXT PRIMARY KEY REFERENCES records(id),
    patient_id     TEXT NOT NULL,
    encounter_id   TEXT NOT NULL,
    prescriber_id  TEXT NOT NULL,
    prescriber_name TEXT NOT NULL,
    status         TEXT NOT NULL CHECK (status IN ('draft', 'issued', 'dispensed', 'cancelled', 'amended')),
    version        INTEGER NOT NULL,
    supersedes     TEXT NOT NULL,
    superseded_by  TEXT NOT NULL,
    -- drug names of the items, one per line
    drugs          TEXT NOT NULL,
    item_count     INTEGER NOT NULL,
    created_at     TEXT NOT NULL,
    issued_at      TEXT NOT NULL,
    dispensed_at   TEXT NOT NULL,
    updated_at     TEXT NOT NULL
) STRICT;
CREATE INDEX prescriptions_patient ON prescriptions(patient_id, created_at);
CREATE INDEX prescriptions_status ON prescriptions(status, issued_at);

-- Every printout's version hash (SHA-256 of the document heads at print time), so a paper copy
-- traces back to the exact version printed. Local to this PC: not a record, not synced.
CREATE TABLE prescription_prints (
    hash            TEXT PRIMARY KEY,
    prescription_id TEXT NOT NULL REFERENCES records(id),
    heads           TEXT NOT NULL,
    first_printed_at TEXT NOT NULL
) STRICT;
