use super::*;
use crate::error::ErrorCode;
use uuid::Uuid;

fn item(price: i64, tax_bp: i64) -> PriceItemSummary {
    PriceItemSummary {
        id: Uuid::from_u128(7),
        code: "CONS".into(),
        name: "Consultation".into(),
        category: PriceCategory::Consultation,
        unit_price: price,
        tax_bp,
        active: true,
    }
}

fn line_input(quantity: i64, kind: DiscountKind, value: i64) -> LineInput {
    LineInput {
        item_id: Uuid::from_u128(7).to_string(),
        quantity,
        discount_kind: kind,
        discount_value: value,
    }
}

fn line(price: i64, tax_bp: i64, quantity: i64, kind: DiscountKind, value: i64) -> InvoiceLine {
    build_line(
        "",
        Some(&item(price, tax_bp)),
        &line_input(quantity, kind, value),
        "l".into(),
    )
    .unwrap()
}

fn stamp() -> Stamp {
    Stamp {
        user_id: "u1".into(),
        username: "cashier".into(),
        at: "2026-11-22T09:00:00.000Z".into(),
    }
}

fn invoice(lines: Vec<InvoiceLine>) -> Invoice {
    Invoice {
        number: String::new(),
        patient_id: "p".into(),
        patient_name: "Amina Nakato".into(),
        patient_number: String::new(),
        visit_id: String::new(),
        clinician_id: String::new(),
        currency: "USD".into(),
        status: InvoiceStatus::Draft,
        lines,
        payments: vec![],
        claim: None,
        created_by: "u1".into(),
        created_by_name: "cashier".into(),
        created_at: String::new(),
        issued_by: String::new(),
        issued_at: String::new(),
        void_reason: String::new(),
        voided_by: String::new(),
        voided_at: String::new(),
    }
}

fn issued(total_price: i64) -> Invoice {
    let mut inv = invoice(vec![line(total_price, 0, 1, DiscountKind::None, 0)]);
    inv.issue("INV-KLA-A1-000001".into(), &stamp()).unwrap();
    inv
}

fn pay(amount: i64, credit: bool) -> PaymentInput {
    PaymentInput {
        method: PaymentMethod::Cash,
        amount,
        reference: String::new(),
        credit,
    }
}

fn codes(e: Vec<crate::FieldError>) -> Vec<(String, ErrorCode)> {
    e.into_iter().map(|e| (e.field, e.code)).collect()
}

#[test]
fn line_amounts_case_table() {
    use DiscountKind::*;
    // (price, tax bp, qty, discount kind, value) → (gross, discount, net, tax, total)
    let cases = [
        (1000, 0, 1, None, 0, (1000, 0, 1000, 0, 1000)),
        (1000, 1800, 2, None, 0, (2000, 0, 2000, 360, 2360)),
        (999, 1800, 1, None, 0, (999, 0, 999, 180, 1179)), // 179.82 → 180
        (25, 1000, 1, None, 0, (25, 0, 25, 3, 28)),        // 2.5 → 3 (half up)
        (15, 1000, 1, None, 0, (15, 0, 15, 2, 17)),        // 1.5 → 2
        (14, 1000, 1, None, 0, (14, 0, 14, 1, 15)),        // 1.4 → 1
        (1000, 1800, 3, Amount, 500, (3000, 500, 2500, 450, 2950)),
        (1000, 1800, 3, Percent, 1000, (3000, 300, 2700, 486, 3186)),
        (333, 0, 1, Percent, 5000, (333, 167, 166, 0, 166)), // 166.5 → 167 off
        (1000, 1800, 1, Amount, 1000, (1000, 1000, 0, 0, 0)),
        (1000, 1800, 1, Percent, 10000, (1000, 1000, 0, 0, 0)),
        (0, 1800, 4, None, 0, (0, 0, 0, 0, 0)),
    ];
    for (price, tax, qty, kind, value, (gross, discount, net, t, total)) in cases {
        let a = line(price, tax, qty, kind, value).amounts();
        assert_eq!(
            (a.gross, a.discount, a.net, a.tax, a.total),
            (gross, discount, net, t, total),
            "{price}×{qty} tax {tax} {kind:?} {value}"
        );
    }
}

#[test]
fn half_up_rounding() {
    for (value, bp, want) in [
        (5, 5000, 3),
        (4, 5000, 2),
        (1, 4999, 0),
        (1, 5000, 1),
        (-5, 5000, -3),
        (0, 1800, 0),
    ] {
        assert_eq!(apply_bp(value, bp), want, "{value} × {bp}");
    }
}

#[test]
fn bad_lines_report_every_field() {
    let bad = build_line(
        "lines.0.",
        Some(&item(1000, 0)),
        &line_input(0, DiscountKind::Amount, -1),
        "l".into(),
    );
    assert_eq!(
        codes(bad.unwrap_err()),
        vec![
            ("lines.0.quantity".into(), ErrorCode::OutOfRange),
            ("lines.0.discount_value".into(), ErrorCode::OutOfRange)
        ]
    );
    let over = build_line(
        "",
        Some(&item(1000, 0)),
        &line_input(1, DiscountKind::Amount, 1001),
        "l".into(),
    );
    assert_eq!(
        codes(over.unwrap_err()),
        vec![("discount_value".into(), ErrorCode::OutOfRange)]
    );
    let pct = build_line(
        "",
        Some(&item(1000, 0)),
        &line_input(1, DiscountKind::Percent, 10001),
        "l".into(),
    );
    assert_eq!(
        codes(pct.unwrap_err()),
        vec![("discount_value".into(), ErrorCode::OutOfRange)]
    );
    let missing = build_line("", None, &line_input(1, DiscountKind::None, 0), "l".into());
    assert_eq!(
        codes(missing.unwrap_err()),
        vec![("item_id".into(), ErrorCode::NotFound)]
    );
    let inactive = PriceItemSummary {
        active: false,
        ..item(1, 0)
    };
    let off = build_line(
        "",
        Some(&inactive),
        &line_input(1, DiscountKind::None, 0),
        "l".into(),
    );
    assert_eq!(
        codes(off.unwrap_err()),
        vec![("item_id".into(), ErrorCode::InvalidValue)]
    );
}

#[test]
fn totals_are_the_sum_of_lines() {
    let inv = invoice(vec![
        line(1000, 1800, 2, DiscountKind::None, 0),
        line(999, 1800, 1, DiscountKind::Percent, 1000),
        line(500, 0, 3, DiscountKind::Amount, 100),
    ]);
    let t = inv.totals();
    assert_eq!(t.subtotal, 2000 + 999 + 1500);
    assert_eq!(t.discount, 100 + 100);
    assert_eq!(t.tax, 360 + 162);
    assert_eq!(t.total, 2360 + (899 + 162) + 1400);
    assert_eq!((t.paid, t.balance), (0, t.total));
}

#[test]
fn lines_change_only_while_draft_and_issue_needs_a_line() {
    let mut inv = invoice(vec![]);
    assert_eq!(
        codes(inv.issue("N".into(), &stamp()).unwrap_err()),
        vec![("lines".into(), ErrorCode::Required)]
    );
    inv.add_line(line(100, 0, 1, DiscountKind::None, 0))
        .unwrap();
    inv.issue("INV-KLA-A1-000001".into(), &stamp()).unwrap();
    assert_eq!(inv.status, InvoiceStatus::Issued);
    assert!(inv
        .add_line(line(100, 0, 1, DiscountKind::None, 0))
        .is_err());
    assert!(inv.remove_line("l").is_err());
    assert!(inv.issue("again".into(), &stamp()).is_err());
    assert_eq!(inv.lines.len(), 1);
}

#[test]
fn partial_payments_then_overpayment_refused_unless_credit() {
    let mut inv = issued(1000);
    inv.take_payment(&pay(400, false), "p1".into(), &stamp())
        .unwrap();
    inv.take_payment(&pay(500, false), "p2".into(), &stamp())
        .unwrap();
    assert_eq!(inv.totals().balance, 100);
    let e = inv
        .take_payment(&pay(101, false), "p3".into(), &stamp())
        .unwrap_err();
    assert_eq!(codes(e), vec![("amount".into(), ErrorCode::OutOfRange)]);
    inv.take_payment(&pay(150, true), "p3".into(), &stamp())
        .unwrap();
    assert!(inv.payments[2].credit);
    assert_eq!(inv.totals().balance, -50);
    assert!(inv
        .take_payment(&pay(0, false), "p4".into(), &stamp())
        .is_err());
    let mut draft = invoice(vec![line(100, 0, 1, DiscountKind::None, 0)]);
    assert!(draft
        .take_payment(&pay(10, false), "p".into(), &stamp())
        .is_err());
}

#[test]
fn refunds_are_entries_bounded_by_the_payment() {
    let mut inv = issued(1000);
    inv.take_payment(&pay(1000, false), "p1".into(), &stamp())
        .unwrap();
    let refund = |amount: i64, reason: &str| RefundInput {
        payment_id: "p1".into(),
        amount,
        reason: reason.into(),
    };
    let e = inv
        .refund(&refund(0, ""), "r0".into(), &stamp())
        .unwrap_err();
    assert_eq!(
        codes(e),
        vec![
            ("reason".into(), ErrorCode::Required),
            ("amount".into(), ErrorCode::OutOfRange)
        ]
    );
    inv.refund(&refund(300, "overcharged"), "r1".into(), &stamp())
        .unwrap();
    assert!(inv
        .refund(&refund(701, "again"), "r2".into(), &stamp())
        .is_err());
    inv.refund(&refund(700, "cancelled"), "r2".into(), &stamp())
        .unwrap();
    let t = inv.totals();
    assert_eq!((t.paid, t.refunded, t.balance), (0, 1000, 1000));
    assert_eq!(inv.payments.len(), 3, "nothing deleted");
    assert_eq!(inv.payments[1].signed(), -300);
    assert!(inv
        .refund(
            &RefundInput {
                payment_id: "nope".into(),
                amount: 1,
                reason: "x".into()
            },
            "r3".into(),
            &stamp()
        )
        .is_err());
}

#[test]
fn void_needs_a_reason_and_no_money_held() {
    let mut inv = issued(1000);
    inv.take_payment(&pay(200, false), "p1".into(), &stamp())
        .unwrap();
    let e = inv.void("", &stamp()).unwrap_err();
    assert_eq!(
        codes(e),
        vec![
            ("status".into(), ErrorCode::Conflict),
            ("reason".into(), ErrorCode::Required)
        ]
    );
    inv.refund(
        &RefundInput {
            payment_id: "p1".into(),
            amount: 200,
            reason: "void".into(),
        },
        "r".into(),
        &stamp(),
    )
    .unwrap();
    inv.void("wrong patient", &stamp()).unwrap();
    assert_eq!(
        (inv.status, inv.void_reason.as_str(), inv.voided_by.as_str()),
        (InvoiceStatus::Void, "wrong patient", "u1")
    );
    assert!(inv
        .take_payment(&pay(1, true), "p2".into(), &stamp())
        .is_err());
    assert!(inv.void("again", &stamp()).is_err());
}

#[test]
fn claim_amounts_are_bounded() {
    let mut inv = issued(1000);
    let claim = |claimed, status, approved, paid| ClaimInput {
        insurer: "Jubilee".into(),
        policy: "P-1".into(),
        amount_claimed: claimed,
        status,
        amount_approved: approved,
        amount_paid: paid,
        notes: String::new(),
    };
    inv.set_claim(&claim(800, ClaimStatus::Submitted, 0, 0), &stamp())
        .unwrap();
    let e = inv
        .set_claim(&claim(1001, ClaimStatus::Paid, 0, 0), &stamp())
        .unwrap_err();
    assert_eq!(
        codes(e),
        vec![
            ("amount_claimed".into(), ErrorCode::OutOfRange),
            ("amount_approved".into(), ErrorCode::Required),
            ("amount_paid".into(), ErrorCode::Required)
        ]
    );
    inv.set_claim(&claim(800, ClaimStatus::Paid, 700, 700), &stamp())
        .unwrap();
    assert_eq!(
        inv.claim.as_ref().map(|c| c.status),
        Some(ClaimStatus::Paid)
    );
}
