//! `clinic-bench receipts`: the time and size of printing a receipt through the real store (load
//! the invoice document, lay out the A4 page, audit the export), against two baselines measured in
//! the same run: the same receipt's text written to a plain-text file (no layout, no PDF), and a
//! one-line document through the same `PrintDoc` builder (the fixed cost of any PDF).
use crate::clinic::new_clinic;
use crate::{BenchResult, Stats};
use clinic_domain::billing::{
    DiscountKind, LineInput, NewInvoiceInput, PaymentInput, PaymentMethod, PriceCategory,
    PriceItemInput,
};
use clinic_domain::patient::{PatientInput, Sex};
use clinic_domain::{Actor, ChangeSource, Role};
use clinic_store::billing::pdf::BillingDoc;
use clinic_store::print::PrintDoc;
use serde_json::{json, Value};
use std::fmt::Write as _;
use std::path::Path;
use std::time::{Duration, Instant};

pub const GOAL_RECEIPT_P95_MS: f64 = 150.0;
pub const GOAL_RECEIPT_BYTES: usize = 100 * 1024;

const ITEMS: [(&str, &str, PriceCategory, i64, i64); 8] = [
    (
        "CONS-GP",
        "GP consultation",
        PriceCategory::Consultation,
        2000,
        0,
    ),
    (
        "LAB-MAL",
        "Malaria rapid test",
        PriceCategory::LabTest,
        1500,
        1800,
    ),
    (
        "LAB-FBC",
        "Full blood count",
        PriceCategory::LabTest,
        2500,
        1800,
    ),
    (
        "PROC-DRS",
        "Wound dressing",
        PriceCategory::Procedure,
        1200,
        0,
    ),
    (
        "MED-PCM",
        "Paracetamol 500 mg",
        PriceCategory::Medicine,
        50,
        0,
    ),
    (
        "MED-AMX",
        "Amoxicillin 500 mg",
        PriceCategory::Medicine,
        120,
        0,
    ),
    (
        "MED-ORS",
        "Oral rehydration salts",
        PriceCategory::Medicine,
        80,
        0,
    ),
    (
        "MED-ZNC",
        "Zinc sulfate 20 mg",
        PriceCategory::Medicine,
        60,
        0,
    ),
];

/// Runs `renders` receipts of an eight-line invoice with two payments, and as many of each baseline.
pub fn run_receipts(renders: usize, dir: &Path) -> BenchResult<Value> {
    let (mut store, _, admin) = new_clinic(&dir.join("clinic.db"), "B1")?;
    let patient = PatientInput {
        given_name: "Zoë Amélie".into(),
        family_name: "N'Goé-Lefèvre".into(),
        sex: Sex::Female,
        birth_date: Some("1984-02-29".into()),
        ..Default::default()
    };
    let patient_id = store
        .register_patient(&admin, &patient, ChangeSource::Ui)?
        .id;
    let mut lines = Vec::new();
    for (i, (code, name, category, unit_price, tax_bp)) in ITEMS.into_iter().enumerate() {
        let input = PriceItemInput {
            code: code.into(),
            name: name.into(),
            category,
            unit_price,
            tax_bp,
            active: true,
        };
        let item = store.create_price_item(&admin, &input)?;
        let (discount_kind, discount_value) = if i == 2 {
            (DiscountKind::Percent, 1000)
        } else {
            (DiscountKind::None, 0)
        };
        lines.push(LineInput {
            item_id: item.id.to_string(),
            quantity: 1 + i as i64 % 3,
            discount_kind,
            discount_value,
        });
    }
    let clerk = Actor {
        role: Role::Receptionist,
        ..admin
    };
    let draft = store.create_invoice(
        &clerk,
        &NewInvoiceInput {
            patient_id,
            lines,
            ..Default::default()
        },
    )?;
    let id = uuid::Uuid::parse_str(&draft.id)?;
    let issued = store.issue_invoice(&clerk, id)?;
    let pay = |method, amount| PaymentInput {
        method,
        amount,
        reference: String::new(),
        credit: false,
    };
    store.take_payment(&clerk, id, &pay(PaymentMethod::Cash, 5000))?;
    let view = store.take_payment(
        &clerk,
        id,
        &pay(PaymentMethod::MobileMoney, issued.totals.total / 4),
    )?;
    let text = plain_text(&view);
    let text_file = dir.join("receipt.txt");

    let (mut full, mut plain, mut empty) = (Vec::new(), Vec::new(), Vec::new());
    let (mut full_bytes, mut plain_bytes, mut empty_bytes) = (0usize, 0usize, 0usize);
    for _ in 0..renders {
        let t = Instant::now();
        let pdf = store.billing_pdf(&clerk, id, BillingDoc::Receipt)?;
        full.push(t.elapsed());
        full_bytes = full_bytes.max(pdf.len());
        let t = Instant::now();
        std::fs::write(&text_file, &text)?;
        plain.push(t.elapsed());
        plain_bytes = plain_bytes.max(text.len());
        let t = Instant::now();
        let mut doc = PrintDoc::new("Baseline");
        doc.text("One line.");
        let bytes = doc.finish()?;
        empty.push(t.elapsed());
        empty_bytes = empty_bytes.max(bytes.len());
    }
    Ok(report(&[
        (
            "`billing_pdf` receipt (store, 8 lines, 2 payments)",
            &full,
            full_bytes,
        ),
        (
            "baseline: the same text to a plain-text file",
            &plain,
            plain_bytes,
        ),
        ("baseline: one-line `PrintDoc`", &empty, empty_bytes),
    ]))
}

fn plain_text(v: &clinic_store::billing::InvoiceView) -> String {
    let mut s = format!(
        "Kampala Road Clinic\nReceipt {}\n{}\n",
        v.invoice.number, v.invoice.patient_name
    );
    for (l, a) in v.invoice.lines.iter().zip(&v.line_amounts) {
        let _ = writeln!(
            s,
            "{}  x{}  {}",
            l.description,
            l.quantity,
            v.currency.format(a.total)
        );
    }
    let t = &v.totals;
    let _ = writeln!(
        s,
        "Total {}\nPaid {}\nBalance {}",
        v.currency.format(t.total),
        v.currency.format(t.paid),
        v.currency.format(t.balance)
    );
    s
}

fn report(rows: &[(&str, &[Duration], usize)]) -> Value {
    let ok = |pass: bool| if pass { "met" } else { "MISSED" };
    println!("## Receipt PDF\n");
    println!("| path | n | p50 ms | p95 ms | max ms | largest output |");
    println!("|---|---|---|---|---|---|");
    let mut out = Vec::new();
    for (name, samples, bytes) in rows {
        let s = Stats::of(samples);
        println!(
            "| {name} | {} | {:.2} | {:.2} | {:.2} | {:.1} KB |",
            s.n,
            s.p50,
            s.p95,
            s.max,
            *bytes as f64 / 1024.0
        );
        out.push((s, *bytes));
    }
    let (f, bytes) = out[0];
    println!();
    println!(
        "Goals: p95 ≤ {GOAL_RECEIPT_P95_MS} ms: {}; size ≤ 100 KB: {}.\n",
        ok(f.p95 <= GOAL_RECEIPT_P95_MS),
        ok(bytes <= GOAL_RECEIPT_BYTES)
    );
    json!({
        "receipt_pdf": { "latency": f.json(), "max_bytes": bytes },
        "baseline_text_file": { "latency": out[1].0.json(), "max_bytes": out[1].1 },
        "baseline_pdf": { "latency": out[2].0.json(), "max_bytes": out[2].1 },
        "goals": { "p95_ms": GOAL_RECEIPT_P95_MS, "max_bytes": GOAL_RECEIPT_BYTES,
                   "p95_met": f.p95 <= GOAL_RECEIPT_P95_MS, "size_met": bytes <= GOAL_RECEIPT_BYTES },
    })
}
