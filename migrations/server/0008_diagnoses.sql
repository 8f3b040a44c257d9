-- Central clinical report projections: encounter diagnoses and pharmacy stock batches.
-- Central projection of encounter diagnoses, for the "Top diagnoses per week" disease-surveillance
-- report (and BI tools): one row per ICD-10 code of each encounter, rewritten from the merged
-- encounter document in the push batch's transaction (the encounter's rows are deleted, then its
-- current diagnoses inserted, so a diagnosis removed on a PC disappears here too). Codes, titles,
-- ids and the day only: no patient names.
CREATE TABLE encounter_diagnoses (
    clinic_id    uuid NOT NULL REFERENCES clinics(id),
    encounter_id uuid NOT NULL,
    -- ICD-10-CM code as listed (with its dot) and its title from the shipped list
    code         text NOT NULL,
    title        text NOT NULL,
    -- the patient's record id, to count distinct patients
    patient_id   text NOT NULL,
    -- the day (UTC) the encounter started; NULL if the document has no readable start
    day          date,
    is_primary   boolean NOT NULL,
    updated_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (clinic_id, encounter_id, code)
);
CREATE INDEX encounter_diagnoses_clinic_day ON encounter_diagnoses (clinic_id, day);

-- Central projection of pharmacy stock, for the "Stock alerts across clinics" report: one row per
-- batch with its quantity on hand derived from the merged document (received + every movement),
-- rewritten like `appointments`. Drugs and quantities only.
CREATE TABLE stock_batches (
    clinic_id         uuid NOT NULL REFERENCES clinics(id),
    id                uuid NOT NULL,
    drug_id           text NOT NULL,
    drug_name         text NOT NULL,
    batch_number      text NOT NULL,
    -- `YYYY-MM-DD` as entered at the clinic
    expiry            text NOT NULL,
    supplier          text NOT NULL,
    received_quantity bigint NOT NULL,
    on_hand           bigint NOT NULL,
    updated_at        timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (clinic_id, id)
);
CREATE INDEX stock_batches_clinic_drug ON stock_batches (clinic_id, drug_id);
