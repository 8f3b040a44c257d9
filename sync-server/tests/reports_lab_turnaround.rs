//! The "Lab turnaround time" report against real PCs: a doctor orders tests, a nurse collects, one
//! lab technician receives and enters results and another validates, on SQLCipher stores whose
//! clocks the test sets; the real sync engine pushes the orders and the central report (page, CSV,
//! JSON) gives exact medians and 90th percentiles per clinic, week and priority.
mod client_support;
mod reports_support;
mod support;

use chrono::{DateTime, Duration, TimeZone, Utc};
use client_support::*;
use clinic_domain::encounter::EncounterOpenInput;
use clinic_domain::lab::{
    LabCancelInput, LabOrderInput, LabPriority, LabResultInput, LabResultsInput,
};
use clinic_domain::Actor;
use clinic_store::clock::{ManualClock, RandomIds, SystemClock};
use clinic_store::Store;
use reports_support::{Browser, ADMIN, PASSWORD as ADMIN_PASSWORD};
use serde_json::{json, Value};
use std::sync::Arc;
use support::TestServer;
use uuid::Uuid;

const STAFF_PASSWORD: &str = "pipette 77 blue";
const API: &str = "/admin/api/lab_turnaround";

fn open(pc: &Pc, clock: Arc<dyn clinic_store::clock::Clock>) {
    *pc.store.lock().unwrap() =
        Store::open(&pc.path, &pc.key, clock, Arc::new(RandomIds)).expect("open store");
}

/// Runs `f` as `user` on the PC with its clock at `t`, then back to the system clock.
fn at<T>(
    pc: &Pc,
    t: DateTime<Utc>,
    user: &str,
    f: impl FnOnce(&mut Store, &Actor) -> clinic_store::Result<T>,
) -> T {
    open(pc, Arc::new(ManualClock::new(t)));
    let out = pc
        .with(|s| {
            let actor = s.authenticate(user, STAFF_PASSWORD)?.0;
            f(s, &actor)
        })
        .unwrap();
    open(pc, Arc::new(SystemClock));
    out
}

fn staff(pc: &Pc) {
    for (username, role) in [
        ("okello", "doctor"),
        ("apio", "nurse"),
        ("mukasa", "lab_technician"),
        ("namuli", "lab_technician"),
    ] {
        pc.create_staff(username, username, role, STAFF_PASSWORD);
    }
}

/// A new patient seen by the doctor at `t`, with an order of haemoglobin: the order id.
fn order(pc: &Pc, t: DateTime<Utc>, priority: LabPriority) -> Uuid {
    let patient = pc.register("Amina");
    at(pc, t, "okello", |s, a| {
        let open = EncounterOpenInput {
            patient_id: patient.to_string(),
            appointment_id: None,
            chief_complaint: "Fatigue".into(),
        };
        let encounter = s.open_encounter(a, &open)?.id;
        let input = LabOrderInput {
            encounter_id: encounter,
            test_ids: vec!["hb".into()],
            priority,
            clinical_note: String::new(),
        };
        Ok(Uuid::parse_str(&s.order_lab_tests(a, &input)?.id).unwrap())
    })
}

fn collect(pc: &Pc, t: DateTime<Utc>, id: Uuid) {
    at(pc, t, "apio", |s, a| {
        s.collect_lab_sample(a, id).map(|_| ())
    });
}

/// Received at `received`, resulted a minute before `validated`, validated by a second person.
fn finish(pc: &Pc, id: Uuid, received: DateTime<Utc>, validated: DateTime<Utc>) {
    at(pc, received, "mukasa", |s, a| {
        s.receive_lab_sample(a, id).map(|_| ())
    });
    at(pc, validated - Duration::minutes(1), "mukasa", |s, a| {
        let results = LabResultsInput {
            results: vec![LabResultInput {
                test_id: "hb".into(),
                value: "13.5".into(),
                comment: String::new(),
            }],
        };
        s.enter_lab_results(a, id, &results).map(|_| ())
    });
    at(pc, validated, "namuli", |s, a| {
        s.validate_lab_results(a, id).map(|_| ())
    });
}

fn row(priority: &str, validated: i64, minutes: [Option<f64>; 4], pending: i64) -> Value {
    json!({"clinic_code": "ALPHA", "week": "2026-W45", "priority": priority,
           "validated": validated,
           "median_order_to_validated_min": minutes[0], "p90_order_to_validated_min": minutes[1],
           "median_received_to_validated_min": minutes[2],
           "p90_received_to_validated_min": minutes[3], "pending_over_24h": pending})
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn turnaround_per_week_and_priority_with_exact_percentiles() {
    let server = TestServer::start().await;
    let admin = server.main.server.admin();
    admin.create_admin(ADMIN, ADMIN_PASSWORD).await.unwrap();
    let a1 = Pc::offline("ALPHA", "A1");
    a1.connect(&server, "ALPHA").await.expect("A1 connects");
    staff(&a1);

    // Monday 2 November 2026 (ISO week 45), 08:00 UTC: every order is placed then.
    let base = Utc.with_ymd_and_hms(2026, 11, 2, 8, 0, 0).unwrap();
    let m = |minutes: i64| base + Duration::minutes(minutes);

    // Routine, order → validated / received → validated: 60/30, 120/60, 180/160, 280/40 (the
    // last one validated on the second PC).
    for (received, validated) in [(30, 60), (60, 120), (20, 180)] {
        let id = order(&a1, base, LabPriority::Routine);
        collect(&a1, m(5), id);
        finish(&a1, id, m(received), m(validated));
    }
    let moved = order(&a1, base, LabPriority::Routine);
    collect(&a1, m(5), moved);
    // Urgent: 30/20.
    let urgent = order(&a1, base, LabPriority::Urgent);
    collect(&a1, m(2), urgent);
    finish(&a1, urgent, m(10), m(30));
    // A cancelled order counts nowhere; one still waiting since Monday is pending over 24 h; one
    // ordered just now is not (yet).
    let cancelled = order(&a1, base, LabPriority::Routine);
    collect(&a1, m(5), cancelled);
    at(&a1, m(15), "mukasa", |s, a| {
        let input = LabCancelInput {
            reason: "Sample haemolysed".into(),
        };
        s.cancel_lab_order(a, cancelled, &input).map(|_| ())
    });
    let waiting = order(&a1, base, LabPriority::Routine);
    collect(&a1, m(5), waiting);
    order(&a1, Utc::now(), LabPriority::Routine);
    a1.sync().await.unwrap();

    // The second PC joins, receives and validates the order collected on the first.
    let a2 = Pc::empty();
    a2.connect(&server, "ALPHA").await.expect("A2 joins");
    finish(&a2, moved, m(240), m(280));
    a2.sync().await.unwrap();
    a1.sync().await.unwrap();
    a2.sync().await.unwrap();
    assert_eq!((a1.pending(), a2.pending()), (0, 0));

    let db = server.db.client().await;
    let stored = db
        .query_one(
            "SELECT count(*), max(status), max(validated_at), max(collected_at)
             FROM lab_orders WHERE id = $1",
            &[&moved],
        )
        .await
        .unwrap();
    assert_eq!(stored.get::<_, i64>(0), 1, "one row for the order");
    assert_eq!(stored.get::<_, String>(1), "validated");
    assert_eq!(stored.get::<_, DateTime<Utc>>(2), m(280));
    assert_eq!(stored.get::<_, DateTime<Utc>>(3), m(5));
    let total: i64 = db
        .query_one("SELECT count(*) FROM lab_orders", &[])
        .await
        .unwrap()
        .get(0);
    assert_eq!(total, 8);

    let mut br = Browser::new(&server.main.base);
    br.login_ok().await;
    let expected = json!([
        row(
            "routine",
            4,
            [Some(150.0), Some(250.0), Some(50.0), Some(130.0)],
            1
        ),
        row(
            "urgent",
            1,
            [Some(30.0), Some(30.0), Some(20.0), Some(20.0)],
            0
        ),
    ]);
    assert_eq!(br.json(API).await, expected);
    assert_eq!(br.json(&format!("{API}?clinic=ALPHA")).await, expected);
    assert_eq!(br.json(&format!("{API}?clinic=BETA")).await, json!([]));

    // CSV: the same rows.
    let csv = br
        .get("/admin/reports/lab_turnaround.csv?clinic=ALPHA")
        .await;
    assert_eq!(csv.status, 200);
    assert_eq!(
        csv.header("content-disposition"),
        "attachment; filename=\"lab_turnaround-ALPHA.csv\""
    );
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "clinic_code",
        "week",
        "priority",
        "validated",
        "median_order_to_validated_min",
        "p90_order_to_validated_min",
        "median_received_to_validated_min",
        "p90_received_to_validated_min",
        "pending_over_24h",
    ])
    .unwrap();
    w.write_record([
        "ALPHA", "2026-W45", "routine", "4", "150.0", "250.0", "50.0", "130.0", "1",
    ])
    .unwrap();
    w.write_record([
        "ALPHA", "2026-W45", "urgent", "1", "30.0", "30.0", "20.0", "20.0", "0",
    ])
    .unwrap();
    assert_eq!(
        csv.body,
        String::from_utf8(w.into_inner().unwrap()).unwrap()
    );

    // The page, linked from the overview and the clinic page; no patient names.
    assert!(br.get("/admin").await.body.contains("href=\"/admin/lab\""));
    let clinic = br.get("/admin/clinics/ALPHA").await;
    assert!(clinic.body.contains("href=\"/admin/lab?clinic=ALPHA\""));
    let page = br.get("/admin/lab?clinic=ALPHA").await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(
        page.body.contains("<td class=\"n\">150.0</td>"),
        "{}",
        page.body
    );
    assert!(page
        .body
        .contains("href=\"/admin/api/lab_turnaround?clinic=ALPHA\""));
    for name in ["Amina", "Nakato", "okello", "namuli"] {
        assert!(!page.body.contains(name), "no names");
    }
    assert_eq!(br.get("/admin/lab?clinic=NOPE").await.status, 404);

    // Without an admin session nothing is shown.
    let mut anonymous = Browser::new(&server.main.base);
    assert_eq!(anonymous.get(API).await.status, 401);
    let r = anonymous.get("/admin/reports/lab_turnaround.csv").await;
    assert_eq!((r.status, r.location()), (303, Some("/admin/login")));
    assert!(!r.body.contains("2026-W45"));
    let r = anonymous.get("/admin/lab").await;
    assert_eq!((r.status, r.location()), (303, Some("/admin/login")));
}
