//! `clinic-bench prescription-pdf`: the time and size of printing a prescription through the real
//! store (load the document and the patient, lay out the A4 page with the embedded font, record
//! the version hash, audit), against a baseline in the same run: a one-line document through the
//! same `PrintDoc` builder (the fixed cost of a PDF with its font).
use crate::clinic::new_clinic;
use crate::{BenchResult, Stats};
use clinic_domain::patient::{AllergyInput, AllergySeverity, PatientInput, Sex};
use clinic_domain::prescription::{ItemInput, PrescriptionInput};
use clinic_domain::{Actor, ChangeSource, Role};
use clinic_store::print::PrintDoc;
use serde_json::{json, Value};
use std::path::Path;
use std::time::{Duration, Instant};

pub const GOAL_PDF_P95_MS: f64 = 150.0;
pub const GOAL_PDF_BYTES: usize = 100 * 1024;

fn item(drug: &str, strength: &str, instructions: &str) -> ItemInput {
    ItemInput {
        drug_id: Some(drug.into()),
        strength: strength.into(),
        form: "tablet".into(),
        dose: "1 tablet".into(),
        route: "oral".into(),
        frequency: "3 times a day".into(),
        duration_days: Some(7),
        quantity: Some(21),
        instructions: instructions.into(),
        ..Default::default()
    }
}

/// Runs `renders` prints of a four-medicine prescription and as many baseline documents.
pub fn run_prescription_pdf(renders: usize, dir: &Path) -> BenchResult<Value> {
    let (mut store, _, admin) = new_clinic(&dir.join("clinic.db"), "B1")?;
    let allergy = |s: &str| AllergyInput {
        id: None,
        substance: s.into(),
        severity: AllergySeverity::Severe,
        reaction: "Hives".into(),
    };
    let patient = PatientInput {
        given_name: "Zoë Amélie".into(),
        family_name: "N'Goé-Lefèvre".into(),
        sex: Sex::Female,
        birth_date: Some("1984-02-29".into()),
        allergies: vec![
            allergy("Pénicilline"),
            allergy("Sulfamides"),
            allergy("Latex"),
        ],
        ..Default::default()
    };
    let pid = store
        .register_patient(&admin, &patient, ChangeSource::Ui)?
        .id;
    let doctor = Actor {
        role: Role::Doctor,
        ..admin
    };
    let input = PrescriptionInput {
        patient_id: pid,
        items: vec![
            item("paracetamol", "500 mg", "after meals, at most 4 g a day"),
            item("omeprazole", "20 mg", "before breakfast"),
            item("metformin", "500 mg", "with food"),
            item("amlodipine", "5 mg", ""),
        ],
        notes: "Review in one week.".into(),
        ..Default::default()
    };
    let rx = store.create_prescription(&doctor, &input)?;
    let id = uuid::Uuid::parse_str(&rx.id)?;
    store.issue_prescription(&doctor, id, "")?;

    let (mut full, mut base) = (Vec::with_capacity(renders), Vec::with_capacity(renders));
    let (mut full_bytes, mut base_bytes) = (0usize, 0usize);
    for _ in 0..renders {
        let t = Instant::now();
        let printed = store.print_prescription(&doctor, id)?;
        full.push(t.elapsed());
        full_bytes = full_bytes.max(printed.pdf_base64.len() / 4 * 3);
        let t = Instant::now();
        let mut doc = PrintDoc::new("Baseline");
        doc.title("Prescription");
        doc.text("One line.");
        let bytes = doc.finish()?;
        base.push(t.elapsed());
        base_bytes = base_bytes.max(bytes.len());
    }
    Ok(report(&full, full_bytes, &base, base_bytes))
}

fn report(full: &[Duration], full_bytes: usize, base: &[Duration], base_bytes: usize) -> Value {
    let (f, b) = (Stats::of(full), Stats::of(base));
    let ok = |pass: bool| if pass { "met" } else { "MISSED" };
    println!("## Prescription PDF\n");
    println!("| path | n | p50 ms | p95 ms | max ms | largest PDF |");
    println!("|---|---|---|---|---|---|");
    println!(
        "| `print_prescription` (store, 4 medicines) | {} | {:.2} | {:.2} | {:.2} | {:.1} KB |",
        f.n,
        f.p50,
        f.p95,
        f.max,
        full_bytes as f64 / 1024.0
    );
    println!(
        "| baseline: one-line `PrintDoc` | {} | {:.2} | {:.2} | {:.2} | {:.1} KB |",
        b.n,
        b.p50,
        b.p95,
        b.max,
        base_bytes as f64 / 1024.0
    );
    println!();
    println!(
        "Goals: p95 ≤ {GOAL_PDF_P95_MS} ms: {}; size ≤ 100 KB: {}.\n",
        ok(f.p95 <= GOAL_PDF_P95_MS),
        ok(full_bytes <= GOAL_PDF_BYTES)
    );
    json!({
        "prescription_pdf": { "latency": f.json(), "max_bytes": full_bytes },
        "baseline_pdf": { "latency": b.json(), "max_bytes": base_bytes },
        "goals": { "p95_ms": GOAL_PDF_P95_MS, "max_bytes": GOAL_PDF_BYTES,
                   "p95_met": f.p95 <= GOAL_PDF_P95_MS, "size_met": full_bytes <= GOAL_PDF_BYTES },
    })
}
