//! Health, metrics, migrations, configuration and the attachment store.
mod support;

use clinic_sync_server::{migrate, AttachmentConfig, AttachmentStore, Config};
use std::collections::HashMap;
use support::docs::{patient, PatientDoc};
use support::{TestDb, TestServer};
use uuid::Uuid;

#[tokio::test]
async fn health_and_metrics() {
    let ts = TestServer::start().await;
    let r = reqwest::get(format!("{}/health", ts.main.base))
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 200);
    let body: serde_json::Value = r.json().await.unwrap();
    assert_eq!(body["database"], "ok");
    assert_eq!(body["attachments"], "ok");

    let a = ts.device("ALPHA", "A").await;
    let (rec, create) = PatientDoc::create(a.id, &patient("ALPHA-AA-1", "Ada", "L"));
    a.api.push(vec![rec.push(1, &create)]).await.unwrap();
    a.api.push(vec![rec.push(1, &create)]).await.unwrap();
    let _ = ts.device("ALPHA", "B").await;
    let text = reqwest::get(format!("{}/metrics", ts.main.base))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    for needle in [
        "clinic_sync_requests_total{endpoint=\"push\",status=\"200\"} 2",
        "clinic_sync_changes_applied_total 1",
        "clinic_sync_changes_duplicate_total 1",
        "clinic_sync_changes_rejected_total 0",
        "clinic_sync_merge_seconds_count 2",
        "clinic_sync_clinic_lag_changes{clinic=\"ALPHA\"} 1",
    ] {
        assert!(text.contains(needle), "{needle} missing from\n{text}");
    }
}

#[tokio::test]
async fn health_is_503_when_the_attachment_store_fails() {
    let ts = TestServer::start().await;
    // Replace the attachments folder with a file: writes fail.
    std::fs::remove_dir_all(ts.dir.path()).unwrap();
    std::fs::write(ts.dir.path(), b"not a folder").unwrap();
    let r = reqwest::get(format!("{}/health", ts.main.base))
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 503);
    let body: serde_json::Value = r.json().await.unwrap();
    assert_eq!(body["database"], "ok");
    assert_eq!(body["attachments"], "unavailable");
    std::fs::remove_file(ts.dir.path()).unwrap();
    std::fs::create_dir(ts.dir.path()).unwrap();
}

#[tokio::test]
async fn migrations_run_twice_and_concurrently() {
    let db = TestDb::new().await;
    let runs = (0..4).map(|_| {
        let url = db.url.clone();
        tokio::spawn(async move { migrate(&url).await })
    });
    for r in futures::future::join_all(runs).await {
        r.unwrap().unwrap();
    }
    migrate(&db.url).await.unwrap();
    // Every file in migrations/server is registered and applied exactly once.
    let files = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../migrations/server"))
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|x| x == "sql")
        })
        .count() as i64;
    assert_eq!(
        db.count("SELECT count(*) FROM schema_migrations").await,
        files
    );
}

#[test]
fn config_reads_file_then_env_and_redacts_secrets() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("server.toml");
    std::fs::write(
        &file,
        r#"
database_url = "postgres://clinic:filepassword@db.example/clinic"
listen = "0.0.0.0:8443"
enrollment_ttl_hours = 24
[attachments]
kind = "local"
dir = "/var/lib/clinic"
"#,
    )
    .unwrap();
    let config = Config::load(Some(&file), &HashMap::new()).unwrap();
    assert_eq!(config.listen.port(), 8443);
    assert_eq!(config.enrollment_ttl_hours, 24);
    let shown = format!("{config:?}");
    assert!(!shown.contains("filepassword"), "{shown}");
    assert!(shown.contains("clinic:***@db.example"), "{shown}");

    let env: HashMap<String, String> = [
        ("DATABASE_URL", "host=db user=x password=envpassword"),
        ("CLINIC_SYNC_LISTEN", "127.0.0.1:9000"),
        ("CLINIC_S3_ENDPOINT", "http://127.0.0.1:9001"),
        ("CLINIC_S3_BUCKET", "clinic"),
        ("CLINIC_S3_ACCESS_KEY", "AKID"),
        ("CLINIC_S3_SECRET_KEY", "s3cr3t-value"),
        ("CLINIC_S3_ALLOW_HTTP", "true"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    let config = Config::load(Some(&file), &env).unwrap();
    assert_eq!(config.listen.port(), 9000);
    assert!(
        matches!(&config.attachments, AttachmentConfig::S3 { bucket, allow_http: true, .. } if bucket == "clinic")
    );
    let shown = format!("{config:?}");
    assert!(!shown.contains("envpassword"), "{shown}");
    assert!(!shown.contains("s3cr3t-value"), "{shown}");

    assert!(
        Config::load(None, &HashMap::new()).is_err(),
        "no database_url"
    );
}

async fn round_trip(store: &AttachmentStore) {
    let clinic = Uuid::new_v4();
    let data = bytes::Bytes::from_static(b"%PDF-1.4 a scanned referral letter");
    let sha = store.put(clinic, data.clone()).await.unwrap();
    assert_eq!(sha.len(), 64);
    assert_eq!(store.put(clinic, data.clone()).await.unwrap(), sha);
    assert_eq!(store.get(clinic, &sha).await.unwrap(), Some(data));
    assert_eq!(
        store.get(Uuid::new_v4(), &sha).await.unwrap(),
        None,
        "other clinic"
    );
    assert_eq!(store.get(clinic, &"0".repeat(64)).await.unwrap(), None);
    assert_eq!(store.get(clinic, "../../etc/passwd").await.unwrap(), None);
    store.check().await.unwrap();
}

#[tokio::test]
async fn attachments_in_a_local_folder() {
    let dir = tempfile::tempdir().unwrap();
    let store = AttachmentStore::open(&AttachmentConfig::Local {
        dir: dir.path().join("attachments"),
    })
    .unwrap();
    round_trip(&store).await;
}

/// Runs against a real S3-protocol server when `scripts/with-services.sh` started one.
#[tokio::test]
async fn attachments_in_s3() {
    let Ok(endpoint) = std::env::var("CLINIC_TEST_S3_ENDPOINT") else {
        eprintln!("CLINIC_TEST_S3_ENDPOINT is not set: S3 attachment test skipped");
        return;
    };
    let var = |k: &str| std::env::var(k).unwrap_or_default();
    let config = AttachmentConfig::S3 {
        endpoint,
        bucket: format!("t{}", Uuid::new_v4().simple()),
        region: "us-east-1".into(),
        access_key: var("CLINIC_TEST_S3_ACCESS_KEY"),
        secret_key: var("CLINIC_TEST_S3_SECRET_KEY"),
        allow_http: true,
    };
    let store = AttachmentStore::open(&config).unwrap();
    round_trip(&store).await;
    // A wrong secret is refused by the server.
    let AttachmentConfig::S3 {
        endpoint,
        bucket,
        region,
        access_key,
        allow_http,
        ..
    } = config
    else {
        unreachable!()
    };
    let wrong = AttachmentStore::open(&AttachmentConfig::S3 {
        endpoint,
        bucket,
        region,
        access_key,
        secret_key: "wrong".into(),
        allow_http,
    })
    .unwrap();
    assert!(wrong.check().await.is_err());
}
