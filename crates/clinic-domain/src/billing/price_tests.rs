use super::*;
use crate::error::ErrorCode;

fn codes(e: Vec<crate::FieldError>) -> Vec<(String, ErrorCode)> {
    e.into_iter().map(|e| (e.field, e.code)).collect()
}

#[test]
fn price_item_validation() {
    let input = PriceItemInput {
        code: " cons-gp ".into(),
        name: "GP consultation".into(),
        category: PriceCategory::Consultation,
        unit_price: 2000,
        tax_bp: 0,
        active: true,
    };
    assert_eq!(input.validate(false).unwrap().code, "CONS-GP");
    let e = input.validate(true).unwrap_err();
    assert_eq!(codes(e), vec![("code".into(), ErrorCode::Duplicate)]);
    let bad = PriceItemInput {
        code: "a b".into(),
        name: " ".into(),
        unit_price: -1,
        tax_bp: 10001,
        ..input
    };
    assert_eq!(
        codes(bad.validate(false).unwrap_err()),
        vec![
            ("code".into(), ErrorCode::InvalidFormat),
            ("name".into(), ErrorCode::Required),
            ("unit_price".into(), ErrorCode::OutOfRange),
            ("tax_bp".into(), ErrorCode::OutOfRange)
        ]
    );
}

#[test]
fn currency_formatting_and_numbers() {
    let usd = Currency::default_currency();
    assert_eq!(usd.format(1234567), "12,345.67 USD");
    assert_eq!(usd.format(5), "0.05 USD");
    assert_eq!(usd.format(-250), "-2.50 USD");
    let ugx = Currency::parse("ugx").unwrap();
    assert_eq!(ugx.format(25000), "25,000 UGX");
    assert!(Currency::parse("US").is_none());
    let n = invoice_number("KLA", "A1", 42);
    assert_eq!(n, "INV-KLA-A1-000042");
    assert_eq!(
        parse_invoice_number(&n),
        Some(("KLA".into(), "A1".into(), 42))
    );
    assert_eq!(parse_invoice_number("INV-KLA-A1-000000"), None);
    assert_eq!(parse_invoice_number("KLA-A1-000001"), None);
}
