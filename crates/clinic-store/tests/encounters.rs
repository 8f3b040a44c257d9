//! Consultations on a real store file: roles, validation, closing, and the chart read from
//! projections only.
mod common;

use clinic_domain::encounter::{
    DiagnosisInput, EncounterNotesInput, EncounterOpenInput, EncounterStatus, VitalsInput,
};
use clinic_domain::patient::{AllergyInput, AllergySeverity, PatientInput};
use clinic_domain::{Action, Actor, ChangeSource, ErrorCode, RecordKind, Role};
use clinic_store::{Error, Store};
use common::*;
use uuid::Uuid;

fn as_role(t: &TestStore, role: Role, name: &str) -> Actor {
    Actor {
        user_id: Uuid::from_u128(0xe0c + name.len() as u128),
        username: name.into(),
        role,
        device_id: t.admin.device_id,
    }
}

fn patient_on(t: &mut TestStore) -> Uuid {
    let a = t.admin.clone();
    let input = PatientInput {
        allergies: vec![AllergyInput {
            id: None,
            substance: "Penicillin".into(),
            severity: AllergySeverity::Severe,
            reaction: "Hives".into(),
        }],
        ..patient("Amina", "Nakato", "1990-04-12")
    };
    let v = t
        .store
        .register_patient(&a, &input, ChangeSource::Ui)
        .unwrap();
    Uuid::parse_str(&v.id).unwrap()
}

fn open_input(patient: Uuid) -> EncounterOpenInput {
    EncounterOpenInput {
        patient_id: patient.to_string(),
        appointment_id: None,
        chief_complaint: "Cough for 3 days".into(),
    }
}

fn vitals() -> VitalsInput {
    VitalsInput {
        systolic_mmhg: Some(128),
        diastolic_mmhg: Some(84),
        pulse_bpm: Some(76),
        temperature_tenths_c: Some(381),
        respiratory_rate: Some(18),
        spo2_percent: Some(97),
        weight_g: Some(70_000),
        height_mm: Some(1_750),
    }
}

fn diagnosis(code: &str, primary: bool) -> DiagnosisInput {
    DiagnosisInput {
        code: code.into(),
        primary,
        note: String::new(),
    }
}

fn field_codes(e: Error) -> Vec<(String, ErrorCode)> {
    match e {
        Error::Invalid(errors) => errors.into_iter().map(|f| (f.field, f.code)).collect(),
        other => panic!("expected field errors, got {other:?}"),
    }
}

/// Everything an encounter write touches: unchanged means nothing was written.
fn written(store: &Store) -> (Vec<(String, i64)>, Vec<String>) {
    (
        counts(store),
        store.projection_rows(RecordKind::Encounter).unwrap(),
    )
}

#[test]
fn receptionist_is_refused_encounters_audited_and_nothing_written() {
    let mut t = store();
    let p = patient_on(&mut t);
    let desk = as_role(&t, Role::Receptionist, "desk");
    let before = written(&t.store);
    let audit_before = t.store.count_rows("audit_log").unwrap();
    let err = t.store.open_encounter(&desk, &open_input(p)).unwrap_err();
    assert!(
        matches!(err, Error::Forbidden(Action::EncounterRecord)),
        "{err:?}"
    );
    let err = t.store.open_chart(&desk, p).unwrap_err();
    assert!(
        matches!(err, Error::Forbidden(Action::ChartView)),
        "{err:?}"
    );
    let after = written(&t.store);
    assert_eq!(after.1, before.1, "no encounter row");
    let records = |c: &[(String, i64)]| c.iter().find(|(n, _)| n == "records").map(|x| x.1);
    assert_eq!(records(&after.0), records(&before.0));
    assert_eq!(
        t.store.count_rows("audit_log").unwrap(),
        audit_before + 2,
        "both refusals audited"
    );
}

#[test]
fn nurse_records_vitals_but_only_a_doctor_records_diagnoses() {
    let mut t = store();
    let p = patient_on(&mut t);
    let nurse = as_role(&t, Role::Nurse, "nurse");
    let doctor = as_role(&t, Role::Doctor, "doctor");
    let e = t.store.open_encounter(&nurse, &open_input(p)).unwrap();
    let id = Uuid::parse_str(&e.id).unwrap();
    t.store.record_vitals(&nurse, id, &[vitals()]).unwrap();
    let before = written(&t.store);
    let err = t
        .store
        .add_diagnosis(&nurse, id, &diagnosis("J06.9", true))
        .unwrap_err();
    assert!(
        matches!(err, Error::Forbidden(Action::DiagnosisRecord)),
        "{err:?}"
    );
    let mut after = written(&t.store);
    // Only the audit log moved (the refusal).
    after.0.retain(|(n, _)| n != "audit_log");
    let mut expected = before.clone();
    expected.0.retain(|(n, _)| n != "audit_log");
    assert_eq!(after, expected);
    let v = t
        .store
        .add_diagnosis(&doctor, id, &diagnosis("J06.9", true))
        .unwrap();
    assert_eq!(v.encounter.diagnoses.len(), 1);
}

#[test]
fn a_consultation_from_opening_to_addendum() {
    let mut t = store();
    let p = patient_on(&mut t);
    let doctor = as_role(&t, Role::Doctor, "doctor");
    let e = t.store.open_encounter(&doctor, &open_input(p)).unwrap();
    let id = Uuid::parse_str(&e.id).unwrap();
    assert_eq!(e.encounter.status, EncounterStatus::Open);
    assert_eq!(e.encounter.clinician_id, doctor.user_id.to_string());

    // Vitals: every bad field at once, nothing written; then a good set.
    let before = written(&t.store);
    let bad = VitalsInput {
        pulse_bpm: Some(700),
        spo2_percent: Some(120),
        ..vitals()
    };
    let err = t
        .store
        .record_vitals(&doctor, id, &[vitals(), bad])
        .unwrap_err();
    assert_eq!(
        field_codes(err),
        [
            ("vitals.1.pulse_bpm".to_string(), ErrorCode::OutOfRange),
            ("vitals.1.spo2_percent".to_string(), ErrorCode::OutOfRange),
        ]
    );
    assert_eq!(written(&t.store), before, "nothing written");
    let v = t.store.record_vitals(&doctor, id, &[vitals()]).unwrap();
    assert_eq!(v.encounter.vitals[0].bmi_tenths(), Some(229));

    let notes = EncounterNotesInput {
        chief_complaint: "Cough and fever".into(),
        history: "Dry cough, no travel.".into(),
        examination: "Chest clear.".into(),
        plan: "Fluids, paracetamol.".into(),
        notes: String::new(),
        follow_up: "2026-12-01".into(),
    };
    t.store.update_encounter_notes(&doctor, id, &notes).unwrap();

    // Diagnoses: must be on the list; a new primary unmarks the old one.
    let err = t
        .store
        .add_diagnosis(&doctor, id, &diagnosis("Q99.99", true))
        .unwrap_err();
    assert_eq!(
        field_codes(err),
        [("code".to_string(), ErrorCode::InvalidValue)]
    );
    t.store
        .add_diagnosis(&doctor, id, &diagnosis("r50.9", true))
        .unwrap();
    let v = t
        .store
        .add_diagnosis(&doctor, id, &diagnosis("J06.9", true))
        .unwrap();
    let primary: Vec<&str> = v
        .encounter
        .diagnoses
        .iter()
        .filter(|d| d.primary)
        .map(|d| d.code.as_str())
        .collect();
    assert_eq!(primary, ["J06.9"]);
    let err = t
        .store
        .add_diagnosis(&doctor, id, &diagnosis("J069", false))
        .unwrap_err();
    assert_eq!(
        field_codes(err),
        [("code".to_string(), ErrorCode::Duplicate)]
    );
    let fever = v
        .encounter
        .diagnoses
        .iter()
        .find(|d| d.code == "R50.9")
        .unwrap()
        .id
        .clone();
    let v = t.store.remove_diagnosis(&doctor, id, &fever).unwrap();
    assert_eq!(v.encounter.diagnoses.len(), 1);

    // The chart, from projections.
    let chart = t.store.open_chart(&doctor, p).unwrap();
    assert_eq!(chart.patient.patient.allergies[0].substance, "Penicillin");
    assert_eq!(chart.encounters.len(), 1);
    let row = &chart.encounters[0];
    assert_eq!(row.chief_complaint, "Cough and fever");
    assert_eq!(row.primary_code, "J06.9");
    assert_eq!(
        row.primary_title,
        "Acute upper respiratory infection, unspecified"
    );
    assert_eq!(row.status, EncounterStatus::Open);
    assert_eq!(chart.vitals.len(), 1);
    assert_eq!(chart.vitals[0].bmi_tenths, Some(229));
    assert_eq!(chart.vitals[0].temperature_tenths_c, Some(381));

    // Closed: locked, except addenda.
    t.store.close_encounter(&doctor, id).unwrap();
    let locked = [
        t.store
            .update_encounter_notes(&doctor, id, &notes)
            .unwrap_err(),
        t.store.record_vitals(&doctor, id, &[vitals()]).unwrap_err(),
        t.store
            .add_diagnosis(&doctor, id, &diagnosis("I10", false))
            .unwrap_err(),
        t.store.close_encounter(&doctor, id).unwrap_err(),
    ];
    for err in locked {
        assert_eq!(
            field_codes(err),
            [("status".to_string(), ErrorCode::Conflict)]
        );
    }
    let err = t
        .store
        .add_encounter_addendum(&doctor, id, "  ")
        .unwrap_err();
    assert_eq!(
        field_codes(err),
        [("text".to_string(), ErrorCode::Required)]
    );
    let v = t
        .store
        .add_encounter_addendum(&doctor, id, "Lab: CRP normal.")
        .unwrap();
    assert_eq!(v.encounter.addenda[0].text, "Lab: CRP normal.");
    assert_eq!(v.encounter.status, EncounterStatus::Closed);
    let chart = t.store.open_chart(&doctor, p).unwrap();
    assert_eq!(chart.encounters[0].status, EncounterStatus::Closed);
}

#[test]
fn encounters_need_a_registered_patient() {
    let mut t = store();
    let doctor = as_role(&t, Role::Doctor, "doctor");
    let err = t
        .store
        .open_encounter(&doctor, &open_input(Uuid::from_u128(42)))
        .unwrap_err();
    assert!(
        matches!(err, Error::NotFound { what: "patient" }),
        "{err:?}"
    );
    let err = t
        .store
        .open_encounter(
            &doctor,
            &EncounterOpenInput {
                patient_id: "x".into(),
                appointment_id: Some("y".into()),
                chief_complaint: "c".repeat(301),
            },
        )
        .unwrap_err();
    let fields: Vec<String> = field_codes(err).into_iter().map(|f| f.0).collect();
    assert_eq!(fields, ["chief_complaint", "appointment_id", "patient_id"]);
}

#[test]
fn chart_timeline_is_newest_first_and_uses_the_patient_indexes() {
    let mut t = store();
    let p = patient_on(&mut t);
    let other = {
        let a = t.admin.clone();
        let v = t
            .store
            .register_patient(
                &a,
                &patient("Other", "Person", "1980-01-01"),
                ChangeSource::Ui,
            )
            .unwrap();
        Uuid::parse_str(&v.id).unwrap()
    };
    let doctor = as_role(&t, Role::Doctor, "doctor");
    for (who, complaint) in [(p, "first"), (other, "elsewhere"), (p, "second")] {
        let e = t
            .store
            .open_encounter(
                &doctor,
                &EncounterOpenInput {
                    chief_complaint: complaint.into(),
                    ..open_input(who)
                },
            )
            .unwrap();
        let id = Uuid::parse_str(&e.id).unwrap();
        t.store.record_vitals(&doctor, id, &[vitals()]).unwrap();
    }
    let audited = t.store.count_rows("audit_log").unwrap();
    let chart = t.store.open_chart(&doctor, p).unwrap();
    assert_eq!(
        t.store.count_rows("audit_log").unwrap(),
        audited + 1,
        "the view is audited"
    );
    let complaints: Vec<&str> = chart
        .encounters
        .iter()
        .map(|e| e.chief_complaint.as_str())
        .collect();
    assert_eq!(complaints, ["second", "first"]);
    assert_eq!(chart.vitals.len(), 2);
    assert!(
        chart.vitals[0].taken_at < chart.vitals[1].taken_at,
        "oldest first"
    );
    let plans = t.store.chart_query_plans(p).unwrap();
    assert!(
        plans[0].contains("USING INDEX encounters_patient"),
        "{}",
        plans[0]
    );
    assert!(
        plans[1].contains("USING INDEX encounter_vitals_patient"),
        "{}",
        plans[1]
    );
    assert!(
        !plans.iter().any(|p| p.contains("TEMP B-TREE")),
        "{plans:?}"
    );
}

#[test]
fn chart_lists_the_attachments_still_attached_newest_first() {
    let mut t = store();
    let p = patient_on(&mut t);
    let admin = t.admin.clone();
    let pdf = |marker: &str| format!("%PDF-1.7\n{marker}\n%%EOF\n").into_bytes();
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\x07\x07".to_vec();
    t.store
        .attach_file(&admin, p, "referral.pdf", &pdf("referral"))
        .unwrap();
    t.store.attach_file(&admin, p, "wound.png", &png).unwrap();
    let view = t
        .store
        .attach_file(&admin, p, "old-lab.pdf", &pdf("old lab"))
        .unwrap();
    let old_lab = view
        .patient
        .attachments
        .iter()
        .find(|a| a.file_name == "old-lab.pdf")
        .unwrap()
        .sha256
        .clone();
    t.store.remove_attachment(&admin, p, &old_lab).unwrap();

    let doctor = as_role(&t, Role::Doctor, "doctor");
    let chart = t.store.open_chart(&doctor, p).unwrap();
    let names: Vec<&str> = chart
        .attachments
        .iter()
        .map(|a| a.file_name.as_str())
        .collect();
    assert_eq!(
        names,
        ["wound.png", "referral.pdf"],
        "removed left out, newest first"
    );
    assert!(chart.attachments[0].added_at > chart.attachments[1].added_at);
    assert_eq!(chart.attachments[0].content_type, "image/png");
    // The entry opens like on the patient page, for the doctor reading the chart.
    let opened = t
        .store
        .open_attachment(&doctor, p, &chart.attachments[1].sha256)
        .unwrap();
    assert_eq!(opened.file_name, "referral.pdf");
    assert_eq!(opened.bytes.0, pdf("referral"));
    // Another patient's chart shows none of them.
    let other = t
        .store
        .register_patient(
            &admin,
            &patient("Other", "Person", "1980-01-01"),
            ChangeSource::Ui,
        )
        .unwrap();
    let other = Uuid::parse_str(&other.id).unwrap();
    assert!(t
        .store
        .open_chart(&doctor, other)
        .unwrap()
        .attachments
        .is_empty());
}
