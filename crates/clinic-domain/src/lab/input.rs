//! What the lab forms send, and their validation (every error at once, by field path).
use super::catalogue::{test, LabTest};
use super::{LabPriority, LabTestLine};
use crate::error::{ErrorCode, FieldError, Validation};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Longest clinical note, result comment or reason.
pub const MAX_NOTE: usize = 1_000;
/// Most tests on one order.
pub const MAX_TESTS: usize = 40;
/// Largest numeric result accepted.
const MAX_VALUE: f64 = 1_000_000.0;

/// A new order, from an open or closed encounter (the patient is the encounter's).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct LabOrderInput {
    pub encounter_id: String,
    /// Catalogue ids (`lab::tests`).
    pub test_ids: Vec<String>,
    pub priority: LabPriority,
    pub clinical_note: String,
}

/// A checked order: the catalogue lines and the trimmed note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedOrder {
    pub encounter_id: uuid::Uuid,
    pub lines: Vec<LabTestLine>,
    pub clinical_note: String,
}

impl LabOrderInput {
    pub fn validate(&self) -> Result<CheckedOrder, Vec<FieldError>> {
        let mut v = Validation::default();
        let encounter_id = uuid::Uuid::parse_str(self.encounter_id.trim());
        if self.encounter_id.trim().is_empty() {
            v.push("encounter_id", ErrorCode::Required, "is required");
        } else if encounter_id.is_err() {
            v.push(
                "encounter_id",
                ErrorCode::InvalidFormat,
                "is not a record id",
            );
        }
        if self.test_ids.is_empty() {
            v.push("test_ids", ErrorCode::Required, "choose at least one test");
        } else if self.test_ids.len() > MAX_TESTS {
            v.push(
                "test_ids",
                ErrorCode::OutOfRange,
                format!("at most {MAX_TESTS} tests per order"),
            );
        }
        let mut lines: Vec<LabTestLine> = Vec::new();
        for (i, id) in self.test_ids.iter().enumerate() {
            let id = id.trim();
            match test(id) {
                None => v.push(
                    format!("test_ids.{i}"),
                    ErrorCode::NotFound,
                    "is not in the test catalogue",
                ),
                Some(_) if lines.iter().any(|l| l.test_id == id) => v.push(
                    format!("test_ids.{i}"),
                    ErrorCode::Duplicate,
                    "is already on this order",
                ),
                Some(t) => lines.push(LabTestLine {
                    test_id: t.id.clone(),
                    name: t.name.clone(),
                    loinc: t.loinc.clone(),
                    unit: t.unit.clone(),
                    sample_type: t.sample_type.clone(),
                    ..LabTestLine::default()
                }),
            }
        }
        let clinical_note = v.optional_text("clinical_note", &self.clinical_note, MAX_NOTE);
        v.finish(CheckedOrder {
            encounter_id: encounter_id.unwrap_or_default(),
            lines,
            clinical_note,
        })
    }
}

/// One result typed in.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct LabResultInput {
    pub test_id: String,
    /// A decimal number (`5.2`, `5,2`) for numeric tests, one of the answers for qualitative ones.
    pub value: String,
    #[serde(default)]
    pub comment: String,
}

/// Results of some or all of an order's tests.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct LabResultsInput {
    pub results: Vec<LabResultInput>,
}

/// The value as stored: a numeric value with `.` as decimal separator, or the catalogue's
/// spelling of the answer. `Err` is the field error's code and message.
pub(crate) fn normalise_value(t: &LabTest, value: &str) -> Result<String, (ErrorCode, String)> {
    let value = value.trim();
    if value.is_empty() {
        return Err((ErrorCode::Required, "is required".into()));
    }
    if t.is_qualitative() {
        return t
            .answers
            .iter()
            .find(|a| a.eq_ignore_ascii_case(value))
            .cloned()
            .ok_or_else(|| {
                (
                    ErrorCode::InvalidValue,
                    format!("must be one of: {}", t.answers.join(", ")),
                )
            });
    }
    let text = value.replace(',', ".");
    let ok = text.len() <= 12
        && text.chars().all(|c| c.is_ascii_digit() || c == '.')
        && text.chars().filter(|c| *c == '.').count() <= 1
        && !text.starts_with('.')
        && !text.ends_with('.');
    match text.parse::<f64>() {
        Ok(v) if ok && v <= MAX_VALUE => Ok(text),
        Ok(_) if ok => Err((ErrorCode::OutOfRange, "is too large".into())),
        _ => Err((ErrorCode::InvalidFormat, "must be a number".into())),
    }
}

impl LabResultsInput {
    /// Checks every result against the order's lines: `(test_id, value, comment)` trimmed.
    pub fn validate(
        &self,
        lines: &[LabTestLine],
    ) -> Result<Vec<(String, String, String)>, Vec<FieldError>> {
        let mut v = Validation::default();
        if self.results.is_empty() {
            v.push("results", ErrorCode::Required, "enter at least one result");
        }
        let mut out: Vec<(String, String, String)> = Vec::new();
        for (i, r) in self.results.iter().enumerate() {
            let id = r.test_id.trim();
            let comment = v.optional_text(&format!("results.{i}.comment"), &r.comment, MAX_NOTE);
            if !lines.iter().any(|l| l.test_id == id) {
                v.push(
                    format!("results.{i}.test_id"),
                    ErrorCode::NotFound,
                    "is not a test of this order",
                );
                continue;
            }
            if out.iter().any(|(t, _, _)| t == id) {
                v.push(
                    format!("results.{i}.test_id"),
                    ErrorCode::Duplicate,
                    "is given twice",
                );
                continue;
            }
            let Some(t) = test(id) else {
                v.push(
                    format!("results.{i}.test_id"),
                    ErrorCode::NotFound,
                    "is no longer in the test catalogue",
                );
                continue;
            };
            match normalise_value(t, &r.value) {
                Ok(value) => out.push((id.to_string(), value, comment)),
                Err((code, msg)) => v.push(format!("results.{i}.value"), code, msg),
            }
        }
        v.finish(out)
    }
}

/// Cancelling an order: the reason is required.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct LabCancelInput {
    pub reason: String,
}

impl LabCancelInput {
    pub fn validate(&self) -> Result<String, Vec<FieldError>> {
        let mut v = Validation::default();
        let reason = v.required_text("reason", &self.reason, MAX_NOTE);
        v.finish(reason)
    }
}

/// Correcting one validated result: the new value and why.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct LabAmendInput {
    pub test_id: String,
    pub value: String,
    pub reason: String,
}

impl LabAmendInput {
    /// `(test_id, normalised value, reason)`.
    pub fn validate(
        &self,
        lines: &[LabTestLine],
    ) -> Result<(String, String, String), Vec<FieldError>> {
        let mut v = Validation::default();
        let reason = v.required_text("reason", &self.reason, MAX_NOTE);
        let id = self.test_id.trim();
        let mut value = String::new();
        match (lines.iter().find(|l| l.test_id == id), test(id)) {
            (Some(_), Some(t)) => match normalise_value(t, &self.value) {
                Ok(n) => value = n,
                Err((code, msg)) => v.push("value", code, msg),
            },
            _ => v.push(
                "test_id",
                ErrorCode::NotFound,
                "is not a test of this order",
            ),
        }
        v.finish((id.to_string(), value, reason))
    }
}
