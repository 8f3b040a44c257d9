//! Helpers shared by the lab tests: actors of each role, a patient with an open encounter, an
//! order taken through the flow, and shipping changes between two stores.
#![allow(dead_code)]
use crate::common::{patient, TestStore};
use clinic_domain::encounter::EncounterOpenInput;
use clinic_domain::lab::{LabOrderInput, LabPriority, LabResultInput, LabResultsInput};
use clinic_domain::ErrorCode;
use clinic_domain::{Actor, ChangeSource, Role};
use clinic_store::lab::LabOrderView;
use clinic_store::{Error, Store};
use uuid::Uuid;

/// An actor of `role`; `n` tells users of the same role apart.
pub fn actor(t: &TestStore, role: Role, name: &str, n: u128) -> Actor {
    Actor {
        user_id: Uuid::from_u128(0x1ab_0000 + n),
        username: name.into(),
        role,
        device_id: t.admin.device_id,
    }
}

pub struct Staff {
    pub doctor: Actor,
    pub nurse: Actor,
    pub tech: Actor,
    pub lead: Actor,
    pub receptionist: Actor,
    pub pharmacist: Actor,
}

pub fn staff(t: &TestStore) -> Staff {
    Staff {
        doctor: actor(t, Role::Doctor, "dr.okello", 1),
        nurse: actor(t, Role::Nurse, "nurse.apio", 2),
        tech: actor(t, Role::LabTechnician, "tech.mukasa", 3),
        lead: actor(t, Role::LabTechnician, "lead.namuli", 4),
        receptionist: actor(t, Role::Receptionist, "desk", 5),
        pharmacist: actor(t, Role::Pharmacist, "pharma", 6),
    }
}

/// A male patient with an open encounter by `doctor`: (patient id, encounter id).
pub fn patient_with_encounter(t: &mut TestStore, doctor: &Actor) -> (Uuid, Uuid) {
    let a = t.admin.clone();
    let input = clinic_domain::patient::PatientInput {
        sex: clinic_domain::patient::Sex::Male,
        ..patient("Joseph", "Ssemakula", "1980-02-03")
    };
    let p = t
        .store
        .register_patient(&a, &input, ChangeSource::Ui)
        .unwrap();
    let e = t
        .store
        .open_encounter(
            doctor,
            &EncounterOpenInput {
                patient_id: p.id.clone(),
                appointment_id: None,
                chief_complaint: "Fever and fatigue".into(),
            },
        )
        .unwrap();
    (
        Uuid::parse_str(&p.id).unwrap(),
        Uuid::parse_str(&e.id).unwrap(),
    )
}

pub fn order_input(encounter: Uuid, tests: &[&str]) -> LabOrderInput {
    LabOrderInput {
        encounter_id: encounter.to_string(),
        test_ids: tests.iter().map(|s| s.to_string()).collect(),
        priority: LabPriority::Urgent,
        clinical_note: "Suspected malaria; pale".into(),
    }
}

pub fn results(pairs: &[(&str, &str)]) -> LabResultsInput {
    LabResultsInput {
        results: pairs
            .iter()
            .map(|(t, v)| LabResultInput {
                test_id: t.to_string(),
                value: v.to_string(),
                comment: String::new(),
            })
            .collect(),
    }
}

pub fn id_of(v: &LabOrderView) -> Uuid {
    Uuid::parse_str(&v.id).unwrap()
}

/// An order of Hb, potassium and a malaria RDT taken to `validated`: Hb 12.1 (low for a man),
/// K 6.6 (critical high), malaria positive (abnormal). Returns the order id.
pub fn validated_order(t: &mut TestStore, s: &Staff, encounter: Uuid) -> Uuid {
    let o = t
        .store
        .order_lab_tests(
            &s.doctor,
            &order_input(encounter, &["hb", "k", "malaria_rdt"]),
        )
        .unwrap();
    let id = id_of(&o);
    t.store.collect_lab_sample(&s.nurse, id).unwrap();
    t.store.receive_lab_sample(&s.tech, id).unwrap();
    t.store
        .enter_lab_results(
            &s.tech,
            id,
            &results(&[("hb", "12.1"), ("k", "6.6"), ("malaria_rdt", "positive")]),
        )
        .unwrap();
    t.store.validate_lab_results(&s.lead, id).unwrap();
    id
}

/// Ships every change `from` has made itself (not ones it got by sync) to `to`.
pub fn exchange(from: &Store, to: &mut Store) {
    for c in from.changes_since(0, u32::MAX, true).unwrap() {
        to.apply_remote_changes(c.kind, c.record_id, &[c.bytes])
            .unwrap();
    }
}

/// The field errors of `e` as (field, code); panics on any other error.
pub fn fields(e: Error) -> Vec<(String, ErrorCode)> {
    match e {
        Error::Invalid(list) => list.into_iter().map(|f| (f.field, f.code)).collect(),
        other => panic!("expected field errors, got {other:?}"),
    }
}

/// Panics unless `r` is a role refusal.
pub fn forbidden(r: Result<impl std::fmt::Debug, Error>) {
    match r {
        Err(Error::Forbidden(_)) => {}
        other => panic!("expected a refusal, got {other:?}"),
    }
}
