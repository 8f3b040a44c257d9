//! Two PCs of one clinic working offline: their numbers never collide, and their edits merge field
//! by field when changes are exchanged, with the losing value of a same-field edit kept and shown.
mod common;

use clinic_domain::patient::PatientInput;
use clinic_domain::ChangeSource;
use clinic_store::Store;
use common::*;
use std::collections::HashSet;
use uuid::Uuid;

/// Ships every change `from` has made itself (not ones it got by sync) to `to`.
fn exchange(from: &Store, to: &mut Store) {
    for c in from.changes_since(0, u32::MAX, true).unwrap() {
        to.apply_remote_changes(c.kind, c.record_id, &[c.bytes])
            .unwrap();
    }
}

#[test]
fn two_pcs_registering_offline_never_share_a_patient_number() {
    let mut a = store_on("A1", 1);
    let mut b = store_on("B2", 2);
    let (aa, ba) = (a.admin.clone(), b.admin.clone());
    let inputs: Vec<PatientInput> = (0..300)
        .map(|i| patient(&format!("Given{i}"), "Same", "1990-01-01"))
        .collect();
    let na = a
        .store
        .register_patients(&aa, &inputs, ChangeSource::Import)
        .unwrap();
    let nb = b
        .store
        .register_patients(&ba, &inputs, ChangeSource::Import)
        .unwrap();
    let mut seen = HashSet::new();
    for (_, number) in na.into_iter().chain(nb).map(Result::unwrap) {
        assert!(seen.insert(number.clone()), "{number} issued twice");
    }
    assert_eq!(seen.len(), 600);
}

#[test]
fn concurrent_edits_merge_field_by_field_and_losers_are_kept() {
    let mut a = store_on("A1", 1);
    let mut b = store_on("B2", 2);
    let (aa, ba) = (a.admin.clone(), b.admin.clone());
    let base = patient("Amina", "Nakato", "1990-04-12");
    let v = a
        .store
        .register_patient(&aa, &base, ChangeSource::Ui)
        .unwrap();
    let id = Uuid::parse_str(&v.id).unwrap();
    exchange(&a.store, &mut b.store);
    let on_b = b.store.open_patient(&ba, id).unwrap();
    assert_eq!(on_b.patient, v.patient, "B sees A's patient");
    assert_eq!(
        b.store
            .search_patients(&ba, "amina", false, 5)
            .unwrap()
            .len(),
        1,
        "and can search it"
    );

    // Offline: A edits the phone and the address, B edits the address and adds an allergy.
    let on_a = PatientInput {
        phone: "0772 111222".into(),
        address: "Ntinda".into(),
        ..base.clone()
    };
    a.store.update_patient(&aa, id, &on_a).unwrap();
    let allergy = clinic_domain::patient::AllergyInput {
        id: None,
        substance: "Penicillin".into(),
        severity: clinic_domain::patient::AllergySeverity::Severe,
        reaction: "Hives".into(),
    };
    let on_b_edit = PatientInput {
        address: "Mukono".into(),
        allergies: vec![allergy],
        ..base.clone()
    };
    b.store.update_patient(&ba, id, &on_b_edit).unwrap();

    exchange(&a.store, &mut b.store);
    exchange(&b.store, &mut a.store);
    let va = a.store.open_patient(&aa, id).unwrap();
    let vb = b.store.open_patient(&ba, id).unwrap();
    assert_eq!(va.patient, vb.patient, "both PCs converge");
    assert_eq!(va.patient.phone, "0772 111222", "A's phone kept");
    assert_eq!(va.patient.allergies.len(), 1, "B's allergy kept");
    assert_eq!(va.conflicts, vb.conflicts);
    let address = va
        .conflicts
        .iter()
        .find(|c| c.field == "address")
        .expect("address conflict shown");
    let mut both = vec![address.value.clone()];
    both.extend(address.other_values.clone());
    both.sort();
    assert_eq!(
        both,
        ["Mukono", "Ntinda"],
        "the losing address is kept, not silently overwritten"
    );

    let history = a.store.patient_history(&aa, id).unwrap();
    let devices: HashSet<&str> = history.iter().map(|h| h.device_id.as_str()).collect();
    assert_eq!(devices.len(), 2, "history shows both PCs");
    assert!(history.iter().any(|h| h.source == ChangeSource::Sync));
    // Changes that came by sync are not shipped again.
    assert!(a
        .store
        .changes_since(0, u32::MAX, true)
        .unwrap()
        .iter()
        .all(|c| c.source != ChangeSource::Sync));
    assert!(a.store.verify().unwrap().is_ok() && b.store.verify().unwrap().is_ok());
}

#[test]
fn the_same_change_twice_is_applied_once_and_garbage_is_refused() {
    let mut a = store_on("A1", 1);
    let mut b = store_on("B2", 2);
    let aa = a.admin.clone();
    a.store
        .register_patient(
            &aa,
            &patient("Grace", "Achieng", "1999-09-09"),
            ChangeSource::Ui,
        )
        .unwrap();
    exchange(&a.store, &mut b.store);
    let before = counts(&b.store);
    exchange(&a.store, &mut b.store);
    assert_eq!(counts(&b.store), before);
    let err = b.store.apply_remote_changes(
        clinic_domain::RecordKind::Patient,
        Uuid::from_u64_pair(7, 7),
        &[b"not a change".to_vec()],
    );
    assert!(err.is_err());
    assert_eq!(counts(&b.store), before);
}

#[test]
fn a_change_that_arrives_before_its_parent_waits_and_then_applies() {
    let mut a = store_on("A1", 1);
    let mut b = store_on("B2", 2);
    let aa = a.admin.clone();
    let v = a
        .store
        .register_patient(
            &aa,
            &patient("Grace", "Achieng", "1999-09-09"),
            ChangeSource::Ui,
        )
        .unwrap();
    let id = Uuid::parse_str(&v.id).unwrap();
    a.store
        .update_patient(
            &aa,
            id,
            &PatientInput {
                address: "Gulu".into(),
                ..patient("Grace", "Achieng", "1999-09-09")
            },
        )
        .unwrap();
    let log: Vec<_> = a
        .store
        .changes_since(0, 100, true)
        .unwrap()
        .into_iter()
        .filter(|c| c.record_id == id)
        .collect();
    assert_eq!(log.len(), 2);
    let held = b
        .store
        .apply_remote_changes(log[1].kind, id, &[log[1].bytes.clone()])
        .unwrap();
    assert_eq!(held.waiting_for, 1, "the update waits for the create");
    let done = b
        .store
        .apply_remote_changes(log[0].kind, id, &[log[0].bytes.clone()])
        .unwrap();
    assert_eq!((done.new_changes, done.waiting_for), (2, 0));
    let ba = b.admin.clone();
    assert_eq!(
        b.store.open_patient(&ba, id).unwrap().patient.address,
        "Gulu"
    );
    assert!(b.store.verify().unwrap().is_ok());
}
