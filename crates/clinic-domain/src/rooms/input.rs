//! What the Rooms forms send, and their validation (every error at once, by field name).
use super::{RoomKind, Session, MAX_NAME, MAX_NOTE};
use crate::error::{ErrorCode, FieldError, Validation};
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DepartmentInput {
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RoomInput {
    /// Name or number as shown to patients (`Room 3`, `Ward A bed 2`).
    pub name: String,
    pub kind: RoomKind,
    /// Empty: not in a department.
    pub department_id: String,
}

/// A clinician to a room for a session of a day; `start`/`end` only for `custom`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AssignmentInput {
    pub room_id: String,
    pub clinician_id: String,
    /// `YYYY-MM-DD`.
    pub day: String,
    pub session: Session,
    pub start: String,
    pub end: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidAssignment {
    pub room_id: Uuid,
    pub clinician_id: Uuid,
    pub day: String,
    pub session: Session,
    pub start: String,
    pub end: String,
}

/// A patient into a bed. `admitted_at` (`YYYY-MM-DDTHH:MM`) empty means now.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AdmitInput {
    pub room_id: String,
    pub patient_id: String,
    pub admitted_at: String,
    pub note: String,
}

/// A patient out of a bed. `discharged_at` empty means now.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DischargeInput {
    pub room_id: String,
    pub stay_id: String,
    pub discharged_at: String,
}

fn id(v: &mut Validation, field: &str, raw: &str) -> Uuid {
    let raw = raw.trim();
    if raw.is_empty() {
        v.push(field, ErrorCode::Required, "is required");
        return Uuid::nil();
    }
    Uuid::parse_str(raw).unwrap_or_else(|_| {
        v.push(field, ErrorCode::InvalidFormat, "is not a record id");
        Uuid::nil()
    })
}

fn hhmm(v: &mut Validation, field: &str, raw: &str) -> String {
    let raw = raw.trim();
    match NaiveTime::parse_from_str(raw, "%H:%M") {
        Ok(t) => t.format("%H:%M").to_string(),
        Err(_) if raw.is_empty() => {
            v.push(field, ErrorCode::Required, "is required");
            String::new()
        }
        Err(_) => {
            v.push(field, ErrorCode::InvalidFormat, "must be a time like 08:30");
            String::new()
        }
    }
}

/// A wall-clock time, `now` when empty; never after `now`.
pub(crate) fn moment(v: &mut Validation, field: &str, raw: &str, now: NaiveDateTime) -> String {
    let raw = raw.trim();
    if raw.is_empty() {
        return now.format("%Y-%m-%dT%H:%M").to_string();
    }
    match NaiveDateTime::parse_from_str(raw, "%Y-%m-%dT%H:%M") {
        Ok(t) if t > now => {
            v.push(field, ErrorCode::InFuture, "must not be in the future");
            String::new()
        }
        Ok(t) => t.format("%Y-%m-%dT%H:%M").to_string(),
        Err(_) => {
            v.push(
                field,
                ErrorCode::InvalidFormat,
                "must be a date and time like 2026-11-23T08:30",
            );
            String::new()
        }
    }
}

impl DepartmentInput {
    pub fn validate(&self) -> Result<String, Vec<FieldError>> {
        let mut v = Validation::default();
        let name = v.required_text("name", &self.name, MAX_NAME);
        v.finish(name)
    }
}

impl RoomInput {
    /// The name trimmed and the department id (`None` when empty).
    pub fn validate(&self) -> Result<(String, Option<Uuid>), Vec<FieldError>> {
        let mut v = Validation::default();
        let name = v.required_text("name", &self.name, MAX_NAME);
        let dept = self.department_id.trim();
        let dept = (!dept.is_empty()).then(|| id(&mut v, "department_id", dept));
        v.finish((name, dept))
    }
}

impl AssignmentInput {
    pub fn validate(&self) -> Result<ValidAssignment, Vec<FieldError>> {
        let mut v = Validation::default();
        let room_id = id(&mut v, "room_id", &self.room_id);
        let clinician_id = id(&mut v, "clinician_id", &self.clinician_id);
        let day = self.day.trim();
        if NaiveDate::parse_from_str(day, "%Y-%m-%d").is_err() {
            v.push(
                "day",
                ErrorCode::InvalidFormat,
                "must be a date like 2026-11-23",
            );
        }
        let (start, end) = match self.session.hours() {
            Some((s, e)) => (s.to_string(), e.to_string()),
            None => {
                let s = hhmm(&mut v, "start", &self.start);
                let e = hhmm(&mut v, "end", &self.end);
                if !s.is_empty() && !e.is_empty() && e <= s {
                    v.push("end", ErrorCode::OutOfRange, "must be after the start");
                }
                (s, e)
            }
        };
        v.finish(ValidAssignment {
            room_id,
            clinician_id,
            day: day.to_string(),
            session: self.session,
            start,
            end,
        })
    }
}

impl AdmitInput {
    /// Room and patient ids, the admission time and the note; `now` is the clinic's wall clock.
    pub fn validate(
        &self,
        now: NaiveDateTime,
    ) -> Result<(Uuid, Uuid, String, String), Vec<FieldError>> {
        let mut v = Validation::default();
        let room = id(&mut v, "room_id", &self.room_id);
        let patient = id(&mut v, "patient_id", &self.patient_id);
        let at = moment(&mut v, "admitted_at", &self.admitted_at, now);
        let note = v.optional_text("note", &self.note, MAX_NOTE);
        v.finish((room, patient, at, note))
    }
}

impl DischargeInput {
    /// Room id, stay id and the discharge time.
    pub fn validate(&self, now: NaiveDateTime) -> Result<(Uuid, String, String), Vec<FieldError>> {
        let mut v = Validation::default();
        let room = id(&mut v, "room_id", &self.room_id);
        let stay = id(&mut v, "stay_id", &self.stay_id);
        let at = moment(&mut v, "discharged_at", &self.discharged_at, now);
        v.finish((room, stay.to_string(), at))
    }
}
