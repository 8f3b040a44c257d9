//! Validated laboratory results in FHIR R4: one `DiagnosticReport` per lab order (category LAB,
//! identified by its sample id) and one laboratory `Observation` per test (LOINC code, UCUM
//! quantity or coded answer, v3 interpretation flag, reference range). Orders not validated are
//! not exported: their results are not final.
use super::{derived_id, References};
use crate::lab::{test, LabFlag, LabOrder, LabResultRow, LabStatus};
use serde_json::{json, Map, Value};
use uuid::Uuid;

const LOINC: &str = "http://loinc.org";
const UCUM: &str = "http://unitsofmeasure.org";
const SNOMED: &str = "http://snomed.info/sct";
const V2_0074: &str = "http://terminology.hl7.org/CodeSystem/v2-0074";
const OBSERVATION_CATEGORY: &str = "http://terminology.hl7.org/CodeSystem/observation-category";
const INTERPRETATION: &str = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation";

/// The system of a clinic's sample ids.
pub fn lab_sample_system(clinic_code: &str) -> String {
    format!("urn:clinic:{}:lab-sample", clinic_code.to_ascii_lowercase())
}

fn reference(refs: References, kind: &str, id: Uuid) -> Value {
    let reference = match refs {
        References::Bundle => format!("urn:uuid:{id}"),
        References::Relative => format!("{kind}/{id}"),
    };
    json!({ "reference": reference })
}

/// The id of the `Observation` of test `test_id` of order `order_id`.
pub fn lab_observation_id(order_id: Uuid, test_id: &str) -> Uuid {
    derived_id(order_id, "Observation", test_id, 0)
}

fn status(o: &LabOrder) -> &'static str {
    if o.amendments.is_empty() {
        "final"
    } else {
        "corrected"
    }
}

fn quantity(value: f64, unit: &str) -> Value {
    json!({ "value": value, "unit": unit, "system": UCUM, "code": unit })
}

fn answer(value: &str) -> Value {
    let code = match value {
        "positive" => Some(("10828004", "Positive")),
        "negative" => Some(("260385009", "Negative")),
        _ => None,
    };
    match code {
        Some((code, display)) => json!({
            "coding": [{ "system": SNOMED, "code": code, "display": display }],
            "text": value,
        }),
        None => json!({ "text": value }),
    }
}

fn observation(
    order_id: Uuid,
    patient: Uuid,
    o: &LabOrder,
    row: &LabResultRow,
    refs: References,
) -> Option<Value> {
    let mut r = Map::new();
    r.insert("resourceType".into(), json!("Observation"));
    r.insert(
        "id".into(),
        json!(lab_observation_id(order_id, &row.test_id).to_string()),
    );
    r.insert("status".into(), json!(status(o)));
    r.insert(
        "category".into(),
        json!([{ "coding": [{ "system": OBSERVATION_CATEGORY, "code": "laboratory", "display": "Laboratory" }] }]),
    );
    r.insert(
        "code".into(),
        json!({ "coding": [{ "system": LOINC, "code": row.loinc, "display": row.name }], "text": row.name }),
    );
    r.insert("subject".into(), reference(refs, "Patient", patient));
    if let Ok(e) = Uuid::parse_str(&o.encounter_id) {
        r.insert("encounter".into(), reference(refs, "Encounter", e));
    }
    r.insert("effectiveDateTime".into(), json!(o.collected_at));
    r.insert("issued".into(), json!(o.validated_at));
    let cat = test(&row.test_id);
    if cat.is_some_and(|t| t.is_qualitative()) {
        r.insert("valueCodeableConcept".into(), answer(&row.value));
    } else {
        let v: f64 = row.value.parse().ok().filter(|v: &f64| v.is_finite())?;
        r.insert("valueQuantity".into(), quantity(v, &row.unit));
    }
    if row.flag != LabFlag::None {
        r.insert(
            "interpretation".into(),
            json!([{ "coding": [{ "system": INTERPRETATION, "code": row.flag.code(), "display": row.flag.display() }] }]),
        );
    }
    if !row.comment.is_empty() {
        r.insert("note".into(), json!([{ "text": row.comment }]));
    }
    if let Some(t) = cat {
        let mut range = Map::new();
        match t.reference.for_sex(&o.patient_sex) {
            Some(i) if !t.is_qualitative() => {
                if let Some(low) = i.low {
                    range.insert("low".into(), quantity(low, &row.unit));
                }
                if let Some(high) = i.high {
                    range.insert("high".into(), quantity(high, &row.unit));
                }
                range.insert("text".into(), json!(i.display()));
            }
            _ if t.is_qualitative() => {
                range.insert("text".into(), json!(t.normal_answer));
            }
            _ => {}
        }
        if !range.is_empty() {
            r.insert("referenceRange".into(), json!([Value::Object(range)]));
        }
    }
    Some(Value::Object(r))
}

/// The `DiagnosticReport` of a validated order, then its `Observation`s. Anything else (not
/// validated, or a patient id that is not a UUID) gives none.
pub fn lab_report_resources(
    id: Uuid,
    o: &LabOrder,
    clinic_code: &str,
    refs: References,
) -> Vec<Value> {
    let Ok(patient) = Uuid::parse_str(&o.patient_id) else {
        return Vec::new();
    };
    if o.status != LabStatus::Validated {
        return Vec::new();
    }
    let observations: Vec<Value> = o
        .result_rows()
        .iter()
        .filter_map(|row| observation(id, patient, o, row, refs))
        .collect();
    let results: Vec<Value> = observations
        .iter()
        .filter_map(|obs| obs["id"].as_str())
        .filter_map(|oid| Uuid::parse_str(oid).ok())
        .map(|oid| reference(refs, "Observation", oid))
        .collect();
    let mut r = Map::new();
    r.insert("resourceType".into(), json!("DiagnosticReport"));
    r.insert("id".into(), json!(id.to_string()));
    r.insert(
        "identifier".into(),
        json!([{ "system": lab_sample_system(clinic_code), "value": o.sample_id }]),
    );
    r.insert("status".into(), json!(status(o)));
    r.insert(
        "category".into(),
        json!([{ "coding": [{ "system": V2_0074, "code": "LAB", "display": "Laboratory" }] }]),
    );
    r.insert(
        "code".into(),
        json!({ "coding": [{ "system": LOINC, "code": "11502-2", "display": "Laboratory report" }], "text": o.test_names() }),
    );
    r.insert("subject".into(), reference(refs, "Patient", patient));
    if let Ok(e) = Uuid::parse_str(&o.encounter_id) {
        r.insert("encounter".into(), reference(refs, "Encounter", e));
    }
    r.insert("effectiveDateTime".into(), json!(o.collected_at));
    r.insert("issued".into(), json!(o.validated_at));
    r.insert(
        "resultsInterpreter".into(),
        json!([{ "display": o.validated_by_name }]),
    );
    r.insert("result".into(), json!(results));
    let mut out = vec![Value::Object(r)];
    out.extend(observations);
    out
}
