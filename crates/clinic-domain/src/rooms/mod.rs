//! Departments, rooms and beds, and which clinician works in which room when.
//!
//! - `Department` and `Room` are records of their own; neither is ever deleted, only deactivated.
//! - A room of kind `Bed` keeps its stays (admissions) as a LIST in its document: two PCs that admit
//!   different patients to the same bed offline both keep their stay after the merge, and the bed
//!   then shows as double-occupied (`occupants > 1`) until one of them is discharged.
//! - A `RoomAssignment` is one record per clinician, room, day and session (random id), so two
//!   assignments made offline never overwrite each other; two of the same room at overlapping
//!   times are listed as a conflict on the Rooms screen (`overlaps`).
mod input;
#[cfg(test)]
mod tests;

pub use input::{
    AdmitInput, AssignmentInput, DepartmentInput, DischargeInput, RoomInput, ValidAssignment,
};

use autosurgeon::{Hydrate, Reconcile};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub const MAX_NAME: usize = 40;
pub const MAX_NOTE: usize = 300;

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS, Reconcile, Hydrate)]
#[ts(export)]
pub struct Department {
    pub name: String,
    pub active: bool,
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, TS, Reconcile, Hydrate,
)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum RoomKind {
    #[default]
    #[autosurgeon(rename = "consultation")]
    Consultation,
    #[autosurgeon(rename = "procedure")]
    Procedure,
    /// A ward bed: patients are admitted to it and discharged.
    #[autosurgeon(rename = "bed")]
    Bed,
    #[autosurgeon(rename = "lab")]
    Lab,
}

impl RoomKind {
    pub const ALL: [RoomKind; 4] = [
        RoomKind::Consultation,
        RoomKind::Procedure,
        RoomKind::Bed,
        RoomKind::Lab,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            RoomKind::Consultation => "consultation",
            RoomKind::Procedure => "procedure",
            RoomKind::Bed => "bed",
            RoomKind::Lab => "lab",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// One admission to a bed. Times are the clinic's wall clock, `YYYY-MM-DDTHH:MM`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS, Reconcile, Hydrate)]
#[ts(export)]
pub struct BedStay {
    pub id: String,
    pub patient_id: String,
    pub admitted_at: String,
    pub admitted_by: String,
    pub note: String,
    /// Empty while the patient is in the bed.
    pub discharged_at: String,
    pub discharged_by: String,
}

impl BedStay {
    pub fn is_open(&self) -> bool {
        self.discharged_at.is_empty()
    }
}

/// The room document. `department_id` is empty for a room outside any department.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS, Reconcile, Hydrate)]
#[ts(export)]
pub struct Room {
    pub name: String,
    pub kind: RoomKind,
    pub department_id: String,
    pub active: bool,
    /// Only beds have stays.
    pub stays: Vec<BedStay>,
}

impl Room {
    /// Stays still open (more than one after two PCs admitted to the same bed offline).
    pub fn occupants(&self) -> impl Iterator<Item = &BedStay> {
        self.stays.iter().filter(|s| s.is_open())
    }
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, TS, Reconcile, Hydrate,
)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Session {
    /// 07:00–12:00.
    #[default]
    #[autosurgeon(rename = "morning")]
    Morning,
    /// 12:00–17:00.
    #[autosurgeon(rename = "afternoon")]
    Afternoon,
    /// 17:00–22:00.
    #[autosurgeon(rename = "evening")]
    Evening,
    /// Its own start and end.
    #[autosurgeon(rename = "custom")]
    Custom,
}

impl Session {
    /// The fixed hours of a named session (`None` for `Custom`).
    pub fn hours(self) -> Option<(&'static str, &'static str)> {
        match self {
            Session::Morning => Some(("07:00", "12:00")),
            Session::Afternoon => Some(("12:00", "17:00")),
            Session::Evening => Some(("17:00", "22:00")),
            Session::Custom => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Session::Morning => "morning",
            Session::Afternoon => "afternoon",
            Session::Evening => "evening",
            Session::Custom => "custom",
        }
    }
}

/// A clinician working in a room on one day, from `start` to `end` (`HH:MM`, end excluded).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS, Reconcile, Hydrate)]
#[ts(export)]
pub struct RoomAssignment {
    pub room_id: String,
    pub clinician_id: String,
    /// `YYYY-MM-DD`.
    pub day: String,
    pub session: Session,
    pub start: String,
    pub end: String,
    /// Withdrawn assignments stay as records, marked cancelled.
    pub cancelled: bool,
    pub assigned_by: String,
    /// RFC 3339.
    pub assigned_at: String,
}

/// Whether two `HH:MM` ranges (end excluded) overlap; text order is time order.
pub fn overlaps(a_start: &str, a_end: &str, b_start: &str, b_end: &str) -> bool {
    a_start < b_end && b_start < a_end
}
