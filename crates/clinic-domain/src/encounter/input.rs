//! What the encounter form sends, and the checks that turn it into record values. Every error
//! comes back at once, with its field path (`vitals.0.pulse_bpm`, `code`, `history`).
use super::{Diagnosis, Vitals};
use crate::error::{ErrorCode, FieldError, Validation};
use crate::icd10;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

const COMPLAINT_MAX: usize = 300;
const NOTE_MAX: usize = 20_000;
const DIAGNOSIS_NOTE_MAX: usize = 500;
/// Vitals sets recorded in one call.
const VITALS_MAX: usize = 20;

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct EncounterOpenInput {
    pub patient_id: String,
    #[ts(optional)]
    pub appointment_id: Option<String>,
    pub chief_complaint: String,
}

impl EncounterOpenInput {
    /// Returns (appointment id or empty, complaint) or every field error.
    pub fn validate(&self) -> Result<(String, String), Vec<FieldError>> {
        let mut v = Validation::default();
        let complaint = v.optional_text("chief_complaint", &self.chief_complaint, COMPLAINT_MAX);
        let appointment = self
            .appointment_id
            .as_deref()
            .map(str::trim)
            .unwrap_or_default();
        if !appointment.is_empty() && uuid::Uuid::parse_str(appointment).is_err() {
            v.push(
                "appointment_id",
                ErrorCode::InvalidFormat,
                "is not a record id",
            );
        }
        if uuid::Uuid::parse_str(self.patient_id.trim()).is_err() {
            v.push("patient_id", ErrorCode::InvalidFormat, "is not a record id");
        }
        v.finish((appointment.to_string(), complaint))
    }
}

/// The free-text parts of the encounter, all saved together (each merges on its own).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct EncounterNotesInput {
    pub chief_complaint: String,
    pub history: String,
    pub examination: String,
    pub plan: String,
    pub notes: String,
    /// `YYYY-MM-DD` or empty: when the patient should come back.
    pub follow_up: String,
}

impl EncounterNotesInput {
    /// The trimmed texts, or every field error.
    pub fn validate(&self) -> Result<EncounterNotesInput, Vec<FieldError>> {
        let mut v = Validation::default();
        let out = EncounterNotesInput {
            chief_complaint: v.optional_text(
                "chief_complaint",
                &self.chief_complaint,
                COMPLAINT_MAX,
            ),
            history: v.optional_text("history", &self.history, NOTE_MAX),
            examination: v.optional_text("examination", &self.examination, NOTE_MAX),
            plan: v.optional_text("plan", &self.plan, NOTE_MAX),
            notes: v.optional_text("notes", &self.notes, NOTE_MAX),
            follow_up: self.follow_up.trim().to_string(),
        };
        if !out.follow_up.is_empty()
            && chrono::NaiveDate::parse_from_str(&out.follow_up, "%Y-%m-%d").is_err()
        {
            v.push("follow_up", ErrorCode::InvalidFormat, "must be YYYY-MM-DD");
        }
        v.finish(out)
    }
}

/// One vitals set as typed. Every measure is optional, but at least one is required.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct VitalsInput {
    pub systolic_mmhg: Option<i32>,
    pub diastolic_mmhg: Option<i32>,
    pub pulse_bpm: Option<i32>,
    /// Tenths of °C.
    pub temperature_tenths_c: Option<i32>,
    pub respiratory_rate: Option<i32>,
    pub spo2_percent: Option<i32>,
    pub weight_g: Option<i32>,
    pub height_mm: Option<i32>,
}

/// Physiologically plausible ranges (inclusive): anything outside is a typing error.
pub const RANGES: [(&str, i32, i32); 8] = [
    ("systolic_mmhg", 50, 300),
    ("diastolic_mmhg", 20, 200),
    ("pulse_bpm", 20, 300),
    ("temperature_tenths_c", 250, 450),
    ("respiratory_rate", 4, 80),
    ("spo2_percent", 50, 100),
    ("weight_g", 300, 400_000),
    ("height_mm", 200, 2_600),
];

impl VitalsInput {
    fn values(&self) -> [Option<i32>; 8] {
        [
            self.systolic_mmhg,
            self.diastolic_mmhg,
            self.pulse_bpm,
            self.temperature_tenths_c,
            self.respiratory_rate,
            self.spo2_percent,
            self.weight_g,
            self.height_mm,
        ]
    }

    fn check(&self, v: &mut Validation, prefix: &str) {
        let values = self.values();
        if values.iter().all(Option::is_none) {
            v.push(
                prefix,
                ErrorCode::Required,
                "at least one measure is required",
            );
            return;
        }
        for ((name, min, max), value) in RANGES.iter().zip(values) {
            if let Some(x) = value {
                if x < *min || x > *max {
                    v.push(
                        format!("{prefix}.{name}"),
                        ErrorCode::OutOfRange,
                        format!("must be between {min} and {max}"),
                    );
                }
            }
        }
        match (self.systolic_mmhg, self.diastolic_mmhg) {
            (Some(s), Some(d)) if d >= s => v.push(
                format!("{prefix}.diastolic_mmhg"),
                ErrorCode::InvalidValue,
                "must be lower than the systolic pressure",
            ),
            (Some(_), None) => v.push(
                format!("{prefix}.diastolic_mmhg"),
                ErrorCode::Required,
                "is required with the systolic pressure",
            ),
            (None, Some(_)) => v.push(
                format!("{prefix}.systolic_mmhg"),
                ErrorCode::Required,
                "is required with the diastolic pressure",
            ),
            _ => {}
        }
    }

    /// Checks every set (paths `vitals.<i>.<field>`) and returns the records, stamped with who and
    /// when; `new_id` names each set.
    pub fn validate_all(
        sets: &[VitalsInput],
        taken_at: &str,
        taken_by: &str,
        new_id: &mut dyn FnMut() -> String,
    ) -> Result<Vec<Vitals>, Vec<FieldError>> {
        let mut v = Validation::default();
        if sets.is_empty() {
            v.push(
                "vitals",
                ErrorCode::Required,
                "at least one vitals set is required",
            );
        }
        if sets.len() > VITALS_MAX {
            v.push(
                "vitals",
                ErrorCode::OutOfRange,
                format!("at most {VITALS_MAX} sets at once"),
            );
        }
        for (i, s) in sets.iter().enumerate() {
            s.check(&mut v, &format!("vitals.{i}"));
        }
        v.finish(())?;
        Ok(sets
            .iter()
            .map(|s| Vitals {
                id: new_id(),
                taken_at: taken_at.to_string(),
                taken_by: taken_by.to_string(),
                systolic_mmhg: s.systolic_mmhg,
                diastolic_mmhg: s.diastolic_mmhg,
                pulse_bpm: s.pulse_bpm,
                temperature_tenths_c: s.temperature_tenths_c,
                respiratory_rate: s.respiratory_rate,
                spo2_percent: s.spo2_percent,
                weight_g: s.weight_g,
                height_mm: s.height_mm,
            })
            .collect())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct DiagnosisInput {
    /// An ICD-10-CM code of the shipped list, with or without its dot.
    pub code: String,
    pub primary: bool,
    pub note: String,
}

impl DiagnosisInput {
    /// The diagnosis (code as listed, with its title), or every field error.
    pub fn validate(
        &self,
        id: String,
        added_by: &str,
        added_at: &str,
    ) -> Result<Diagnosis, Vec<FieldError>> {
        let mut v = Validation::default();
        let note = v.optional_text("note", &self.note, DIAGNOSIS_NOTE_MAX);
        let found = if self.code.trim().is_empty() {
            v.push("code", ErrorCode::Required, "is required");
            None
        } else {
            let found = icd10::lookup(&self.code);
            if found.is_none() {
                v.push(
                    "code",
                    ErrorCode::InvalidValue,
                    "is not a billable ICD-10-CM code of the list",
                );
            }
            found
        };
        let code = found.unwrap_or(icd10::Icd10Code {
            code: String::new(),
            title: String::new(),
        });
        v.finish(Diagnosis {
            id,
            code: code.code,
            title: code.title,
            primary: self.primary,
            note,
            added_by: added_by.to_string(),
            added_at: added_at.to_string(),
        })
    }
}
