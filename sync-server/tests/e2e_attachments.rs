//! Attachments end to end: PC A attaches a scanned letter and syncs (the blob goes up to the
//! server's store: the local folder, and S3 when `scripts/with-services.sh` started one); PC B syncs
//! and opens it (fetched, SHA-256 checked, identical bytes); offline, opening it says it will come
//! later; a PC of another clinic cannot fetch it.
mod client_support;
mod support;

use client_support::*;
use clinic_store::attachments::sha256_hex;
use clinic_sync_server::{AttachmentConfig, AttachmentStore, Server};
use std::time::Duration;
use support::{test_config, TestServer};
use uuid::Uuid;

const TIMEOUT: Duration = Duration::from_secs(20);

fn letter() -> Vec<u8> {
    let mut b = b"%PDF-1.7\n".to_vec();
    for i in 0..20_000u32 {
        b.extend_from_slice(format!("line {i} of a scanned referral letter\n").as_bytes());
    }
    b
}

/// The whole story against the server at `base`, whose blobs land in `blobs`.
async fn attach_sync_open(server: &TestServer, base: &str, blobs: &AttachmentStore) {
    let a = Pc::offline("ALPHA", "A1");
    a.connect_to(server, base, "ALPHA")
        .await
        .expect("A connects");
    let b = Pc::empty();
    b.connect_to(server, base, "ALPHA").await.expect("B joins");
    let (actor_a, actor_b) = (a.actor(), b.actor());

    let id = a.register("Amina");
    let bytes = letter();
    let sha = sha256_hex(&bytes);
    a.with(|s| s.attach_file(&actor_a, id, "referral.pdf", &bytes))
        .unwrap();
    let status = a.with(|s| clinic_sync::SyncStatus::read(s, false)).unwrap();
    assert_eq!(status.pending_attachments, 1);

    let up = a.sync().await.unwrap();
    assert_eq!(up.attachments_uploaded, 1);
    assert_eq!(a.with(|s| s.pending_attachments()).unwrap(), 0);
    let clinic = a.with(|s| s.sync_state()).unwrap().clinic_id.unwrap();
    let stored = blobs
        .get(clinic, &sha)
        .await
        .unwrap()
        .expect("on the server");
    assert_eq!(stored.as_ref(), bytes.as_slice());
    // The next sync has nothing to send.
    assert_eq!(a.sync().await.unwrap().attachments_uploaded, 0);

    // B learns of the attachment by sync, and fetches its bytes when it opens it.
    b.sync().await.unwrap();
    assert!(!b.with(|s| s.has_attachment_blob(&sha)).unwrap());
    let listed = b.patient(id).attachments;
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].file_name, "referral.pdf");
    let opened = clinic_sync::open_attachment(&b.store, &actor_b, id, &sha, TIMEOUT)
        .await
        .expect("B opens it");
    assert_eq!(opened.content_type, "application/pdf");
    assert!(opened.bytes.0 == bytes, "identical bytes");
    assert!(b.with(|s| s.has_attachment_blob(&sha)).unwrap());
    assert_eq!(
        b.with(|s| s.pending_attachments()).unwrap(),
        0,
        "a fetched blob is not sent back"
    );

    // A PC that has not fetched it and cannot reach the server gets a clear error.
    let c = Pc::empty();
    c.connect_to(server, base, "ALPHA").await.expect("C joins");
    let actor_c = c.actor();
    c.with(|s| s.set_sync_connection("http://127.0.0.1:9/", clinic))
        .unwrap();
    let err = clinic_sync::open_attachment(&c.store, &actor_c, id, &sha, TIMEOUT)
        .await
        .unwrap_err();
    assert!(matches!(err, clinic_store::Error::NotOnThisPc), "{err:?}");
    assert!(
        err.to_string()
            .contains("it will be fetched when the central server can be reached"),
        "{err}"
    );

    // A PC of another clinic cannot fetch it: not through the engine, not by asking directly.
    server
        .main
        .server
        .admin()
        .create_clinic("BETA", "Beta Clinic")
        .await
        .unwrap();
    let x = Pc::offline("BETA", "X1");
    x.connect_to(server, base, "BETA")
        .await
        .expect("X connects");
    let fetched = clinic_sync::fetch_attachment(&x.store, &sha, TIMEOUT).await;
    assert!(matches!(fetched, Ok(false)), "{fetched:?}");
    assert!(!x.with(|s| s.has_attachment_blob(&sha)).unwrap());
    let token = x.with(|s| s.sync_token()).unwrap().unwrap();
    let resp = reqwest::Client::new()
        .get(format!("{base}/v1/attachments/{sha}"))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    assert!(
        [403, 404].contains(&resp.status().as_u16()),
        "{}",
        resp.status()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn attachments_go_up_to_the_local_folder_and_down_to_another_pc() {
    let server = TestServer::start().await;
    let blobs = AttachmentStore::open(&AttachmentConfig::Local {
        dir: server.dir.path().to_path_buf(),
    })
    .unwrap();
    let base = server.main.base.clone();
    attach_sync_open(&server, &base, &blobs).await;
    // The object is a plain file in the server's folder, named by clinic and hash.
    let files = walk(server.dir.path());
    assert!(
        files
            .iter()
            .any(|p| p.ends_with(sha256_hex(&letter()).as_str())),
        "{files:?}"
    );
}

fn walk(dir: &std::path::Path) -> Vec<String> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path.display().to_string());
        }
    }
    out
}

/// The same through a server whose attachments are in S3 (s3s-fs started by the test command).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn attachments_go_up_to_s3_and_down_to_another_pc() {
    let Ok(endpoint) = std::env::var("CLINIC_TEST_S3_ENDPOINT") else {
        eprintln!("CLINIC_TEST_S3_ENDPOINT is not set: S3 attachment e2e test skipped");
        return;
    };
    let var = |k: &str| std::env::var(k).unwrap_or_default();
    let s3 = AttachmentConfig::S3 {
        endpoint,
        bucket: format!("t{}", Uuid::new_v4().simple()),
        region: "us-east-1".into(),
        access_key: var("CLINIC_TEST_S3_ACCESS_KEY"),
        secret_key: var("CLINIC_TEST_S3_SECRET_KEY"),
        allow_http: true,
    };
    let server = TestServer::start().await;
    let mut config = test_config(&server.db.url, server.dir.path());
    config.attachments = s3.clone();
    let s3_server = Server::start(config).await.expect("S3 server starts");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let task = tokio::spawn(s3_server.serve(listener, async move {
        let _ = stopped.await;
    }));
    let blobs = AttachmentStore::open(&s3).unwrap();
    attach_sync_open(&server, &base, &blobs).await;
    assert!(
        walk(server.dir.path()).is_empty(),
        "nothing in the local folder"
    );
    let _ = stop.send(());
    task.await.unwrap().unwrap();
}
