//! Helpers shared by the prescription tests: actors of a role, a patient with an allergy and a
//! current medication, items and inputs.
#![allow(dead_code)]
use crate::common::{patient, TestStore};
use clinic_domain::patient::{AllergyInput, AllergySeverity, PatientInput};
use clinic_domain::prescription::{ItemInput, PrescriptionInput};
use clinic_domain::{Actor, ChangeSource, Role};
use uuid::Uuid;

pub fn as_role(t: &TestStore, role: Role, name: &str) -> Actor {
    Actor {
        user_id: Uuid::from_u128(0xd0c + name.len() as u128),
        username: name.into(),
        role,
        device_id: t.admin.device_id,
    }
}

/// A patient allergic to penicillin who takes warfarin.
pub fn patient_on(t: &mut TestStore) -> Uuid {
    let a = t.admin.clone();
    let input = PatientInput {
        allergies: vec![AllergyInput {
            id: None,
            substance: "Penicillin".into(),
            severity: AllergySeverity::Severe,
            reaction: "Hives".into(),
        }],
        current_medications: vec!["Warfarin 5 mg daily".into()],
        ..patient("Amina", "Nakato", "1990-04-12")
    };
    let v = t
        .store
        .register_patient(&a, &input, ChangeSource::Ui)
        .unwrap();
    Uuid::parse_str(&v.id).unwrap()
}

pub fn item(drug: &str) -> ItemInput {
    ItemInput {
        drug_id: Some(drug.into()),
        strength: "500 mg".into(),
        form: "tablet".into(),
        dose: "1 tablet".into(),
        route: "oral".into(),
        frequency: "twice a day".into(),
        duration_days: Some(5),
        quantity: Some(10),
        instructions: "after meals".into(),
        ..Default::default()
    }
}

pub fn input(patient: Uuid, items: Vec<ItemInput>) -> PrescriptionInput {
    PrescriptionInput {
        patient_id: patient.to_string(),
        items,
        ..Default::default()
    }
}

/// A delivery of `quantity` units of a catalogue drug.
pub fn delivery(
    drug: &str,
    batch: &str,
    expiry: &str,
    quantity: i64,
) -> clinic_domain::stock::ReceiveInput {
    clinic_domain::stock::ReceiveInput {
        drug_id: drug.into(),
        batch_number: batch.into(),
        expiry: expiry.into(),
        supplier: "Joint Medical Store".into(),
        quantity,
    }
}
