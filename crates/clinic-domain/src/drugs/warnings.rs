//! Prescription safety warnings: allergies (by drug name, by class name, and across a
//! cross-reactive class) and drug–drug interactions (drug or class pairs), purely from data.
use super::data::{catalogue, has_words};
use super::{Drug, InteractionSeverity, Side};
use crate::text::fold;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A patient's recorded allergy, as the warnings need it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AllergyFact {
    pub substance: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum WarningKind {
    Allergy,
    Interaction,
}

pub type WarningSeverity = InteractionSeverity;

/// One warning about one new item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RxWarning {
    pub kind: WarningKind,
    pub severity: InteractionSeverity,
    /// Index of the new item concerned.
    pub item: u32,
    /// The new item's drug name.
    pub drug: String,
    /// The allergy substance, or the other drug (a current medication or another item).
    pub other: String,
    /// One line: the reason and what to do.
    pub advice: String,
    /// Issuing despite this warning needs the prescriber's override reason.
    pub requires_override: bool,
}

/// One drug as named on a prescription item: a catalogue id (may be empty) and its name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamedDrug {
    pub drug_id: String,
    pub name: String,
}

fn resolve(drug_id: &str, name: &str) -> Vec<&'static Drug> {
    let cat = catalogue();
    match cat.drug(drug_id) {
        Some(d) => vec![d],
        None => cat.resolve(name),
    }
}

fn allergy_reason(allergy: &str, item_name: &str, drugs: &[&Drug]) -> Option<String> {
    let a = fold(allergy);
    if a.is_empty() {
        return None;
    }
    let cat = catalogue();
    let n = fold(item_name);
    if has_words(&n, &a) || has_words(&a, &n) {
        return Some(format!(
            "Recorded allergy to {allergy}: do not give {item_name}."
        ));
    }
    for d in drugs {
        let dn = fold(&d.name);
        if has_words(&a, &dn) || has_words(&dn, &a) {
            return Some(format!(
                "Recorded allergy to {allergy}: do not give {}.",
                d.name
            ));
        }
        for class in d.classes.iter().filter_map(|c| cat.class(c)) {
            if class.words.iter().any(|w| has_words(&a, w)) || has_words(&a, &fold(&class.name)) {
                return Some(format!(
                    "Allergy to {allergy}: {} is one of the {}.",
                    d.name, class.name
                ));
            }
        }
    }
    // An allergy to a named drug warns for every drug of its cross-reactive classes.
    for allergen in cat.resolve(allergy) {
        for d in drugs {
            let shared = d
                .classes
                .iter()
                .filter_map(|c| cat.class(c))
                .find(|c| c.cross_reactive && allergen.classes.iter().any(|k| k == &c.id));
            if let Some(class) = shared {
                return Some(format!(
                    "Allergy to {allergy}: {} is also one of the {} (cross-reactivity).",
                    d.name, class.name
                ));
            }
        }
    }
    None
}

fn rule_between(a: &[&Drug], b: &[&Drug]) -> Option<(InteractionSeverity, String)> {
    let hit = |x: &Side, set: &[&Drug]| set.iter().any(|d| x.matches(d));
    catalogue()
        .interactions
        .iter()
        .filter(|r| (hit(&r.a, a) && hit(&r.b, b)) || (hit(&r.b, a) && hit(&r.a, b)))
        .max_by_key(|r| r.severity)
        .map(|r| (r.severity, r.advice.clone()))
}

/// Every warning for the new `items`, given the patient's allergies and the drugs the patient
/// already takes (current medications and other active prescriptions, as names or catalogue ids).
/// Interactions are checked between each new item and those drugs, and between new items.
pub fn warnings(
    allergies: &[AllergyFact],
    others: &[String],
    items: &[NamedDrug],
) -> Vec<RxWarning> {
    let resolved: Vec<Vec<&Drug>> = items.iter().map(|i| resolve(&i.drug_id, &i.name)).collect();
    let other_drugs: Vec<(String, Vec<&Drug>)> = others
        .iter()
        .map(|o| (o.clone(), resolve(o, o)))
        .filter(|(_, d)| !d.is_empty())
        .collect();
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        if item.name.trim().is_empty() && item.drug_id.is_empty() {
            continue;
        }
        let drugs = &resolved[i];
        for allergy in allergies {
            if let Some(advice) = allergy_reason(&allergy.substance, &item.name, drugs) {
                out.push(RxWarning {
                    kind: WarningKind::Allergy,
                    severity: InteractionSeverity::Severe,
                    item: i as u32,
                    drug: item.name.clone(),
                    other: allergy.substance.clone(),
                    advice,
                    requires_override: true,
                });
            }
        }
        let earlier = items[..i]
            .iter()
            .zip(&resolved)
            .map(|(it, d)| (it.name.clone(), d.clone()));
        let pairs: Vec<(String, Vec<&Drug>)> = other_drugs.iter().cloned().chain(earlier).collect();
        for (other, other_set) in pairs {
            if let Some((severity, advice)) = rule_between(drugs, &other_set) {
                out.push(RxWarning {
                    kind: WarningKind::Interaction,
                    severity,
                    item: i as u32,
                    drug: item.name.clone(),
                    other,
                    advice,
                    requires_override: severity == InteractionSeverity::Severe,
                });
            }
        }
    }
    out
}
