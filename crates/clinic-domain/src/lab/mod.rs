//! The laboratory: a shipped test catalogue (LOINC codes, UCUM units, reference ranges), and the
//! lab order record, one Automerge document per order. An order comes from an encounter and moves
//! ordered → collected (sample id printed on a label) → received in the lab → resulted →
//! validated by a SECOND person (never the one who entered a result); it may be cancelled with a
//! reason at any point before validation. Validated results are read-only: a correction is an
//! amendment with a reason that keeps the old value and sends the order back for validation.
//! Abnormal flags are computed from the value and the catalogue (`flags`), never stored.
//!
//! The sync server reads `LabOrder` for its turnaround report: `ordered_at`, `collected_at`,
//! `received_at`, `resulted_at` and `validated_at` are RFC 3339 texts, empty until that step.
mod catalogue;
mod flags;
mod input;
mod rules;
#[cfg(test)]
mod tests;

pub use catalogue::{test, tests, LabInterval, LabSexRange, LabTest};
pub use flags::{flag, LabFlag};
pub use input::{
    CheckedOrder, LabAmendInput, LabCancelInput, LabOrderInput, LabResultInput, LabResultsInput,
    MAX_NOTE, MAX_TESTS,
};
pub use rules::{parse_sample_id, sample_id, LabStamp};

use autosurgeon::{Hydrate, Reconcile};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, TS, Reconcile, Hydrate,
)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum LabStatus {
    #[default]
    #[autosurgeon(rename = "ordered")]
    Ordered,
    #[autosurgeon(rename = "collected")]
    Collected,
    #[autosurgeon(rename = "received")]
    Received,
    #[autosurgeon(rename = "resulted")]
    Resulted,
    #[autosurgeon(rename = "validated")]
    Validated,
    #[autosurgeon(rename = "cancelled")]
    Cancelled,
}

impl LabStatus {
    pub const ALL: [LabStatus; 6] = [
        LabStatus::Ordered,
        LabStatus::Collected,
        LabStatus::Received,
        LabStatus::Resulted,
        LabStatus::Validated,
        LabStatus::Cancelled,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Ordered => "ordered",
            Self::Collected => "collected",
            Self::Received => "received",
            Self::Resulted => "resulted",
            Self::Validated => "validated",
            Self::Cancelled => "cancelled",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|x| x.as_str() == s)
    }
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, TS, Reconcile, Hydrate,
)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum LabPriority {
    #[default]
    #[autosurgeon(rename = "routine")]
    Routine,
    #[autosurgeon(rename = "urgent")]
    Urgent,
}

impl LabPriority {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Routine => "routine",
            Self::Urgent => "urgent",
        }
    }
}

/// One requested test and its result. Name, LOINC and unit are copied from the catalogue when
/// ordered, so the order reads the same if the catalogue changes.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS, Reconcile, Hydrate)]
#[ts(export)]
pub struct LabTestLine {
    #[key]
    pub test_id: String,
    pub name: String,
    pub loinc: String,
    pub unit: String,
    pub sample_type: String,
    /// As entered: a decimal number, or one of the test's answers. Empty until entered.
    pub value: String,
    pub comment: String,
    pub entered_by: String,
    pub entered_by_name: String,
    /// RFC 3339.
    pub entered_at: String,
}

/// A correction of a validated result: the old value is kept here.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS, Reconcile, Hydrate)]
#[ts(export)]
pub struct LabAmendment {
    #[key]
    pub id: String,
    pub test_id: String,
    pub old_value: String,
    pub new_value: String,
    pub reason: String,
    pub by: String,
    pub by_name: String,
    pub at: String,
    /// Who had validated the old value, and when.
    pub old_validated_by_name: String,
    pub old_validated_at: String,
}

/// The lab order document. Users are ids with their display names; times RFC 3339, empty until set.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS, Reconcile, Hydrate)]
#[ts(export)]
pub struct LabOrder {
    pub patient_id: String,
    pub patient_number: String,
    pub patient_name: String,
    /// The patient's sex when ordered (`male`, `female`, ...): picks per-sex reference ranges.
    pub patient_sex: String,
    pub encounter_id: String,
    pub ordered_by: String,
    pub ordered_by_name: String,
    pub ordered_at: String,
    pub priority: LabPriority,
    pub clinical_note: String,
    pub status: LabStatus,
    pub tests: Vec<LabTestLine>,
    /// `LAB-<clinic>-<device>-<sequence>`, taken when the sample is collected.
    pub sample_id: String,
    pub collected_by: String,
    pub collected_by_name: String,
    pub collected_at: String,
    pub received_by: String,
    pub received_by_name: String,
    pub received_at: String,
    /// When the last missing result was entered.
    pub resulted_at: String,
    pub validated_by: String,
    pub validated_by_name: String,
    pub validated_at: String,
    pub cancel_reason: String,
    pub cancelled_by: String,
    pub cancelled_by_name: String,
    pub cancelled_at: String,
    /// The ordering doctor saw the validated results (the reminder goes away).
    pub acknowledged_by: String,
    pub acknowledged_at: String,
    pub amendments: Vec<LabAmendment>,
}

/// One result line as screens and reports show it: value with the range and flag computed now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct LabResultRow {
    pub test_id: String,
    pub name: String,
    pub loinc: String,
    pub unit: String,
    pub sample_type: String,
    pub value: String,
    pub comment: String,
    /// The reference range for the patient's sex (`3.5 - 5.1`, `< 5.2`) or the normal answer.
    pub reference: String,
    pub flag: LabFlag,
    /// For qualitative tests: the allowed answers (the entry form offers them).
    pub answers: Vec<String>,
    pub entered_by_name: String,
    pub entered_at: String,
}

impl LabOrder {
    /// Every line with its reference range and flag.
    pub fn result_rows(&self) -> Vec<LabResultRow> {
        self.tests
            .iter()
            .map(|l| {
                let cat = test(&l.test_id);
                LabResultRow {
                    test_id: l.test_id.clone(),
                    name: l.name.clone(),
                    loinc: l.loinc.clone(),
                    unit: l.unit.clone(),
                    sample_type: l.sample_type.clone(),
                    value: l.value.clone(),
                    comment: l.comment.clone(),
                    reference: cat
                        .map(|t| t.reference_text(&self.patient_sex))
                        .unwrap_or_default(),
                    flag: cat.map_or(LabFlag::None, |t| flag(t, &self.patient_sex, &l.value)),
                    answers: cat.map(|t| t.answers.clone()).unwrap_or_default(),
                    entered_by_name: l.entered_by_name.clone(),
                    entered_at: l.entered_at.clone(),
                }
            })
            .collect()
    }

    /// Lines whose value is flagged (anything but normal).
    pub fn abnormal_count(&self) -> usize {
        self.result_rows()
            .iter()
            .filter(|r| r.flag.is_abnormal())
            .count()
    }

    /// Test ids, comma separated (labels, lists).
    pub fn test_codes(&self) -> String {
        self.tests
            .iter()
            .map(|t| t.test_id.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// Test names, comma separated.
    pub fn test_names(&self) -> String {
        self.tests
            .iter()
            .map(|t| t.name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }
}
