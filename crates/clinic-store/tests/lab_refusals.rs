//! Refusals of the lab operations: every role that may not do a step is refused and audited, and
//! bad input names each field at once; neither writes anything.
mod common;
mod lab_support;

use clinic_domain::lab::{LabCancelInput, LabStatus};
use clinic_domain::ErrorCode;
use common::{counts, store};
use lab_support::*;
use uuid::Uuid;

#[test]
fn roles_are_checked_and_refusals_audited() {
    let mut t = store();
    let s = staff(&t);
    let (patient, encounter) = patient_with_encounter(&mut t, &s.doctor);
    let input = order_input(encounter, &["hb"]);
    for who in [&s.nurse, &s.tech, &s.receptionist, &s.pharmacist] {
        forbidden(t.store.order_lab_tests(who, &input));
    }
    let id = id_of(&t.store.order_lab_tests(&s.doctor, &input).unwrap());
    for who in [&s.doctor, &s.receptionist, &s.pharmacist] {
        forbidden(t.store.collect_lab_sample(who, id));
    }
    t.store.collect_lab_sample(&s.nurse, id).unwrap();
    for who in [&s.doctor, &s.nurse, &s.receptionist] {
        forbidden(t.store.receive_lab_sample(who, id));
    }
    t.store.receive_lab_sample(&s.tech, id).unwrap();
    let r = results(&[("hb", "14")]);
    for who in [&s.doctor, &s.nurse, &s.pharmacist] {
        forbidden(t.store.enter_lab_results(who, id, &r));
    }
    t.store.enter_lab_results(&s.tech, id, &r).unwrap();
    for who in [&s.nurse, &s.receptionist, &s.pharmacist] {
        forbidden(t.store.validate_lab_results(who, id));
    }
    for who in [&s.receptionist, &s.pharmacist] {
        forbidden(t.store.lab_order(who, id));
        forbidden(t.store.lab_work_list(who, LabStatus::Ordered));
        forbidden(t.store.patient_lab_orders(who, patient));
    }
    forbidden(
        t.store
            .cancel_lab_order(&s.nurse, id, &LabCancelInput { reason: "x".into() }),
    );
    forbidden(t.store.lab_results_to_review(&s.tech));
    let raw = rusqlite::Connection::open(&t.path).unwrap();
    raw.execute_batch(&format!("PRAGMA key = \"x'{}'\";", t.key.to_hex()))
        .unwrap();
    let denied: i64 = raw
        .query_row(
            "SELECT count(*) FROM audit_log WHERE action = 'denied'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(denied, 24, "every refusal is audited");
}

#[test]
fn bad_input_names_its_fields_and_writes_nothing() {
    let mut t = store();
    let s = staff(&t);
    let (_, encounter) = patient_with_encounter(&mut t, &s.doctor);
    let before = counts(&t.store);
    let mut bad = order_input(encounter, &["hb", "nope", "hb"]);
    bad.clinical_note = "x".repeat(1_001);
    assert_eq!(
        fields(t.store.order_lab_tests(&s.doctor, &bad).unwrap_err()),
        [
            ("test_ids.1".to_string(), ErrorCode::NotFound),
            ("test_ids.2".to_string(), ErrorCode::Duplicate),
            ("clinical_note".to_string(), ErrorCode::TooLong),
        ]
    );
    let unknown = order_input(Uuid::from_u128(77), &["hb"]);
    assert_eq!(
        fields(t.store.order_lab_tests(&s.doctor, &unknown).unwrap_err()),
        [("encounter_id".to_string(), ErrorCode::NotFound)]
    );
    assert_eq!(counts(&t.store), before);
    let id = id_of(
        &t.store
            .order_lab_tests(&s.doctor, &order_input(encounter, &["hb", "urine_protein"]))
            .unwrap(),
    );
    t.store.collect_lab_sample(&s.nurse, id).unwrap();
    t.store.receive_lab_sample(&s.tech, id).unwrap();
    let before = counts(&t.store);
    let e = t
        .store
        .enter_lab_results(
            &s.tech,
            id,
            &results(&[("hb", "high"), ("urine_protein", "4+"), ("k", "4.0")]),
        )
        .unwrap_err();
    assert_eq!(
        fields(e),
        [
            ("results.0.value".to_string(), ErrorCode::InvalidFormat),
            ("results.1.value".to_string(), ErrorCode::InvalidValue),
            ("results.2.test_id".to_string(), ErrorCode::NotFound),
        ]
    );
    let e = t
        .store
        .cancel_lab_order(&s.doctor, id, &LabCancelInput::default())
        .unwrap_err();
    assert_eq!(fields(e), [("reason".to_string(), ErrorCode::Required)]);
    assert_eq!(counts(&t.store), before);
}
