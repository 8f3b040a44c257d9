//! Past surgical history and family history on the patient record: each entry has an id (so two
//! PCs editing the list merge per entry), and the form's input is checked here, every error at
//! once by path (`past_surgeries.1.date`, `family_history.0.condition`).
use crate::error::{ErrorCode, Validation};
use autosurgeon::{Hydrate, Reconcile};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

const ENTRIES_MAX: usize = 50;
const NAME_MAX: usize = 200;
const NOTES_MAX: usize = 300;

/// An operation the patient had. `date` is `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (patients often
/// remember only the year).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS, Reconcile, Hydrate)]
#[ts(export)]
pub struct PastSurgery {
    #[key]
    pub id: String,
    pub procedure: String,
    pub date: String,
    pub notes: String,
}

/// The relative a family history entry is about (maps to HL7 v3 RoleCode in FHIR).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS, Reconcile, Hydrate,
)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Relation {
    #[autosurgeon(rename = "mother")]
    Mother,
    #[autosurgeon(rename = "father")]
    Father,
    #[autosurgeon(rename = "sister")]
    Sister,
    #[autosurgeon(rename = "brother")]
    Brother,
    #[autosurgeon(rename = "daughter")]
    Daughter,
    #[autosurgeon(rename = "son")]
    Son,
    #[autosurgeon(rename = "grandmother")]
    Grandmother,
    #[autosurgeon(rename = "grandfather")]
    Grandfather,
    #[autosurgeon(rename = "aunt")]
    Aunt,
    #[autosurgeon(rename = "uncle")]
    Uncle,
    #[autosurgeon(rename = "cousin")]
    Cousin,
    #[default]
    #[autosurgeon(rename = "other")]
    Other,
}

impl Relation {
    pub const ALL: [Relation; 12] = [
        Self::Mother,
        Self::Father,
        Self::Sister,
        Self::Brother,
        Self::Daughter,
        Self::Son,
        Self::Grandmother,
        Self::Grandfather,
        Self::Aunt,
        Self::Uncle,
        Self::Cousin,
        Self::Other,
    ];

    /// HL7 v3 RoleCode (`http://terminology.hl7.org/CodeSystem/v3-RoleCode`) and its display.
    pub fn role_code(self) -> (&'static str, &'static str) {
        match self {
            Self::Mother => ("MTH", "mother"),
            Self::Father => ("FTH", "father"),
            Self::Sister => ("SIS", "sister"),
            Self::Brother => ("BRO", "brother"),
            Self::Daughter => ("DAU", "natural daughter"),
            Self::Son => ("SON", "natural son"),
            Self::Grandmother => ("GRMTH", "grandmother"),
            Self::Grandfather => ("GRFTH", "grandfather"),
            Self::Aunt => ("AUNT", "aunt"),
            Self::Uncle => ("UNCLE", "uncle"),
            Self::Cousin => ("COUSN", "cousin"),
            Self::Other => ("FAMMEMB", "family member"),
        }
    }
}

/// A condition a relative has or had.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS, Reconcile, Hydrate)]
#[ts(export)]
pub struct FamilyHistoryEntry {
    #[key]
    pub id: String,
    pub relation: Relation,
    pub condition: String,
    pub notes: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct SurgeryInput {
    /// Present when editing an entry already on the record.
    #[ts(optional)]
    pub id: Option<String>,
    pub procedure: String,
    pub date: String,
    pub notes: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct FamilyHistoryInput {
    #[ts(optional)]
    pub id: Option<String>,
    pub relation: Relation,
    pub condition: String,
    pub notes: String,
}

fn kept_id(id: &Option<String>, new_id: &mut dyn FnMut() -> String) -> String {
    id.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map_or_else(new_id, String::from)
}

fn too_many(v: &mut Validation, field: &str, n: usize) {
    if n > ENTRIES_MAX {
        v.push(
            field,
            ErrorCode::OutOfRange,
            format!("at most {ENTRIES_MAX} entries"),
        );
    }
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, not after `today`; empty allowed (date unknown).
fn check_date(v: &mut Validation, field: &str, raw: &str, today: NaiveDate) -> String {
    let s = raw.trim();
    if s.is_empty() {
        return String::new();
    }
    let full = match s.len() {
        4 => format!("{s}-01-01"),
        7 => format!("{s}-01"),
        _ => s.to_string(),
    };
    match NaiveDate::parse_from_str(&full, "%Y-%m-%d") {
        Ok(d) if d > today => {
            v.push(field, ErrorCode::InFuture, "cannot be in the future");
            String::new()
        }
        Ok(_) if s.chars().all(|c| c.is_ascii_digit() || c == '-') => s.to_string(),
        _ => {
            v.push(
                field,
                ErrorCode::InvalidFormat,
                "must be a year (YYYY), a month (YYYY-MM) or a date (YYYY-MM-DD)",
            );
            String::new()
        }
    }
}

/// The operations typed in the form; blank rows (no procedure, date or notes) are dropped.
pub(super) fn surgeries(
    v: &mut Validation,
    inputs: &[SurgeryInput],
    today: NaiveDate,
    new_id: &mut dyn FnMut() -> String,
) -> Vec<PastSurgery> {
    too_many(v, "past_surgeries", inputs.len());
    let mut out = Vec::new();
    for (i, s) in inputs.iter().enumerate() {
        if [&s.procedure, &s.date, &s.notes]
            .iter()
            .all(|t| t.trim().is_empty())
        {
            continue;
        }
        let f = |name: &str| format!("past_surgeries.{i}.{name}");
        out.push(PastSurgery {
            id: kept_id(&s.id, new_id),
            procedure: v.required_text(&f("procedure"), &s.procedure, NAME_MAX),
            date: check_date(v, &f("date"), &s.date, today),
            notes: v.optional_text(&f("notes"), &s.notes, NOTES_MAX),
        });
    }
    out
}

/// The relatives' conditions typed in the form; blank rows (no condition or notes) are dropped.
pub(super) fn family(
    v: &mut Validation,
    inputs: &[FamilyHistoryInput],
    new_id: &mut dyn FnMut() -> String,
) -> Vec<FamilyHistoryEntry> {
    too_many(v, "family_history", inputs.len());
    let mut out = Vec::new();
    for (i, e) in inputs.iter().enumerate() {
        if e.condition.trim().is_empty() && e.notes.trim().is_empty() {
            continue;
        }
        let f = |name: &str| format!("family_history.{i}.{name}");
        out.push(FamilyHistoryEntry {
            id: kept_id(&e.id, new_id),
            relation: e.relation,
            condition: v.required_text(&f("condition"), &e.condition, NAME_MAX),
            notes: v.optional_text(&f("notes"), &e.notes, NOTES_MAX),
        });
    }
    out
}

#[cfg(test)]
#[path = "history_tests.rs"]
mod tests;
