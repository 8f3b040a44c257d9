//! The shipped laboratory test catalogue (`catalogue.tsv`, sources in `docs/DATA-SOURCES.md`),
//! parsed once: each test with its LOINC code, UCUM unit, sample type, and either a numeric
//! reference range (optionally per sex) with critical limits, or the answers of a qualitative test.
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;
use ts_rs::TS;

const CATALOGUE: &str = include_str!("catalogue.tsv");

/// A numeric interval; either side may be open.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct LabInterval {
    #[ts(optional)]
    pub low: Option<f64>,
    #[ts(optional)]
    pub high: Option<f64>,
}

impl LabInterval {
    /// `"3.5-5.1"`, `"-5.2"`, `"150-"`; `None` when malformed or empty.
    pub fn parse(s: &str) -> Option<Self> {
        let s = s.trim();
        let (lo, hi) = s.split_once('-')?;
        let side = |t: &str| -> Option<Option<f64>> {
            let t = t.trim();
            if t.is_empty() {
                Some(None)
            } else {
                t.parse::<f64>().ok().filter(|v| v.is_finite()).map(Some)
            }
        };
        let (low, high) = (side(lo)?, side(hi)?);
        (low.is_some() || high.is_some()).then_some(Self { low, high })
    }

    /// As printed: `3.5 - 5.1`, `< 5.2`, `> 150`.
    pub fn display(&self) -> String {
        match (self.low, self.high) {
            (Some(l), Some(h)) => format!("{l} - {h}"),
            (None, Some(h)) => format!("< {h}"),
            (Some(l), None) => format!("> {l}"),
            (None, None) => String::new(),
        }
    }
}

/// A range for everyone, or one per sex.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct LabSexRange {
    #[ts(optional)]
    pub any: Option<LabInterval>,
    #[ts(optional)]
    pub male: Option<LabInterval>,
    #[ts(optional)]
    pub female: Option<LabInterval>,
}

impl LabSexRange {
    fn parse(s: &str) -> Option<Self> {
        let s = s.trim();
        if s.is_empty() {
            return Some(Self::default());
        }
        if !s.starts_with(['M', 'F']) {
            return LabInterval::parse(s).map(|i| Self {
                any: Some(i),
                ..Self::default()
            });
        }
        let mut out = Self::default();
        for part in s.split(',') {
            let part = part.trim();
            let (sex, rest) = part.split_at(1.min(part.len()));
            let i = LabInterval::parse(rest)?;
            match sex {
                "M" => out.male = Some(i),
                "F" => out.female = Some(i),
                _ => return None,
            }
        }
        Some(out)
    }

    /// The interval for a patient of `sex` (`male`, `female`, other): the sex's own, else the
    /// shared one; a patient of unknown sex gets no per-sex range.
    pub fn for_sex(&self, sex: &str) -> Option<LabInterval> {
        let own = match sex {
            "male" => self.male,
            "female" => self.female,
            _ => None,
        };
        own.or(self.any)
    }

    pub fn is_empty(&self) -> bool {
        self.any.is_none() && self.male.is_none() && self.female.is_none()
    }
}

/// One orderable test.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct LabTest {
    pub id: String,
    pub name: String,
    pub loinc: String,
    /// UCUM; empty for qualitative tests.
    pub unit: String,
    /// `blood`, `serum`, `plasma`, `urine`.
    pub sample_type: String,
    pub reference: LabSexRange,
    pub critical: LabSexRange,
    /// Qualitative tests: the allowed answers (empty for numeric tests).
    pub answers: Vec<String>,
    /// Qualitative tests: the normal answer.
    pub normal_answer: String,
}

impl LabTest {
    pub fn is_qualitative(&self) -> bool {
        !self.answers.is_empty()
    }

    /// The reference range as printed for a patient of `sex`.
    pub fn reference_text(&self, sex: &str) -> String {
        if self.is_qualitative() {
            return self.normal_answer.clone();
        }
        self.reference
            .for_sex(sex)
            .map(|i| i.display())
            .unwrap_or_default()
    }
}

/// Every shipped test, in catalogue order.
pub fn tests() -> &'static [LabTest] {
    static CELL: OnceLock<Vec<LabTest>> = OnceLock::new();
    CELL.get_or_init(|| parse(CATALOGUE))
}

/// The test with id `id`.
pub fn test(id: &str) -> Option<&'static LabTest> {
    tests().iter().find(|t| t.id == id)
}

/// Lines that do not parse are skipped (a test checks there are none in the shipped file).
pub(crate) fn parse(text: &str) -> Vec<LabTest> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter_map(|l| row(&l.split('|').map(str::trim).collect::<Vec<_>>()))
        .collect()
}

fn row(r: &[&str]) -> Option<LabTest> {
    let [id, name, loinc, unit, sample, range, critical, answers] = r else {
        return None;
    };
    let mut normal = String::new();
    let answers: Vec<String> = answers
        .split(',')
        .map(str::trim)
        .filter(|a| !a.is_empty())
        .map(|a| match a.strip_suffix('*') {
            Some(n) => {
                normal = n.to_string();
                n.to_string()
            }
            None => a.to_string(),
        })
        .collect();
    let reference = LabSexRange::parse(range)?;
    if answers.is_empty() == reference.is_empty() || (!answers.is_empty() && normal.is_empty()) {
        return None;
    }
    Some(LabTest {
        id: id.to_string(),
        name: name.to_string(),
        loinc: loinc.to_string(),
        unit: unit.to_string(),
        sample_type: sample.to_string(),
        reference,
        critical: LabSexRange::parse(critical)?,
        answers,
        normal_answer: normal,
    })
}
