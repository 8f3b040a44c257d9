//! The prescription record: items, status (draft → issued → dispensed / cancelled, or amended when
//! a new version replaces it), version chain (`supersedes`), and the input checks.
mod dispense;
mod input;
#[cfg(test)]
mod tests;

pub use dispense::{
    plan_dispense, DispenseLineInput, DispensePlan, DispensePrescriptionInput, DispensedBatch,
    DispensedLine, MAX_DISPENSE_REASON,
};
pub use input::{check_transition, CheckedPrescription, ItemInput, PrescriptionInput, ROUTES};

use autosurgeon::{Hydrate, Reconcile};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS, Reconcile, Hydrate,
)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum PrescriptionStatus {
    #[default]
    #[autosurgeon(rename = "draft")]
    Draft,
    #[autosurgeon(rename = "issued")]
    Issued,
    #[autosurgeon(rename = "dispensed")]
    Dispensed,
    #[autosurgeon(rename = "cancelled")]
    Cancelled,
    /// Replaced by a newer version (`superseded_by`); kept and readable.
    #[autosurgeon(rename = "amended")]
    Amended,
}

impl PrescriptionStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Issued => "issued",
            Self::Dispensed => "dispensed",
            Self::Cancelled => "cancelled",
            Self::Amended => "amended",
        }
    }

    /// Whether `self → to` is an allowed transition.
    pub fn can_become(self, to: PrescriptionStatus) -> bool {
        use PrescriptionStatus::*;
        matches!(
            (self, to),
            (Draft, Issued)
                | (Draft, Cancelled)
                | (Issued, Dispensed)
                | (Issued, Cancelled)
                | (Issued, Amended)
        )
    }
}

/// One medicine line. `drug_id` is a catalogue id, or empty when `free_text` (a name typed in).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS, Reconcile, Hydrate)]
#[ts(export)]
pub struct PrescriptionItem {
    #[key]
    pub id: String,
    pub drug_id: String,
    pub drug_name: String,
    pub free_text: bool,
    pub strength: String,
    pub form: String,
    pub dose: String,
    pub route: String,
    pub frequency: String,
    pub duration_days: u32,
    pub quantity: u32,
    pub instructions: String,
}

/// The whole prescription document.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS, Reconcile, Hydrate)]
#[ts(export)]
pub struct Prescription {
    pub patient_id: String,
    /// Empty when not written during an encounter.
    pub encounter_id: String,
    pub prescriber_id: String,
    pub prescriber_name: String,
    pub items: Vec<PrescriptionItem>,
    pub notes: String,
    pub status: PrescriptionStatus,
    /// 1 for a first prescription, n+1 for the amendment of version n.
    pub version: u32,
    /// The prescription this one amends (empty for version 1).
    pub supersedes: String,
    /// The prescription that amends this one (set when this one becomes `amended`).
    pub superseded_by: String,
    pub created_at: String,
    pub issued_at: String,
    /// Warnings shown when issuing, one line each, and the prescriber's reason to go on anyway.
    pub issue_warnings: Vec<String>,
    pub override_reason: String,
    pub dispensed_at: String,
    pub dispensed_by: String,
    pub dispensed_by_name: String,
    /// What each line was supplied with (batches from stock, or outside stock with a reason);
    /// missing in documents dispensed before stock was linked.
    #[autosurgeon(missing = "Vec::new")]
    #[serde(default)]
    pub dispensed_lines: Vec<DispensedLine>,
    pub cancelled_at: String,
    pub cancelled_by: String,
    pub cancel_reason: String,
}

impl Prescription {
    /// The drug names of the items, for lists and for interaction checks against other prescriptions.
    pub fn drug_names(&self) -> Vec<String> {
        self.items.iter().map(|i| i.drug_name.clone()).collect()
    }

    /// Still in force: issued and not dispensed, cancelled or amended.
    pub fn is_active(&self) -> bool {
        self.status == PrescriptionStatus::Issued
    }
}
