//! Dispensing a prescription from stock on real store files: the preview shows the batches each
//! line takes (earliest expiry first, never an expired batch) and writes nothing; confirming writes
//! the stock movements, linked to the prescription's id and version, and the dispensed record in
//! one transaction; a line the stock cannot cover refuses everything, naming the line, unless it
//! is supplied short or outside stock with a reason.
mod common;
mod prescriptions_support;

use clinic_domain::prescription::{
    DispenseLineInput, DispensePrescriptionInput, PrescriptionStatus,
};
use clinic_domain::{Action, ErrorCode, Role};
use clinic_store::{Error, Store};
use common::*;
use prescriptions_support::*;
use uuid::Uuid;

fn written(store: &Store) -> (i64, i64, i64) {
    (
        store.count_rows("records").unwrap(),
        store.count_rows("change_log").unwrap(),
        store.count_rows("audit_log").unwrap(),
    )
}

fn on_hand(t: &TestStore, drug: &str) -> Vec<(String, i64)> {
    let p = as_role(t, Role::Pharmacist, "pharma");
    t.store
        .stock_batches(&p, drug)
        .unwrap()
        .into_iter()
        .map(|b| (b.batch_number, b.on_hand))
        .collect()
}

/// An issued prescription of `items` for a new patient: (id, item ids).
fn issued(
    t: &mut TestStore,
    items: Vec<clinic_domain::prescription::ItemInput>,
) -> (Uuid, Vec<String>) {
    let pid = patient_on(t);
    let doctor = as_role(t, Role::Doctor, "dr");
    let rx = t
        .store
        .create_prescription(&doctor, &input(pid, items))
        .unwrap();
    let id = Uuid::parse_str(&rx.id).unwrap();
    t.store.issue_prescription(&doctor, id, "").unwrap();
    let ids = rx.prescription.items.iter().map(|i| i.id.clone()).collect();
    (id, ids)
}

#[test]
fn the_preview_shows_the_fefo_batches_and_confirming_takes_them_linked_to_the_version() {
    let mut t = store();
    let p = as_role(&t, Role::Pharmacist, "pharma");
    for (batch, expiry, n) in [
        ("LATER", "2027-05-31", 50),
        ("OLD", "2026-11-24", 40),
        ("SOON", "2026-11-30", 6),
    ] {
        t.store
            .receive_stock(&p, &delivery("paracetamol", batch, expiry, n))
            .unwrap();
    }
    t.store
        .receive_stock(&p, &delivery("omeprazole", "O1", "2027-01-31", 30))
        .unwrap();
    t.clock.advance(chrono::Duration::days(3)); // today 2026-11-25: OLD has expired

    let pid = patient_on(&mut t);
    let doctor = as_role(&t, Role::Doctor, "dr");
    let v1 = t
        .store
        .create_prescription(&doctor, &input(pid, vec![item("paracetamol")]))
        .unwrap();
    let id1 = Uuid::parse_str(&v1.id).unwrap();
    t.store.issue_prescription(&doctor, id1, "").unwrap();
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
    assert_eq!(v2.prescription.version, 2);

    let before = written(&t.store);
    let plan = t
        .store
        .preview_prescription_dispense(&p, id2, &Default::default())
        .unwrap();
    assert!(plan.errors.is_empty(), "{:?}", plan.errors);
    assert_eq!(plan.available, [56, 30], "the expired batch is not usable");
    let taken: Vec<Vec<(&str, i64)>> = plan
        .lines
        .iter()
        .map(|l| {
            l.batches
                .iter()
                .map(|b| (b.batch_number.as_str(), b.quantity))
                .collect()
        })
        .collect();
    assert_eq!(taken, [vec![("SOON", 6), ("LATER", 4)], vec![("O1", 10)]]);
    assert_eq!(written(&t.store), before, "a preview writes nothing");

    let done = t
        .store
        .dispense_prescription(&p, id2, &Default::default())
        .unwrap();
    let rx = &done.prescription;
    assert_eq!(rx.status, PrescriptionStatus::Dispensed);
    assert_eq!(
        rx.dispensed_lines, plan.lines,
        "the record is what the preview showed"
    );
    assert_eq!(
        on_hand(&t, "paracetamol"),
        [
            ("OLD".to_string(), 40),
            ("SOON".to_string(), 0),
            ("LATER".to_string(), 46)
        ],
        "the expired batch is untouched"
    );
    assert_eq!(on_hand(&t, "omeprazole"), [("O1".to_string(), 20)]);
    let later = t.store.stock_batches(&p, "paracetamol").unwrap()[2]
        .batch_id
        .clone();
    let view = t.store.stock_batch(&p, later.parse().unwrap()).unwrap();
    let m = &view.batch.movements[0];
    assert_eq!(
        (
            m.prescription_id.as_str(),
            m.prescription_version,
            m.quantity
        ),
        (v2.id.as_str(), 2, -4)
    );
    // 3 batches and the prescription changed: one change and one audit entry each.
    let after = written(&t.store);
    assert_eq!(
        (after.0, after.1 - before.1, after.2 - before.2),
        (before.0, 4, 4)
    );
    assert!(t.store.verify().unwrap().problems.is_empty());
    let again = t.store.dispense_prescription(&p, id2, &Default::default());
    assert!(matches!(again, Err(Error::Invalid(f)) if f[0].field == "status"));
}

#[test]
fn a_line_the_stock_cannot_cover_refuses_everything_unless_supplied_short_with_a_reason() {
    let mut t = store();
    let p = as_role(&t, Role::Pharmacist, "pharma");
    t.store
        .receive_stock(&p, &delivery("paracetamol", "P1", "2027-03-31", 4))
        .unwrap();
    t.store
        .receive_stock(&p, &delivery("omeprazole", "O1", "2027-01-31", 30))
        .unwrap();
    let (id, items) = issued(&mut t, vec![item("paracetamol"), item("omeprazole")]);

    let before = written(&t.store);
    let err = t
        .store
        .dispense_prescription(&p, id, &Default::default())
        .unwrap_err();
    let Error::Invalid(fields) = err else {
        panic!("expected field errors")
    };
    assert_eq!(
        fields
            .iter()
            .map(|e| (e.field.as_str(), e.code))
            .collect::<Vec<_>>(),
        [("items.0.quantity", ErrorCode::OutOfRange)]
    );
    assert!(fields[0].message.contains("Paracetamol") && fields[0].message.contains("only 4"));
    assert_eq!(written(&t.store), before, "nothing written");
    assert_eq!(on_hand(&t, "omeprazole"), [("O1".to_string(), 30)]);

    let short = |reason: &str| DispensePrescriptionInput {
        lines: vec![DispenseLineInput {
            item_id: items[0].clone(),
            quantity: Some(4),
            reason: reason.into(),
            ..Default::default()
        }],
    };
    let err = t
        .store
        .dispense_prescription(&p, id, &short(""))
        .unwrap_err();
    assert!(matches!(err, Error::Invalid(f) if f[0].field == "items.0.reason"));
    assert_eq!(written(&t.store), before);

    let done = t
        .store
        .dispense_prescription(&p, id, &short("only 4 in stock, balance to buy outside"))
        .unwrap()
        .prescription;
    let l = &done.dispensed_lines[0];
    assert_eq!(
        (l.prescribed, l.from_stock, l.reason.as_str()),
        (10, 4, "only 4 in stock, balance to buy outside")
    );
    assert_eq!(done.dispensed_lines[1].from_stock, 10);
    assert_eq!(on_hand(&t, "paracetamol"), [("P1".to_string(), 0)]);
}

#[test]
fn a_free_text_medicine_is_supplied_outside_stock_with_a_reason() {
    let mut t = store();
    let p = as_role(&t, Role::Pharmacist, "pharma");
    let free = clinic_domain::prescription::ItemInput {
        drug_id: None,
        drug_name: "Oral rehydration salts (local)".into(),
        ..item("paracetamol")
    };
    let (id, items) = issued(&mut t, vec![free]);
    let plan = t
        .store
        .preview_prescription_dispense(&p, id, &Default::default())
        .unwrap();
    assert_eq!(plan.errors[0].field, "items.0.outside_stock");
    assert_eq!(plan.available, [0]);
    let outside = DispensePrescriptionInput {
        lines: vec![DispenseLineInput {
            item_id: items[0].clone(),
            outside_stock: true,
            reason: "dispensed from the donated box".into(),
            ..Default::default()
        }],
    };
    let before = t.store.count_rows("change_log").unwrap();
    let done = t
        .store
        .dispense_prescription(&p, id, &outside)
        .unwrap()
        .prescription;
    assert!(done.dispensed_lines[0].outside_stock && done.dispensed_lines[0].batches.is_empty());
    assert_eq!(
        t.store.count_rows("change_log").unwrap(),
        before + 1,
        "only the prescription changed"
    );
}

#[test]
fn only_the_pharmacy_previews_or_dispenses_and_refusals_are_audited() {
    let mut t = store();
    let (id, _) = issued(&mut t, vec![item("paracetamol")]);
    let doctor = as_role(&t, Role::Doctor, "dr");
    let before = written(&t.store);
    let err = t
        .store
        .preview_prescription_dispense(&doctor, id, &Default::default())
        .unwrap_err();
    assert!(matches!(
        err,
        Error::Forbidden(Action::PrescriptionDispense)
    ));
    let after = written(&t.store);
    assert_eq!(
        (after.0, after.1, after.2),
        (before.0, before.1, before.2 + 1)
    );
}
