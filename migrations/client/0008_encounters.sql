-- Projections of encounter documents: the chart's timeline, vitals series and diagnoses read
-- these tables only, by patient and date. Never edit a shipped migration: add the next file.
CREATE TABLE encounters (
    id              TEXT PRIMARY KEY REFERENCES records(id),
    patient_id      TEXT NOT NULL,
    clinician_id    TEXT NOT NULL,
    appointment_id  TEXT NOT NULL,
    started_at      TEXT NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('open', 'closed')),
    chief_complaint TEXT NOT NULL,
    primary_code    TEXT NOT NULL,
    primary_title   TEXT NOT NULL,
    updated_at      TEXT NOT NULL
) STRICT;
CREATE INDEX encounters_patient ON encounters(patient_id, started_at);
CREATE INDEX encounters_status ON encounters(status, started_at);

-- One row per vitals set; BMI computed when projected (never typed).
CREATE TABLE encounter_vitals (
    encounter_id         TEXT NOT NULL REFERENCES records(id),
    vitals_id            TEXT NOT NULL,
    patient_id           TEXT NOT NULL,
    taken_at             TEXT NOT NULL,
    taken_by             TEXT NOT NULL,
    systolic_mmhg        INTEGER,
    diastolic_mmhg       INTEGER,
    pulse_bpm            INTEGER,
    temperature_tenths_c INTEGER,
    respiratory_rate     INTEGER,
    spo2_percent         INTEGER,
    weight_g             INTEGER,
    height_mm            INTEGER,
    bmi_tenths           INTEGER,
    PRIMARY KEY (encounter_id, vitals_id)
) STRICT;
CREATE INDEX encounter_vitals_patient ON encounter_vitals(patient_id, taken_at);

CREATE TABLE encounter_diagnoses (
    encounter_id  TEXT NOT NULL REFERENCES records(id),
    diagnosis_id  TEXT NOT NULL,
    patient_id    TEXT NOT NULL,
    started_at    TEXT NOT NULL,
    code          TEXT NOT NULL,
    title         TEXT NOT NULL,
    is_primary    INTEGER NOT NULL,
    PRIMARY KEY (encounter_id, diagnosis_id)
) STRICT;
CREATE INDEX encounter_diagnoses_patient ON encounter_diagnoses(patient_id, started_at);
CREATE INDEX encounter_diagnoses_code ON encounter_diagnoses(code, started_at);
