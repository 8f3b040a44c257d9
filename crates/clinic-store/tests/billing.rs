//! Billing in a real store: price list, invoices, payments, refunds, voids, claims, the cash-up and
//! revenue; every action refused for roles without its permission (audited, nothing written).
#[path = "billing_common/mod.rs"]
mod billing_common;
mod common;

use billing_common::*;
use clinic_domain::billing::{
    ClaimInput, ClaimStatus, DiscountKind, InvoiceStatus, LineInput, NewInvoiceInput, PaymentInput,
    PaymentMethod, PriceCategory, RefundInput,
};
use clinic_domain::{ErrorCode, Role};
use clinic_store::Error;
use common::*;

fn field_codes(e: Error) -> Vec<(String, ErrorCode)> {
    match e {
        Error::Invalid(errors) => errors.into_iter().map(|e| (e.field, e.code)).collect(),
        other => panic!("expected field errors, got {other:?}"),
    }
}

#[test]
fn price_list_create_edit_deactivate_and_duplicate_code() {
    let mut t = store();
    let a = t.admin.clone();
    let items = price_list(&mut t);
    assert_eq!(t.store.price_list(&a, "", false).unwrap().len(), 3);
    assert_eq!(
        t.store.price_list(&a, "malaria", false).unwrap()[0].code,
        "LAB-MAL"
    );
    let dup = t
        .store
        .create_price_item(&a, &price("cons", "Other", PriceCategory::Procedure, 1, 0))
        .unwrap_err();
    assert_eq!(
        field_codes(dup),
        vec![("code".into(), ErrorCode::Duplicate)]
    );
    let mut edit = price(
        "CONS",
        "GP consultation",
        PriceCategory::Consultation,
        2500,
        0,
    );
    edit.active = false;
    let changed = t.store.update_price_item(&a, items[0].id, &edit).unwrap();
    assert_eq!((changed.unit_price, changed.active), (2500, false));
    assert_eq!(
        t.store.price_list(&a, "", false).unwrap().len(),
        2,
        "inactive hidden"
    );
    assert_eq!(
        t.store.price_list(&a, "", true).unwrap().len(),
        3,
        "but never deleted"
    );
    let patient_id = register(&mut t, "Amina", "Nakato");
    let input = NewInvoiceInput {
        patient_id,
        lines: vec![line(&items[0], 1)],
        ..Default::default()
    };
    let e = t.store.create_invoice(&a, &input).unwrap_err();
    assert_eq!(
        field_codes(e),
        vec![("lines.0.item_id".into(), ErrorCode::InvalidValue)]
    );
}

#[test]
fn draft_lines_discounts_issue_and_number() {
    let mut t = store();
    let clerk = as_role(&t, Role::Receptionist);
    let items = price_list(&mut t);
    let patient_id = register(&mut t, "Amina", "Nakato");
    let bad = NewInvoiceInput {
        patient_id: "nobody".into(),
        lines: vec![LineInput {
            quantity: 0,
            ..line(&items[0], 1)
        }],
        ..Default::default()
    };
    assert_eq!(
        field_codes(t.store.create_invoice(&clerk, &bad).unwrap_err()),
        vec![
            ("patient_id".into(), ErrorCode::NotFound),
            ("lines.0.quantity".into(), ErrorCode::OutOfRange)
        ]
    );
    let draft = t
        .store
        .create_invoice(
            &clerk,
            &NewInvoiceInput {
                patient_id,
                ..Default::default()
            },
        )
        .unwrap();
    let id = id_of(&draft);
    assert_eq!(draft.invoice.patient_name, "Amina Nakato");
    assert!(t.store.issue_invoice(&clerk, id).is_err(), "no lines");
    let pct = LineInput {
        discount_kind: DiscountKind::Percent,
        discount_value: 1000,
        ..line(&items[1], 2)
    };
    let v = t.store.add_invoice_line(&clerk, id, &pct).unwrap();
    // 2 × 15.00 = 30.00, −10 % = 27.00, +18 % tax = 4.86 → 31.86
    assert_eq!(v.line_amounts[0].total, 3186);
    let v = t
        .store
        .add_invoice_line(&clerk, id, &line(&items[2], 3))
        .unwrap();
    let v = t
        .store
        .remove_invoice_line(&clerk, id, &v.invoice.lines[1].id)
        .unwrap();
    assert_eq!(v.invoice.lines.len(), 1);
    let v = t.store.issue_invoice(&clerk, id).unwrap();
    assert_eq!(v.invoice.number, "INV-KLA-A1-000001");
    assert_eq!(
        (v.invoice.status, v.totals.total, v.totals.balance),
        (InvoiceStatus::Issued, 3186, 3186)
    );
    assert!(
        t.store
            .add_invoice_line(&clerk, id, &line(&items[2], 1))
            .is_err(),
        "issued lines are fixed"
    );
    let list = t
        .store
        .list_invoices(&clerk, None, Some(InvoiceStatus::Issued), "", 50)
        .unwrap();
    assert_eq!(
        (list.len(), list[0].total, list[0].balance),
        (1, 3186, 3186)
    );
    assert_eq!(
        t.store
            .list_invoices(&clerk, None, None, "INV-KLA", 50)
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn partial_payments_overpayment_credit_refund_and_void() {
    let mut t = store();
    let a = t.admin.clone();
    let clerk = as_role(&t, Role::Receptionist);
    let (v, _) = issued_invoice(&mut t, &clerk);
    let id = id_of(&v);
    t.store.take_payment(&clerk, id, &cash(2000)).unwrap();
    let card = PaymentInput {
        method: PaymentMethod::Card,
        reference: "AUTH 123".into(),
        ..cash(1000)
    };
    let v = t.store.take_payment(&clerk, id, &card).unwrap();
    assert_eq!((v.totals.paid, v.totals.balance), (3000, 1270));
    assert_eq!(
        field_codes(t.store.take_payment(&clerk, id, &cash(1271)).unwrap_err()),
        vec![("amount".into(), ErrorCode::OutOfRange)]
    );
    let v = t
        .store
        .take_payment(
            &clerk,
            id,
            &PaymentInput {
                credit: true,
                ..cash(1500)
            },
        )
        .unwrap();
    assert_eq!(v.totals.balance, -230);
    assert!(v.invoice.payments[2].credit);

    let e = t.store.void_invoice(&a, id, "wrong patient").unwrap_err();
    assert_eq!(field_codes(e), vec![("status".into(), ErrorCode::Conflict)]);
    for p in v.invoice.payments.clone() {
        let refund = RefundInput {
            payment_id: p.id,
            amount: p.amount,
            reason: "billed the wrong patient".into(),
        };
        t.store.refund_payment(&a, id, &refund).unwrap();
    }
    let v = t.store.void_invoice(&a, id, "wrong patient").unwrap();
    assert_eq!(
        (v.invoice.status, v.totals.paid, v.invoice.payments.len()),
        (InvoiceStatus::Void, 0, 6)
    );
    assert!(t
        .store
        .take_payment(
            &clerk,
            id,
            &PaymentInput {
                credit: true,
                ..cash(1)
            }
        )
        .is_err());
    let listed = t
        .store
        .list_invoices(&clerk, None, Some(InvoiceStatus::Void), "", 10)
        .unwrap();
    assert_eq!(listed.len(), 1, "a void invoice is never deleted");
}

#[test]
fn claim_is_filed_and_updated() {
    let mut t = store();
    let clerk = as_role(&t, Role::Receptionist);
    let (v, _) = issued_invoice(&mut t, &clerk);
    let claim = ClaimInput {
        insurer: "Jubilee".into(),
        policy: "JB-778".into(),
        amount_claimed: 4270,
        status: ClaimStatus::Submitted,
        amount_approved: 0,
        amount_paid: 0,
        notes: String::new(),
    };
    t.store.update_claim(&clerk, id_of(&v), &claim).unwrap();
    let v = t
        .store
        .update_claim(
            &clerk,
            id_of(&v),
            &ClaimInput {
                status: ClaimStatus::Approved,
                amount_approved: 4000,
                ..claim.clone()
            },
        )
        .unwrap();
    assert_eq!(
        v.invoice.claim.clone().map(|c| c.amount_approved),
        Some(4000)
    );
    let e = t
        .store
        .update_claim(
            &clerk,
            id_of(&v),
            &ClaimInput {
                amount_claimed: 9999,
                ..claim
            },
        )
        .unwrap_err();
    assert_eq!(
        field_codes(e),
        vec![("amount_claimed".into(), ErrorCode::OutOfRange)]
    );
    assert_eq!(
        t.store.list_invoices(&clerk, None, None, "", 5).unwrap()[0].claim_status,
        "approved"
    );
}
