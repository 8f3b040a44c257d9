//! The report tables (pages, CSV and JSON) against the database after real PCs enroll and push
//! real Automerge changes.
mod reports_support;
mod support;

use clinic_domain::sync::PushChange;
use clinic_domain::RecordKind;
use reports_support::{Browser, ADMIN, PASSWORD};
use serde_json::Value;
use support::docs::{patient, PatientDoc};
use support::TestServer;
use uuid::Uuid;

fn csv_rows(body: &str) -> Vec<std::collections::HashMap<String, String>> {
    let mut r = csv::Reader::from_reader(body.as_bytes());
    let headers = r.headers().unwrap().clone();
    r.records()
        .map(|rec| {
            headers
                .iter()
                .zip(rec.unwrap().iter())
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}

#[tokio::test]
async fn tables_match_the_database_after_real_pushes() {
    let ts = TestServer::start().await;
    let admin = ts.main.server.admin();
    admin.create_admin(ADMIN, PASSWORD).await.unwrap();
    admin.create_clinic("BETA", "Beta Clinic").await.unwrap();
    let a = ts.device("ALPHA", "Front desk").await;
    let b = ts.device("ALPHA", "Consultation").await;

    // Three patients, one then deleted, and one change the server cannot read.
    let (r1, c1) = PatientDoc::create(a.id, &patient("ALPHA-AA-1", "Ada", "Lovelace"));
    let (r2, c2) = PatientDoc::create(a.id, &patient("ALPHA-AA-2", "Grace", "Hopper"));
    let (mut r3, c3) = PatientDoc::create(a.id, &patient("ALPHA-AA-3", "Alan", "Turing"));
    let del = r3.edit(|p| p.deleted = true);
    let bad = PushChange {
        local_seq: 5,
        record_id: Uuid::now_v7(),
        kind: RecordKind::Patient,
        change: vec![9, 9, 9].into(),
    };
    let pushed = a
        .api
        .push(vec![
            r1.push(1, &c1),
            r2.push(2, &c2),
            r3.push(3, &c3),
            r3.push(4, &del),
            bad,
        ])
        .await
        .unwrap();
    assert_eq!((pushed.applied, pushed.rejected.len()), (4, 1));
    // PC b fetches everything; PC a never pulls, so it lags behind its own changes' head.
    b.api.pull_all(0).await;

    let mut br = Browser::new(&ts.main.base);
    let page = br.login_ok().await;
    for name in ["Lovelace", "Hopper", "Turing", "Ada", "Grace", "ALPHA-AA-1"] {
        assert!(!page.body.contains(name), "no patient data on the page");
    }

    // clinics
    let db = ts.db.client().await;
    let head: i64 = db
        .query_one("SELECT head_seq FROM clinics WHERE code = 'ALPHA'", &[])
        .await
        .unwrap()
        .get(0);
    assert_eq!(head, 4);
    let clinics = br.json("/admin/api/clinics").await;
    let alpha = &clinics.as_array().unwrap()[0];
    assert_eq!(clinics.as_array().unwrap().len(), 2);
    assert_eq!(alpha["code"], "ALPHA");
    assert_eq!(alpha["head_seq"], head);
    assert_eq!(alpha["active_devices"], 2);
    assert_eq!(alpha["records"]["patient"], 3);
    assert_eq!(alpha["records_total"], 3);
    assert_eq!(alpha["rejected"], 1);
    assert_eq!(alpha["max_lag"], 4, "PC a has pulled nothing yet");
    assert_eq!(alpha["behind"], true, "a rejected change");
    let reasons = alpha["reasons"].to_string();
    assert!(reasons.contains("1 change rejected"), "{reasons}");
    assert_eq!(clinics[1]["code"], "BETA");
    assert_eq!(clinics[1]["records_total"], 0);

    let csv = br.get("/admin/reports/clinics.csv").await;
    assert_eq!(csv.status, 200);
    assert!(csv.header("content-type").starts_with("text/csv"));
    assert_eq!(
        csv.header("content-disposition"),
        "attachment; filename=\"clinics.csv\""
    );
    let rows = csv_rows(&csv.body);
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["code"], "ALPHA");
    assert_eq!(rows[0]["name"], "Alpha Clinic");
    assert_eq!(rows[0]["head_seq"], head.to_string());
    assert_eq!(rows[0]["records_patient"], "3");
    assert_eq!(rows[0]["rejected"], "1");
    assert_eq!(rows[0]["behind"], "true");
    assert_eq!(rows[1]["records_patient"], "0");

    // devices
    let devices = br.json("/admin/api/devices?clinic=ALPHA").await;
    let devices = devices.as_array().unwrap();
    assert_eq!(devices.len(), 2);
    for d in devices {
        let id: Uuid = d["device_id"].as_str().unwrap().parse().unwrap();
        let row = db
            .query_one(
                "SELECT last_pulled_seq, pending_after, applied_count, rejected_count, code
                 FROM devices WHERE id = $1",
                &[&id],
            )
            .await
            .unwrap();
        assert_eq!(d["last_pulled_seq"], row.get::<_, i64>(0));
        assert_eq!(d["lag"], head - row.get::<_, i64>(0));
        assert_eq!(d["pending_after"], row.get::<_, i64>(1));
        assert_eq!(d["applied"], row.get::<_, i64>(2));
        assert_eq!(d["rejected"], row.get::<_, i64>(3));
        assert_eq!(d["code"], row.get::<_, String>(4));
    }
    let a_row = devices
        .iter()
        .find(|d| d["device_id"] == a.id.to_string())
        .unwrap();
    assert_eq!(
        (a_row["applied"].clone(), a_row["lag"].clone()),
        (Value::from(4), Value::from(4))
    );
    let b_row = devices
        .iter()
        .find(|d| d["device_id"] == b.id.to_string())
        .unwrap();
    assert_eq!(b_row["lag"], 0);
    assert!(b_row["last_pull_at"].is_string());
    let csv = csv_rows(&br.get("/admin/reports/devices.csv?clinic=ALPHA").await.body);
    assert_eq!(csv.len(), 2);
    let a_csv = csv
        .iter()
        .find(|r| r["device_id"] == a.id.to_string())
        .unwrap();
    assert_eq!(
        (a_csv["lag"].as_str(), a_csv["applied"].as_str()),
        ("4", "4")
    );
    assert_eq!(a_csv["name"], "Front desk");

    // rejected
    let reason: String = db
        .query_one("SELECT reason FROM rejected_changes", &[])
        .await
        .unwrap()
        .get(0);
    let rejected = br.json("/admin/api/rejected").await;
    assert_eq!(rejected.as_array().unwrap().len(), 1);
    assert_eq!(rejected[0]["reason"], reason.as_str());
    assert_eq!(rejected[0]["local_seq"], 5);
    assert_eq!(rejected[0]["device_name"], "Front desk");
    let csv = br.get("/admin/reports/rejected.csv").await;
    let rows = csv_rows(&csv.body);
    assert_eq!(
        (rows.len(), rows[0]["reason"].as_str()),
        (1, reason.as_str())
    );
    assert!(page
        .body
        .contains(&reason.replace('\'', "&#39;").replace('"', "&quot;")));

    // patients per ISO week: the deleted patient is not counted
    let week: String = db
        .query_one(
            "SELECT to_char(now() AT TIME ZONE 'UTC', 'IYYY-\"W\"IW')",
            &[],
        )
        .await
        .unwrap()
        .get(0);
    let weeks = br.json("/admin/api/patients_per_week").await;
    assert_eq!(
        weeks,
        serde_json::json!([{"clinic_code": "ALPHA", "week": week, "patients": 2}])
    );
    let csv = br
        .get("/admin/reports/patients_per_week.csv?clinic=ALPHA")
        .await;
    assert_eq!(
        csv.header("content-disposition"),
        "attachment; filename=\"patients_per_week-ALPHA.csv\""
    );
    assert_eq!(
        csv.body,
        format!("clinic_code,week,patients\nALPHA,{week},2\n")
    );

    // The clinic page: its devices, rejections and weeks; not the other clinic's.
    let clinic = br.get("/admin/clinics/ALPHA").await;
    assert_eq!(clinic.status, 200);
    assert!(clinic.body.contains("Front desk") && clinic.body.contains("Consultation"));
    assert!(clinic.body.contains(&week));
    assert!(clinic
        .body
        .contains("href=\"/admin/reports/devices.csv?clinic=ALPHA\""));
    assert!(!clinic.body.contains("Beta Clinic"));
    assert!(!clinic.body.contains("Lovelace"));

    assert_eq!(br.get("/admin/api/nope").await.status, 404);
    assert_eq!(br.get("/admin/reports/clinics.json").await.status, 404);
}

#[tokio::test]
async fn a_clinic_that_stopped_syncing_is_highlighted_with_the_reason() {
    let ts = TestServer::start().await;
    ts.main
        .server
        .admin()
        .create_admin(ADMIN, PASSWORD)
        .await
        .unwrap();
    let a = ts.device("ALPHA", "Front desk").await;
    let b = ts.device("ALPHA", "Back office").await;
    let (r1, c1) = PatientDoc::create(a.id, &patient("ALPHA-AA-1", "Ada", "L"));
    a.api.push(vec![r1.push(1, &c1)]).await.unwrap();
    a.api.pull_all(0).await;
    // b last fetched two hours ago, a synced two days ago.
    let db = ts.db.client().await;
    db.execute(
        "UPDATE devices SET last_pull_at = now() - interval '2 hours', last_pulled_seq = 0 WHERE id = $1",
        &[&b.id],
    )
    .await
    .unwrap();
    db.execute(
        "UPDATE devices SET last_pull_at = now() - interval '2 days', last_push_at = now() - interval '2 days' WHERE id = $1",
        &[&a.id],
    )
    .await
    .unwrap();
    let mut br = Browser::new(&ts.main.base);
    let page = br.login_ok().await;
    let clinics = br.json("/admin/api/clinics").await;
    let reasons = clinics[0]["reasons"].to_string();
    assert_eq!(clinics[0]["behind"], true);
    assert!(
        reasons.contains("PC Back office (")
            && reasons.contains(") has 1 change to fetch; last fetched 2 h ago."),
        "{reasons}"
    );
    assert!(page.body.contains("class=\"behind\""));
    assert!(page.body.contains("last fetched 2 h ago"));
    assert!(page.body.contains("1 of 1 clinics need attention"));

    // Nothing for two days: said so.
    db.execute("UPDATE devices SET last_pull_at = now() - interval '3 days', last_push_at = NULL, last_pulled_seq = 1 WHERE id = $1", &[&b.id]).await.unwrap();
    let clinics = br.json("/admin/api/clinics").await;
    assert_eq!(
        clinics[0]["reasons"],
        serde_json::json!(["No sync for 2 days."])
    );
    assert_eq!(clinics[0]["open_issues"], 0);

    // A sync issue the PCs found and nobody resolved yet: counted and said.
    db.execute(
        "INSERT INTO sync_issues (clinic_id, id, kind, record_ids, field, status, status_by, status_at)
         SELECT clinic_id, gen_random_uuid(), 'field_conflict', ARRAY[id], 'phone', 'open', '', ''
         FROM records LIMIT 1",
        &[],
    )
    .await
    .unwrap();
    let clinics = br.json("/admin/api/clinics").await;
    assert_eq!(clinics[0]["open_issues"], 1);
    assert!(clinics[0]["reasons"]
        .to_string()
        .contains("1 sync issue waiting for someone at the clinic to resolve."));
    let page = br.get("/admin").await;
    assert!(page.body.contains("Open sync issues"));
}
