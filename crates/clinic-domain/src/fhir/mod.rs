//! FHIR R4 export of what the store holds today: a patient as `Patient`, with one
//! `AllergyIntolerance` per allergy, one `Condition` per chronic condition and one
//! `MedicationStatement` per current medication. Pure mapping: the caller passes the record, its id,
//! the clinic code and the export time; nothing here reads a clock or a file.
//!
//! Encounters, observations, prescriptions and lab results are not records yet, so they are not
//! exported; blood type and insurance are not mapped either (they would be an `Observation` and a
//! `Coverage`).
mod clinical;
mod diagnostic_report;
mod encounter;
mod history;
mod medication_request;
mod patient;

use crate::patient::Patient;
use chrono::{DateTime, SecondsFormat, Utc};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use uuid::Uuid;

pub use clinical::{allergy_intolerance, condition, medication_statement};
pub use diagnostic_report::{lab_observation_id, lab_report_resources, lab_sample_system};
pub use encounter::{diagnosis_condition, encounter_resources, vital_observations, ICD10CM_SYSTEM};
pub use history::{family_member_history, procedure};
pub use medication_request::{medication_requests, prescription_system};
pub use patient::patient_resource;

/// Our own extension on `Patient.birthDate`: the date was derived from an estimated age.
pub const BIRTH_DATE_ESTIMATED_URL: &str = "urn:clinic:fhir:birth-date-estimated";

/// The identifier system of a clinic's patient numbers.
pub fn patient_number_system(clinic_code: &str) -> String {
    format!(
        "urn:clinic:{}:patient-number",
        clinic_code.to_ascii_lowercase()
    )
}

/// How resources point at their patient.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum References {
    /// `urn:uuid:<id>`, resolved against the `fullUrl`s of a `Bundle`.
    Bundle,
    /// `Patient/<id>`, as in FHIR Bulk Data NDJSON files.
    Relative,
}

impl References {
    fn patient(self, id: Uuid) -> Value {
        let reference = match self {
            References::Bundle => format!("urn:uuid:{id}"),
            References::Relative => format!("Patient/{id}"),
        };
        json!({ "reference": reference })
    }
}

/// Every resource of one patient, the `Patient` first, then allergies, conditions, medications,
/// past surgeries (`Procedure`) and family history (`FamilyMemberHistory`).
pub fn patient_resources(
    id: Uuid,
    patient: &Patient,
    clinic_code: &str,
    refs: References,
) -> Vec<Value> {
    let mut out = vec![patient_resource(id, patient, clinic_code)];
    out.extend(
        patient
            .allergies
            .iter()
            .map(|a| allergy_intolerance(id, a, refs)),
    );
    out.extend(
        numbered(&patient.chronic_conditions).map(|(text, nth)| condition(id, text, nth, refs)),
    );
    out.extend(
        numbered(&patient.current_medications)
            .map(|(text, nth)| medication_statement(id, text, nth, refs)),
    );
    out.extend(
        patient
            .past_surgeries
            .iter()
            .map(|s| procedure(id, s, refs)),
    );
    out.extend(
        patient
            .family_history
            .iter()
            .map(|f| family_member_history(id, f, refs)),
    );
    out
}

/// A `Bundle` of type `collection` holding every resource of the patient, each with
/// `fullUrl` `urn:uuid:<id>`.
pub fn patient_bundle(id: Uuid, patient: &Patient, clinic_code: &str, at: DateTime<Utc>) -> Value {
    let entry: Vec<Value> = patient_resources(id, patient, clinic_code, References::Bundle)
        .into_iter()
        .map(|resource| {
            let full_url = format!("urn:uuid:{}", resource["id"].as_str().unwrap_or_default());
            json!({ "fullUrl": full_url, "resource": resource })
        })
        .collect();
    json!({
        "resourceType": "Bundle",
        "type": "collection",
        "timestamp": at.to_rfc3339_opts(SecondsFormat::Secs, true),
        "entry": entry,
    })
}

/// Each list item with how many times the same text came before it, so repeated items get
/// distinct ids.
fn numbered(items: &[String]) -> impl Iterator<Item = (&str, usize)> {
    items.iter().enumerate().map(move |(i, item)| {
        let nth = items[..i].iter().filter(|earlier| *earlier == item).count();
        (item.as_str(), nth)
    })
}

/// A stable id for a resource that has no record id of its own (a condition or medication is a
/// line of text in the patient document): a v5-layout UUID over the SHA-256 of the patient id,
/// the resource type, the text and its occurrence.
pub fn derived_id(patient_id: Uuid, resource_type: &str, text: &str, nth: usize) -> Uuid {
    let mut h = Sha256::new();
    h.update(b"clinic-fhir\n");
    h.update(patient_id.as_bytes());
    h.update(b"\n");
    h.update(resource_type.as_bytes());
    h.update(b"\n");
    h.update(text.as_bytes());
    h.update(b"\n");
    h.update(nth.to_string().as_bytes());
    let digest = h.finalize();
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    uuid::Builder::from_sha1_bytes(bytes).into_uuid()
}

#[cfg(test)]
mod tests;
