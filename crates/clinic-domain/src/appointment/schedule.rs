//! Clinicians' weekly schedules: slot length, working hours per weekday, leave days. Pure rules:
//! whether a booking falls inside working hours, and the free slots of a day.
use crate::error::{ErrorCode, Validation};
use autosurgeon::{Hydrate, Reconcile};
use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Working hours on one weekday (1 = Monday … 7 = Sunday), `HH:MM` to `HH:MM`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS, Reconcile, Hydrate)]
#[ts(export)]
pub struct WorkingHours {
    pub weekday: u32,
    pub start: String,
    pub end: String,
}

/// The schedule document of one clinician (its record id is derived from the clinician's id).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS, Reconcile, Hydrate)]
#[ts(export)]
pub struct Schedule {
    pub clinician_id: String,
    pub slot_minutes: u32,
    pub hours: Vec<WorkingHours>,
    /// Days off, `YYYY-MM-DD`, sorted.
    pub leave: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ScheduleInput {
    pub slot_minutes: u32,
    pub hours: Vec<WorkingHours>,
    pub leave: Vec<String>,
}

fn time(s: &str) -> Option<NaiveTime> {
    NaiveTime::parse_from_str(s.trim(), "%H:%M").ok()
}

impl ScheduleInput {
    /// Every field error at once: `slot_minutes` (5–240), `hours.N.weekday|start|end`, `leave.N`.
    pub fn validate(&self, clinician_id: &str) -> Result<Schedule, Vec<crate::FieldError>> {
        let mut v = Validation::default();
        if !(5..=240).contains(&self.slot_minutes) {
            v.push(
                "slot_minutes",
                ErrorCode::OutOfRange,
                "must be 5 to 240 minutes",
            );
        }
        for (i, h) in self.hours.iter().enumerate() {
            if !(1..=7).contains(&h.weekday) {
                v.push(
                    format!("hours.{i}.weekday"),
                    ErrorCode::OutOfRange,
                    "must be 1 (Monday) to 7",
                );
            }
            match (time(&h.start), time(&h.end)) {
                (None, _) => v.push(
                    format!("hours.{i}.start"),
                    ErrorCode::InvalidFormat,
                    "must be like 08:00",
                ),
                (_, None) => v.push(
                    format!("hours.{i}.end"),
                    ErrorCode::InvalidFormat,
                    "must be like 17:00",
                ),
                (Some(s), Some(e)) if e <= s => v.push(
                    format!("hours.{i}.end"),
                    ErrorCode::OutOfRange,
                    "must be after the start",
                ),
                _ => {}
            }
        }
        let mut leave = Vec::new();
        for (i, d) in self.leave.iter().enumerate() {
            match NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d") {
                Ok(d) => leave.push(d.format("%Y-%m-%d").to_string()),
                Err(_) => v.push(
                    format!("leave.{i}"),
                    ErrorCode::InvalidFormat,
                    "must be a date like 2026-12-24",
                ),
            }
        }
        leave.sort();
        leave.dedup();
        let hours = self
            .hours
            .iter()
            .map(|h| WorkingHours {
                weekday: h.weekday,
                start: h.start.trim().to_string(),
                end: h.end.trim().to_string(),
            })
            .collect();
        v.finish(Schedule {
            clinician_id: clinician_id.to_string(),
            slot_minutes: self.slot_minutes,
            hours,
            leave,
        })
    }
}

impl Schedule {
    fn on_leave(&self, day: NaiveDate) -> bool {
        self.leave.contains(&day.format("%Y-%m-%d").to_string())
    }

    /// Working periods of `day` (none on leave days and days without hours).
    fn periods(&self, day: NaiveDate) -> Vec<(NaiveDateTime, NaiveDateTime)> {
        if self.on_leave(day) {
            return Vec::new();
        }
        let weekday = day.weekday().number_from_monday();
        self.hours
            .iter()
            .filter(|h| h.weekday == weekday)
            .filter_map(|h| Some((day.and_time(time(&h.start)?), day.and_time(time(&h.end)?))))
            .collect()
    }

    /// True when `[start, start + minutes)` lies inside one working period.
    pub fn covers(&self, start: NaiveDateTime, minutes: u32) -> bool {
        let end = start + chrono::Duration::minutes(i64::from(minutes));
        self.periods(start.date())
            .iter()
            .any(|(s, e)| *s <= start && end <= *e)
    }

    /// Starts (`YYYY-MM-DDTHH:MM`) of the slots of `day` that overlap none of `busy`
    /// (`[start, end)` pairs in the same format).
    pub fn free_slots(&self, day: NaiveDate, busy: &[(String, String)]) -> Vec<String> {
        let step = chrono::Duration::minutes(i64::from(self.slot_minutes.max(5)));
        let mut out = Vec::new();
        for (s, e) in self.periods(day) {
            let mut t = s;
            while t + step <= e {
                let (a, b) = (
                    t.format(super::START_FORMAT).to_string(),
                    (t + step).format(super::START_FORMAT).to_string(),
                );
                if !busy.iter().any(|(bs, be)| *bs < b && *be > a) {
                    out.push(a);
                }
                t += step;
            }
        }
        out
    }
}

/// The record id of a clinician's schedule: derived from the clinician's id, so a schedule made on
/// two PCs is one record that merges.
pub fn schedule_id(clinician_id: &str) -> uuid::Uuid {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(format!("clinic-schedule\n{clinician_id}").as_bytes());
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    uuid::Builder::from_sha1_bytes(bytes).into_uuid()
}
