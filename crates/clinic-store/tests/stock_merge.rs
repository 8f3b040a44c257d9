//! Two PCs dispense the same batch offline: both movements survive the merge, the on-hand adds up
//! (and may go below zero), identical on both PCs, with exactly one `negative_stock` issue that
//! both PCs hold under the same id and that is resolved once an adjustment fixes the batch.
mod common;
mod stock_support;

use clinic_domain::stock::AdjustInput;
use clinic_domain::sync_issue::{SyncIssueKind, SyncIssueStatus};
use clinic_domain::{Actor, ErrorCode, RecordKind, Role};
use clinic_store::{Error, Store};
use stock_support::*;
use uuid::Uuid;

fn open_issues(s: &Store, who: &Actor) -> Vec<(String, SyncIssueKind, Vec<String>)> {
    s.sync_issues(who, Some(SyncIssueStatus::Open))
        .unwrap()
        .into_iter()
        .map(|i| (i.id, i.kind, i.reasons))
        .collect()
}

/// PC A with a batch of 10 amoxicillin, and PC B holding a copy of it. Returns both stores,
/// a pharmacist on each, and the batch id.
fn shared_batch() -> (common::TestStore, common::TestStore, Actor, Actor, Uuid) {
    let mut a = common::store_on("A1", 1);
    let mut b = common::store_on("B2", 2);
    let pa = as_role(&a, Role::Pharmacist, "pharma");
    let pb = as_role(&b, Role::Pharmacist, "pharma");
    let batch = receive(
        &mut a.store,
        &pa,
        &delivery("amoxicillin", "LOT-7", "2027-06-30", 10),
    );
    exchange(&a.store, &mut b.store);
    let on_b = b.store.stock_batches(&pb, "amoxicillin").unwrap();
    assert_eq!(on_b.len(), 1);
    assert_eq!(on_b[0].on_hand, 10, "B sees A's delivery");
    let id = Uuid::parse_str(&batch.batch_id).unwrap();
    (a, b, pa, pb, id)
}

#[test]
fn offline_dispensing_on_two_pcs_adds_up_below_zero_and_raises_one_issue() {
    let (mut a, mut b, pa, pb, id) = shared_batch();
    // Offline: A hands out 6, B hands out 7 of the same 10.
    a.store
        .dispense_stock(&pa, &dispensing("amoxicillin", 6))
        .unwrap();
    b.store
        .dispense_stock(&pb, &dispensing("amoxicillin", 7))
        .unwrap();
    assert!(open_issues(&a.store, &pa).is_empty(), "nothing while apart");
    exchange(&a.store, &mut b.store);
    exchange(&b.store, &mut a.store);

    for (s, who) in [(&a.store, &pa), (&b.store, &pb)] {
        let view = s.stock_batch(who, id).unwrap();
        assert_eq!(view.on_hand, 10 - 6 - 7);
        assert_eq!(view.batch.movements.len(), 2, "both movements kept");
        assert_eq!(view.batch.dispensed(), 13);
        let levels = s.stock_levels(who).unwrap();
        assert_eq!((levels[0].on_hand, levels[0].usable), (-3, 0));
    }
    assert_eq!(
        a.store.projection_rows(RecordKind::StockBatch).unwrap(),
        b.store.projection_rows(RecordKind::StockBatch).unwrap(),
        "the stock lists are identical"
    );
    let (ia, ib) = (open_issues(&a.store, &pa), open_issues(&b.store, &pb));
    assert_eq!(ia.len(), 1, "exactly one issue: {ia:?}");
    assert_eq!(ia, ib, "the same issue, same id, on both PCs");
    assert_eq!(ia[0].1, SyncIssueKind::NegativeStock);
    assert_eq!(
        ia[0].2,
        vec!["Amoxicillin".to_string(), "LOT-7".to_string()]
    );
    let issue_id = Uuid::parse_str(&ia[0].0).unwrap();
    assert_eq!(
        a.store.negative_stock_batch(&pa, issue_id).unwrap().on_hand,
        -3
    );
    let alerts = a.store.stock_alerts(&pa).unwrap();
    assert_eq!(
        alerts[0].kind,
        clinic_domain::stock::StockAlertKind::Negative
    );

    // Cannot be closed while still below zero; an adjustment fixes it, then it can.
    let err = a.store.resolve_negative_stock(&pa, issue_id).unwrap_err();
    match err {
        Error::Invalid(f) => assert_eq!(f[0].field, "quantity"),
        other => panic!("{other:?}"),
    }
    a.store
        .adjust_stock(
            &pa,
            &AdjustInput {
                batch_id: id.to_string(),
                quantity: 3,
                reason: "physical count".into(),
            },
        )
        .unwrap();
    a.store.resolve_negative_stock(&pa, issue_id).unwrap();
    assert!(open_issues(&a.store, &pa).is_empty());
    exchange(&a.store, &mut b.store);
    assert!(open_issues(&b.store, &pb).is_empty(), "resolved on B too");
    assert_eq!(b.store.stock_batch(&pb, id).unwrap().on_hand, 0);
    // A receptionist may not close it.
    let desk = as_role(&a, Role::Receptionist, "desk");
    assert!(matches!(
        a.store.resolve_negative_stock(&desk, issue_id),
        Err(Error::Forbidden(_))
    ));
}

#[test]
fn a_merge_that_stays_at_or_above_zero_raises_nothing() {
    let (mut a, mut b, pa, pb, id) = shared_batch();
    a.store
        .dispense_stock(&pa, &dispensing("amoxicillin", 3))
        .unwrap();
    b.store
        .dispense_stock(&pb, &dispensing("amoxicillin", 7))
        .unwrap();
    exchange(&a.store, &mut b.store);
    exchange(&b.store, &mut a.store);
    assert_eq!(a.store.stock_batch(&pa, id).unwrap().on_hand, 0);
    assert_eq!(b.store.stock_batch(&pb, id).unwrap().on_hand, 0);
    assert!(open_issues(&a.store, &pa).is_empty());
    assert!(open_issues(&b.store, &pb).is_empty());
    // And with nothing left on this PC, dispensing is refused on the quantity.
    let err = a
        .store
        .dispense_stock(&pa, &dispensing("amoxicillin", 1))
        .unwrap_err();
    match err {
        Error::Invalid(f) => assert_eq!(
            (f[0].field.as_str(), f[0].code),
            ("quantity", ErrorCode::OutOfRange)
        ),
        other => panic!("{other:?}"),
    }
}
