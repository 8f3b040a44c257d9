//! Abnormal flags, always computed from the value, the catalogue and the patient's sex, never
//! stored: a corrected range changes every flag at once.
use super::catalogue::LabTest;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The interpretation of one result (HL7 v3 ObservationInterpretation codes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum LabFlag {
    /// Within the reference range, or the normal answer.
    Normal,
    Low,
    High,
    /// Below the critical low limit.
    CriticalLow,
    /// Above the critical high limit.
    CriticalHigh,
    /// A qualitative answer other than the normal one.
    Abnormal,
    /// No value yet, or no range to compare with.
    None,
}

impl LabFlag {
    /// The printed flag and the v3-ObservationInterpretation code.
    pub fn code(self) -> &'static str {
        match self {
            LabFlag::Normal => "N",
            LabFlag::Low => "L",
            LabFlag::High => "H",
            LabFlag::CriticalLow => "LL",
            LabFlag::CriticalHigh => "HH",
            LabFlag::Abnormal => "A",
            LabFlag::None => "",
        }
    }

    pub fn display(self) -> &'static str {
        match self {
            LabFlag::Normal => "Normal",
            LabFlag::Low => "Low",
            LabFlag::High => "High",
            LabFlag::CriticalLow => "Critical low",
            LabFlag::CriticalHigh => "Critical high",
            LabFlag::Abnormal => "Abnormal",
            LabFlag::None => "",
        }
    }

    /// Anything the ordering doctor should look at twice.
    pub fn is_abnormal(self) -> bool {
        !matches!(self, LabFlag::Normal | LabFlag::None)
    }
}

/// The flag of `value` (as entered) for test `test` and a patient of `sex`.
pub fn flag(test: &LabTest, sex: &str, value: &str) -> LabFlag {
    let value = value.trim();
    if value.is_empty() {
        return LabFlag::None;
    }
    if test.is_qualitative() {
        return if value.eq_ignore_ascii_case(&test.normal_answer) {
            LabFlag::Normal
        } else {
            LabFlag::Abnormal
        };
    }
    let Ok(v) = value.parse::<f64>() else {
        return LabFlag::None;
    };
    if let Some(c) = test.critical.for_sex(sex) {
        if c.low.is_some_and(|l| v < l) {
            return LabFlag::CriticalLow;
        }
        if c.high.is_some_and(|h| v > h) {
            return LabFlag::CriticalHigh;
        }
    }
    match test.reference.for_sex(sex) {
        Some(r) if r.low.is_some_and(|l| v < l) => LabFlag::Low,
        Some(r) if r.high.is_some_and(|h| v > h) => LabFlag::High,
        Some(_) => LabFlag::Normal,
        None => LabFlag::None,
    }
}
