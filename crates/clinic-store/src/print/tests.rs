use super::*;

#[test]
fn a_short_document_is_one_small_page() {
    let mut doc = PrintDoc::new("Receipt");
    doc.clinic_header(
        "Kampala Road Clinic",
        &["Plot 4, Kampala Road", "+256 700 000 000"],
    );
    doc.title("Receipt KLA-A-000001");
    doc.fields(&[("Patient", "Amina Nakato"), ("Date", "2026-11-22")]);
    doc.table(
        &[Column::left("Item", 120.0), Column::right("Amount", 54.0)],
        &[vec!["Consultation".into(), "20,000".into()]],
    );
    doc.signature_line("Cashier");
    doc.footer("Printed 2026-11-22 09:00");
    assert_eq!(doc.pages.len(), 1);
    let pdf = doc.finish().unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    assert!(pdf.len() < 20_000, "{} bytes", pdf.len());
}

#[test]
fn long_content_flows_onto_more_pages() {
    let mut doc = PrintDoc::new("List");
    let rows: Vec<Vec<String>> = (0..150)
        .map(|i| vec![format!("Line {i}"), format!("{i}")])
        .collect();
    doc.table(
        &[Column::left("Item", 120.0), Column::right("N", 54.0)],
        &rows,
    );
    assert!(doc.pages.len() >= 3, "{} pages", doc.pages.len());
    assert!(doc.finish().unwrap().starts_with(b"%PDF-"));
}

#[test]
fn the_cursor_never_enters_the_footer() {
    let mut doc = PrintDoc::new("Notes");
    for i in 0..400 {
        doc.text(&format!(
            "Note line {i} with some words that fill the width of the page nicely"
        ));
        assert!(doc.y <= PAGE_H - FOOTER_ZONE + 1.0, "line {i} at {}", doc.y);
    }
}
