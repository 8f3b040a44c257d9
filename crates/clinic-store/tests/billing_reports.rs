//! The daily cash-up and revenue reports, from the projections.
#[path = "billing_common/mod.rs"]
mod billing_common;
mod common;

use billing_common::*;
use clinic_domain::billing::{NewInvoiceInput, PaymentInput, PaymentMethod, RefundInput};
use clinic_domain::Role;
use clinic_store::billing::RevenueGroup;
use common::*;

#[test]
fn cash_up_per_cashier_and_method_with_refunds_apart() {
    let mut t = store();
    let a = t.admin.clone();
    let clerk = as_role(&t, Role::Receptionist);
    let other = clinic_domain::Actor {
        user_id: uuid::Uuid::from_u128(99),
        username: "bob".into(),
        ..clerk.clone()
    };
    let (v, _) = issued_invoice(&mut t, &clerk);
    let id = id_of(&v);
    let v = t.store.take_payment(&clerk, id, &cash(2000)).unwrap();
    t.store
        .take_payment(
            &other,
            id,
            &PaymentInput {
                method: PaymentMethod::MobileMoney,
                ..cash(1000)
            },
        )
        .unwrap();
    t.store.take_payment(&clerk, id, &cash(270)).unwrap();
    let refund = RefundInput {
        payment_id: v.invoice.payments[0].id.clone(),
        amount: 500,
        reason: "discount agreed".into(),
    };
    t.store.refund_payment(&a, id, &refund).unwrap();
    let day = start().date_naive();
    let c = t.store.cash_up(&clerk, day).unwrap();
    let rows: Vec<(&str, &str, i64, i64, i64, i64)> = c
        .rows
        .iter()
        .map(|r| {
            (
                r.cashier.as_str(),
                r.method.as_str(),
                r.payments,
                r.refunds,
                r.net,
                r.count,
            )
        })
        .collect();
    // The clerk and the administrator are one user here (same id): rows are per user and method.
    assert_eq!(
        rows,
        vec![
            ("admin", "cash", 2270, 500, 1770, 3),
            ("bob", "mobile_money", 1000, 0, 1000, 1)
        ]
    );
    assert_eq!((c.payments, c.refunds, c.net), (3270, 500, 2770));
    let tomorrow = day.succ_opt().unwrap();
    assert!(t.store.cash_up(&clerk, tomorrow).unwrap().rows.is_empty());
}

#[test]
fn revenue_by_category_item_and_clinician() {
    let mut t = store();
    let clerk = as_role(&t, Role::Receptionist);
    let (v, items) = issued_invoice(&mut t, &clerk);
    let patient_id = v.invoice.patient_id.clone();
    let doctor = uuid::Uuid::from_u128(42).to_string();
    let second = NewInvoiceInput {
        patient_id: patient_id.clone(),
        clinician_id: doctor.clone(),
        lines: vec![line(&items[0], 2)],
        ..Default::default()
    };
    let s = t.store.create_invoice(&clerk, &second).unwrap();
    t.store.issue_invoice(&clerk, id_of(&s)).unwrap();
    let draft = NewInvoiceInput {
        patient_id,
        lines: vec![line(&items[0], 5)],
        ..Default::default()
    };
    t.store.create_invoice(&clerk, &draft).unwrap();
    let day = start().date_naive();
    let by_cat = t
        .store
        .revenue(&clerk, day, day, RevenueGroup::Category)
        .unwrap();
    let rows: Vec<(String, i64, i64)> = by_cat
        .rows
        .iter()
        .map(|r| (r.key.clone(), r.net, r.tax))
        .collect();
    assert_eq!(
        rows,
        vec![
            ("consultation".into(), 6000, 0),
            ("lab_test".into(), 1500, 270),
            ("medicine".into(), 500, 0)
        ]
    );
    assert_eq!(by_cat.total, 8270, "drafts are not revenue");
    let by_item = t
        .store
        .revenue(&clerk, day, day, RevenueGroup::Item)
        .unwrap();
    assert_eq!(by_item.rows[0].label, "GP consultation");
    let by_doc = t
        .store
        .revenue(&clerk, day, day, RevenueGroup::Clinician)
        .unwrap();
    let mut keyed: Vec<(String, i64)> = by_doc
        .rows
        .iter()
        .map(|r| (r.key.clone(), r.total))
        .collect();
    keyed.sort();
    let mut want = vec![(doctor, 4000), (clerk.user_id.to_string(), 4270)];
    want.sort();
    assert_eq!(
        keyed, want,
        "the visit's clinician, else the invoice's creator"
    );
    assert!(t
        .store
        .revenue(&clerk, day, day.pred_opt().unwrap(), RevenueGroup::Item)
        .is_err());
}
