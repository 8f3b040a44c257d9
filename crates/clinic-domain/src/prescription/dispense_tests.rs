use super::*;

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn batch(id: &str, drug: &str, expiry: &str, on_hand: i64) -> BatchLevel {
    BatchLevel {
        batch_id: id.into(),
        drug_id: drug.into(),
        batch_number: id.to_uppercase(),
        expiry: expiry.into(),
        on_hand,
        ..Default::default()
    }
}

fn item(id: &str, drug: &str, quantity: u32) -> PrescriptionItem {
    PrescriptionItem {
        id: id.into(),
        drug_id: drug.into(),
        drug_name: if drug.is_empty() {
            "Herbal tea".into()
        } else {
            drug.into()
        },
        free_text: drug.is_empty(),
        quantity,
        ..Default::default()
    }
}

fn stock(batches: Vec<BatchLevel>) -> BTreeMap<String, Vec<BatchLevel>> {
    let mut m: BTreeMap<String, Vec<BatchLevel>> = BTreeMap::new();
    for b in batches {
        m.entry(b.drug_id.clone()).or_default().push(b);
    }
    m
}

fn fields(p: &DispensePlan) -> Vec<(&str, ErrorCode)> {
    p.errors
        .iter()
        .map(|e| (e.field.as_str(), e.code))
        .collect()
}

#[test]
fn lines_take_the_earliest_usable_expiry_first_and_share_a_drug_s_batches() {
    let s = stock(vec![
        batch("late", "amox", "2027-06-30", 30),
        batch("expired", "amox", "2026-11-21", 50),
        batch("early", "amox", "2026-11-22", 8),
    ]);
    let items = [item("a", "amox", 10), item("b", "amox", 5)];
    let p = plan_dispense(&items, &Default::default(), &s, day("2026-11-22"));
    assert!(p.errors.is_empty(), "{:?}", p.errors);
    let taken: Vec<Vec<(&str, i64)>> = p
        .lines
        .iter()
        .map(|l| {
            l.batches
                .iter()
                .map(|b| (b.batch_id.as_str(), b.quantity))
                .collect()
        })
        .collect();
    assert_eq!(taken, [vec![("early", 8), ("late", 2)], vec![("late", 5)]]);
    assert_eq!(
        p.available,
        [38, 28],
        "the expired batch never counts; the second line gets what the first left"
    );
    assert_eq!((p.lines[0].from_stock, p.lines[1].from_stock), (10, 5));
}

#[test]
fn a_line_the_stock_cannot_cover_is_named_unless_supplied_short_or_outside_with_a_reason() {
    let s = stock(vec![batch("b1", "amox", "2027-01-31", 4)]);
    let items = [item("a", "amox", 10), item("t", "", 1)];
    let today = day("2026-11-22");
    let p = plan_dispense(&items, &Default::default(), &s, today);
    assert_eq!(
        fields(&p),
        [
            ("items.0.quantity", ErrorCode::OutOfRange),
            ("items.1.outside_stock", ErrorCode::InvalidValue)
        ]
    );
    assert!(
        p.errors[0].message.contains("only 4"),
        "{}",
        p.errors[0].message
    );

    let short = |reason: &str| DispensePrescriptionInput {
        lines: vec![
            DispenseLineInput {
                item_id: "a".into(),
                quantity: Some(4),
                reason: reason.into(),
                ..Default::default()
            },
            DispenseLineInput {
                item_id: "t".into(),
                outside_stock: true,
                reason: reason.into(),
                ..Default::default()
            },
        ],
    };
    let p = plan_dispense(&items, &short(" "), &s, today);
    assert_eq!(
        fields(&p),
        [
            ("items.0.reason", ErrorCode::Required),
            ("items.1.reason", ErrorCode::Required)
        ]
    );
    let p = plan_dispense(&items, &short("out of stock, rest next week"), &s, today);
    assert!(p.errors.is_empty(), "{:?}", p.errors);
    assert_eq!(p.lines[0].from_stock, 4);
    assert!(p.lines[1].outside_stock && p.lines[1].batches.is_empty());
}

#[test]
fn more_than_prescribed_and_unknown_lines_are_refused() {
    let s = stock(vec![batch("b1", "amox", "2027-01-31", 40)]);
    let items = [item("a", "amox", 10)];
    let input = DispensePrescriptionInput {
        lines: vec![
            DispenseLineInput {
                item_id: "a".into(),
                quantity: Some(11),
                ..Default::default()
            },
            DispenseLineInput {
                item_id: "zz".into(),
                ..Default::default()
            },
        ],
    };
    let p = plan_dispense(&items, &input, &s, day("2026-11-22"));
    assert_eq!(
        fields(&p),
        [
            ("lines.1.item_id", ErrorCode::NotFound),
            ("items.0.quantity", ErrorCode::InvalidValue)
        ]
    );
}
