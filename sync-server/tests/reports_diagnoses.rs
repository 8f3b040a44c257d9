//! The "Top diagnoses per week" report against real PCs of two clinics: doctors record encounters
//! with ICD-10 diagnoses on their SQLCipher stores, the real sync engine pushes them, and the
//! central report (page, CSV, JSON) counts them per clinic and ISO week, an edited encounter once.
mod client_support;
mod reports_support;
mod support;

use chrono::{Duration, Utc};
use client_support::*;
use clinic_domain::encounter::{DiagnosisInput, EncounterOpenInput};
use clinic_domain::icd10;
use clinic_domain::Actor;
use clinic_store::clock::{Clock, ManualClock, RandomIds, SystemClock};
use clinic_store::Store;
use reports_support::{Browser, ADMIN, PASSWORD as ADMIN_PASSWORD};
use serde_json::{json, Value};
use std::sync::Arc;
use support::TestServer;
use uuid::Uuid;

const DOCTOR_PASSWORD: &str = "stethoscope 99";
const API: &str = "/admin/api/top_diagnoses_per_week";

/// A doctor on `pc`, signed in.
fn doctor(pc: &Pc) -> Actor {
    pc.create_staff("okello", "Dr Okello", "doctor", DOCTOR_PASSWORD);
    pc.sign_in("okello", DOCTOR_PASSWORD)
}

/// Opens an encounter for `patient` with `codes` (the first primary): the encounter id.
fn encounter(pc: &Pc, doctor: &Actor, patient: Uuid, codes: &[&str]) -> Uuid {
    pc.with(|s| {
        let open = EncounterOpenInput {
            patient_id: patient.to_string(),
            appointment_id: None,
            chief_complaint: "Fever".into(),
        };
        let id = Uuid::parse_str(&s.open_encounter(doctor, &open)?.id).unwrap();
        for (i, code) in codes.iter().enumerate() {
            let input = DiagnosisInput {
                code: code.to_string(),
                primary: i == 0,
                note: String::new(),
            };
            s.add_diagnosis(doctor, id, &input)?;
        }
        Ok(id)
    })
    .unwrap()
}

/// Runs `f` on the PC's store with its clock set to `at`, then back to the system clock.
fn at_time<T>(pc: &Pc, clock: Arc<dyn Clock>, f: impl FnOnce() -> T) -> T {
    let open = |clock: Arc<dyn Clock>| {
        Store::open(&pc.path, &pc.key, clock, Arc::new(RandomIds)).expect("open store")
    };
    *pc.store.lock().unwrap() = open(clock);
    let out = f();
    *pc.store.lock().unwrap() = open(Arc::new(SystemClock));
    out
}

fn row(clinic: &str, week: &str, rank: i64, code: &str, encounters: i64, patients: i64) -> Value {
    let title = icd10::lookup(code).expect("a listed code").title;
    json!({"clinic_code": clinic, "week": week, "rank": rank, "code": code, "title": title,
           "encounters": encounters, "patients": patients})
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn top_diagnoses_are_counted_per_clinic_and_week_and_an_edit_once() {
    let server = TestServer::start().await;
    let admin = server.main.server.admin();
    admin.create_clinic("BETA", "Beta Clinic").await.unwrap();
    admin.create_admin(ADMIN, ADMIN_PASSWORD).await.unwrap();
    let a = Pc::offline("ALPHA", "A1");
    a.connect(&server, "ALPHA").await.expect("ALPHA connects");
    let b = Pc::offline("BETA", "B1");
    b.connect(&server, "BETA").await.expect("BETA connects");
    let (doc_a, doc_b) = (doctor(&a), doctor(&b));

    // ALPHA this week: Amina twice with a cold (once with hypertension too), Grace with a cold,
    // Joseph with malaria and hypertension (the hypertension is removed after the first sync).
    let amina = a.register("Amina");
    let grace = a.register("Grace");
    let joseph = a.register("Joseph");
    encounter(&a, &doc_a, amina, &["J06.9", "I10"]);
    encounter(&a, &doc_a, amina, &["J06.9"]);
    encounter(&a, &doc_a, grace, &["J06.9"]);
    let edited = encounter(&a, &doc_a, joseph, &["B54", "I10"]);
    // ALPHA last week (recorded then, synced now): Grace with malaria.
    let last_week = Utc::now() - Duration::days(7);
    at_time(&a, Arc::new(ManualClock::new(last_week)), || {
        let doc = a.sign_in("okello", DOCTOR_PASSWORD);
        encounter(&a, &doc, grace, &["B54"]);
    });
    // BETA this week: diarrhoea and a cold.
    let kato = b.register("Kato");
    encounter(&b, &doc_b, kato, &["A09", "J06.9"]);
    a.sync().await.unwrap();
    b.sync().await.unwrap();

    let week = Utc::now().format("%G-W%V").to_string();
    let before = last_week.format("%G-W%V").to_string();
    let mut br = Browser::new(&server.main.base);
    br.login_ok().await;
    let report = br.json(&format!("{API}?clinic=ALPHA")).await;
    assert_eq!(
        report,
        json!([
            row("ALPHA", &before, 1, "B54", 1, 1),
            row("ALPHA", &week, 1, "J06.9", 3, 2),
            row("ALPHA", &week, 2, "I10", 2, 2),
            row("ALPHA", &week, 3, "B54", 1, 1),
        ])
    );

    // The doctor removes Joseph's hypertension; after the sync it is counted once, not twice.
    a.with(|s| {
        let view = s.open_encounter_record(&doc_a, edited)?;
        let hypertension = view
            .encounter
            .diagnoses
            .iter()
            .find(|d| d.code == "I10")
            .map(|d| d.id.clone())
            .unwrap();
        s.remove_diagnosis(&doc_a, edited, &hypertension)
    })
    .unwrap();
    a.sync().await.unwrap();
    assert_eq!(a.pending(), 0);
    let all = br.json(API).await;
    assert_eq!(
        all,
        json!([
            row("ALPHA", &before, 1, "B54", 1, 1),
            row("ALPHA", &week, 1, "J06.9", 3, 2),
            row("ALPHA", &week, 2, "B54", 1, 1),
            row("ALPHA", &week, 3, "I10", 1, 1),
            row("BETA", &week, 1, "A09", 1, 1),
            row("BETA", &week, 2, "J06.9", 1, 1),
        ])
    );
    let db = server.db.client().await;
    let stored: i64 = db
        .query_one(
            "SELECT count(*) FROM encounter_diagnoses WHERE encounter_id = $1",
            &[&edited],
        )
        .await
        .unwrap()
        .get(0);
    assert_eq!(
        stored, 1,
        "only the malaria row is left for the edited encounter"
    );

    // One clinic's rows only, and `top` limits each clinic's week.
    let beta = br.json(&format!("{API}?clinic=BETA&top=1")).await;
    assert_eq!(beta, json!([row("BETA", &week, 1, "A09", 1, 1)]));
    let top1 = br.json(&format!("{API}?top=1")).await;
    let codes: Vec<(&str, &str)> = top1
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["clinic_code"].as_str().unwrap(),
                r["code"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        codes,
        [("ALPHA", "B54"), ("ALPHA", "J06.9"), ("BETA", "A09")]
    );

    // CSV: the same rows, titles included.
    let csv = br
        .get("/admin/reports/top_diagnoses_per_week.csv?clinic=BETA")
        .await;
    assert_eq!(csv.status, 200);
    assert_eq!(
        csv.header("content-disposition"),
        "attachment; filename=\"top_diagnoses_per_week-BETA.csv\""
    );
    let a09 = icd10::lookup("A09").unwrap().title;
    let cold = icd10::lookup("J06.9").unwrap().title;
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "clinic_code",
        "week",
        "rank",
        "code",
        "title",
        "encounters",
        "patients",
    ])
    .unwrap();
    w.write_record(["BETA", &week, "1", "A09", &a09, "1", "1"])
        .unwrap();
    w.write_record(["BETA", &week, "2", "J06.9", &cold, "1", "1"])
        .unwrap();
    assert_eq!(
        csv.body,
        String::from_utf8(w.into_inner().unwrap()).unwrap()
    );

    // The page, linked from the overview; codes and counts, no patient names.
    let overview = br.get("/admin").await;
    assert!(overview.body.contains("href=\"/admin/diagnoses\""));
    let page = br.get("/admin/diagnoses?clinic=ALPHA&top=2").await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains("<td>J06.9</td>") && page.body.contains("<td>B54</td>"));
    assert!(
        !page.body.contains("<td>I10</td>"),
        "rank 3 is beyond top=2"
    );
    assert!(!page.body.contains("A09"), "no other clinic's rows");
    assert!(page
        .body
        .contains("href=\"/admin/api/top_diagnoses_per_week?top=2&amp;clinic=ALPHA\""));
    for name in ["Amina", "Grace", "Joseph", "Kato", "Nakato"] {
        assert!(!page.body.contains(name), "no patient names");
    }
    assert_eq!(br.get("/admin/diagnoses?clinic=NOPE").await.status, 404);

    // A bad `top` is refused with the field named, everywhere.
    for bad in ["0", "51", "ten", "-1"] {
        let r = br.get(&format!("{API}?top={bad}")).await;
        assert_eq!(r.status, 400, "{bad}");
        let body: Value = serde_json::from_str(&r.body).unwrap();
        assert!(
            body.to_string()
                .contains("top: must be a whole number from 1 to 50"),
            "{body}"
        );
        let r = br
            .get(&format!(
                "/admin/reports/top_diagnoses_per_week.csv?top={bad}"
            ))
            .await;
        assert_eq!(r.status, 400, "{bad}");
        let r = br.get(&format!("/admin/diagnoses?top={bad}")).await;
        assert_eq!(r.status, 400, "{bad}");
        assert!(r.body.contains("from 1 to 50"));
    }

    // Without an admin session nothing is shown, and a PC's token is no admin session.
    let mut anonymous = Browser::new(&server.main.base);
    assert_eq!(anonymous.get(API).await.status, 401);
    let r = anonymous.get("/admin/diagnoses").await;
    assert_eq!((r.status, r.location()), (303, Some("/admin/login")));
    let device = server.device("ALPHA", "Front desk").await;
    let token = device.enrolled.token.clone();
    let r = reqwest::Client::new()
        .get(format!("{}{API}", server.main.base))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 401);
}
