//! The consultation (encounter) record: what the Automerge document holds, what the chart shows,
//! and how input is checked (`input.rs`).
//!
//! Each text field, each vitals set and each diagnosis merges on its own: a nurse adding vitals on
//! one PC while the doctor writes notes on another keeps both. Once `closed`, an encounter is
//! locked: notes, vitals and diagnoses are refused and only addenda (dated, signed notes) can be
//! added, so what was written at the visit stays as it was. The lock is checked where the edit is
//! made: a vitals set recorded offline on another PC before it saw the close still merges in (it
//! was taken during the visit); nothing is ever dropped from a merged document.
mod input;
#[cfg(test)]
mod tests;

pub use input::{DiagnosisInput, EncounterNotesInput, EncounterOpenInput, VitalsInput};

use autosurgeon::{Hydrate, Reconcile};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS, Reconcile, Hydrate,
)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum EncounterStatus {
    #[default]
    #[autosurgeon(rename = "open")]
    Open,
    #[autosurgeon(rename = "closed")]
    Closed,
}

impl EncounterStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            EncounterStatus::Open => "open",
            EncounterStatus::Closed => "closed",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "open" => Some(Self::Open),
            "closed" => Some(Self::Closed),
            _ => None,
        }
    }
}

/// One set of vital signs. Integers only: temperature in tenths of °C, weight in grams, height in
/// millimetres. BMI is never stored: see [`bmi_tenths`].
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS, Reconcile, Hydrate)]
#[ts(export)]
pub struct Vitals {
    #[key]
    pub id: String,
    /// RFC 3339.
    pub taken_at: String,
    /// User id of who measured.
    pub taken_by: String,
    pub systolic_mmhg: Option<i32>,
    pub diastolic_mmhg: Option<i32>,
    pub pulse_bpm: Option<i32>,
    /// Tenths of a degree Celsius: 372 is 37.2 °C.
    pub temperature_tenths_c: Option<i32>,
    pub respiratory_rate: Option<i32>,
    pub spo2_percent: Option<i32>,
    pub weight_g: Option<i32>,
    pub height_mm: Option<i32>,
}

impl Vitals {
    pub fn bmi_tenths(&self) -> Option<i32> {
        bmi_tenths(self.weight_g, self.height_mm)
    }
}

/// Body mass index in tenths of kg/m² (rounded half up), from grams and millimetres:
/// kg/m² = g / 1000 / (mm / 1000)² = g × 1000 / mm². `None` when either is missing or not positive.
pub fn bmi_tenths(weight_g: Option<i32>, height_mm: Option<i32>) -> Option<i32> {
    let (w, h) = (i64::from(weight_g?), i64::from(height_mm?));
    if w <= 0 || h <= 0 {
        return None;
    }
    let h2 = h * h;
    i32::try_from((w * 10_000 + h2 / 2) / h2).ok()
}

/// One diagnosis of the encounter: an ICD-10-CM code from the shipped list, with its title.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS, Reconcile, Hydrate)]
#[ts(export)]
pub struct Diagnosis {
    #[key]
    pub id: String,
    pub code: String,
    pub title: String,
    pub primary: bool,
    pub note: String,
    pub added_by: String,
    pub added_at: String,
}

/// A note added after closing (or at any time): never edited, never removed.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS, Reconcile, Hydrate)]
#[ts(export)]
pub struct Addendum {
    #[key]
    pub id: String,
    pub text: String,
    pub by: String,
    pub at: String,
}

/// The whole encounter document.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS, Reconcile, Hydrate)]
#[ts(export)]
pub struct Encounter {
    pub patient_id: String,
    pub clinician_id: String,
    /// Empty when the encounter was not booked.
    pub appointment_id: String,
    /// RFC 3339.
    pub started_at: String,
    pub status: EncounterStatus,
    pub closed_at: String,
    pub closed_by: String,
    pub chief_complaint: String,
    pub history: String,
    pub examination: String,
    pub plan: String,
    pub notes: String,
    /// `YYYY-MM-DD` the patient should be seen again (from the plan); empty when none. Missing
    /// in older documents.
    #[autosurgeon(missing = "String::new")]
    #[serde(default)]
    pub follow_up: String,
    pub vitals: Vec<Vitals>,
    pub diagnoses: Vec<Diagnosis>,
    pub addenda: Vec<Addendum>,
}

impl Encounter {
    /// The primary diagnosis; when two PCs each marked one, the first in the list.
    pub fn primary_diagnosis(&self) -> Option<&Diagnosis> {
        self.diagnoses.iter().find(|d| d.primary)
    }
}

/// One encounter on the chart timeline, read from the projection only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct EncounterSummary {
    pub id: String,
    pub patient_id: String,
    pub started_at: String,
    pub clinician_id: String,
    /// The clinician's display name, empty when the user is not known on this PC (yet).
    pub clinician_name: String,
    pub status: EncounterStatus,
    pub chief_complaint: String,
    pub primary_code: String,
    pub primary_title: String,
}

/// One vitals set in the chart's trend series, read from the projection only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct VitalsPoint {
    pub encounter_id: String,
    pub taken_at: String,
    pub systolic_mmhg: Option<i32>,
    pub diastolic_mmhg: Option<i32>,
    pub pulse_bpm: Option<i32>,
    pub temperature_tenths_c: Option<i32>,
    pub respiratory_rate: Option<i32>,
    pub spo2_percent: Option<i32>,
    pub weight_g: Option<i32>,
    pub height_mm: Option<i32>,
    pub bmi_tenths: Option<i32>,
}
