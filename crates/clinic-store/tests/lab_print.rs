//! Printed lab documents read back the way a person reads them: the sample label (small page,
//! sample id large) and the lab report (values, units, ranges, flags, who entered and validated),
//! rendered to PNG and read by OCR; the text layer checked for exact strings.
mod common;
mod lab_support;

use base64::Engine;
use clinic_domain::lab::{LabResultsInput, LabStatus};
use common::pdf;
use common::store;
use lab_support::*;

fn bytes(b64: &str) -> Vec<u8> {
    base64::engine::general_purpose::STANDARD
        .decode(b64)
        .unwrap()
}

/// Page size in points, as `pdfinfo` reports it.
fn page_size(pdf_bytes: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("doc.pdf");
    std::fs::write(&file, pdf_bytes).unwrap();
    let out = std::process::Command::new("pdfinfo")
        .arg(&file)
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("Page size:"))
        .unwrap()
        .trim()
        .to_string()
}

#[test]
fn the_sample_label_shows_the_sample_id_patient_and_tests() {
    let mut t = store();
    let s = staff(&t);
    let (_, encounter) = patient_with_encounter(&mut t, &s.doctor);
    let o = t
        .store
        .order_lab_tests(&s.doctor, &order_input(encounter, &["hb", "malaria_rdt"]))
        .unwrap();
    let id = id_of(&o);
    let not_yet = t.store.print_lab_label(&s.nurse, id).unwrap_err();
    assert!(format!("{not_yet:?}").contains("status"));
    t.store.collect_lab_sample(&s.nurse, id).unwrap();
    let audit_before = t.store.count_rows("audit_log").unwrap();
    let printed = t.store.print_lab_label(&s.nurse, id).unwrap();
    assert_eq!(t.store.count_rows("audit_log").unwrap(), audit_before + 1);
    assert_eq!(printed.file_name, "label-LAB-KLA-A1-000001.pdf");
    let label = bytes(&printed.pdf_base64);
    assert!(
        page_size(&label).starts_with("175.7"),
        "62 mm wide: {}",
        page_size(&label)
    );
    assert_eq!(pdf::page_count(&label), 1);
    let ocr = pdf::png_text(&label);
    assert!(ocr.contains("LAB-KLA-A1-000001"), "{ocr}");
    assert!(ocr.contains("Ssemakula"), "{ocr}");
    assert!(ocr.contains("hb, malaria_rdt"), "{ocr}");
    assert!(ocr.contains("URGENT"), "{ocr}");
    let text = pdf::pdf_text(&label);
    assert!(text.contains("Collected 2026-11-22"), "{text}");
}

#[test]
fn the_lab_report_shows_values_ranges_flags_and_both_people() {
    let mut t = store();
    let s = staff(&t);
    let (_, encounter) = patient_with_encounter(&mut t, &s.doctor);
    let id = validated_order(&mut t, &s, encounter);
    let printed = t.store.print_lab_report(&s.doctor, id).unwrap();
    let report = bytes(&printed.pdf_base64);
    assert!(report.starts_with(b"%PDF"));
    let ocr = pdf::png_text(&report);
    for want in [
        "Kampala Road Clinic",
        "Laboratory report",
        "Ssemakula",
        "LAB-KLA-A1-000001",
        "Haemoglobin",
        "12.1",
        "13 - 17",
        "Potassium",
        "6.6",
        "HH",
        "positive",
        "tech.mukasa",
        "lead.namuli",
        "dr.okello",
    ] {
        // OCR may drop or add spaces: compare without them.
        let (flat, want_flat) = (ocr.replace(' ', ""), want.replace(' ', ""));
        assert!(flat.contains(&want_flat), "{want} missing from:\n{ocr}");
    }
    assert!(!ocr.contains("PRELIMINARY"), "{ocr}");
    let text = pdf::pdf_text(&report);
    assert!(text.contains("Validated by"), "{text}");
    assert!(text.contains("g/dL"), "{text}");
}

#[test]
fn a_report_before_validation_says_preliminary() {
    let mut t = store();
    let s = staff(&t);
    let (_, encounter) = patient_with_encounter(&mut t, &s.doctor);
    let id = id_of(
        &t.store
            .order_lab_tests(&s.doctor, &order_input(encounter, &["crp"]))
            .unwrap(),
    );
    t.store.collect_lab_sample(&s.nurse, id).unwrap();
    t.store.receive_lab_sample(&s.tech, id).unwrap();
    let r: LabResultsInput = results(&[("crp", "48")]);
    let v = t.store.enter_lab_results(&s.tech, id, &r).unwrap();
    assert_eq!(v.order.status, LabStatus::Resulted);
    let printed = t.store.print_lab_report(&s.nurse, id).unwrap();
    let text = pdf::pdf_text(&bytes(&printed.pdf_base64));
    assert!(text.contains("PRELIMINARY - not validated"), "{text}");
    assert!(text.contains("Not validated"), "{text}");
}
