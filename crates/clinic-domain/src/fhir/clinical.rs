//! `AllergyIntolerance`, `Condition` and `MedicationStatement`: what the patient document lists.
use super::{derived_id, References};
use crate::patient::{Allergy, AllergySeverity};
use serde_json::{json, Map, Value};
use uuid::Uuid;

const ALLERGY_CLINICAL: &str = "http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical";
const CONDITION_CLINICAL: &str = "http://terminology.hl7.org/CodeSystem/condition-clinical";
const CONDITION_CATEGORY: &str = "http://terminology.hl7.org/CodeSystem/condition-category";
const DATA_ABSENT_REASON: &str = "http://hl7.org/fhir/StructureDefinition/data-absent-reason";

/// One allergy; its id is the allergy's own id when that is a UUID (as this app writes them).
pub fn allergy_intolerance(patient_id: Uuid, a: &Allergy, refs: References) -> Value {
    let id = Uuid::parse_str(&a.id)
        .unwrap_or_else(|_| derived_id(patient_id, "AllergyIntolerance", &a.id, 0));
    let (criticality, severity) = match a.severity {
        AllergySeverity::Mild => ("low", "mild"),
        AllergySeverity::Moderate => ("low", "moderate"),
        AllergySeverity::Severe => ("high", "severe"),
        AllergySeverity::LifeThreatening => ("high", "severe"),
    };
    // A reaction needs a manifestation: when none was written, say it is unknown rather than
    // drop the severity.
    let manifestation = if a.reaction.is_empty() {
        json!({ "extension": [{ "url": DATA_ABSENT_REASON, "valueCode": "unknown" }] })
    } else {
        json!({ "text": a.reaction })
    };
    let mut reaction = Map::new();
    reaction.insert("manifestation".into(), json!([manifestation]));
    if !a.reaction.is_empty() {
        reaction.insert("description".into(), json!(a.reaction));
    }
    reaction.insert("severity".into(), json!(severity));
    json!({
        "resourceType": "AllergyIntolerance",
        "id": id.to_string(),
        "clinicalStatus": active(ALLERGY_CLINICAL),
        "criticality": criticality,
        "code": { "text": a.substance },
        "patient": refs.patient(patient_id),
        "reaction": [reaction],
    })
}

/// One chronic condition, on the problem list. `nth`: how many times the same text came before.
pub fn condition(patient_id: Uuid, text: &str, nth: usize, refs: References) -> Value {
    json!({
        "resourceType": "Condition",
        "id": derived_id(patient_id, "Condition", text, nth).to_string(),
        "clinicalStatus": active(CONDITION_CLINICAL),
        "category": [{
            "coding": [{
                "system": CONDITION_CATEGORY,
                "code": "problem-list-item",
                "display": "Problem List Item",
            }]
        }],
        "code": { "text": text },
        "subject": refs.patient(patient_id),
    })
}

/// One current medication, as the patient reports taking it.
pub fn medication_statement(patient_id: Uuid, text: &str, nth: usize, refs: References) -> Value {
    json!({
        "resourceType": "MedicationStatement",
        "id": derived_id(patient_id, "MedicationStatement", text, nth).to_string(),
        "status": "active",
        "medicationCodeableConcept": { "text": text },
        "subject": refs.patient(patient_id),
    })
}

fn active(system: &str) -> Value {
    json!({ "coding": [{ "system": system, "code": "active", "display": "Active" }] })
}
