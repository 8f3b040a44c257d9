-- Staff profiles, departments, rooms and beds, and which clinician works in which room when.
-- Never edit a shipped migration: add the next file.

-- The profile part of each user document (`User::profile`). A user without a row has an empty
-- profile (documents written before profiles existed). `qualifications` is a JSON array.
CREATE TABLE staff_profiles (
    user_id         TEXT PRIMARY KEY REFERENCES records(id),
    specialization  TEXT NOT NULL,
    qualifications  TEXT NOT NULL,
    licence_number  TEXT NOT NULL,
    licensing_body  TEXT NOT NULL,
    licence_expiry  TEXT NOT NULL,
    phone           TEXT NOT NULL,
    updated_at      TEXT NOT NULL
) STRICT;
CREATE INDEX staff_profiles_expiry ON staff_profiles(licence_expiry) WHERE licence_expiry <> '';

CREATE TABLE departments (
    id          TEXT PRIMARY KEY REFERENCES records(id),
    name        TEXT NOT NULL,
    name_key    TEXT NOT NULL,
    active      INTEGER NOT NULL,
    updated_at  TEXT NOT NULL
) STRICT;
CREATE INDEX departments_name ON departments(name_key);

-- `occupants` is the number of open stays (beds only): above 1 after two PCs admitted different
-- patients to the same bed offline.
CREATE TABLE rooms (
    id             TEXT PRIMARY KEY REFERENCES records(id),
    name           TEXT NOT NULL,
    name_key       TEXT NOT NULL,
    kind           TEXT NOT NULL,
    department_id  TEXT NOT NULL,
    active         INTEGER NOT NULL,
    occupants      INTEGER NOT NULL,
    updated_at     TEXT NOT NULL
) STRICT;
CREATE INDEX rooms_name ON rooms(name_key);
CREATE INDEX rooms_kind ON rooms(kind, name_key);

-- Every stay of every bed, rewritten from the room document; open stays have discharged_at ''.
CREATE TABLE bed_stays (
    id             TEXT NOT NULL,
    room_id        TEXT NOT NULL REFERENCES records(id),
    patient_id     TEXT NOT NULL,
    admitted_at    TEXT NOT NULL,
    discharged_at  TEXT NOT NULL,
    PRIMARY KEY (room_id, id)
) STRICT;
CREATE INDEX bed_stays_open ON bed_stays(room_id) WHERE discharged_at = '';
CREATE INDEX bed_stays_patient ON bed_stays(patient_id, admitted_at);

-- `start`/`end_at` are `HH:MM` of `day`, the clinic's wall clock (text order is time order).
CREATE TABLE room_assignments (
    id            TEXT PRIMARY KEY REFERENCES records(id),
    room_id       TEXT NOT NULL,
    clinician_id  TEXT NOT NULL,
    day           TEXT NOT NULL,
    session       TEXT NOT NULL,
    start         TEXT NOT NULL,
    end_at        TEXT NOT NULL,
    cancelled     INTEGER NOT NULL,
    updated_at    TEXT NOT NULL
) STRICT;
-- The day's board and the room's overlap check.
CREATE INDEX room_assignments_room_day ON room_assignments(room_id, day, start);
-- The call-in lookup: a clinician's room now.
CREATE INDEX room_assignments_clinician_day ON room_assignments(clinician_id, day, start);
