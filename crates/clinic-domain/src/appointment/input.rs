//! Booking, walk-in and reschedule input, checked with every field error at once.
use crate::error::{ErrorCode, Validation};
use chrono::{Datelike, NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

/// Wall-clock local date-time, minutes only: `2026-11-23T09:30`.
pub const START_FORMAT: &str = "%Y-%m-%dT%H:%M";
pub const MIN_DURATION_MINUTES: u32 = 5;
/// Also bounds the overlap query: an appointment that overlaps a slot started at most this long
/// before it.
pub const MAX_DURATION_MINUTES: u32 = 480;
const DEFAULT_WALK_IN_MINUTES: u32 = 15;
const REASON_MAX: usize = 200;

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AppointmentInput {
    pub patient_id: String,
    pub clinician_id: String,
    /// `YYYY-MM-DDTHH:MM`, the clinic's local time.
    pub start: String,
    pub duration_minutes: u32,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct WalkInInput {
    pub patient_id: String,
    pub clinician_id: String,
    /// Expected length; 15 minutes when not given.
    pub duration_minutes: Option<u32>,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RescheduleInput {
    pub clinician_id: String,
    pub start: String,
    pub duration_minutes: u32,
}

/// A checked booking: ids parsed, start normalised, reason trimmed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidBooking {
    pub patient_id: Uuid,
    pub clinician_id: Uuid,
    pub start: String,
    pub duration_minutes: u32,
    pub reason: String,
}

pub fn parse_start(s: &str) -> Option<NaiveDateTime> {
    NaiveDateTime::parse_from_str(s.trim(), START_FORMAT).ok()
}

/// `start` plus `minutes`, in the same format.
pub fn end_of(start: &str, minutes: u32) -> Option<String> {
    // Checked: a start from another PC may be at the end of the calendar.
    let end =
        parse_start(start)?.checked_add_signed(chrono::Duration::minutes(i64::from(minutes)))?;
    Some(end.format(START_FORMAT).to_string())
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

fn start(v: &mut Validation, raw: &str, today: NaiveDate) -> String {
    if raw.trim().is_empty() {
        v.push("start", ErrorCode::Required, "is required");
        return String::new();
    }
    match parse_start(raw) {
        None => {
            v.push(
                "start",
                ErrorCode::InvalidFormat,
                "must be a date and time like 2026-11-23T09:30",
            );
            String::new()
        }
        // Four-digit years keep the text in time order (the projection compares it as text).
        Some(s) if s.date() < today || s.year() > 9999 => {
            v.push("start", ErrorCode::OutOfRange, "is in the past");
            String::new()
        }
        Some(s) => s.format(START_FORMAT).to_string(),
    }
}

fn duration(v: &mut Validation, minutes: u32) -> u32 {
    if !(MIN_DURATION_MINUTES..=MAX_DURATION_MINUTES).contains(&minutes) {
        v.push(
            "duration_minutes",
            ErrorCode::OutOfRange,
            format!("must be {MIN_DURATION_MINUTES} to {MAX_DURATION_MINUTES} minutes"),
        );
    }
    minutes
}

impl AppointmentInput {
    /// `today` is the clinic's local date: a start on an earlier day is refused.
    pub fn validate(&self, today: NaiveDate) -> Result<ValidBooking, Vec<crate::FieldError>> {
        let mut v = Validation::default();
        let booking = ValidBooking {
            patient_id: id(&mut v, "patient_id", &self.patient_id),
            clinician_id: id(&mut v, "clinician_id", &self.clinician_id),
            start: start(&mut v, &self.start, today),
            duration_minutes: duration(&mut v, self.duration_minutes),
            reason: v.optional_text("reason", &self.reason, REASON_MAX),
        };
        v.finish(booking)
    }
}

impl WalkInInput {
    /// Starts at `now` (the clinic's local time, seconds dropped).
    pub fn validate(&self, now: NaiveDateTime) -> Result<ValidBooking, Vec<crate::FieldError>> {
        let mut v = Validation::default();
        let booking = ValidBooking {
            patient_id: id(&mut v, "patient_id", &self.patient_id),
            clinician_id: id(&mut v, "clinician_id", &self.clinician_id),
            start: now.format(START_FORMAT).to_string(),
            duration_minutes: duration(
                &mut v,
                self.duration_minutes.unwrap_or(DEFAULT_WALK_IN_MINUTES),
            ),
            reason: v.optional_text("reason", &self.reason, REASON_MAX),
        };
        v.finish(booking)
    }
}

impl RescheduleInput {
    /// The new clinician, start and duration.
    pub fn validate(
        &self,
        today: NaiveDate,
    ) -> Result<(Uuid, String, u32), Vec<crate::FieldError>> {
        let mut v = Validation::default();
        let out = (
            id(&mut v, "clinician_id", &self.clinician_id),
            start(&mut v, &self.start, today),
            duration(&mut v, self.duration_minutes),
        );
        v.finish(out)
    }
}
