//! Printed invoices and receipts: rendered to PNG and read back by OCR, and through the text layer.
#[path = "billing_common/mod.rs"]
mod billing_common;
mod common;

use billing_common::*;
use clinic_domain::Role;
use clinic_store::billing::pdf::BillingDoc;
use clinic_store::Error;
use common::*;

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn receipt_shows_clinic_number_patient_lines_and_amounts() {
    let mut t = store();
    let clerk = as_role(&t, Role::Receptionist);
    let (v, _) = issued_invoice(&mut t, &clerk);
    let id = id_of(&v);
    t.store.take_payment(&clerk, id, &cash(3000)).unwrap();
    let pdf = t
        .store
        .billing_pdf(&clerk, id, BillingDoc::Receipt)
        .unwrap();
    assert!(pdf.starts_with(b"%PDF"));
    assert!(pdf.len() < 100 * 1024, "{} bytes", pdf.len());
    let text = squash(&common::pdf::pdf_text(&pdf));
    for want in [
        "Kampala Road Clinic",
        "Receipt INV-KLA-A1-000001",
        "Amina Nakato",
        "GP consultation",
        "Malaria rapid test",
        "Paracetamol 500 mg",
        "42.70 USD",
        "30.00 USD",
        "12.70 USD",
    ] {
        assert!(text.contains(want), "text layer lacks {want:?}: {text}");
    }
    let seen = squash(&common::pdf::png_text(&pdf));
    for want in [
        "Kampala Road Clinic",
        "INV-KLA-A1-000001",
        "Amina Nakato",
        "GP consultation",
        "Malaria rapid test",
        "42.70",
        "30.00",
        "12.70",
    ] {
        assert!(seen.contains(want), "OCR did not read {want:?}: {seen}");
    }
}

#[test]
fn invoice_pdf_of_a_draft_says_so_and_printing_needs_permission() {
    let mut t = store();
    let a = t.admin.clone();
    let items = price_list(&mut t);
    let patient_id = register(&mut t, "Grace", "Akello");
    let input = clinic_domain::billing::NewInvoiceInput {
        patient_id,
        lines: vec![line(&items[1], 2)],
        ..Default::default()
    };
    let d = t.store.create_invoice(&a, &input).unwrap();
    let pdf = t
        .store
        .billing_pdf(&a, id_of(&d), BillingDoc::Invoice)
        .unwrap();
    let text = squash(&common::pdf::pdf_text(&pdf));
    for want in [
        "Invoice",
        "DRAFT",
        "Grace Akello",
        "Malaria rapid test",
        "35.40 USD",
    ] {
        assert!(text.contains(want), "text layer lacks {want:?}: {text}");
    }
    let nurse = as_role(&t, Role::Nurse);
    let audits = t.store.count_rows("audit_log").unwrap();
    assert!(matches!(
        t.store.billing_pdf(&nurse, id_of(&d), BillingDoc::Receipt),
        Err(Error::Forbidden(_))
    ));
    assert_eq!(
        t.store.count_rows("audit_log").unwrap(),
        audits + 1,
        "refusal audited"
    );
}
