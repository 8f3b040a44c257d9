//! Attachments over HTTP, TLS, the plain-HTTP policy and graceful shutdown.
mod support;

use sha2::{Digest, Sha256};
use support::docs::{patient, PatientDoc};
use support::{test_config, TestDb, TestServer};

fn sha(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

#[tokio::test]
async fn attachments_upload_and_download_within_the_clinic() {
    let ts = TestServer::start().await;
    ts.main
        .server
        .admin()
        .create_clinic("BETA", "Beta")
        .await
        .unwrap();
    let a = ts.device("ALPHA", "A").await;
    let b = ts.device("BETA", "B").await;
    let token = |d: &support::Device| d.enrolled.token.clone();
    let http = reqwest::Client::new();
    let pdf = b"%PDF-1.4 scanned referral".to_vec();
    let url = |h: &str| format!("{}/v1/attachments/{h}", ts.main.base);

    let put = |body: Vec<u8>, hash: String, ctype: &'static str, tok: String| {
        let http = http.clone();
        let u = url(&hash);
        async move {
            http.put(u)
                .bearer_auth(tok)
                .header("content-type", ctype)
                .body(body)
                .send()
                .await
                .unwrap()
        }
    };
    let r = put(pdf.clone(), sha(&pdf), "application/pdf", token(&a)).await;
    assert_eq!(r.status().as_u16(), 201);
    // Wrong hash, disallowed type, content that is not what it claims: refused.
    let r = put(pdf.clone(), "0".repeat(64), "application/pdf", token(&a)).await;
    assert_eq!(r.status().as_u16(), 400);
    let exe = b"MZ\x90\x00".to_vec();
    let r = put(
        exe.clone(),
        sha(&exe),
        "application/x-msdownload",
        token(&a),
    )
    .await;
    assert_eq!(r.status().as_u16(), 415);
    let r = put(exe.clone(), sha(&exe), "image/png", token(&a)).await;
    assert_eq!(r.status().as_u16(), 415);
    let r = put(
        pdf.clone(),
        "not-a-hash".into(),
        "application/pdf",
        token(&a),
    )
    .await;
    assert_eq!(r.status().as_u16(), 400);
    // The same limit as the desktop's (the domain crate's): one byte more is 413.
    let mut big = b"%PDF-1.4 ".to_vec();
    big.resize(clinic_domain::attachment::MAX_ATTACHMENT_BYTES + 1, b' ');
    let r = put(big.clone(), sha(&big), "application/pdf", token(&a)).await;
    assert_eq!(r.status().as_u16(), 413);

    let get = |hash: String, tok: String| {
        let http = http.clone();
        let u = url(&hash);
        async move { http.get(u).bearer_auth(tok).send().await.unwrap() }
    };
    let r = get(sha(&pdf), token(&a)).await;
    assert_eq!(r.status().as_u16(), 200);
    assert_eq!(r.headers()["content-type"], "application/pdf");
    assert_eq!(r.bytes().await.unwrap().to_vec(), pdf);
    // Another clinic cannot read it; an unknown hash is 404; no token is 401.
    assert_eq!(get(sha(&pdf), token(&b)).await.status().as_u16(), 404);
    assert_eq!(get("a".repeat(64), token(&a)).await.status().as_u16(), 404);
    let r = http.get(url(&sha(&pdf))).send().await.unwrap();
    assert_eq!(r.status().as_u16(), 401);
}

#[tokio::test]
async fn plain_http_is_refused_off_loopback_unless_allowed() {
    let db = TestDb::new().await;
    let dir = tempfile::tempdir().unwrap();
    let server = clinic_sync_server::Server::start(test_config(&db.url, dir.path()))
        .await
        .unwrap();
    let listener = tokio::net::TcpListener::bind("0.0.0.0:0").await.unwrap();
    let err = server
        .serve(listener, std::future::pending())
        .await
        .unwrap_err();
    assert!(err.to_string().contains("refusing plain HTTP"), "{err}");
}

#[tokio::test]
async fn https_with_rustls() {
    let dir = tempfile::tempdir().unwrap();
    let (cert, key) = (dir.path().join("cert.pem"), dir.path().join("key.pem"));
    let made = std::process::Command::new("openssl")
        .args([
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:prime256v1",
        ])
        .args(["-nodes", "-days", "1", "-subj", "/CN=localhost"])
        .args(["-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"])
        .args(["-addext", "basicConstraints=critical,CA:FALSE"])
        .arg("-keyout")
        .arg(&key)
        .arg("-out")
        .arg(&cert)
        .output();
    if !made.as_ref().is_ok_and(|o| o.status.success()) {
        eprintln!("openssl is not available: TLS test skipped");
        return;
    }
    let db = TestDb::new().await;
    let mut config = test_config(&db.url, &dir.path().join("attachments"));
    config.tls_cert = Some(cert.clone());
    config.tls_key = Some(key);
    let server = clinic_sync_server::Server::start(config).await.unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let task = tokio::spawn(server.serve(listener, async move {
        let _ = stopped.await;
    }));
    let pem = std::fs::read(&cert).unwrap();
    let client = reqwest::Client::builder()
        .add_root_certificate(reqwest::Certificate::from_pem(&pem).unwrap())
        .build()
        .unwrap();
    let r = client
        .get(format!("https://localhost:{port}/health"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 200);
    // Plain HTTP to the TLS port gets nowhere.
    assert!(reqwest::get(format!("http://127.0.0.1:{port}/health"))
        .await
        .map(|r| !r.status().is_success())
        .unwrap_or(true));
    stop.send(()).unwrap();
    task.await.unwrap().unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shutdown_finishes_the_batch_in_flight() {
    let ts = TestServer::start().await;
    let second = ts.another_instance().await;
    let a = ts.device("ALPHA", "A").await;
    let api = second.api().with_token(&a.enrolled.token);
    let batch: Vec<_> = (0..1500)
        .map(|i| {
            let (rec, create) =
                PatientDoc::create(a.id, &patient(&format!("ALPHA-AA-{i}"), "P", "Q"));
            rec.push(i + 1, &create)
        })
        .collect();
    let push = tokio::spawn(async move { api.push(batch).await });
    tokio::time::sleep(std::time::Duration::from_millis(150)).await;
    second.stop().await;
    let done = push.await.unwrap().expect("the batch in flight completes");
    assert_eq!(done.applied, 1500);
    assert_eq!(ts.db.count("SELECT count(*) FROM changes").await, 1500);
    assert_eq!(ts.db.count("SELECT count(*) FROM patients").await, 1500);
}
