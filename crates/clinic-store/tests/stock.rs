//! Pharmacy stock on a real store file: roles (refused, audited, nothing written), deliveries,
//! first-expiry-first-out dispensing across batches in one transaction, adjustments with a
//! reason, levels and alerts from the projection.
mod common;
mod stock_support;

use clinic_domain::stock::{AdjustInput, StockAlertKind};
use clinic_domain::{Action, ErrorCode, RecordKind, Role};
use clinic_store::{Error, Store};
use common::*;
use stock_support::*;

fn written(s: &Store) -> (i64, i64, usize) {
    (
        s.count_rows("records").unwrap(),
        s.count_rows("change_log").unwrap(),
        s.projection_rows(RecordKind::StockBatch).unwrap().len(),
    )
}

fn fields(err: Error) -> Vec<(String, ErrorCode)> {
    match err {
        Error::Invalid(f) => f.into_iter().map(|e| (e.field, e.code)).collect(),
        other => panic!("expected field errors, got {other:?}"),
    }
}

#[test]
fn receptionist_is_refused_audited_and_nothing_is_written() {
    let mut t = store();
    let pharma = as_role(&t, Role::Pharmacist, "pharma");
    receive(
        &mut t.store,
        &pharma,
        &delivery("paracetamol", "P1", "2027-03-31", 100),
    );
    let desk = as_role(&t, Role::Receptionist, "desk");
    let before = written(&t.store);
    let audits = t.store.count_rows("audit_log").unwrap();
    let e1 = t
        .store
        .receive_stock(&desk, &delivery("paracetamol", "P2", "2027-03-31", 5))
        .unwrap_err();
    let e2 = t
        .store
        .dispense_stock(&desk, &dispensing("paracetamol", 5))
        .unwrap_err();
    for e in [e1, e2] {
        assert!(
            matches!(e, Error::Forbidden(Action::PrescriptionDispense)),
            "{e:?}"
        );
    }
    assert_eq!(written(&t.store), before, "nothing written");
    assert_eq!(
        t.store.count_rows("audit_log").unwrap(),
        audits + 2,
        "both refusals audited"
    );
    assert!(matches!(
        t.store.stock_levels(&desk),
        Err(Error::Forbidden(Action::PrescriptionView))
    ));
    // A doctor and a nurse may look but not dispense.
    for role in [Role::Doctor, Role::Nurse] {
        let who = as_role(&t, role, "clinician");
        assert_eq!(t.store.stock_levels(&who).unwrap().len(), 1);
        assert!(t
            .store
            .dispense_stock(&who, &dispensing("paracetamol", 1))
            .is_err());
    }
}

#[test]
fn dispensing_takes_the_earliest_expiry_first_across_batches() {
    let mut t = store();
    let p = as_role(&t, Role::Pharmacist, "pharma");
    // Today is 2026-11-22 (tests/common).
    let late = receive(
        &mut t.store,
        &p,
        &delivery("ibuprofen", "LATE", "2027-09-30", 50),
    );
    let early = receive(
        &mut t.store,
        &p,
        &delivery("ibuprofen", "EARLY", "2027-01-31", 8),
    );
    let out = t
        .store
        .dispense_stock(&p, &dispensing("ibuprofen", 10))
        .unwrap();
    let got: Vec<(String, i64)> = out
        .iter()
        .map(|b| (b.batch_number.clone(), b.on_hand))
        .collect();
    assert_eq!(
        got,
        vec![("EARLY".to_string(), 0), ("LATE".to_string(), 48)]
    );
    let batches = t.store.stock_batches(&p, "ibuprofen").unwrap();
    assert_eq!(batches[0].batch_id, early.batch_id);
    assert_eq!(batches[1].batch_id, late.batch_id);
    let view = t
        .store
        .stock_batch(&p, late.batch_id.parse().unwrap())
        .unwrap();
    assert_eq!(view.batch.movements.len(), 1);
    assert_eq!(view.batch.movements[0].quantity, -2);
    assert_eq!(view.batch.movements[0].username, "pharma");

    // More than is left: refused on the quantity, nothing written.
    let before = written(&t.store);
    let err = t
        .store
        .dispense_stock(&p, &dispensing("ibuprofen", 49))
        .unwrap_err();
    assert_eq!(
        fields(err),
        vec![("quantity".into(), ErrorCode::OutOfRange)]
    );
    assert_eq!(written(&t.store), before);
    assert_eq!(
        t.store.stock_batches(&p, "ibuprofen").unwrap()[1].on_hand,
        48
    );
}

#[test]
fn bad_input_returns_every_error_and_adjustments_need_a_reason() {
    let mut t = store();
    let p = as_role(&t, Role::Pharmacist, "pharma");
    let before = written(&t.store);
    let err = t
        .store
        .receive_stock(&p, &delivery("unknown", "", "2020-01-01", 0))
        .unwrap_err();
    assert_eq!(
        fields(err),
        vec![
            ("drug_id".into(), ErrorCode::NotFound),
            ("batch_number".into(), ErrorCode::Required),
            ("expiry".into(), ErrorCode::OutOfRange),
            ("quantity".into(), ErrorCode::OutOfRange),
        ]
    );
    assert_eq!(written(&t.store), before);
    let b = receive(
        &mut t.store,
        &p,
        &delivery("amoxicillin", "A1", "2027-12-31", 30),
    );
    let adjust = |quantity, reason: &str| AdjustInput {
        batch_id: b.batch_id.clone(),
        quantity,
        reason: reason.into(),
    };
    let err = t.store.adjust_stock(&p, &adjust(-2, " ")).unwrap_err();
    assert_eq!(fields(err), vec![("reason".into(), ErrorCode::Required)]);
    let after = t
        .store
        .adjust_stock(&p, &adjust(-2, "broken bottle"))
        .unwrap();
    assert_eq!(after.on_hand, 28);
    let view = t
        .store
        .stock_batch(&p, b.batch_id.parse().unwrap())
        .unwrap();
    assert_eq!(view.batch.movements[0].reason, "broken bottle");
}

#[test]
fn levels_and_alerts_come_from_the_projection() {
    let mut t = store();
    let p = as_role(&t, Role::Pharmacist, "pharma");
    receive(
        &mut t.store,
        &p,
        &delivery("amoxicillin", "A1", "2027-12-31", 100),
    );
    receive(
        &mut t.store,
        &p,
        &delivery("paracetamol", "P1", "2026-12-15", 12),
    );
    let levels = t.store.stock_levels(&p).unwrap();
    let got: Vec<(String, i64, bool, String)> = levels
        .into_iter()
        .map(|l| (l.drug_id, l.usable, l.low, l.earliest_expiry))
        .collect();
    assert_eq!(
        got,
        vec![
            ("amoxicillin".into(), 100, false, "2027-12-31".into()),
            ("paracetamol".into(), 12, true, "2026-12-15".into()),
        ]
    );
    let alerts: Vec<(StockAlertKind, String)> = t
        .store
        .stock_alerts(&p)
        .unwrap()
        .into_iter()
        .map(|a| (a.kind, a.drug_id))
        .collect();
    assert_eq!(
        alerts,
        vec![
            (StockAlertKind::ExpiringSoon, "paracetamol".into()),
            (StockAlertKind::LowStock, "paracetamol".into()),
        ]
    );
}

#[test]
fn verify_catches_a_tampered_stock_row() {
    let mut t = store();
    let p = as_role(&t, Role::Pharmacist, "pharma");
    let b = receive(
        &mut t.store,
        &p,
        &delivery("amoxicillin", "A1", "2027-12-31", 30),
    );
    t.store
        .dispense_stock(&p, &dispensing("amoxicillin", 4))
        .unwrap();
    let report = t.store.verify().unwrap();
    assert!(report.is_ok(), "{:?}", report.problems);
    let raw = rusqlite::Connection::open(&t.path).unwrap();
    raw.execute_batch(&format!("PRAGMA key = \"x'{}'\";", t.key.to_hex()))
        .unwrap();
    raw.execute(
        "UPDATE stock_batches SET on_hand = 99 WHERE id = ?1",
        [&b.batch_id],
    )
    .unwrap();
    let problems = t.store.verify().unwrap().problems;
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].contains(&format!("stock batch {}", b.batch_id)));
}

#[test]
fn a_dispensing_keeps_its_prescription_and_version() {
    let mut t = store();
    let p = as_role(&t, Role::Pharmacist, "pharma");
    let b = receive(
        &mut t.store,
        &p,
        &delivery("paracetamol", "P1", "2027-03-31", 20),
    );
    let rx = "00000000-0000-0000-0000-0000000000aa";
    let input = clinic_domain::stock::DispenseInput {
        prescription_id: Some(rx.into()),
        prescription_version: Some(2),
        ..dispensing("paracetamol", 6)
    };
    let audits = t.store.count_rows("audit_log").unwrap();
    t.store.dispense_stock(&p, &input).unwrap();
    assert_eq!(
        t.store.count_rows("audit_log").unwrap(),
        audits + 1,
        "audited"
    );
    let view = t
        .store
        .stock_batch(&p, b.batch_id.parse().unwrap())
        .unwrap();
    let m = &view.batch.movements[0];
    assert_eq!(
        (
            m.prescription_id.as_str(),
            m.prescription_version,
            m.quantity
        ),
        (rx, 2, -6)
    );
    assert_eq!(view.on_hand, 14);
}
