//! Printed prescriptions and the window's path through `App`: the PDF read back by OCR shows the
//! medicines, its text layer carries the version hash, an amendment prints a different hash, and
//! each hash traces back to its version.
mod common;
mod prescriptions_support;

use base64::Engine;
use clinic_domain::prescription::PrescriptionStatus;
use clinic_domain::Role;
use common::pdf;
use common::*;
use prescriptions_support::*;
use uuid::Uuid;

// Printed prescriptions: the PDF read back by OCR shows the medicines, its text layer carries the
// version hash, an amendment prints a different hash, and each hash traces back to its version.
fn bytes(b64: &str) -> Vec<u8> {
    base64::engine::general_purpose::STANDARD
        .decode(b64)
        .unwrap()
}

#[test]
fn print_amend_print_again_and_trace_each_printout() {
    let mut t = store();
    let pid = patient_on(&mut t);
    let doctor = as_role(&t, Role::Doctor, "dr");
    let v1 = t
        .store
        .create_prescription(&doctor, &input(pid, vec![item("paracetamol")]))
        .unwrap();
    let id1 = Uuid::parse_str(&v1.id).unwrap();
    t.store.issue_prescription(&doctor, id1, "").unwrap();
    let audit_before = t.store.count_rows("audit_log").unwrap();
    let p1 = t.store.print_prescription(&doctor, id1).unwrap();
    assert_eq!(
        t.store.count_rows("audit_log").unwrap(),
        audit_before + 1,
        "printing is audited"
    );
    let v2 = t
        .store
        .amend_prescription(&doctor, id1, &input(pid, vec![item("omeprazole")]), "")
        .unwrap();
    let id2 = Uuid::parse_str(&v2.id).unwrap();
    let p2 = t.store.print_prescription(&doctor, id2).unwrap();
    assert_ne!(p1.version_hash, p2.version_hash);

    let (pdf1, pdf2) = (bytes(&p1.pdf_base64), bytes(&p2.pdf_base64));
    assert!(pdf1.starts_with(b"%PDF"));
    let (ocr1, ocr2) = (
        pdf::png_text(&pdf1).to_lowercase(),
        pdf::png_text(&pdf2).to_lowercase(),
    );
    assert!(
        ocr1.contains("paracetamol") && !ocr1.contains("omeprazole"),
        "{ocr1}"
    );
    assert!(
        ocr2.contains("omeprazole") && !ocr2.contains("paracetamol"),
        "{ocr2}"
    );
    assert!(
        ocr1.contains("amina") && ocr1.contains("penicillin"),
        "patient and allergies: {ocr1}"
    );
    let (text1, text2) = (pdf::pdf_text(&pdf1), pdf::pdf_text(&pdf2));
    assert!(
        text1.contains(&p1.version_hash) && text1.contains(&p1.version_hash[..12]),
        "{text1}"
    );
    assert!(
        text2.contains(&p2.version_hash) && !text2.contains(&p1.version_hash),
        "{text2}"
    );

    let back1 = t
        .store
        .trace_prescription_print(&doctor, &p1.version_hash[..12])
        .unwrap();
    assert_eq!(back1.id, v1.id);
    assert_eq!(back1.version_hash, p1.version_hash);
    assert_eq!(
        back1.prescription.status,
        PrescriptionStatus::Issued,
        "as printed, before the amendment"
    );
    assert_eq!(back1.prescription.items[0].drug_name, "Paracetamol");
    let back2 = t
        .store
        .trace_prescription_print(&doctor, &p2.version_hash)
        .unwrap();
    assert_eq!(
        (back2.id.as_str(), back2.prescription.version),
        (v2.id.as_str(), 2)
    );
    assert_eq!(back2.prescription.items[0].drug_name, "Omeprazole");
    assert!(t
        .store
        .trace_prescription_print(&doctor, "0123456789abcdef")
        .is_err());
    assert!(t
        .store
        .trace_prescription_print(&doctor, "not a hash")
        .is_err());
}

/// The window's path: a logged-in doctor and pharmacist through `App`, the prescriber's display
/// name on the record, and nobody logged in refused.
#[test]
fn the_app_runs_prescriptions_for_the_logged_in_user() {
    use clinic_domain::user::NewUserInput;
    let mut t = store();
    let pid = patient_on(&mut t);
    let a = t.admin.clone();
    for (username, role) in [("drwho", "doctor"), ("pharma", "pharmacist")] {
        let input = NewUserInput {
            username: username.into(),
            display_name: format!("{username} (staff)"),
            role: role.into(),
            password: "front desk 77".into(),
        };
        t.store.create_user(&a, &input, [3; 16]).unwrap();
    }
    let app = clinic_store::app::App::on_store(t.store);
    let rx_input = input(pid, vec![item("paracetamol")]);
    assert!(
        app.create_prescription(&rx_input).is_err(),
        "nobody logged in"
    );
    app.login("drwho", "front desk 77", None).unwrap();
    assert_eq!(app.search_drugs("parac").unwrap()[0].id, "paracetamol");
    let warned = app
        .check_prescription(&pid.to_string(), &[item("amoxicillin")])
        .unwrap();
    assert_eq!(warned.len(), 1);
    let rx = app.create_prescription(&rx_input).unwrap();
    assert_eq!(rx.prescription.prescriber_name, "drwho (staff)");
    app.issue_prescription(&rx.id, "").unwrap();
    assert!(
        app.dispense_prescription(&rx.id, &Default::default())
            .is_err(),
        "a doctor does not dispense"
    );
    app.logout().unwrap();
    app.login("pharma", "front desk 77", None).unwrap();
    assert_eq!(app.pharmacy_work_list().unwrap().len(), 1);
    app.receive_stock(&delivery("paracetamol", "B1", "2027-06-30", 30))
        .unwrap();
    let done = app
        .dispense_prescription(&rx.id, &Default::default())
        .unwrap();
    assert_eq!(done.prescription.dispensed_by_name, "pharma (staff)");
    assert!(app.pharmacy_work_list().unwrap().is_empty());
    assert!(app.print_prescription("not-an-id").is_err());
}

/// A printout made on one PC traces back on another PC that got the prescription by sync.
#[test]
fn a_printout_from_another_pc_traces_back_by_its_versions() {
    let mut a = store_on("A1", 1);
    let mut b = store_on("B2", 2);
    let pid = patient_on(&mut a);
    let da = as_role(&a, Role::Doctor, "dr");
    let rx = a
        .store
        .create_prescription(&da, &input(pid, vec![item("paracetamol")]))
        .unwrap();
    let id = Uuid::parse_str(&rx.id).unwrap();
    a.store.issue_prescription(&da, id, "").unwrap();
    let printed = a.store.print_prescription(&da, id).unwrap();
    a.store.cancel_prescription(&da, id, "changed").unwrap();
    for c in a.store.changes_since(0, u32::MAX, true).unwrap() {
        b.store
            .apply_remote_changes(c.kind, c.record_id, &[c.bytes])
            .unwrap();
    }
    let db = as_role(&b, Role::Pharmacist, "ph");
    let back = b
        .store
        .trace_prescription_print(&db, &printed.version_hash[..16])
        .unwrap();
    assert_eq!(back.version_hash, printed.version_hash);
    assert_eq!(
        back.prescription.status,
        PrescriptionStatus::Issued,
        "as printed"
    );
    let now = b.store.open_prescription(&db, id).unwrap();
    assert_eq!(now.prescription.status, PrescriptionStatus::Cancelled);
}
