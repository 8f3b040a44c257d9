//! Clinics are isolated; malformed, oversize and foreign batches store nothing.
mod support;

use clinic_domain::sync::{wire, PushRequest, MAX_BODY_BYTES, PROTOCOL_VERSION};
use support::docs::{patient, PatientDoc};
use support::TestServer;

#[tokio::test]
async fn a_clinic_never_sees_or_changes_another_clinics_records() {
    let ts = TestServer::start().await;
    ts.main
        .server
        .admin()
        .create_clinic("BETA", "Beta")
        .await
        .unwrap();
    let a = ts.device("ALPHA", "A1").await;
    let b = ts.device("BETA", "B1").await;
    let (mut rec, create) = PatientDoc::create(a.id, &patient("ALPHA-AA-1", "Ada", "L"));
    a.api.push(vec![rec.push(1, &create)]).await.unwrap();

    let pulled = b.api.pull(0, None).await.unwrap();
    assert!(pulled.changes.is_empty());
    assert_eq!(pulled.head_seq, 0);
    assert_eq!(b.api.snapshot(None, None).await.unwrap().total, 0);
    assert_eq!(b.api.status().await.unwrap().records, 0);

    // B pushes an edit of A's record (with one of its own new records in the same batch).
    let mut stolen = rec.fork_for(b.id);
    let edit = stolen.edit(|p| p.given_name = "Mallory".into());
    let (own, own_create) = PatientDoc::create(b.id, &patient("BETA-AA-1", "Bo", "B"));
    let before = ts.db.count("SELECT count(*) FROM changes").await;
    let err = b
        .api
        .push(vec![own.push(1, &own_create), stolen.push(2, &edit)])
        .await
        .unwrap_err();
    assert_eq!(
        (err.status, err.body.code.as_str()),
        (403, "foreign_record")
    );
    assert_eq!(ts.db.count("SELECT count(*) FROM changes").await, before);
    assert_eq!(ts.db.count("SELECT count(*) FROM records").await, 1);
    assert_eq!(
        ts.db
            .count("SELECT head_seq FROM clinics WHERE code = 'BETA'")
            .await,
        0
    );
    let name: String = ts
        .db
        .client()
        .await
        .query_one("SELECT given_name FROM patients", &[])
        .await
        .unwrap()
        .get(0);
    assert_eq!(name, "Ada");
    let _ = rec.edit(|_| {});
}

async fn refused(
    ts: &TestServer,
    body: Vec<u8>,
    gzip: bool,
) -> (u16, clinic_domain::sync::ApiErrorBody) {
    let dev = ts.device("ALPHA", "PC").await;
    let r = dev.api.push_raw(body, gzip).await;
    let status = r.status().as_u16();
    (status, r.json().await.expect("an ApiErrorBody"))
}

#[tokio::test]
async fn malformed_bodies_get_400_with_a_reason_and_store_nothing() {
    let ts = TestServer::start().await;
    let (s, body) = refused(&ts, b"definitely not gzip".to_vec(), true).await;
    assert_eq!((s, body.code.as_str()), (400, "bad_encoding"));
    assert!(body.message.contains("gzip"));

    let (s, body) = refused(&ts, b"{\"protocol\": 1,".to_vec(), false).await;
    assert_eq!((s, body.code.as_str()), (400, "bad_body"));
    assert!(body.message.contains("ends too early"));

    let v9 = wire::encode(&PushRequest {
        protocol: 9,
        changes: vec![],
        pending_after: 0,
    });
    let (s, body) = refused(&ts, v9, true).await;
    assert_eq!((s, body.code.as_str()), (400, "unsupported_protocol"));

    let (rec, create) = PatientDoc::create(uuid::Uuid::new_v4(), &patient("ALPHA-AA-1", "A", "B"));
    let disorder = wire::encode(&PushRequest {
        protocol: PROTOCOL_VERSION,
        changes: vec![rec.push(2, &create), rec.push(1, &create)],
        pending_after: 0,
    });
    let (s, body) = refused(&ts, disorder, true).await;
    assert_eq!(
        (s, body.field.as_deref()),
        (400, Some("changes.1.local_seq"))
    );

    assert_eq!(ts.db.count("SELECT count(*) FROM changes").await, 0);
    assert_eq!(ts.db.count("SELECT count(*) FROM records").await, 0);
    assert_eq!(
        ts.db.count("SELECT count(*) FROM rejected_changes").await,
        0
    );
}

#[tokio::test]
async fn oversize_bodies_get_413() {
    let ts = TestServer::start().await;
    let big = vec![b' '; MAX_BODY_BYTES + 1024];
    let (s, body) = refused(&ts, big, false).await;
    assert_eq!((s, body.code.as_str()), (413, "too_large"));
    assert!(body.message.contains(&MAX_BODY_BYTES.to_string()));
    assert_eq!(ts.db.count("SELECT count(*) FROM changes").await, 0);
}

#[tokio::test]
async fn unknown_endpoints_and_bad_queries() {
    let ts = TestServer::start().await;
    let dev = ts.device("ALPHA", "PC").await;
    let r = reqwest::get(format!("{}/v1/nothing", ts.main.base))
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 404);
    let r = dev
        .api
        .http
        .get(format!("{}/v1/pull?after=abc", ts.main.base))
        .bearer_auth(dev.api.token.as_ref().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 400);
}
