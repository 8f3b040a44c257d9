//! Two PCs editing one encounter offline: a nurse records vitals on one while the doctor writes
//! notes and a diagnosis on the other; after exchanging changes both hold everything.
mod common;

use clinic_domain::encounter::{
    DiagnosisInput, EncounterNotesInput, EncounterOpenInput, VitalsInput,
};
use clinic_domain::{Actor, ChangeSource, RecordKind, Role};
use clinic_store::Store;
use common::*;
use uuid::Uuid;

fn exchange(from: &Store, to: &mut Store) {
    for c in from.changes_since(0, u32::MAX, true).unwrap() {
        to.apply_remote_changes(c.kind, c.record_id, &[c.bytes])
            .unwrap();
    }
}

fn as_role(t: &TestStore, role: Role, name: &str) -> Actor {
    Actor {
        user_id: Uuid::from_u128(0xe1c + name.len() as u128),
        username: name.into(),
        role,
        device_id: t.admin.device_id,
    }
}

#[test]
fn nurse_vitals_and_doctor_notes_on_two_pcs_merge() {
    let mut a = store_on("A1", 1);
    let mut b = store_on("B2", 2);
    let admin = a.admin.clone();
    let p = a
        .store
        .register_patient(
            &admin,
            &patient("Amina", "Nakato", "1990-04-12"),
            ChangeSource::Ui,
        )
        .unwrap();
    let doctor = as_role(&a, Role::Doctor, "doctor");
    let nurse = as_role(&b, Role::Nurse, "nurse");
    let e = a
        .store
        .open_encounter(
            &doctor,
            &EncounterOpenInput {
                patient_id: p.id.clone(),
                appointment_id: None,
                chief_complaint: "Headache".into(),
            },
        )
        .unwrap();
    let id = Uuid::parse_str(&e.id).unwrap();
    exchange(&a.store, &mut b.store);

    // Offline on both PCs.
    let notes = EncounterNotesInput {
        chief_complaint: "Headache".into(),
        history: "Two days, worse in the morning.".into(),
        examination: "Neuro exam normal.".into(),
        plan: "Analgesia, review in a week.".into(),
        notes: String::new(),
        follow_up: "2026-11-29".into(),
    };
    a.store.update_encounter_notes(&doctor, id, &notes).unwrap();
    a.store
        .add_diagnosis(
            &doctor,
            id,
            &DiagnosisInput {
                code: "R51.9".into(),
                primary: true,
                note: String::new(),
            },
        )
        .unwrap();
    let set = VitalsInput {
        systolic_mmhg: Some(150),
        diastolic_mmhg: Some(95),
        pulse_bpm: Some(80),
        ..Default::default()
    };
    b.store.record_vitals(&nurse, id, &[set]).unwrap();
    b.store
        .record_vitals(
            &nurse,
            id,
            &[VitalsInput {
                pulse_bpm: Some(78),
                ..Default::default()
            }],
        )
        .unwrap();

    exchange(&a.store, &mut b.store);
    exchange(&b.store, &mut a.store);

    let on_a = a
        .store
        .open_encounter_record(&doctor, id)
        .unwrap()
        .encounter;
    let on_b = b.store.open_encounter_record(&nurse, id).unwrap().encounter;
    assert_eq!(on_a, on_b, "converged");
    assert_eq!(on_a.history, notes.history);
    assert_eq!(on_a.plan, notes.plan);
    assert_eq!(on_a.vitals.len(), 2, "the nurse's vitals kept");
    assert_eq!(on_a.vitals[0].systolic_mmhg, Some(150));
    assert_eq!(on_a.diagnoses[0].code, "R51.9");
    // Projections rebuilt from the merged document, equal on both PCs.
    assert_eq!(
        a.store.projection_rows(RecordKind::Encounter).unwrap(),
        b.store.projection_rows(RecordKind::Encounter).unwrap()
    );
    let pid = Uuid::parse_str(&p.id).unwrap();
    let chart_a = a.store.open_chart(&doctor, pid).unwrap();
    let chart_b = b.store.open_chart(&nurse, pid).unwrap();
    assert_eq!(chart_a.vitals, chart_b.vitals);
    assert_eq!(chart_a.vitals.len(), 2);
    assert_eq!(chart_a.encounters, chart_b.encounters);
    assert_eq!(chart_a.encounters[0].primary_code, "R51.9");
}
