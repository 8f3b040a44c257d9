-- Reminders: the projection of outgoing reminder messages (queued on a PC, sent by the sync
-- server, whose delivery status comes back as a change to the message document), the follow-up
-- date of encounters, and the indexes the in-app reminders read.
-- Never edit a shipped migration: add the next file.
CREATE TABLE outgoing_messages (
    id              TEXT PRIMARY KEY REFERENCES records(id),
    patient_id      TEXT NOT NULL,
    appointment_id  TEXT NOT NULL,
    channel         TEXT NOT NULL CHECK (channel IN ('sms', 'email', 'none')),
    status          TEXT NOT NULL CHECK (status IN ('queued', 'sent', 'failed', 'cancelled')),
    send_at         TEXT NOT NULL,
    attempts        INTEGER NOT NULL,
    last_error      TEXT NOT NULL,
    sent_at         TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
) STRICT;
-- An appointment's pending reminder (cancel / re-queue on reschedule).
CREATE INDEX outgoing_messages_appointment ON outgoing_messages(appointment_id, status);
-- Lists by status (the failed ones become in-app reminders).
CREATE INDEX outgoing_messages_status ON outgoing_messages(status, send_at);

-- The follow-up date from an encounter's plan (`YYYY-MM-DD`, '' when none).
ALTER TABLE encounters ADD COLUMN follow_up TEXT NOT NULL DEFAULT '';
CREATE INDEX encounters_follow_up ON encounters(follow_up) WHERE follow_up <> '';

-- Unpaid balances: issued invoices still holding a balance.
CREATE INDEX invoices_unpaid ON invoices(issued_at) WHERE balance > 0 AND status = 'issued';
