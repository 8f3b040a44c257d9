//! Appointments and the day's queue: the appointment document, its status flow (a pure transition
//! function), booking input with field-level errors, and what lists show.
mod input;
mod schedule;
mod status;
#[cfg(test)]
mod tests;

pub use input::{
    end_of, parse_start, AppointmentInput, RescheduleInput, ValidBooking, WalkInInput,
    MAX_DURATION_MINUTES, START_FORMAT,
};
pub use schedule::{schedule_id, Schedule, ScheduleInput, WorkingHours};
pub use status::{transition, AppointmentStatus, QueueAction};

use autosurgeon::{Hydrate, Reconcile};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Booked ahead, or arrived without an appointment (checked in at once).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS, Reconcile, Hydrate,
)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum AppointmentKind {
    #[default]
    #[autosurgeon(rename = "booked")]
    Booked,
    #[autosurgeon(rename = "walk_in")]
    WalkIn,
}

impl AppointmentKind {
    pub fn as_str(self) -> &'static str {
        match self {
            AppointmentKind::Booked => "booked",
            AppointmentKind::WalkIn => "walk_in",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::Booked, Self::WalkIn]
            .into_iter()
            .find(|k| k.as_str() == s)
    }
}

/// One status change: to what, by whom (user id and username), on which device, when (RFC 3339).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS, Reconcile, Hydrate)]
#[ts(export)]
pub struct StatusChange {
    pub status: AppointmentStatus,
    pub user_id: String,
    pub username: String,
    pub device_id: String,
    pub at: String,
}

/// The appointment document. Each field merges on its own when PCs edit offline; `changes` is
/// appended to, so concurrent status changes from two PCs are both kept.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS, Reconcile, Hydrate)]
#[ts(export)]
pub struct Appointment {
    pub patient_id: String,
    /// The user id of the doctor or nurse seen.
    pub clinician_id: String,
    /// The clinic's wall-clock local date-time, `YYYY-MM-DDTHH:MM`.
    pub start: String,
    pub duration_minutes: u32,
    pub reason: String,
    pub kind: AppointmentKind,
    pub status: AppointmentStatus,
    /// Why it was cancelled (required to cancel); empty otherwise.
    pub cancel_reason: String,
    pub room: String,
    /// `<device code>-<per-day number>`, given at check-in; empty before.
    pub queue_token: String,
    /// RFC 3339 time of the check-in; empty before.
    pub checked_in_at: String,
    pub changes: Vec<StatusChange>,
}

impl Appointment {
    /// The end as `YYYY-MM-DDTHH:MM` (empty when the start does not parse).
    pub fn end(&self) -> String {
        end_of(&self.start, self.duration_minutes).unwrap_or_default()
    }
}

/// One row of the queue or a calendar, read from the projection (names joined in).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AppointmentSummary {
    pub id: String,
    pub patient_id: String,
    pub patient_number: String,
    pub patient_name: String,
    pub clinician_id: String,
    pub clinician_name: String,
    pub start: String,
    pub end: String,
    pub duration_minutes: u32,
    pub reason: String,
    pub kind: AppointmentKind,
    pub status: AppointmentStatus,
    pub room: String,
    pub queue_token: String,
    pub checked_in_at: String,
}

/// A doctor or nurse who can be booked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Clinician {
    pub id: String,
    pub display_name: String,
    pub role: crate::Role,
}
