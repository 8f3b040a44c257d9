-- Projections of laboratory order documents: the lab work list (by status), the patient's chart,
-- and the ordering doctor's "results to review" read these tables only. Flags in lab_results are
-- computed from the value and the shipped catalogue each time a row is written (the document
-- holds only the value). Never edit a shipped migration: add the next file.
CREATE TABLE lab_orders (
    id               TEXT PRIMARY KEY REFERENCES records(id),
    patient_id       TEXT NOT NULL,
    patient_number   TEXT NOT NULL,
    patient_name     TEXT NOT NULL,
    encounter_id     TEXT NOT NULL,
    ordered_by       TEXT NOT NULL,
    ordered_by_name  TEXT NOT NULL,
    priority         TEXT NOT NULL CHECK (priority IN ('routine', 'urgent')),
    status           TEXT NOT NULL CHECK (status IN ('ordered', 'collected', 'received', 'resulted', 'validated', 'cancelled')),
    sample_id        TEXT NOT NULL,
    tests            TEXT NOT NULL,
    test_count       INTEGER NOT NULL,
    abnormal_count   INTEGER NOT NULL,
    ordered_at       TEXT NOT NULL,
    collected_at     TEXT NOT NULL,
    received_at      TEXT NOT NULL,
    resulted_at      TEXT NOT NULL,
    validated_at     TEXT NOT NULL,
    acknowledged_at  TEXT NOT NULL,
    updated_at       TEXT NOT NULL
) STRICT;
CREATE INDEX lab_orders_status ON lab_orders(status, ordered_at);
CREATE INDEX lab_orders_patient ON lab_orders(patient_id, ordered_at);
CREATE INDEX lab_orders_sample ON lab_orders(sample_id);
CREATE INDEX lab_orders_to_review ON lab_orders(ordered_by, validated_at)
    WHERE status = 'validated' AND acknowledged_at = '';

-- One row per test line with a value: the chart's results and trends per test.
CREATE TABLE lab_results (
    order_id     TEXT NOT NULL REFERENCES records(id),
    test_id      TEXT NOT NULL,
    patient_id   TEXT NOT NULL,
    name         TEXT NOT NULL,
    loinc        TEXT NOT NULL,
    value        TEXT NOT NULL,
    unit         TEXT NOT NULL,
    reference    TEXT NOT NULL,
    flag         TEXT NOT NULL,
    status       TEXT NOT NULL,
    entered_at   TEXT NOT NULL,
    validated_at TEXT NOT NULL,
    PRIMARY KEY (order_id, test_id)
) STRICT;
CREATE INDEX lab_results_patient ON lab_results(patient_id, test_id, entered_at);
