//! Two PCs: the sample is collected on the ward PC, results are entered and validated on the lab
//! PC; after exchanging changes both PCs show the same validated order, the same projection rows,
//! and the ordering doctor is reminded on the ward PC.
mod common;
mod lab_support;

use clinic_domain::lab::LabStatus;
use clinic_domain::RecordKind;
use lab_support::*;

#[test]
fn collected_on_one_pc_resulted_on_another() {
    let mut ward = common::store_on("A1", 1);
    let mut lab = common::store_on("B2", 2);
    let s = staff(&ward);
    let on_lab = staff(&lab);
    let (patient, encounter) = patient_with_encounter(&mut ward, &s.doctor);
    let o = ward
        .store
        .order_lab_tests(&s.doctor, &order_input(encounter, &["hb", "k"]))
        .unwrap();
    let id = id_of(&o);
    let c = ward.store.collect_lab_sample(&s.nurse, id).unwrap();
    assert_eq!(c.order.sample_id, "LAB-KLA-A1-000001");
    exchange(&ward.store, &mut lab.store);

    let list = lab
        .store
        .lab_work_list(&on_lab.tech, LabStatus::Collected)
        .unwrap();
    assert_eq!(list.len(), 1, "the lab PC sees the collected sample");
    assert_eq!(list[0].sample_id, "LAB-KLA-A1-000001");
    lab.store.receive_lab_sample(&on_lab.tech, id).unwrap();
    lab.store
        .enter_lab_results(&on_lab.tech, id, &results(&[("hb", "15.0"), ("k", "3.1")]))
        .unwrap();
    lab.store.validate_lab_results(&on_lab.lead, id).unwrap();
    exchange(&lab.store, &mut ward.store);

    let v = ward.store.lab_order(&s.doctor, id).unwrap();
    assert_eq!(v.order.status, LabStatus::Validated);
    assert_eq!(v.order.collected_by_name, "nurse.apio");
    assert_eq!(v.order.validated_by_name, "lead.namuli");
    let review = ward.store.lab_results_to_review(&s.doctor).unwrap();
    assert_eq!(
        review.len(),
        1,
        "the ordering doctor is reminded on the ward PC"
    );
    assert_eq!(review[0].abnormal_count, 1, "K 3.1 is low");
    assert_eq!(
        ward.store
            .patient_lab_results(&s.doctor, patient, None)
            .unwrap()
            .len(),
        2
    );
    assert_eq!(
        ward.store.projection_rows(RecordKind::LabOrder).unwrap(),
        lab.store.projection_rows(RecordKind::LabOrder).unwrap()
    );
    assert_eq!(
        ward.store
            .patient_lab_results(&s.doctor, patient, None)
            .unwrap(),
        lab.store
            .patient_lab_results(&on_lab.doctor, patient, None)
            .unwrap()
    );
    let digests = |st: &clinic_store::Store| {
        st.record_digests()
            .unwrap()
            .into_iter()
            .filter(|d| d.kind == "lab_order")
            .collect::<Vec<_>>()
    };
    assert_eq!(digests(&ward.store), digests(&lab.store));
    assert!(ward.store.verify().unwrap().is_ok());
    assert!(lab.store.verify().unwrap().is_ok());
}

#[test]
fn an_order_cancelled_on_one_pc_while_collected_on_another_converges() {
    let mut a = common::store_on("A1", 1);
    let mut b = common::store_on("B2", 2);
    let s = staff(&a);
    let on_b = staff(&b);
    let (_, encounter) = patient_with_encounter(&mut a, &s.doctor);
    let id = id_of(
        &a.store
            .order_lab_tests(&s.doctor, &order_input(encounter, &["crp"]))
            .unwrap(),
    );
    exchange(&a.store, &mut b.store);
    a.store
        .cancel_lab_order(
            &s.doctor,
            id,
            &clinic_domain::lab::LabCancelInput {
                reason: "Patient went home".into(),
            },
        )
        .unwrap();
    b.store.collect_lab_sample(&on_b.nurse, id).unwrap();
    exchange(&a.store, &mut b.store);
    exchange(&b.store, &mut a.store);
    let (va, vb) = (
        a.store.lab_order(&s.doctor, id).unwrap(),
        b.store.lab_order(&on_b.doctor, id).unwrap(),
    );
    assert_eq!(va, vb, "both PCs settle on the same order");
    assert_eq!(va.order.cancel_reason, "Patient went home");
    assert_eq!(
        va.order.sample_id, "LAB-KLA-B2-000001",
        "the collection is kept too"
    );
    assert_eq!(
        a.store.projection_rows(RecordKind::LabOrder).unwrap(),
        b.store.projection_rows(RecordKind::LabOrder).unwrap()
    );
}
