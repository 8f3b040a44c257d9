//! Billing through the desktop facade (what the IPC commands call): the session's actor is used,
//! ids and days arrive as text, and a printed receipt comes back as PDF bytes.
mod common;

use clinic_domain::billing::{
    LineInput, NewInvoiceInput, PaymentInput, PaymentMethod, PriceCategory, PriceItemInput,
};
use clinic_domain::ErrorCode;
use clinic_store::app::App;
use clinic_store::billing::RevenueGroup;
use clinic_store::Error;
use common::*;

#[test]
fn a_cashier_session_bills_takes_payment_and_prints_a_receipt() {
    let t = store();
    let app = App::on_store(t.store);
    assert!(matches!(
        app.price_list("", false),
        Err(Error::Unauthenticated)
    ));
    app.login("admin", PASSWORD, None).unwrap();
    let item = app
        .create_price_item(PriceItemInput {
            code: "CONS".into(),
            name: "GP consultation".into(),
            category: PriceCategory::Consultation,
            unit_price: 2000,
            tax_bp: 0,
            active: true,
        })
        .unwrap();
    let patient = app
        .register_patient(patient("Amina", "Nakato", "1990-04-12"))
        .unwrap();
    let input = NewInvoiceInput {
        patient_id: patient.id,
        lines: vec![LineInput {
            item_id: item.id.to_string(),
            quantity: 2,
            discount_kind: Default::default(),
            discount_value: 0,
        }],
        ..Default::default()
    };
    let draft = app.create_invoice(input).unwrap();
    let issued = app.issue_invoice(&draft.id).unwrap();
    assert_eq!(issued.totals.total, 4000);
    let paid = app
        .take_payment(
            &draft.id,
            PaymentInput {
                method: PaymentMethod::Card,
                amount: 4000,
                reference: String::new(),
                credit: false,
            },
        )
        .unwrap();
    assert_eq!(paid.totals.balance, 0);
    let pdf = app.billing_pdf(&draft.id, "receipt").unwrap();
    assert!(pdf.bytes.0.starts_with(b"%PDF") && pdf.file_name.ends_with(".pdf"));
    assert_eq!(
        app.list_invoices(None, Some("issued"), "").unwrap().len(),
        1
    );
    let day = start().date_naive().to_string();
    assert_eq!(app.cash_up(&day).unwrap().net, 4000);
    assert_eq!(
        app.revenue(&day, &day, RevenueGroup::Item).unwrap().total,
        4000
    );

    let bad_day = app.cash_up("22/11/2026").unwrap_err();
    assert!(
        matches!(bad_day, Error::Invalid(ref f) if f[0].field == "day" && f[0].code == ErrorCode::InvalidValue)
    );
    assert!(matches!(
        app.list_invoices(None, Some("paid"), ""),
        Err(Error::Invalid(_))
    ));
    assert!(matches!(
        app.billing_pdf(&draft.id, "letter"),
        Err(Error::Invalid(_))
    ));
    assert!(matches!(
        app.open_invoice("not-an-id"),
        Err(Error::Invalid(_))
    ));
}
