-- Projection of appointment documents: the day's queue, clinicians' calendars and the overlap
-- check read this table only. `start`/`end_at` are the clinic's wall-clock `YYYY-MM-DDTHH:MM`, so
-- text order is time order. Never edit a shipped migration: add the next file.
CREATE TABLE appointments (
    id                TEXT PRIMARY KEY REFERENCES records(id),
    patient_id        TEXT NOT NULL,
    clinician_id      TEXT NOT NULL,
    start             TEXT NOT NULL,
    end_at            TEXT NOT NULL,
    day               TEXT NOT NULL,
    duration_minutes  INTEGER NOT NULL,
    reason            TEXT NOT NULL,
    kind              TEXT NOT NULL,
    status            TEXT NOT NULL,
    -- 1 while booked, checked in or with the clinician: it holds the time slot
    active            INTEGER NOT NULL,
    room              TEXT NOT NULL,
    queue_token       TEXT NOT NULL,
    checked_in_at     TEXT NOT NULL,
    updated_at        TEXT NOT NULL
) STRICT;
-- The overlap check and a clinician's calendar: one range scan per clinician.
CREATE INDEX appointments_clinician_start ON appointments(clinician_id, start);
-- The overlap check for the patient.
CREATE INDEX appointments_patient_start ON appointments(patient_id, start);
-- The day's queue.
CREATE INDEX appointments_day ON appointments(day, checked_in_at);

-- Sync issues gain the kind `double_booking`: SQLite cannot change a CHECK, so the table is rebuilt.
CREATE TABLE sync_issues_v2 (
    id          TEXT PRIMARY KEY REFERENCES records(id),
    kind        TEXT NOT NULL CHECK (kind IN ('field_conflict', 'likely_duplicate', 'double_booking')),
    record_ids  TEXT NOT NULL,
    field       TEXT NOT NULL,
    status      TEXT NOT NULL CHECK (status IN ('open', 'resolved', 'dismissed')),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;
INSERT INTO sync_issues_v2 SELECT id, kind, record_ids, field, status, created_at, updated_at FROM sync_issues;
DROP TABLE sync_issues;
ALTER TABLE sync_issues_v2 RENAME TO sync_issues;
CREATE INDEX sync_issues_status ON sync_issues(status, created_at);

-- Clinicians' weekly schedules: one row per schedule document (its id derived from the
-- clinician's), the document's value as JSON; the booking check reads it by id.
CREATE TABLE clinician_schedules (
    id            TEXT PRIMARY KEY REFERENCES records(id),
    clinician_id  TEXT NOT NULL,
    schedule      TEXT NOT NULL,
    updated_at    TEXT NOT NULL
) STRICT;
