//! The "Stock alerts across clinics" report against real PCs of two clinics: pharmacists receive
//! and dispense stock on their SQLCipher stores, the real sync engine pushes the batches, and the
//! central report (page, CSV, JSON) shows each clinic's alerts by the pharmacy's own rules.
mod client_support;
mod reports_support;
mod support;

use chrono::{Duration, NaiveDate, Utc};
use client_support::*;
use clinic_domain::stock::{DispenseInput, ReceiveInput};
use clinic_domain::Actor;
use clinic_store::clock::{Clock, ManualClock, RandomIds, SystemClock};
use clinic_store::Store;
use reports_support::{Browser, ADMIN, PASSWORD as ADMIN_PASSWORD};
use serde_json::Value;
use std::sync::Arc;
use support::TestServer;

const PHARMACIST_PASSWORD: &str = "mortar pestle 7";
const API: &str = "/admin/api/stock_alerts";

fn pharmacist(pc: &Pc) -> Actor {
    pc.create_staff("auma", "Auma", "pharmacist", PHARMACIST_PASSWORD);
    signed_in(pc)
}

fn signed_in(pc: &Pc) -> Actor {
    pc.sign_in("auma", PHARMACIST_PASSWORD)
}

fn receive(pc: &Pc, who: &Actor, drug: &str, batch: &str, expiry: NaiveDate, quantity: i64) {
    let input = ReceiveInput {
        drug_id: drug.into(),
        batch_number: batch.into(),
        expiry: expiry.format("%Y-%m-%d").to_string(),
        supplier: "Joint Medical Store".into(),
        quantity,
    };
    pc.with(|s| s.receive_stock(who, &input)).unwrap();
}

/// Runs `f` with the PC's store clock set to `clock`, then back to the system clock.
fn at_time<T>(pc: &Pc, clock: Arc<dyn Clock>, f: impl FnOnce() -> T) -> T {
    let open = |clock: Arc<dyn Clock>| {
        Store::open(&pc.path, &pc.key, clock, Arc::new(RandomIds)).expect("open store")
    };
    *pc.store.lock().unwrap() = open(clock);
    let out = f();
    *pc.store.lock().unwrap() = open(Arc::new(SystemClock));
    out
}

/// `clinic|kind|drug|batch|expiry|on_hand` of each alert.
fn summary(report: &Value) -> Vec<String> {
    report
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            format!(
                "{}|{}|{}|{}|{}|{}",
                a["clinic_code"].as_str().unwrap(),
                a["kind"].as_str().unwrap(),
                a["drug_id"].as_str().unwrap(),
                a["batch_number"].as_str().unwrap(),
                a["expiry"].as_str().unwrap(),
                a["on_hand"]
            )
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_clinics_stock_alerts_are_shown_centrally_and_follow_dispensing() {
    let server = TestServer::start().await;
    let admin = server.main.server.admin();
    admin.create_clinic("BETA", "Beta Clinic").await.unwrap();
    admin.create_admin(ADMIN, ADMIN_PASSWORD).await.unwrap();
    let a = Pc::offline("ALPHA", "A1");
    a.connect(&server, "ALPHA").await.expect("ALPHA connects");
    let b = Pc::offline("BETA", "B1");
    b.connect(&server, "BETA").await.expect("BETA connects");
    let pa = pharmacist(&a);
    pharmacist(&b);
    let today = Utc::now().date_naive();
    let far = today + Duration::days(400);
    let soon = today + Duration::days(30);

    // ALPHA: plenty of paracetamol, 10 amoxicillin (low), ibuprofen expiring in 30 days.
    receive(&a, &pa, "paracetamol", "P1", far, 100);
    receive(&a, &pa, "amoxicillin", "A1", far, 10);
    receive(&a, &pa, "ibuprofen", "I1", soon, 50);
    // BETA: paracetamol received a year ago that expired six months ago, still on the shelf.
    let year_ago = Utc::now() - Duration::days(365);
    let expired = year_ago.date_naive() + Duration::days(180);
    at_time(&b, Arc::new(ManualClock::new(year_ago)), || {
        receive(&b, &signed_in(&b), "paracetamol", "B1", expired, 40);
    });
    a.sync().await.unwrap();
    b.sync().await.unwrap();

    let mut br = Browser::new(&server.main.base);
    br.login_ok().await;
    let (far, soon, expired) = (far.to_string(), soon.to_string(), expired.to_string());
    assert_eq!(
        summary(&br.json(API).await),
        [
            format!("ALPHA|expiring_soon|ibuprofen|I1|{soon}|50"),
            "ALPHA|low_stock|amoxicillin|||10".to_string(),
            format!("BETA|expired|paracetamol|B1|{expired}|40"),
            "BETA|low_stock|paracetamol|||0".to_string(),
        ]
    );

    // ALPHA dispenses 85 paracetamol: after the sync the central level follows (15 left, low).
    let input = DispenseInput {
        drug_id: "paracetamol".into(),
        quantity: 85,
        prescription_id: None,
        prescription_version: None,
    };
    a.with(|s| s.dispense_stock(&pa, &input)).unwrap();
    a.sync().await.unwrap();
    assert_eq!(a.pending(), 0);
    let alpha = br.json(&format!("{API}?clinic=ALPHA")).await;
    let mut got = summary(&alpha);
    got.sort();
    assert_eq!(
        got,
        [
            format!("ALPHA|expiring_soon|ibuprofen|I1|{soon}|50"),
            "ALPHA|low_stock|amoxicillin|||10".to_string(),
            "ALPHA|low_stock|paracetamol|||15".to_string(),
        ]
    );
    let db = server.db.client().await;
    let on_hand: i64 = db
        .query_one(
            "SELECT on_hand FROM stock_batches WHERE batch_number = 'P1'",
            &[],
        )
        .await
        .unwrap()
        .get(0);
    assert_eq!(on_hand, 15);
    assert!(!summary(&alpha).iter().any(|s| s.contains(&far)));

    // A second ALPHA PC: both dispense 8 of the 10 amoxicillin offline. The merged batch is at
    // -6 centrally too, and shows as below zero.
    let a2 = Pc::empty();
    a2.connect(&server, "ALPHA").await.expect("second PC joins");
    a2.sync().await.unwrap();
    let pa2 = signed_in(&a2);
    let amoxicillin = DispenseInput {
        drug_id: "amoxicillin".into(),
        quantity: 8,
        prescription_id: None,
        prescription_version: None,
    };
    a.with(|s| s.dispense_stock(&pa, &amoxicillin)).unwrap();
    a2.with(|s| s.dispense_stock(&pa2, &amoxicillin)).unwrap();
    a.sync().await.unwrap();
    a2.sync().await.unwrap();
    let mut got = summary(&br.json(&format!("{API}?clinic=ALPHA")).await);
    got.sort();
    assert_eq!(
        got,
        [
            format!("ALPHA|expiring_soon|ibuprofen|I1|{soon}|50"),
            "ALPHA|low_stock|amoxicillin|||0".to_string(),
            "ALPHA|low_stock|paracetamol|||15".to_string(),
            format!("ALPHA|negative|amoxicillin|A1|{far}|-6"),
        ]
    );

    // CSV of one clinic.
    let csv = br.get("/admin/reports/stock_alerts.csv?clinic=BETA").await;
    assert_eq!(csv.status, 200);
    assert_eq!(
        csv.header("content-disposition"),
        "attachment; filename=\"stock_alerts-BETA.csv\""
    );
    let lines: Vec<&str> = csv.body.lines().collect();
    assert_eq!(
        lines[0],
        "clinic_code,kind,drug_id,drug_name,batch_number,expiry,on_hand"
    );
    assert_eq!(lines.len(), 3, "{}", csv.body);
    assert!(
        lines[1].starts_with("BETA,expired,paracetamol,")
            && lines[1].ends_with(&format!(",B1,{expired},40"))
    );

    // The page, linked from the overview and from the clinic's page.
    assert!(br
        .get("/admin")
        .await
        .body
        .contains("href=\"/admin/stock\""));
    assert!(br
        .get("/admin/clinics/BETA")
        .await
        .body
        .contains("href=\"/admin/stock?clinic=BETA\""));
    let page = br.get("/admin/stock?clinic=BETA").await;
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains("Expired, still in stock") && page.body.contains("<td>B1</td>"));
    assert!(
        !page.body.contains("<td>I1</td>"),
        "no other clinic's alerts"
    );
    assert_eq!(br.get("/admin/stock?clinic=NOPE").await.status, 404);

    // No admin session: nothing.
    let mut anonymous = Browser::new(&server.main.base);
    assert_eq!(anonymous.get(API).await.status, 401);
    let r = anonymous.get("/admin/stock").await;
    assert_eq!((r.status, r.location()), (303, Some("/admin/login")));
}
