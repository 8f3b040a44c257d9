-- Central projections of the front desk, for the visits and revenue reports (and BI tools): one row
-- per appointment and per invoice, rewritten from the merged document like `patients`. Amounts are
-- integer minor units of the invoice's currency. No patient names here: the reports only count.
CREATE TABLE appointments (
    clinic_id    uuid NOT NULL REFERENCES clinics(id),
    id           uuid NOT NULL,
    patient_id   text NOT NULL,
    clinician_id text NOT NULL,
    -- the clinic's wall-clock start, `YYYY-MM-DDTHH:MM`, and its date
    start_local  text NOT NULL,
    day          date,
    kind         text NOT NULL,
    status       text NOT NULL,
    updated_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (clinic_id, id)
);
CREATE INDEX appointments_clinic_day ON appointments (clinic_id, day);

CREATE TABLE invoices (
    clinic_id  uuid NOT NULL REFERENCES clinics(id),
    id         uuid NOT NULL,
    number     text NOT NULL,
    status     text NOT NULL,
    currency   text NOT NULL,
    total      bigint NOT NULL,
    paid       bigint NOT NULL,
    -- the day it was issued (drafts have none)
    issued_day date,
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (clinic_id, id)
);
CREATE INDEX invoices_clinic_day ON invoices (clinic_id, issued_day);
