-- Billing projections: the price list, invoices, their lines and their payments. Lists, the cash-up
-- and revenue reports read these tables only, never the documents.
-- Never edit a shipped migration: add the next file.
-- No UNIQUE on codes or numbers: two PCs may both be offline; uniqueness is checked when writing
-- (codes) or guaranteed by construction (invoice numbers carry the device code).
CREATE TABLE price_items (
    id          TEXT PRIMARY KEY REFERENCES records(id),
    code        TEXT NOT NULL,
    name        TEXT NOT NULL,
    category    TEXT NOT NULL,
    unit_price  INTEGER NOT NULL,
    tax_bp      INTEGER NOT NULL,
    active      INTEGER NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;
CREATE INDEX price_items_code ON price_items(code);

CREATE TABLE invoices (
    id            TEXT PRIMARY KEY REFERENCES records(id),
    number        TEXT NOT NULL,
    patient_id    TEXT NOT NULL,
    patient_name  TEXT NOT NULL,
    status        TEXT NOT NULL,
    currency      TEXT NOT NULL,
    total         INTEGER NOT NULL,
    paid          INTEGER NOT NULL,
    balance       INTEGER NOT NULL,
    -- who the visit was with, else who made the invoice: revenue by clinician
    clinician_id  TEXT NOT NULL,
    created_by    TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    issued_at     TEXT NOT NULL,
    voided_at     TEXT NOT NULL,
    claim_status  TEXT NOT NULL,
    updated_at    TEXT NOT NULL
) STRICT;
CREATE INDEX invoices_patient ON invoices(patient_id, created_at);
CREATE INDEX invoices_status ON invoices(status, issued_at);

CREATE TABLE invoice_lines (
    invoice_id  TEXT NOT NULL REFERENCES invoices(id),
    line_id     TEXT NOT NULL,
    item_id     TEXT NOT NULL,
    code        TEXT NOT NULL,
    description TEXT NOT NULL,
    category    TEXT NOT NULL,
    net         INTEGER NOT NULL,
    tax         INTEGER NOT NULL,
    total       INTEGER NOT NULL,
    PRIMARY KEY (invoice_id, line_id)
) STRICT;

-- One row per payment or refund (amount signed: a refund is negative).
CREATE TABLE invoice_payments (
    invoice_id  TEXT NOT NULL REFERENCES invoices(id),
    payment_id  TEXT NOT NULL,
    kind        TEXT NOT NULL,
    method      TEXT NOT NULL,
    amount      INTEGER NOT NULL,
    cashier_id  TEXT NOT NULL,
    cashier     TEXT NOT NULL,
    at          TEXT NOT NULL,
    PRIMARY KEY (invoice_id, payment_id)
) STRICT;
CREATE INDEX invoice_payments_at ON invoice_payments(at);
