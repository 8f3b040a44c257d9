//! The laboratory flow on a real store file: order from an encounter, collect (sample id from the
//! device counter), receive, enter results, second-person validation, the ordering doctor's
//! reminder and acknowledgement; every refusal (role and state) writes nothing.
mod common;
mod lab_support;

use clinic_domain::lab::{LabAmendInput, LabCancelInput, LabFlag, LabStatus};
use clinic_domain::{Actor, ErrorCode, Role};
use clinic_store::Store;
use common::{counts, store};
use lab_support::*;
use uuid::Uuid;

fn status_of(s: &Store, who: &Actor, id: Uuid) -> LabStatus {
    s.lab_order(who, id).unwrap().order.status
}

#[test]
fn full_flow_from_order_to_acknowledgement() {
    let mut t = store();
    let s = staff(&t);
    let (patient, encounter) = patient_with_encounter(&mut t, &s.doctor);
    let o = t
        .store
        .order_lab_tests(
            &s.doctor,
            &order_input(encounter, &["hb", "k", "malaria_rdt"]),
        )
        .unwrap();
    let id = id_of(&o);
    assert_eq!(o.order.status, LabStatus::Ordered);
    assert_eq!(o.order.patient_id, patient.to_string());
    assert_eq!(o.order.patient_sex, "male");
    assert_eq!(o.order.tests[0].loinc, "718-7");
    assert_eq!(o.order.ordered_by, s.doctor.user_id.to_string());
    let ordered = t.store.lab_work_list(&s.tech, LabStatus::Ordered).unwrap();
    assert_eq!(ordered.len(), 1);
    assert_eq!(
        ordered[0].tests,
        "Haemoglobin, Potassium, Malaria rapid diagnostic test"
    );

    let c = t.store.collect_lab_sample(&s.nurse, id).unwrap();
    assert_eq!(c.order.sample_id, "LAB-KLA-A1-000001");
    assert_eq!(c.order.collected_by_name, "nurse.apio");
    assert!(t
        .store
        .lab_work_list(&s.tech, LabStatus::Ordered)
        .unwrap()
        .is_empty());
    t.store.receive_lab_sample(&s.tech, id).unwrap();
    let partial = t
        .store
        .enter_lab_results(&s.tech, id, &results(&[("hb", "12,1")]))
        .unwrap();
    assert_eq!(partial.order.status, LabStatus::Received);
    assert_eq!(partial.results[0].value, "12.1");
    assert_eq!(partial.results[0].flag, LabFlag::Low);
    let full = t
        .store
        .enter_lab_results(
            &s.tech,
            id,
            &results(&[("k", "6.6"), ("malaria_rdt", "Positive")]),
        )
        .unwrap();
    assert_eq!(full.order.status, LabStatus::Resulted);
    let flags: Vec<LabFlag> = full.results.iter().map(|r| r.flag).collect();
    assert_eq!(
        flags,
        [LabFlag::Low, LabFlag::CriticalHigh, LabFlag::Abnormal]
    );
    assert_eq!(full.results[1].reference, "3.5 - 5.1");

    assert!(t.store.lab_results_to_review(&s.doctor).unwrap().is_empty());
    let v = t.store.validate_lab_results(&s.lead, id).unwrap();
    assert_eq!(v.order.status, LabStatus::Validated);
    assert_eq!(v.order.validated_by_name, "lead.namuli");

    let review = t.store.lab_results_to_review(&s.doctor).unwrap();
    assert_eq!(review.len(), 1);
    assert_eq!(review[0].order_id, id.to_string());
    assert_eq!(review[0].abnormal_count, 3);
    let reminders = clinic_store::lab::results_to_review(&t.store, s.doctor.user_id).unwrap();
    assert_eq!(reminders, review);
    let other_doctor = actor(&t, Role::Doctor, "dr.other", 9);
    assert!(t
        .store
        .lab_results_to_review(&other_doctor)
        .unwrap()
        .is_empty());
    let e = t
        .store
        .acknowledge_lab_results(&other_doctor, id)
        .unwrap_err();
    assert_eq!(
        fields(e),
        [("ordered_by".to_string(), ErrorCode::Forbidden)]
    );
    t.store.acknowledge_lab_results(&s.doctor, id).unwrap();
    assert!(t.store.lab_results_to_review(&s.doctor).unwrap().is_empty());

    let chart = t.store.open_chart(&s.doctor, patient).unwrap();
    let labs = chart.lab_orders.expect("a doctor sees lab orders");
    assert_eq!(labs.len(), 1);
    assert_eq!(labs[0].status, LabStatus::Validated);
    let trend = t
        .store
        .patient_lab_results(&s.nurse, patient, Some("k"))
        .unwrap();
    assert_eq!(trend.len(), 1);
    assert_eq!(
        (trend[0].value.as_str(), trend[0].flag.as_str()),
        ("6.6", "HH")
    );
    assert_eq!(
        t.store
            .patient_lab_results(&s.nurse, patient, None)
            .unwrap()
            .len(),
        3
    );
    assert!(t.store.verify().unwrap().is_ok());
}

#[test]
fn sample_ids_follow_the_device_counter() {
    let mut t = store();
    let s = staff(&t);
    let (_, encounter) = patient_with_encounter(&mut t, &s.doctor);
    let mut samples = Vec::new();
    for _ in 0..3 {
        let o = t
            .store
            .order_lab_tests(&s.doctor, &order_input(encounter, &["crp"]))
            .unwrap();
        samples.push(
            t.store
                .collect_lab_sample(&s.tech, id_of(&o))
                .unwrap()
                .order
                .sample_id,
        );
    }
    assert_eq!(
        samples,
        [
            "LAB-KLA-A1-000001",
            "LAB-KLA-A1-000002",
            "LAB-KLA-A1-000003"
        ]
    );
}

#[test]
fn validating_your_own_results_is_refused() {
    let mut t = store();
    let s = staff(&t);
    let (_, encounter) = patient_with_encounter(&mut t, &s.doctor);
    let id = id_of(
        &t.store
            .order_lab_tests(&s.doctor, &order_input(encounter, &["glu_fast"]))
            .unwrap(),
    );
    t.store.collect_lab_sample(&s.nurse, id).unwrap();
    t.store.receive_lab_sample(&s.tech, id).unwrap();
    t.store
        .enter_lab_results(&s.tech, id, &results(&[("glu_fast", "5.0")]))
        .unwrap();
    let before = counts(&t.store);
    let e = t.store.validate_lab_results(&s.tech, id).unwrap_err();
    assert_eq!(
        fields(e),
        [("validated_by".to_string(), ErrorCode::Forbidden)]
    );
    assert_eq!(counts(&t.store), before, "nothing written");
    assert_eq!(status_of(&t.store, &s.tech, id), LabStatus::Resulted);
    // A doctor may validate too.
    t.store.validate_lab_results(&s.doctor, id).unwrap();
}

#[test]
fn steps_out_of_order_are_refused_and_write_nothing() {
    let mut t = store();
    let s = staff(&t);
    let (_, encounter) = patient_with_encounter(&mut t, &s.doctor);
    let id = id_of(
        &t.store
            .order_lab_tests(&s.doctor, &order_input(encounter, &["hb"]))
            .unwrap(),
    );
    let before = counts(&t.store);
    let status = vec![("status".to_string(), ErrorCode::Conflict)];
    let r = results(&[("hb", "14")]);
    assert_eq!(
        fields(t.store.enter_lab_results(&s.tech, id, &r).unwrap_err()),
        status
    );
    assert_eq!(
        fields(t.store.receive_lab_sample(&s.tech, id).unwrap_err()),
        status
    );
    assert_eq!(
        fields(t.store.validate_lab_results(&s.lead, id).unwrap_err()),
        status
    );
    assert_eq!(
        fields(t.store.acknowledge_lab_results(&s.doctor, id).unwrap_err()),
        status
    );
    assert_eq!(counts(&t.store), before);
    t.store.collect_lab_sample(&s.nurse, id).unwrap();
    assert_eq!(
        fields(t.store.collect_lab_sample(&s.nurse, id).unwrap_err()),
        status
    );
    assert_eq!(
        fields(t.store.enter_lab_results(&s.tech, id, &r).unwrap_err()),
        status
    );
    t.store.receive_lab_sample(&s.tech, id).unwrap();
    t.store.enter_lab_results(&s.tech, id, &r).unwrap();
    t.store.validate_lab_results(&s.lead, id).unwrap();
    let before = counts(&t.store);
    assert_eq!(
        fields(t.store.enter_lab_results(&s.tech, id, &r).unwrap_err()),
        status
    );
    let cancel = LabCancelInput {
        reason: "too late".into(),
    };
    assert_eq!(
        fields(
            t.store
                .cancel_lab_order(&s.doctor, id, &cancel)
                .unwrap_err()
        ),
        status
    );
    assert_eq!(counts(&t.store), before, "validated results are read-only");
}

#[test]
fn cancel_with_a_reason_by_doctor_or_lab() {
    let mut t = store();
    let s = staff(&t);
    let (_, encounter) = patient_with_encounter(&mut t, &s.doctor);
    let reason = LabCancelInput {
        reason: "Haemolysed sample".into(),
    };
    for who in [s.doctor.clone(), s.tech.clone()] {
        let id = id_of(
            &t.store
                .order_lab_tests(&s.doctor, &order_input(encounter, &["k"]))
                .unwrap(),
        );
        t.store.collect_lab_sample(&s.nurse, id).unwrap();
        let v = t.store.cancel_lab_order(&who, id, &reason).unwrap();
        assert_eq!(v.order.status, LabStatus::Cancelled);
        assert_eq!(v.order.cancel_reason, "Haemolysed sample");
    }
    assert_eq!(
        t.store
            .lab_work_list(&s.tech, LabStatus::Cancelled)
            .unwrap()
            .len(),
        2
    );
}

#[test]
fn amending_a_validated_result_keeps_the_old_value() {
    let mut t = store();
    let s = staff(&t);
    let (_, encounter) = patient_with_encounter(&mut t, &s.doctor);
    let id = validated_order(&mut t, &s, encounter);
    t.store.acknowledge_lab_results(&s.doctor, id).unwrap();
    let amend = LabAmendInput {
        test_id: "k".into(),
        value: "4.6".into(),
        reason: "Haemolysis: repeat sample".into(),
    };
    let v = t.store.amend_lab_result(&s.lead, id, &amend).unwrap();
    assert_eq!(v.order.status, LabStatus::Resulted);
    assert_eq!(v.order.amendments[0].old_value, "6.6");
    assert_eq!(v.results[1].flag, LabFlag::Normal);
    let e = t.store.validate_lab_results(&s.lead, id).unwrap_err();
    assert_eq!(
        fields(e),
        [("validated_by".to_string(), ErrorCode::Forbidden)]
    );
    t.store.validate_lab_results(&s.doctor, id).unwrap();
    assert_eq!(
        t.store.lab_results_to_review(&s.doctor).unwrap().len(),
        1,
        "the corrected results remind the doctor again"
    );
}

#[test]
fn lists_use_their_indexes() {
    let t = store();
    let plans = t.store.lab_query_plans().unwrap();
    assert!(
        plans[0].contains("USING INDEX lab_orders_status"),
        "{}",
        plans[0]
    );
    assert!(
        plans[1].contains("USING INDEX lab_orders_patient"),
        "{}",
        plans[1]
    );
    assert!(
        plans[2].contains("USING INDEX lab_orders_to_review"),
        "{}",
        plans[2]
    );
}

#[test]
fn verify_catches_a_tampered_lab_row() {
    let mut t = store();
    let s = staff(&t);
    let (_, encounter) = patient_with_encounter(&mut t, &s.doctor);
    let id = validated_order(&mut t, &s, encounter);
    assert!(t.store.verify().unwrap().is_ok());
    let raw = rusqlite::Connection::open(&t.path).unwrap();
    raw.execute_batch(&format!("PRAGMA key = \"x'{}'\";", t.key.to_hex()))
        .unwrap();
    raw.execute(
        "UPDATE lab_orders SET abnormal_count = 0 WHERE id = ?1",
        [id.to_string()],
    )
    .unwrap();
    let problems = t.store.verify().unwrap().problems;
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].contains(&format!("lab order {id}")));
}

#[test]
fn a_second_order_on_the_same_encounter_after_the_first_is_validated() {
    let mut t = store();
    let s = staff(&t);
    let (_, encounter) = patient_with_encounter(&mut t, &s.doctor);
    let first = validated_order(&mut t, &s, encounter);
    let second = t
        .store
        .order_lab_tests(&s.doctor, &order_input(encounter, &["glu_fast"]))
        .unwrap();
    let second = id_of(&second);
    assert_ne!(first, second);
    assert_eq!(status_of(&t.store, &s.tech, second), LabStatus::Ordered);
    t.store.collect_lab_sample(&s.nurse, second).unwrap();
    assert_eq!(status_of(&t.store, &s.tech, second), LabStatus::Collected);
    assert_eq!(status_of(&t.store, &s.tech, first), LabStatus::Validated);
}
