//! A front-desk day on two PCs with no internet, then one sync through the real server: both PCs
//! book the same doctor at overlapping times and each invoices and takes a payment. After syncing,
//! both PCs and the server hold the same double-booking issue (one record), the two invoice
//! numbers differ, both payments are kept, and the central visits-and-revenue report counts them.
mod client_support;
mod reports_support;
mod support;

use chrono::{Duration, Local};
use client_support::*;
use clinic_domain::appointment::AppointmentInput;
use clinic_domain::billing::{
    DiscountKind, LineInput, NewInvoiceInput, PaymentInput, PaymentMethod, PriceCategory,
    PriceItemInput,
};
use clinic_domain::sync_issue::{SyncIssueKind, SyncIssueStatus};
use reports_support::{Browser, ADMIN, PASSWORD as ADMIN_PASSWORD};
use support::TestServer;
use uuid::Uuid;

/// Books the doctor for `patient` tomorrow at `time` for 30 minutes.
fn book(pc: &Pc, patient: Uuid, doctor: &str, time: &str) -> String {
    let actor = pc.actor();
    let day = (Local::now() + Duration::days(1)).format("%Y-%m-%d");
    let input = AppointmentInput {
        patient_id: patient.to_string(),
        clinician_id: doctor.into(),
        start: format!("{day}T{time}"),
        duration_minutes: 30,
        reason: "Review".into(),
    };
    pc.with(|s| s.book_appointment(&actor, &input)).unwrap().id
}

/// Invoices one consultation for `patient`, issues it and takes `paid` in cash: the invoice number.
fn invoice_and_pay(pc: &Pc, patient: Uuid, item: &str, paid: i64) -> String {
    let actor = pc.actor();
    let input = NewInvoiceInput {
        patient_id: patient.to_string(),
        lines: vec![LineInput {
            item_id: item.into(),
            quantity: 1,
            discount_kind: DiscountKind::default(),
            discount_value: 0,
        }],
        ..Default::default()
    };
    pc.with(|s| {
        let id = Uuid::parse_str(&s.create_invoice(&actor, &input)?.id).unwrap();
        s.issue_invoice(&actor, id)?;
        let payment = PaymentInput {
            method: PaymentMethod::Cash,
            amount: paid,
            reference: String::new(),
            credit: false,
        };
        Ok(s.take_payment(&actor, id, &payment)?.invoice.number)
    })
    .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_front_desk_day_offline_on_two_pcs_merges_with_the_double_booking_surfaced() {
    let server = TestServer::start().await;
    let a = Pc::offline("ALPHA", "A1");
    a.connect(&server, "ALPHA").await.expect("A connects");
    let b = Pc::empty();
    b.connect(&server, "ALPHA").await.expect("B joins");

    // Set up on A: a doctor, a price, two patients; B receives them.
    let admin = a.actor();
    let doctor = a
        .create_staff("okello", "Dr Okello", "doctor", "stethoscope 99")
        .to_string();
    let item = a
        .with(|s| {
            let input = PriceItemInput {
                code: "CONS".into(),
                name: "Consultation".into(),
                category: PriceCategory::Consultation,
                unit_price: 2_000_000,
                tax_bp: 0,
                active: true,
            };
            s.create_price_item(&admin, &input)
        })
        .unwrap()
        .id
        .to_string();
    let amina = a.register("Amina");
    let grace = a.register("Grace");
    a.sync().await.unwrap();
    b.sync().await.unwrap();

    // Offline: each PC books the doctor at overlapping times, invoices and takes a payment.
    let on_a = book(&a, amina, &doctor, "09:00");
    let on_b = book(&b, grace, &doctor, "09:15");
    let number_a = invoice_and_pay(&a, amina, &item, 2_000_000);
    let number_b = invoice_and_pay(&b, grace, &item, 1_500_000);
    assert_ne!(
        number_a, number_b,
        "invoice numbers made offline on two PCs collide"
    );

    a.sync().await.unwrap();
    b.sync().await.unwrap();
    a.sync().await.unwrap();
    assert_eq!((a.pending(), b.pending()), (0, 0));

    // The same one double booking on both PCs, naming both appointments.
    let issues = |pc: &Pc| {
        let actor = pc.actor();
        pc.with(|s| s.sync_issues(&actor, Some(SyncIssueStatus::Open)))
            .unwrap()
            .into_iter()
            .filter(|i| i.kind == SyncIssueKind::DoubleBooking)
            .map(|i| i.id)
            .collect::<Vec<_>>()
    };
    let (ia, ib) = (issues(&a), issues(&b));
    assert_eq!(ia.len(), 1, "A: {ia:?}");
    assert_eq!(ia, ib, "both PCs hold the same issue record");
    assert_converged(&server, "ALPHA", &[&a, &b]).await;

    // Centrally: the issue, both appointments and both invoices with their payments.
    let db = server.db.client().await;
    let central_issue: Vec<String> = db
        .query(
            "SELECT s.id::text FROM sync_issues s JOIN clinics c ON c.id = s.clinic_id
             WHERE c.code = 'ALPHA' AND s.kind = 'double_booking' AND s.status = 'open'",
            &[],
        )
        .await
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    assert_eq!(central_issue, ia);
    let booked: Vec<String> = db
        .query("SELECT id::text FROM appointments ORDER BY id", &[])
        .await
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    let mut want = vec![on_a, on_b];
    want.sort();
    assert_eq!(booked, want);
    let money = db
        .query_one(
            "SELECT count(*), sum(total)::int8, sum(paid)::int8 FROM invoices WHERE status = 'issued'",
            &[],
        )
        .await
        .unwrap();
    let (n, total, paid): (i64, i64, i64) = (money.get(0), money.get(1), money.get(2));
    assert_eq!((n, total, paid), (2, 4_000_000, 3_500_000));

    // The central report adds them up (no visit yet: nobody was checked in).
    server
        .main
        .server
        .admin()
        .create_admin(ADMIN, ADMIN_PASSWORD)
        .await
        .unwrap();
    let mut br = Browser::new(&server.main.base);
    br.login_ok().await;
    let report = br
        .json("/admin/api/visits_revenue_per_week?clinic=ALPHA")
        .await;
    let rows = report.as_array().unwrap();
    let sum = |key: &str| rows.iter().map(|r| r[key].as_i64().unwrap()).sum::<i64>();
    assert_eq!(
        (sum("invoiced"), sum("collected"), sum("visits")),
        (4_000_000, 3_500_000, 0)
    );
}
