//! `MedicationRequest`: one per item of a prescription, grouped by the prescription's id
//! (`groupIdentifier`), so a prescription with three medicines is three requests of one group.
use super::{derived_id, References};
use crate::prescription::{Prescription, PrescriptionStatus};
use serde_json::{json, Map, Value};
use uuid::Uuid;

const UCUM: &str = "http://unitsofmeasure.org";

/// The system of a clinic's prescription ids (`groupIdentifier`).
pub fn prescription_system(clinic_code: &str) -> String {
    format!(
        "urn:clinic:{}:prescription",
        clinic_code.to_ascii_lowercase()
    )
}

fn status(s: PrescriptionStatus) -> &'static str {
    match s {
        PrescriptionStatus::Draft => "draft",
        PrescriptionStatus::Issued => "active",
        PrescriptionStatus::Dispensed => "completed",
        PrescriptionStatus::Cancelled => "cancelled",
        // Replaced by a newer version: no longer in force.
        PrescriptionStatus::Amended => "stopped",
    }
}

/// Every item of prescription `id` as a `MedicationRequest`. A prescription whose patient id is
/// not a UUID (never written by this app) gives none.
pub fn medication_requests(
    id: Uuid,
    rx: &Prescription,
    clinic_code: &str,
    refs: References,
) -> Vec<Value> {
    let Ok(patient_id) = Uuid::parse_str(&rx.patient_id) else {
        return Vec::new();
    };
    let authored = if rx.issued_at.is_empty() {
        &rx.created_at
    } else {
        &rx.issued_at
    };
    rx.items
        .iter()
        .enumerate()
        .map(|(nth, item)| {
            let mut r = Map::new();
            r.insert("resourceType".into(), json!("MedicationRequest"));
            r.insert("id".into(), json!(derived_id(id, "MedicationRequest", &item.id, nth).to_string()));
            r.insert("groupIdentifier".into(), json!({ "system": prescription_system(clinic_code), "value": id.to_string() }));
            r.insert("status".into(), json!(status(rx.status)));
            if rx.status == PrescriptionStatus::Cancelled && !rx.cancel_reason.is_empty() {
                r.insert("statusReason".into(), json!({ "text": rx.cancel_reason }));
            }
            r.insert("intent".into(), json!("order"));
            let name = [item.drug_name.as_str(), item.strength.as_str(), item.form.as_str()]
                .iter()
                .filter(|s| !s.is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join(" ");
            r.insert("medicationCodeableConcept".into(), json!({ "text": name }));
            r.insert("subject".into(), refs.patient(patient_id));
            if chrono::DateTime::parse_from_rfc3339(authored).is_ok() {
                r.insert("authoredOn".into(), json!(authored));
            }
            if !rx.prescriber_name.is_empty() {
                r.insert("requester".into(), json!({ "display": rx.prescriber_name }));
            }
            let mut dosage = Map::new();
            let text = format!(
                "{} {} {} for {} days",
                item.dose, item.route, item.frequency, item.duration_days
            );
            dosage.insert("text".into(), json!(text));
            if !item.instructions.is_empty() {
                dosage.insert("patientInstruction".into(), json!(item.instructions));
            }
            if !item.route.is_empty() {
                dosage.insert("route".into(), json!({ "text": item.route }));
            }
            r.insert("dosageInstruction".into(), json!([dosage]));
            let mut dispense = Map::new();
            if item.quantity > 0 {
                dispense.insert("quantity".into(), json!({ "value": item.quantity }));
            }
            if item.duration_days > 0 {
                dispense.insert(
                    "expectedSupplyDuration".into(),
                    json!({ "value": item.duration_days, "unit": "days", "system": UCUM, "code": "d" }),
                );
            }
            if !dispense.is_empty() {
                r.insert("dispenseRequest".into(), Value::Object(dispense));
            }
            if !rx.notes.is_empty() {
                r.insert("note".into(), json!([{ "text": rx.notes }]));
            }
            Value::Object(r)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::prescription::PrescriptionItem;

    #[test]
    fn one_request_per_item_grouped_by_prescription() {
        let rx = Prescription {
            patient_id: Uuid::from_u128(7).to_string(),
            status: PrescriptionStatus::Issued,
            issued_at: "2026-11-22T09:00:00+00:00".into(),
            items: vec![
                PrescriptionItem {
                    id: "a".into(),
                    drug_name: "Amoxicillin".into(),
                    dose: "1".into(),
                    route: "oral".into(),
                    quantity: 15,
                    duration_days: 5,
                    ..Default::default()
                },
                PrescriptionItem {
                    id: "b".into(),
                    drug_name: "Paracetamol".into(),
                    ..Default::default()
                },
            ],
            ..Default::default()
        };
        let out = medication_requests(Uuid::from_u128(9), &rx, "KLA", References::Relative);
        assert_eq!(out.len(), 2);
        assert_eq!(out[0]["status"], "active");
        assert_eq!(
            out[0]["subject"]["reference"],
            format!("Patient/{}", Uuid::from_u128(7))
        );
        assert_eq!(
            out[0]["groupIdentifier"]["value"],
            out[1]["groupIdentifier"]["value"]
        );
        assert_ne!(out[0]["id"], out[1]["id"]);
        assert_eq!(out[0]["dispenseRequest"]["quantity"]["value"], 15);
        assert!(out[1].get("dispenseRequest").is_none());
    }
}
