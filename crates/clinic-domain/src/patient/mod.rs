//! The patient record: what the Automerge document holds, what lists show, and how input is checked.
mod history;
mod input;

pub use history::{FamilyHistoryEntry, FamilyHistoryInput, PastSurgery, Relation, SurgeryInput};
pub use input::{age_in_years, AllergyInput, PatientInput};

use crate::attachment::Attachment;
use autosurgeon::{Hydrate, Reconcile};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS, Reconcile, Hydrate,
)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Sex {
    #[autosurgeon(rename = "female")]
    Female,
    #[autosurgeon(rename = "male")]
    Male,
    #[autosurgeon(rename = "other")]
    Other,
    #[default]
    #[autosurgeon(rename = "unknown")]
    Unknown,
}

impl Sex {
    pub fn as_str(self) -> &'static str {
        match self {
            Sex::Female => "female",
            Sex::Male => "male",
            Sex::Other => "other",
            Sex::Unknown => "unknown",
        }
    }

    /// Accepts the stored names and the common one-letter forms (F, M, O, U).
    pub fn parse(s: &str) -> Option<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "female" | "f" => Some(Sex::Female),
            "male" | "m" => Some(Sex::Male),
            "other" | "o" => Some(Sex::Other),
            "unknown" | "u" | "" => Some(Sex::Unknown),
            _ => None,
        }
    }
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS, Reconcile, Hydrate,
)]
#[ts(export)]
pub enum BloodType {
    #[serde(rename = "A+")]
    #[autosurgeon(rename = "A+")]
    APos,
    #[serde(rename = "A-")]
    #[autosurgeon(rename = "A-")]
    ANeg,
    #[serde(rename = "B+")]
    #[autosurgeon(rename = "B+")]
    BPos,
    #[serde(rename = "B-")]
    #[autosurgeon(rename = "B-")]
    BNeg,
    #[serde(rename = "AB+")]
    #[autosurgeon(rename = "AB+")]
    AbPos,
    #[serde(rename = "AB-")]
    #[autosurgeon(rename = "AB-")]
    AbNeg,
    #[serde(rename = "O+")]
    #[autosurgeon(rename = "O+")]
    OPos,
    #[serde(rename = "O-")]
    #[autosurgeon(rename = "O-")]
    ONeg,
    #[default]
    #[serde(rename = "unknown")]
    #[autosurgeon(rename = "unknown")]
    Unknown,
}

impl BloodType {
    pub const ALL: [BloodType; 9] = [
        BloodType::APos,
        BloodType::ANeg,
        BloodType::BPos,
        BloodType::BNeg,
        BloodType::AbPos,
        BloodType::AbNeg,
        BloodType::OPos,
        BloodType::ONeg,
        BloodType::Unknown,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            BloodType::APos => "A+",
            BloodType::ANeg => "A-",
            BloodType::BPos => "B+",
            BloodType::BNeg => "B-",
            BloodType::AbPos => "AB+",
            BloodType::AbNeg => "AB-",
            BloodType::OPos => "O+",
            BloodType::ONeg => "O-",
            BloodType::Unknown => "unknown",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        let s = s.trim().to_ascii_uppercase();
        if s.is_empty() || s == "UNKNOWN" {
            return Some(BloodType::Unknown);
        }
        Self::ALL.into_iter().find(|b| b.as_str() == s)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, Reconcile, Hydrate)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum AllergySeverity {
    #[autosurgeon(rename = "mild")]
    Mild,
    #[autosurgeon(rename = "moderate")]
    Moderate,
    #[autosurgeon(rename = "severe")]
    Severe,
    #[autosurgeon(rename = "life_threatening")]
    LifeThreatening,
}

impl AllergySeverity {
    pub fn parse(s: &str) -> Option<Self> {
        match s
            .trim()
            .to_ascii_lowercase()
            .replace([' ', '-'], "_")
            .as_str()
        {
            "mild" => Some(Self::Mild),
            "moderate" => Some(Self::Moderate),
            "severe" => Some(Self::Severe),
            "life_threatening" => Some(Self::LifeThreatening),
            _ => None,
        }
    }
}

/// One allergy. `id` keeps list items distinct when two PCs edit the list concurrently.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, Reconcile, Hydrate)]
#[ts(export)]
pub struct Allergy {
    #[key]
    pub id: String,
    pub substance: String,
    pub severity: AllergySeverity,
    pub reaction: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS, Reconcile, Hydrate)]
#[ts(export)]
pub struct EmergencyContact {
    pub name: String,
    pub phone: String,
    pub relationship: String,
}

/// The whole patient document. Each field merges on its own when PCs edit offline.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS, Reconcile, Hydrate)]
#[ts(export)]
pub struct Patient {
    pub number: String,
    pub given_name: String,
    pub family_name: String,
    pub sex: Sex,
    /// `YYYY-MM-DD`; when `birth_date_estimated`, derived from an estimated age.
    pub birth_date: String,
    pub birth_date_estimated: bool,
    pub phone: String,
    pub address: String,
    pub national_id: String,
    pub insurance_provider: String,
    pub insurance_policy: String,
    pub emergency_contact: EmergencyContact,
    pub blood_type: BloodType,
    pub allergies: Vec<Allergy>,
    pub chronic_conditions: Vec<String>,
    pub current_medications: Vec<String>,
    /// Operations the patient had; missing in older documents.
    #[serde(default)]
    #[autosurgeon(missing = "Vec::new")]
    pub past_surgeries: Vec<PastSurgery>,
    /// Conditions of relatives; missing in older documents.
    #[serde(default)]
    #[autosurgeon(missing = "Vec::new")]
    pub family_history: Vec<FamilyHistoryEntry>,
    /// Scanned documents and photos. Added and removed (flagged) through their own operations,
    /// never through `PatientInput`; missing in documents written before attachments existed.
    #[serde(default)]
    #[autosurgeon(missing = "Vec::new")]
    pub attachments: Vec<Attachment>,
    /// Tombstone: deleted patients stay in the store and can be restored.
    pub deleted: bool,
    /// Set when this patient was merged into another (the id kept): hidden from lists and search
    /// like a tombstone, and undone by clearing it. Empty otherwise; missing in older documents.
    #[autosurgeon(missing = "String::new")]
    #[serde(default)]
    pub merged_into: String,
    /// For appointment reminders by email; empty when none. Missing in older documents.
    #[autosurgeon(missing = "String::new")]
    #[serde(default)]
    pub email: String,
    /// How the patient agreed to get appointment reminders (`none`: no consent).
    #[autosurgeon(missing = "crate::reminder::ReminderChannel::default")]
    #[serde(default)]
    pub reminder_channel: crate::reminder::ReminderChannel,
}

impl Patient {
    pub fn full_name(&self) -> String {
        format!("{} {}", self.given_name, self.family_name)
    }
}

/// One row of a patient list or search result, read from the projection table only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PatientSummary {
    #[ts(type = "string")]
    pub id: Uuid,
    pub number: String,
    pub given_name: String,
    pub family_name: String,
    pub sex: Sex,
    pub birth_date: String,
    pub birth_date_estimated: bool,
    pub phone: String,
    pub national_id: String,
    pub deleted: bool,
}

/// Why a registered patient looks like the one being entered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum DuplicateReason {
    NameAndBirthDate,
    Phone,
    NationalId,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DuplicateCandidate {
    pub patient: PatientSummary,
    pub reasons: Vec<DuplicateReason>,
}
