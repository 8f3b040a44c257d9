//! Consultations in FHIR R4: the `Encounter`, each vitals set as vital-signs `Observation`s (LOINC
//! codes, UCUM units; blood pressure as a panel with systolic and diastolic components; BMI
//! computed) and each diagnosis as an encounter-diagnosis `Condition` coded in ICD-10-CM.
use super::{derived_id, References};
use crate::encounter::{Diagnosis, Encounter, EncounterStatus, Vitals};
use serde_json::{json, Value};
use uuid::Uuid;

pub const ICD10CM_SYSTEM: &str = "http://hl7.org/fhir/sid/icd-10-cm";
const LOINC: &str = "http://loinc.org";
const UCUM: &str = "http://unitsofmeasure.org";
const OBSERVATION_CATEGORY: &str = "http://terminology.hl7.org/CodeSystem/observation-category";
const CONDITION_CATEGORY: &str = "http://terminology.hl7.org/CodeSystem/condition-category";
const ACT_CODE: &str = "http://terminology.hl7.org/CodeSystem/v3-ActCode";

fn reference(refs: References, kind: &str, id: Uuid) -> Value {
    let reference = match refs {
        References::Bundle => format!("urn:uuid:{id}"),
        References::Relative => format!("{kind}/{id}"),
    };
    json!({ "reference": reference })
}

fn diagnosis_id(encounter_id: Uuid, d: &Diagnosis) -> Uuid {
    Uuid::parse_str(&d.id).unwrap_or_else(|_| derived_id(encounter_id, "Condition", &d.id, 0))
}

/// The patient of an encounter document (ids come from another PC: a bad one gives nothing).
fn patient_of(e: &Encounter) -> Option<Uuid> {
    Uuid::parse_str(&e.patient_id).ok()
}

/// The `Encounter`, then its `Observation`s, then its `Condition`s.
pub fn encounter_resources(id: Uuid, e: &Encounter, refs: References) -> Vec<Value> {
    let Some(patient) = patient_of(e) else {
        return Vec::new();
    };
    let mut out = vec![encounter_resource(id, patient, e, refs)];
    for v in &e.vitals {
        out.extend(vital_observations(id, patient, v, refs));
    }
    out.extend(
        e.diagnoses
            .iter()
            .map(|d| diagnosis_condition(id, patient, d, refs)),
    );
    out
}

fn encounter_resource(id: Uuid, patient: Uuid, e: &Encounter, refs: References) -> Value {
    let status = match e.status {
        EncounterStatus::Open => "in-progress",
        EncounterStatus::Closed => "finished",
    };
    let mut period = json!({ "start": e.started_at });
    if !e.closed_at.is_empty() {
        period["end"] = json!(e.closed_at);
    }
    let mut r = json!({
        "resourceType": "Encounter",
        "id": id.to_string(),
        "status": status,
        "class": { "system": ACT_CODE, "code": "AMB", "display": "ambulatory" },
        "subject": reference(refs, "Patient", patient),
        "period": period,
    });
    if !e.chief_complaint.is_empty() {
        r["reasonCode"] = json!([{ "text": e.chief_complaint }]);
    }
    if !e.diagnoses.is_empty() {
        let list: Vec<Value> = e
            .diagnoses
            .iter()
            .map(|d| {
                let mut item =
                    json!({ "condition": reference(refs, "Condition", diagnosis_id(id, d)) });
                if d.primary {
                    item["rank"] = json!(1);
                }
                item
            })
            .collect();
        r["diagnosis"] = json!(list);
    }
    r
}

fn quantity(value: Value, unit: &str) -> Value {
    json!({ "value": value, "unit": unit, "system": UCUM, "code": unit })
}

/// An integer in tenths (or thousandths, `scale` 1000) as a JSON decimal.
fn scaled(n: i32, scale: i32) -> Value {
    json!(f64::from(n) / f64::from(scale))
}

fn loinc(code: &str, display: &str) -> Value {
    json!({ "coding": [{ "system": LOINC, "code": code, "display": display }], "text": display })
}

/// One `Observation` per measure of the set (blood pressure as one panel).
pub fn vital_observations(
    encounter: Uuid,
    patient: Uuid,
    v: &Vitals,
    refs: References,
) -> Vec<Value> {
    let base = |code: &str| {
        json!({
            "resourceType": "Observation",
            "id": derived_id(encounter, "Observation", &format!("{}:{code}", v.id), 0).to_string(),
            "status": "final",
            "category": [{ "coding": [{
                "system": OBSERVATION_CATEGORY, "code": "vital-signs", "display": "Vital Signs"
            }] }],
            "subject": reference(refs, "Patient", patient),
            "encounter": reference(refs, "Encounter", encounter),
            "effectiveDateTime": v.taken_at,
        })
    };
    let mut out = Vec::new();
    if let (Some(sys), Some(dia)) = (v.systolic_mmhg, v.diastolic_mmhg) {
        let mut o = base("85354-9");
        o["code"] = loinc("85354-9", "Blood pressure panel with all children optional");
        o["component"] = json!([
            { "code": loinc("8480-6", "Systolic blood pressure"), "valueQuantity": quantity(json!(sys), "mm[Hg]") },
            { "code": loinc("8462-4", "Diastolic blood pressure"), "valueQuantity": quantity(json!(dia), "mm[Hg]") },
        ]);
        out.push(o);
    }
    let simple = [
        (
            v.pulse_bpm.map(|n| json!(n)),
            "8867-4",
            "Heart rate",
            "/min",
        ),
        (
            v.temperature_tenths_c.map(|n| scaled(n, 10)),
            "8310-5",
            "Body temperature",
            "Cel",
        ),
        (
            v.respiratory_rate.map(|n| json!(n)),
            "9279-1",
            "Respiratory rate",
            "/min",
        ),
        (
            v.spo2_percent.map(|n| json!(n)),
            "59408-5",
            "Oxygen saturation in Arterial blood by Pulse oximetry",
            "%",
        ),
        (
            v.weight_g.map(|n| scaled(n, 1000)),
            "29463-7",
            "Body weight",
            "kg",
        ),
        (
            v.height_mm.map(|n| scaled(n, 10)),
            "8302-2",
            "Body height",
            "cm",
        ),
        (
            v.bmi_tenths().map(|n| scaled(n, 10)),
            "39156-5",
            "Body mass index (BMI) [Ratio]",
            "kg/m2",
        ),
    ];
    for (value, code, display, unit) in simple {
        if let Some(value) = value {
            let mut o = base(code);
            o["code"] = loinc(code, display);
            if code == "59408-5" {
                // The vital-signs profile's code for SpO2 comes with the pulse-oximetry one.
                if let Some(codings) = o["code"]["coding"].as_array_mut() {
                    let arterial = json!({
                        "system": LOINC,
                        "code": "2708-6",
                        "display": "Oxygen saturation in Arterial blood",
                    });
                    codings.insert(0, arterial);
                }
            }
            o["valueQuantity"] = quantity(value, unit);
            out.push(o);
        }
    }
    out
}

/// One diagnosis as an encounter-diagnosis `Condition`, coded in ICD-10-CM.
pub fn diagnosis_condition(
    encounter: Uuid,
    patient: Uuid,
    d: &Diagnosis,
    refs: References,
) -> Value {
    let mut r = json!({
        "resourceType": "Condition",
        "id": diagnosis_id(encounter, d).to_string(),
        "category": [{ "coding": [{
            "system": CONDITION_CATEGORY, "code": "encounter-diagnosis", "display": "Encounter Diagnosis"
        }] }],
        "code": {
            "coding": [{ "system": ICD10CM_SYSTEM, "code": d.code, "display": d.title }],
            "text": d.title,
        },
        "subject": reference(refs, "Patient", patient),
        "encounter": reference(refs, "Encounter", encounter),
    });
    if !d.added_at.is_empty() {
        r["recordedDate"] = json!(d.added_at);
    }
    if !d.note.is_empty() {
        r["note"] = json!([{ "text": d.note }]);
    }
    r
}
