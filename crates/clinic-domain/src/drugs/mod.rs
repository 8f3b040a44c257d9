//! The drug catalogue shipped with the app: generic names, forms and strengths from the WHO Model
//! List of Essential Medicines, pharmacological classes, and a drug–drug interaction table. The data
//! are plain `|`-separated files next to this module (sources in `docs/DATA-SOURCES.md`), parsed once.
mod data;
mod warnings;

#[cfg(test)]
mod tests;

pub use data::{catalogue, Catalogue};
pub use warnings::{warnings, AllergyFact, NamedDrug, RxWarning, WarningKind, WarningSeverity};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// One medicine of the catalogue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Drug {
    pub id: String,
    pub name: String,
    /// Class ids (see `DrugClass`).
    pub classes: Vec<String>,
    pub forms: Vec<String>,
    pub strengths: Vec<String>,
}

/// A pharmacological class. `cross_reactive`: an allergy to one member warns for every member.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DrugClass {
    pub id: String,
    pub name: String,
    pub cross_reactive: bool,
    /// Folded words that name the class in free text ("penicillin", "sulfa").
    pub words: Vec<String>,
}

/// How severe an interaction is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum InteractionSeverity {
    Minor,
    Moderate,
    Severe,
}

/// One side of an interaction: a drug or a whole class.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Side {
    Drug(String),
    Class(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Interaction {
    pub a: Side,
    pub b: Side,
    pub severity: InteractionSeverity,
    pub advice: String,
}

impl Side {
    pub fn matches(&self, drug: &Drug) -> bool {
        match self {
            Side::Drug(id) => &drug.id == id,
            Side::Class(c) => drug.classes.iter().any(|k| k == c),
        }
    }
}
