-- Central projection of lab orders, for the "Lab turnaround time" report (and BI tools): one row
-- per order, rewritten from the merged order document in the push batch's transaction. Times,
-- priority, status and test codes only: no patient, no names, no result values.
CREATE TABLE lab_orders (
    clinic_id    uuid NOT NULL REFERENCES clinics(id),
    id           uuid NOT NULL,
    -- `routine` or `urgent`
    priority     text NOT NULL,
    -- catalogue test ids, comma separated (`hb,k,malaria_rdt`), and how many
    test_codes   text NOT NULL,
    test_count   integer NOT NULL,
    -- ordered, collected, received, resulted, validated or cancelled
    status       text NOT NULL,
    ordered_at   timestamptz,
    collected_at timestamptz,
    received_at  timestamptz,
    -- the FIRST validation: an amended result sent back for validation keeps its first time
    validated_at timestamptz,
    updated_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (clinic_id, id)
);
CREATE INDEX lab_orders_clinic_validated ON lab_orders (clinic_id, validated_at);
