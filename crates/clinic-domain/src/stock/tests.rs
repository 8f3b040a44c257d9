use super::*;
use crate::ErrorCode;
use chrono::NaiveDate;

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn batch(id: &str, drug: &str, expiry: &str, on_hand: i64) -> BatchLevel {
    BatchLevel {
        batch_id: id.into(),
        drug_id: drug.into(),
        drug_name: drug.into(),
        batch_number: format!("B-{id}"),
        expiry: expiry.into(),
        on_hand,
        ..Default::default()
    }
}

type MoveCase = (i64, &'static [(MovementKind, i64)], i64, i64);
type ReceiveCase = (
    &'static str,
    &'static str,
    i64,
    Option<(&'static str, ErrorCode)>,
);
type PickCase = (i64, Result<Vec<(String, i64)>, i64>);

fn codes(errs: Vec<crate::FieldError>) -> Vec<(String, ErrorCode)> {
    errs.into_iter().map(|e| (e.field, e.code)).collect()
}

#[test]
fn on_hand_is_received_plus_signed_movements() {
    let mv = |kind, quantity| StockMovement {
        kind,
        quantity,
        ..Default::default()
    };
    let cases: &[MoveCase] = &[
        (10, &[], 10, 0),
        (10, &[(MovementKind::Dispense, -6)], 4, 6),
        (
            10,
            &[(MovementKind::Dispense, -6), (MovementKind::Dispense, -7)],
            -3,
            13,
        ),
        (
            10,
            &[(MovementKind::Adjustment, -2), (MovementKind::Return, 1)],
            9,
            0,
        ),
        (
            i64::MAX,
            &[(MovementKind::Adjustment, i64::MAX)],
            i64::MAX,
            0,
        ),
    ];
    for (received, moves, on_hand, dispensed) in cases {
        let b = StockBatch {
            received_quantity: *received,
            movements: moves.iter().map(|(k, q)| mv(*k, *q)).collect(),
            ..Default::default()
        };
        assert_eq!(b.on_hand(), *on_hand, "{moves:?}");
        assert_eq!(b.dispensed(), *dispensed, "{moves:?}");
    }
}

#[test]
fn receive_validation_reports_every_field_at_once() {
    let today = day("2026-11-22");
    let bad = ReceiveInput {
        drug_id: "no_such_drug".into(),
        batch_number: " ".into(),
        expiry: "22/11/2027".into(),
        supplier: "x".repeat(121),
        quantity: 0,
    };
    assert_eq!(
        codes(bad.validate(today).unwrap_err()),
        vec![
            ("drug_id".into(), ErrorCode::NotFound),
            ("batch_number".into(), ErrorCode::Required),
            ("supplier".into(), ErrorCode::TooLong),
            ("expiry".into(), ErrorCode::InvalidFormat),
            ("quantity".into(), ErrorCode::OutOfRange),
        ]
    );
    let cases: &[ReceiveCase] = &[
        ("amoxicillin", "2027-01-31", 100, None),
        ("amoxicillin", "2026-11-22", 1, None),
        (
            "amoxicillin",
            "2026-11-21",
            1,
            Some(("expiry", ErrorCode::OutOfRange)),
        ),
        ("amoxicillin", "", 1, Some(("expiry", ErrorCode::Required))),
        ("", "2027-01-31", 1, Some(("drug_id", ErrorCode::Required))),
        (
            "amoxicillin",
            "2027-01-31",
            -5,
            Some(("quantity", ErrorCode::OutOfRange)),
        ),
        (
            "amoxicillin",
            "2027-01-31",
            MAX_QUANTITY + 1,
            Some(("quantity", ErrorCode::OutOfRange)),
        ),
    ];
    for (drug, expiry, quantity, want) in cases {
        let input = ReceiveInput {
            drug_id: (*drug).into(),
            batch_number: "LOT-1".into(),
            expiry: (*expiry).into(),
            supplier: String::new(),
            quantity: *quantity,
        };
        match (input.validate(today), want) {
            (Ok(b), None) => assert_eq!(b.drug_name, "Amoxicillin"),
            (Err(e), Some((f, c))) => assert_eq!(codes(e), vec![(f.to_string(), *c)]),
            (got, want) => panic!("{input:?}: got {got:?}, want {want:?}"),
        }
    }
}

#[test]
fn adjust_and_dispense_validation() {
    let id = "00000000-0000-0000-0000-000000000001";
    let adjust = |quantity, reason: &str| AdjustInput {
        batch_id: id.into(),
        quantity,
        reason: reason.into(),
    };
    assert_eq!(adjust(-2, " broken ").validate().unwrap(), "broken");
    assert_eq!(
        codes(adjust(0, "").validate().unwrap_err()),
        vec![
            ("quantity".into(), ErrorCode::InvalidValue),
            ("reason".into(), ErrorCode::Required)
        ]
    );
    let bad_id = AdjustInput {
        batch_id: "x".into(),
        ..adjust(3, "count")
    };
    assert_eq!(
        codes(bad_id.validate().unwrap_err()),
        vec![("batch_id".into(), ErrorCode::InvalidFormat)]
    );
    let dispense = DispenseInput {
        drug_id: "paracetamol".into(),
        quantity: 3,
        prescription_id: Some(" ".into()),
        prescription_version: Some(2),
    };
    let (checked, name) = dispense.validate().unwrap();
    assert_eq!(
        (checked.prescription_id, checked.prescription_version),
        (None, None)
    );
    assert_eq!(name, "Paracetamol");
    let bad = DispenseInput {
        quantity: 0,
        prescription_id: Some("nope".into()),
        ..dispense
    };
    assert_eq!(
        codes(bad.validate().unwrap_err()),
        vec![
            ("quantity".into(), ErrorCode::OutOfRange),
            ("prescription_id".into(), ErrorCode::InvalidFormat)
        ]
    );
}

#[test]
fn fefo_takes_the_earliest_usable_expiry_first_and_splits() {
    let today = day("2026-11-22");
    let batches = vec![
        batch("late", "d", "2027-06-30", 50),
        batch("expired", "d", "2026-11-21", 40),
        batch("early", "d", "2026-12-31", 5),
        batch("today", "d", "2026-11-22", 3),
        batch("empty", "d", "2026-11-30", 0),
        batch("negative", "d", "2026-11-29", -2),
    ];
    let pick = |q| {
        fefo_pick(&batches, q, today).map(|p| {
            p.into_iter()
                .map(|p| (p.batch_id, p.quantity))
                .collect::<Vec<_>>()
        })
    };
    let s = |v: &[(&str, i64)]| -> Vec<(String, i64)> {
        v.iter().map(|(a, b)| (a.to_string(), *b)).collect()
    };
    let cases: &[PickCase] = &[
        (2, Ok(s(&[("today", 2)]))),
        (3, Ok(s(&[("today", 3)]))),
        (4, Ok(s(&[("today", 3), ("early", 1)]))),
        (10, Ok(s(&[("today", 3), ("early", 5), ("late", 2)]))),
        (58, Ok(s(&[("today", 3), ("early", 5), ("late", 50)]))),
        (59, Err(58)),
    ];
    for (q, want) in cases {
        assert_eq!(&pick(*q), want, "quantity {q}");
    }
}

#[test]
fn alerts_cover_negative_expired_expiring_and_low_stock() {
    let today = day("2026-11-22");
    let batches = vec![
        batch("a1", "amox", "2027-12-31", 100),
        batch("p1", "para", "2027-12-31", 15),
        batch("p2", "para", "2027-02-20", 4),
        batch("p3", "para", "2026-11-01", 30),
        batch("i1", "ibu", "2027-12-31", -3),
        batch("i2", "ibu", "2026-12-01", 0),
    ];
    let got: Vec<(StockAlertKind, String, String, i64)> = alerts(&batches, today)
        .into_iter()
        .map(|a| (a.kind, a.drug_id, a.batch_id, a.on_hand))
        .collect();
    let want = vec![
        (StockAlertKind::Negative, "ibu", "i1", -3),
        (StockAlertKind::Expired, "para", "p3", 30),
        (StockAlertKind::ExpiringSoon, "para", "p2", 4),
        (StockAlertKind::LowStock, "ibu", "", 0),
        (StockAlertKind::LowStock, "para", "", 19),
    ];
    let want: Vec<_> = want
        .into_iter()
        .map(|(k, d, b, n)| (k, d.to_string(), b.to_string(), n))
        .collect();
    assert_eq!(got, want);
    // Exactly at the limits: 90 days ahead is "soon", 91 is not; 20 usable units is not low.
    let edge = vec![
        batch("x", "x", "2027-02-20", 10),
        batch("y", "x", "2027-02-21", 10),
    ];
    let got: Vec<_> = alerts(&edge, today)
        .into_iter()
        .map(|a| (a.kind, a.batch_id))
        .collect();
    assert_eq!(got, vec![(StockAlertKind::ExpiringSoon, "x".to_string())]);
}
