-- Outgoing appointment reminders: one row per outgoing message document, rewritten from the
-- merged document (channel, status, send time) in the push transaction, plus the sender's own
-- bookkeeping (attempts, next try, lease, outcome). Recipients and texts stay in the document.
-- Never edit a shipped migration: add the next file.
CREATE TABLE outbox (
    clinic_id       uuid NOT NULL REFERENCES clinics(id),
    id              uuid NOT NULL,
    channel         text NOT NULL,
    -- the document's status: queued, sent, failed, cancelled
    status          text NOT NULL,
    send_at         timestamptz,
    -- the sender's: tries made, when to try again, who holds it and until when
    attempts        integer NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    lease_owner     uuid,
    lease_until     timestamptz,
    -- '' until the server sent it ('sent') or gave up ('failed'): never sent twice after that
    outcome         text NOT NULL DEFAULT '',
    last_error      text NOT NULL DEFAULT '',
    provider_id     text NOT NULL DEFAULT '',
    sent_at         timestamptz,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (clinic_id, id)
);
-- What the sender claims: queued, not finished, due.
CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE status = 'queued' AND outcome = '';
