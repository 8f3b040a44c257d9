//! Billing test helpers (included with `#[path]` by the billing test files).
#![allow(dead_code)]
use super::common::*;
use clinic_domain::billing::{
    DiscountKind, InvoiceStatus, LineInput, NewInvoiceInput, PaymentInput, PaymentMethod,
    PriceCategory, PriceItemInput, PriceItemSummary,
};
use clinic_domain::{Actor, ChangeSource, Role};
use clinic_store::billing::InvoiceView;
use uuid::Uuid;

pub fn as_role(t: &TestStore, role: Role) -> Actor {
    Actor {
        role,
        ..t.admin.clone()
    }
}

pub fn price(
    code: &str,
    name: &str,
    category: PriceCategory,
    unit_price: i64,
    tax_bp: i64,
) -> PriceItemInput {
    PriceItemInput {
        code: code.into(),
        name: name.into(),
        category,
        unit_price,
        tax_bp,
        active: true,
    }
}

/// A consultation (20.00, no tax), a malaria test (15.00, 18 % tax) and paracetamol (0.50 each).
pub fn price_list(t: &mut TestStore) -> Vec<PriceItemSummary> {
    let a = t.admin.clone();
    [
        price(
            "CONS",
            "GP consultation",
            PriceCategory::Consultation,
            2000,
            0,
        ),
        price(
            "LAB-MAL",
            "Malaria rapid test",
            PriceCategory::LabTest,
            1500,
            1800,
        ),
        price(
            "MED-PCM",
            "Paracetamol 500 mg",
            PriceCategory::Medicine,
            50,
            0,
        ),
    ]
    .iter()
    .map(|i| t.store.create_price_item(&a, i).unwrap())
    .collect()
}

pub fn register(t: &mut TestStore, given: &str, family: &str) -> String {
    let a = t.admin.clone();
    t.store
        .register_patient(&a, &patient(given, family, "1990-04-12"), ChangeSource::Ui)
        .unwrap()
        .id
}

pub fn line(item: &PriceItemSummary, quantity: i64) -> LineInput {
    LineInput {
        item_id: item.id.to_string(),
        quantity,
        discount_kind: DiscountKind::None,
        discount_value: 0,
    }
}

pub fn cash(amount: i64) -> PaymentInput {
    PaymentInput {
        method: PaymentMethod::Cash,
        amount,
        reference: String::new(),
        credit: false,
    }
}

pub fn id_of(v: &InvoiceView) -> Uuid {
    Uuid::parse_str(&v.id).unwrap()
}

/// A patient with an issued invoice: consultation + malaria test + 10 paracetamol = 20.00 + 17.70 + 5.00.
pub fn issued_invoice(t: &mut TestStore, actor: &Actor) -> (InvoiceView, Vec<PriceItemSummary>) {
    let items = price_list(t);
    let patient_id = register(t, "Amina", "Nakato");
    let input = NewInvoiceInput {
        patient_id,
        lines: vec![line(&items[0], 1), line(&items[1], 1), line(&items[2], 10)],
        ..Default::default()
    };
    let draft = t.store.create_invoice(actor, &input).unwrap();
    assert_eq!(draft.invoice.status, InvoiceStatus::Draft);
    let v = t.store.issue_invoice(actor, id_of(&draft)).unwrap();
    assert_eq!(v.totals.total, 4270);
    (v, items)
}
