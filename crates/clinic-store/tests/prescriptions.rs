//! Prescriptions end to end on real store files: roles, validation, warnings with the override
//! reason, status transitions, the amend chain, the pharmacy work list, and two PCs merging
//! concurrent edits of a draft.
mod common;
mod prescriptions_support;

use clinic_domain::drugs::WarningKind;
use clinic_domain::prescription::{ItemInput, PrescriptionStatus};
use clinic_domain::{Action, ErrorCode, RecordKind, Role};
use clinic_store::{Error, Store};
use common::*;
use prescriptions_support::*;
use uuid::Uuid;

fn written(store: &Store) -> (i64, i64, usize, i64) {
    (
        store.count_rows("records").unwrap(),
        store.count_rows("change_log").unwrap(),
        store
            .projection_rows(RecordKind::Prescription)
            .unwrap()
            .len(),
        store.count_rows("audit_log").unwrap(),
    )
}

fn fields(err: Error) -> Vec<(String, ErrorCode)> {
    match err {
        Error::Invalid(f) => f.into_iter().map(|e| (e.field, e.code)).collect(),
        other => panic!("expected field errors, got {other:?}"),
    }
}

#[test]
fn roles_are_refused_audited_and_nothing_is_written() {
    let mut t = store();
    let pid = patient_on(&mut t);
    let doctor = as_role(&t, Role::Doctor, "dr");
    let rx = t
        .store
        .create_prescription(&doctor, &input(pid, vec![item("paracetamol")]))
        .unwrap();
    let id = Uuid::parse_str(&rx.id).unwrap();
    t.store.issue_prescription(&doctor, id, "").unwrap();
    for role in [Role::Receptionist, Role::Nurse] {
        let who = as_role(&t, role, "someone");
        let before = written(&t.store);
        let err = t
            .store
            .create_prescription(&who, &input(pid, vec![item("paracetamol")]))
            .unwrap_err();
        assert!(
            matches!(err, Error::Forbidden(Action::PrescriptionWrite)),
            "{role:?}: {err:?}"
        );
        let after = written(&t.store);
        assert_eq!(
            (after.0, after.1, after.2),
            (before.0, before.1, before.2),
            "nothing written"
        );
        assert_eq!(after.3, before.3 + 1, "the refusal is audited");
    }
    let before = written(&t.store);
    let err = t
        .store
        .dispense_prescription(&doctor, id, &Default::default())
        .unwrap_err();
    assert!(matches!(
        err,
        Error::Forbidden(Action::PrescriptionDispense)
    ));
    let after = written(&t.store);
    assert_eq!(
        (after.0, after.1, after.3),
        (before.0, before.1, before.3 + 1)
    );
    // A nurse may see prescriptions but not write them.
    let nurse = as_role(&t, Role::Nurse, "nurse");
    assert_eq!(t.store.patient_prescriptions(&nurse, pid).unwrap().len(), 1);
    let reception = as_role(&t, Role::Receptionist, "desk");
    assert!(t.store.pharmacy_work_list(&reception).is_err());
}

#[test]
fn bad_input_returns_every_field_error_and_writes_nothing() {
    let mut t = store();
    let pid = patient_on(&mut t);
    let doctor = as_role(&t, Role::Doctor, "dr");
    let before = written(&t.store);
    let bad = input(
        pid,
        vec![
            item("paracetamol"),
            ItemInput {
                dose: String::new(),
                quantity: Some(0),
                ..item("nope")
            },
        ],
    );
    let errs = fields(t.store.create_prescription(&doctor, &bad).unwrap_err());
    assert_eq!(
        errs,
        [
            ("items.1.drug_id".to_string(), ErrorCode::InvalidValue),
            ("items.1.quantity".to_string(), ErrorCode::OutOfRange),
            ("items.1.dose".to_string(), ErrorCode::Required),
        ]
    );
    let unknown = input(Uuid::from_u128(42), vec![item("paracetamol")]);
    assert_eq!(
        fields(t.store.create_prescription(&doctor, &unknown).unwrap_err()),
        [("patient_id".to_string(), ErrorCode::NotFound)]
    );
    assert_eq!(written(&t.store), before);
}

#[test]
fn warnings_need_an_override_reason_which_is_recorded() {
    let mut t = store();
    let pid = patient_on(&mut t);
    let doctor = as_role(&t, Role::Doctor, "dr");
    let items = vec![item("amoxicillin"), item("ibuprofen")];
    let preview = t.store.check_prescription(&doctor, pid, &items).unwrap();
    let got: Vec<(WarningKind, u32, bool)> = preview
        .iter()
        .map(|w| (w.kind, w.item, w.requires_override))
        .collect();
    assert_eq!(
        got,
        [
            (WarningKind::Allergy, 0, true),
            (WarningKind::Interaction, 1, true)
        ],
        "{preview:?}"
    );
    let rx = t
        .store
        .create_prescription(&doctor, &input(pid, items))
        .unwrap();
    assert_eq!(rx.warnings, preview, "the draft shows the same warnings");
    let id = Uuid::parse_str(&rx.id).unwrap();
    let before = written(&t.store);
    let errs = fields(t.store.issue_prescription(&doctor, id, "  ").unwrap_err());
    assert_eq!(errs, [("override_reason".to_string(), ErrorCode::Required)]);
    assert_eq!(written(&t.store), before, "refused: nothing written");
    let issued = t
        .store
        .issue_prescription(&doctor, id, "Tolerated amoxicillin in 2024")
        .unwrap();
    let p = &issued.prescription;
    assert_eq!(p.status, PrescriptionStatus::Issued);
    assert_eq!(p.override_reason, "Tolerated amoxicillin in 2024");
    assert_eq!(p.issue_warnings.len(), 2);
    assert!(
        p.issue_warnings[1].contains("Bleeding"),
        "{:?}",
        p.issue_warnings
    );
    assert_eq!(
        written(&t.store).3,
        before.3 + 2,
        "issue and override both audited"
    );
    // A prescription without warnings issues without a reason; an issued one's drugs count as current.
    let clean = t
        .store
        .create_prescription(&doctor, &input(pid, vec![item("paracetamol")]))
        .unwrap();
    let clean_id = Uuid::parse_str(&clean.id).unwrap();
    assert!(clean.warnings.is_empty());
    assert!(t
        .store
        .issue_prescription(&doctor, clean_id, "")
        .unwrap()
        .prescription
        .override_reason
        .is_empty());
    let w = t
        .store
        .check_prescription(&doctor, pid, &[item("methotrexate")])
        .unwrap();
    assert!(
        w.iter().any(|w| w.other == "Ibuprofen"),
        "active prescription drugs are checked: {w:?}"
    );
}

#[test]
fn statuses_amend_chain_work_list_and_dispense() {
    let mut t = store();
    let pid = patient_on(&mut t);
    let doctor = as_role(&t, Role::Doctor, "dr");
    let pharmacist = as_role(&t, Role::Pharmacist, "pharma");
    let v1 = t
        .store
        .create_prescription(&doctor, &input(pid, vec![item("paracetamol")]))
        .unwrap();
    let id1 = Uuid::parse_str(&v1.id).unwrap();
    assert!(
        t.store.pharmacy_work_list(&pharmacist).unwrap().is_empty(),
        "drafts are not for the pharmacy"
    );
    let err = fields(
        t.store
            .dispense_prescription(&pharmacist, id1, &Default::default())
            .unwrap_err(),
    );
    assert_eq!(err, [("status".to_string(), ErrorCode::Conflict)]);
    t.store.issue_prescription(&doctor, id1, "").unwrap();
    let edit = t
        .store
        .update_prescription(&doctor, id1, &input(pid, vec![item("omeprazole")]));
    assert_eq!(
        fields(edit.unwrap_err()),
        [("status".to_string(), ErrorCode::Conflict)]
    );

    let v2 = t
        .store
        .amend_prescription(
            &doctor,
            id1,
            &input(pid, vec![item("paracetamol"), item("omeprazole")]),
            "",
        )
        .unwrap();
    let id2 = Uuid::parse_str(&v2.id).unwrap();
    assert_eq!(
        (
            v2.prescription.version,
            v2.prescription.supersedes.as_str(),
            v2.prescription.status
        ),
        (2, v1.id.as_str(), PrescriptionStatus::Issued)
    );
    let old = t
        .store
        .open_prescription(&doctor, id1)
        .unwrap()
        .prescription;
    assert_eq!(
        (old.status, old.superseded_by.as_str()),
        (PrescriptionStatus::Amended, v2.id.as_str())
    );
    assert_eq!(
        old.items[0].drug_name, "Paracetamol",
        "the old version is kept readable"
    );
    let again =
        t.store
            .amend_prescription(&doctor, id1, &input(pid, vec![item("paracetamol")]), "");
    assert_eq!(
        fields(again.unwrap_err()),
        [("status".to_string(), ErrorCode::Conflict)]
    );

    let list = t.store.patient_prescriptions(&doctor, pid).unwrap();
    let rows: Vec<(u32, PrescriptionStatus)> = list.iter().map(|r| (r.version, r.status)).collect();
    assert_eq!(
        rows,
        [
            (2, PrescriptionStatus::Issued),
            (1, PrescriptionStatus::Amended)
        ]
    );
    let work = t.store.pharmacy_work_list(&pharmacist).unwrap();
    assert_eq!(work.len(), 1);
    assert_eq!(
        (work[0].id.as_str(), work[0].patient_name.as_str()),
        (v2.id.as_str(), "Amina Nakato")
    );
    assert_eq!(work[0].drugs, ["Paracetamol", "Omeprazole"]);

    for drug in ["paracetamol", "omeprazole"] {
        t.store
            .receive_stock(&pharmacist, &delivery(drug, "B1", "2027-06-30", 30))
            .unwrap();
    }
    let done = t
        .store
        .dispense_prescription(&pharmacist, id2, &Default::default())
        .unwrap()
        .prescription;
    assert_eq!(done.status, PrescriptionStatus::Dispensed);
    assert_eq!(done.dispensed_by, pharmacist.user_id.to_string());
    assert!(!done.dispensed_at.is_empty());
    assert!(t.store.pharmacy_work_list(&pharmacist).unwrap().is_empty());
    let cancel = t.store.cancel_prescription(&doctor, id2, "changed mind");
    assert_eq!(
        fields(cancel.unwrap_err()),
        [("status".to_string(), ErrorCode::Conflict)]
    );

    let v3 = t
        .store
        .create_prescription(&doctor, &input(pid, vec![item("paracetamol")]))
        .unwrap();
    let id3 = Uuid::parse_str(&v3.id).unwrap();
    assert_eq!(
        fields(t.store.cancel_prescription(&doctor, id3, " ").unwrap_err()),
        [("reason".to_string(), ErrorCode::Required)]
    );
    let c = t
        .store
        .cancel_prescription(&doctor, id3, "wrong patient")
        .unwrap()
        .prescription;
    assert_eq!(
        (c.status, c.cancel_reason.as_str()),
        (PrescriptionStatus::Cancelled, "wrong patient")
    );
    assert!(t.store.verify().unwrap().problems.is_empty());
}

/// Ships every change `from` has made itself to `to`.
fn exchange(from: &Store, to: &mut Store) {
    for c in from.changes_since(0, u32::MAX, true).unwrap() {
        to.apply_remote_changes(c.kind, c.record_id, &[c.bytes])
            .unwrap();
    }
}

#[test]
fn two_pcs_edit_one_draft_and_merge_item_by_item() {
    let mut a = store_on("A1", 1);
    let mut b = store_on("B2", 2);
    let pid = patient_on(&mut a);
    exchange(&a.store, &mut b.store);
    let (da, db) = (
        as_role(&a, Role::Doctor, "dr"),
        as_role(&b, Role::Doctor, "dr"),
    );
    let rx = a
        .store
        .create_prescription(
            &da,
            &input(pid, vec![item("paracetamol"), item("omeprazole")]),
        )
        .unwrap();
    let id = Uuid::parse_str(&rx.id).unwrap();
    exchange(&a.store, &mut b.store);
    let on_b = b.store.open_prescription(&db, id).unwrap().prescription;
    assert_eq!(on_b, rx.prescription, "B sees A's draft");
    let as_input = |p: &clinic_domain::prescription::Prescription| -> Vec<ItemInput> {
        p.items
            .iter()
            .map(|i| ItemInput {
                id: Some(i.id.clone()),
                drug_id: Some(i.drug_id.clone()),
                ..item(&i.drug_id)
            })
            .collect()
    };
    // Offline: A changes the first item's dose, B the second item's instructions.
    let mut on_a = as_input(&rx.prescription);
    on_a[0].dose = "2 tablets".into();
    a.store
        .update_prescription(&da, id, &input(pid, on_a))
        .unwrap();
    let mut on_b_items = as_input(&on_b);
    on_b_items[1].instructions = "before breakfast".into();
    b.store
        .update_prescription(&db, id, &input(pid, on_b_items))
        .unwrap();
    exchange(&a.store, &mut b.store);
    exchange(&b.store, &mut a.store);
    let pa = a.store.open_prescription(&da, id).unwrap();
    let pb = b.store.open_prescription(&db, id).unwrap();
    assert_eq!(pa.prescription, pb.prescription);
    assert_eq!(pa.version_hash, pb.version_hash, "same version on both PCs");
    assert_eq!(pa.prescription.items[0].dose, "2 tablets");
    assert_eq!(pa.prescription.items[1].instructions, "before breakfast");
    assert_eq!(
        a.store.projection_rows(RecordKind::Prescription).unwrap(),
        b.store.projection_rows(RecordKind::Prescription).unwrap()
    );
}
