//! Property tests of the billing rules: totals are always the sum of their lines, and payments
//! never exceed the total unless knowingly recorded as credit.
use clinic_domain::billing::{
    build_line, DiscountKind, Invoice, InvoiceStatus, LineInput, PaymentInput, PaymentMethod,
    PriceCategory, PriceItemSummary, RefundInput, Stamp,
};
use proptest::prelude::*;
use uuid::Uuid;

fn invoice() -> Invoice {
    Invoice {
        number: String::new(),
        patient_id: "p".into(),
        patient_name: "P".into(),
        patient_number: String::new(),
        visit_id: String::new(),
        clinician_id: String::new(),
        currency: "USD".into(),
        status: InvoiceStatus::Draft,
        lines: vec![],
        payments: vec![],
        claim: None,
        created_by: String::new(),
        created_by_name: String::new(),
        created_at: String::new(),
        issued_by: String::new(),
        issued_at: String::new(),
        void_reason: String::new(),
        voided_by: String::new(),
        voided_at: String::new(),
    }
}

fn stamp() -> Stamp {
    Stamp {
        user_id: "u".into(),
        username: "u".into(),
        at: "2026-11-22T09:00:00.000Z".into(),
    }
}

prop_compose! {
    fn line_spec()(price in 0i64..2_000_000, tax in 0i64..=10_000, qty in 1i64..500,
                   kind in 0u8..3, value in 0i64..=12_000) -> (i64, i64, i64, u8, i64) {
        (price, tax, qty, kind, value)
    }
}

proptest! {
    #[test]
    fn totals_are_the_sum_of_lines_and_payments_stay_within_the_total(
        specs in proptest::collection::vec(line_spec(), 1..12),
        payments in proptest::collection::vec((0i64..3_000_000, any::<bool>(), any::<bool>()), 0..12),
    ) {
        let mut inv = invoice();
        for (i, (price, tax, qty, kind, value)) in specs.into_iter().enumerate() {
            let item = PriceItemSummary { id: Uuid::from_u128(1), code: "X".into(), name: "X".into(),
                category: PriceCategory::Procedure, unit_price: price, tax_bp: tax, active: true };
            let kind = [DiscountKind::None, DiscountKind::Amount, DiscountKind::Percent][kind as usize];
            let input = LineInput { item_id: item.id.to_string(), quantity: qty, discount_kind: kind, discount_value: value };
            if let Ok(line) = build_line("", Some(&item), &input, format!("l{i}")) {
                let a = line.amounts();
                prop_assert!(a.discount >= 0 && a.discount <= a.gross);
                prop_assert_eq!(a.net + a.tax, a.total);
                inv.add_line(line).unwrap();
            }
        }
        let t = inv.totals();
        let sum = |f: fn(&clinic_domain::billing::LineAmounts) -> i64| inv.lines.iter().map(|l| f(&l.amounts())).sum::<i64>();
        prop_assert_eq!(t.total, sum(|a| a.total));
        prop_assert_eq!(t.tax, sum(|a| a.tax));
        prop_assert_eq!(t.subtotal - t.discount + t.tax, t.total);
        if inv.lines.is_empty() {
            return Ok(());
        }
        inv.issue("INV-KLA-A1-000001".into(), &stamp()).unwrap();
        for (i, (amount, credit, refund)) in payments.into_iter().enumerate() {
            if refund && !inv.payments.is_empty() {
                let target = inv.payments[i % inv.payments.len()].id.clone();
                let _ = inv.refund(&RefundInput { payment_id: target, amount: amount / 3, reason: "r".into() }, format!("r{i}"), &stamp());
            } else {
                let before = inv.totals();
                let input = PaymentInput { method: PaymentMethod::Cash, amount, reference: String::new(), credit };
                let ok = inv.take_payment(&input, format!("p{i}"), &stamp()).is_ok();
                prop_assert_eq!(ok, amount > 0 && (credit || amount <= before.balance));
            }
            let t = inv.totals();
            let any_credit = inv.payments.iter().any(|p| p.credit);
            prop_assert!(t.paid <= t.total || any_credit, "paid {} > total {} without credit", t.paid, t.total);
            prop_assert!(t.paid >= 0);
            prop_assert_eq!(t.balance, t.total - t.paid);
        }
    }
}
