//! The shared print builder, read back as a person would: rendered to PNG and read by OCR.
mod common;

use clinic_store::print::{Column, PrintDoc};
use common::pdf::{page_count, pdf_text, png_text};

#[test]
fn a_printed_page_reads_back_its_text() {
    let mut doc = PrintDoc::new("Receipt");
    doc.clinic_header("Kampala Road Clinic", &["Plot 4, Kampala Road"]);
    doc.title("Receipt KLA-A-000042");
    doc.fields(&[("Patient", "Zoë Nakato"), ("Cashier", "Amina")]);
    doc.table(
        &[Column::left("Item", 120.0), Column::right("Amount", 54.0)],
        &[
            vec!["Consultation".into(), "20,000".into()],
            vec!["Malaria rapid test".into(), "5,000".into()],
        ],
    );
    doc.footer("Version 3f9a0c");
    let pdf = doc.finish().unwrap();

    let seen = png_text(&pdf);
    for expected in [
        "Kampala Road Clinic",
        "Receipt",
        "Consultation",
        "Malaria rapid test",
        "20,000",
    ] {
        assert!(
            seen.contains(expected),
            "{expected:?} not read off the page:\n{seen}"
        );
    }
    let layer = pdf_text(&pdf);
    assert!(layer.contains("Zoë Nakato"), "{layer}");
    assert!(layer.contains("Version 3f9a0c"), "{layer}");
    assert!(layer.contains("Page 1 of 1"), "{layer}");
}

#[test]
fn names_in_other_scripts_print_transliterated() {
    let mut doc = PrintDoc::new("Prescription");
    doc.fields(&[("Patient", "Алла Łukasz")]);
    let layer = pdf_text(&doc.finish().unwrap());
    assert!(layer.contains("Alla Lukasz"), "{layer}");
}

#[test]
fn every_page_carries_the_footer() {
    let mut doc = PrintDoc::new("Report");
    for i in 0..120 {
        doc.text(&format!("Result line {i}"));
    }
    doc.footer("Lab report LR-7");
    let pdf = doc.finish().unwrap();
    let pages = page_count(&pdf);
    assert!(pages >= 2, "{pages} pages");
    let layer = pdf_text(&pdf);
    assert_eq!(layer.matches("Lab report LR-7").count(), pages, "{layer}");
    assert!(layer.contains(&format!("Page {pages} of {pages}")));
}
