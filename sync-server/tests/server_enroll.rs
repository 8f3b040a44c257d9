//! Enrollment codes, device codes and tokens.
mod support;

use support::{enroll_request, Api, TestServer};
use uuid::Uuid;

#[tokio::test]
async fn an_enrollment_code_works_once() {
    let ts = TestServer::start().await;
    let code = ts
        .main
        .server
        .admin()
        .issue_enrollment_code("ALPHA")
        .await
        .unwrap();
    assert_eq!(code.len(), 19, "{code}");
    assert!(code
        .chars()
        .all(|c| c == '-' || "ABCDEFGHJKMNPQRSTUVWXYZ23456789".contains(c)));
    let api = ts.api();
    // Lower case and without dashes is the same code.
    let typed = code.replace('-', "").to_lowercase();
    let first = api
        .enroll(&enroll_request(&typed, Uuid::new_v4(), None, None, "PC 1"))
        .await
        .unwrap();
    assert_eq!(first.clinic_code, "ALPHA");
    assert_eq!(first.clinic_name, "Alpha Clinic");
    assert!((2..=3).contains(&first.device_code.len()));
    assert!(first.device_code.chars().all(|c| c.is_ascii_uppercase()));
    assert_eq!(first.token.len(), 64);
    let again = api
        .enroll(&enroll_request(&code, Uuid::new_v4(), None, None, "PC 2"))
        .await
        .unwrap_err();
    assert_eq!(
        (again.status, again.body.code.as_str()),
        (410, "enrollment_code_used")
    );
    let unknown = api
        .enroll(&enroll_request(
            "AAAA-BBBB-CCCC-DDDD",
            Uuid::new_v4(),
            None,
            None,
            "PC 2",
        ))
        .await
        .unwrap_err();
    assert_eq!(
        (unknown.status, unknown.body.code.as_str()),
        (401, "enrollment_code_unknown")
    );
    // Only the hash is stored.
    let stored = ts.db.count(&format!(
        "SELECT count(*) FROM enrollment_codes WHERE code_hash = '{}'::bytea OR encode(code_hash, 'escape') LIKE '%{}%'",
        code, &code[..4]
    )).await;
    assert_eq!(stored, 0);
    let tokens = ts
        .db
        .count(&format!(
            "SELECT count(*) FROM devices WHERE encode(token_hash, 'hex') = '{}'",
            first.token
        ))
        .await;
    assert_eq!(tokens, 0);
}

#[tokio::test]
async fn racing_enrollments_with_one_code_get_one_device() {
    let ts = TestServer::start().await;
    let code = ts
        .main
        .server
        .admin()
        .issue_enrollment_code("ALPHA")
        .await
        .unwrap();
    let tries = (0..6).map(|i| {
        let api = ts.api();
        let code = code.clone();
        tokio::spawn(async move {
            api.enroll(&enroll_request(
                &code,
                Uuid::new_v4(),
                None,
                None,
                &format!("PC {i}"),
            ))
            .await
            .is_ok()
        })
    });
    let ok = futures::future::join_all(tries)
        .await
        .into_iter()
        .filter(|r| *r.as_ref().unwrap())
        .count();
    assert_eq!(ok, 1);
    assert_eq!(ts.db.count("SELECT count(*) FROM devices").await, 1);
}

#[tokio::test]
async fn an_expired_code_is_refused() {
    let ts = TestServer::start().await;
    let code = ts
        .main
        .server
        .admin()
        .issue_enrollment_code("ALPHA")
        .await
        .unwrap();
    ts.db
        .client()
        .await
        .execute(
            "UPDATE enrollment_codes SET expires_at = now() - interval '1 minute'",
            &[],
        )
        .await
        .unwrap();
    let err = ts
        .api()
        .enroll(&enroll_request(&code, Uuid::new_v4(), None, None, "PC"))
        .await
        .unwrap_err();
    assert_eq!(
        (err.status, err.body.code.as_str()),
        (410, "enrollment_code_expired")
    );
}

#[tokio::test]
async fn device_codes_are_kept_assigned_or_refused_when_taken() {
    let ts = TestServer::start().await;
    let admin = ts.main.server.admin();
    let api = ts.api();
    // A PC that ran offline keeps its code.
    let c1 = admin.issue_enrollment_code("ALPHA").await.unwrap();
    let kept = api
        .enroll(&enroll_request(
            &c1,
            Uuid::new_v4(),
            Some("FD"),
            Some("ALPHA"),
            "Front desk",
        ))
        .await
        .unwrap();
    assert_eq!(kept.device_code, "FD");
    // Another PC asking for the same code: 409, and its enrollment code stays usable.
    let c2 = admin.issue_enrollment_code("ALPHA").await.unwrap();
    let taken = api
        .enroll(&enroll_request(
            &c2,
            Uuid::new_v4(),
            Some("FD"),
            None,
            "Other",
        ))
        .await
        .unwrap_err();
    assert_eq!(
        (taken.status, taken.body.code.as_str()),
        (409, "device_code_taken")
    );
    // A clinic mismatch: 409.
    let mismatch = api
        .enroll(&enroll_request(
            &c2,
            Uuid::new_v4(),
            None,
            Some("BETA"),
            "Other",
        ))
        .await
        .unwrap_err();
    assert_eq!(
        (mismatch.status, mismatch.body.code.as_str()),
        (409, "clinic_mismatch")
    );
    // The code was not consumed by the refusals; a new PC gets a free code.
    let assigned = api
        .enroll(&enroll_request(&c2, Uuid::new_v4(), None, None, "Other"))
        .await
        .unwrap();
    assert_ne!(assigned.device_code, "FD");
    // A malformed device code: 400 naming the field.
    let c3 = admin.issue_enrollment_code("ALPHA").await.unwrap();
    let bad = api
        .enroll(&enroll_request(
            &c3,
            Uuid::new_v4(),
            Some("toolong"),
            None,
            "X",
        ))
        .await
        .unwrap_err();
    assert_eq!(
        (bad.status, bad.body.field.as_deref()),
        (400, Some("device_code"))
    );
    let devices = admin.devices(Some("ALPHA")).await.unwrap();
    assert_eq!(devices.len(), 2);
}

#[tokio::test]
async fn tokens_unknown_missing_and_revoked() {
    let ts = TestServer::start().await;
    let dev = ts.device("ALPHA", "PC").await;
    assert_eq!(
        dev.api.status().await.unwrap().device_code,
        dev.enrolled.device_code
    );

    let missing = Api::new(&ts.main.base).status().await.unwrap_err();
    assert_eq!(
        (missing.status, missing.body.code.as_str()),
        (401, "missing_token")
    );
    let unknown = Api::new(&ts.main.base)
        .with_token(&"0".repeat(64))
        .pull(0, None)
        .await
        .unwrap_err();
    assert_eq!(
        (unknown.status, unknown.body.code.as_str()),
        (401, "unknown_token")
    );

    ts.main.server.admin().revoke_device(dev.id).await.unwrap();
    let revoked = dev.api.status().await.unwrap_err();
    assert_eq!(
        (revoked.status, revoked.body.code.as_str()),
        (403, "device_revoked")
    );
    let push = dev.api.push(vec![]).await.unwrap_err();
    assert_eq!(push.status, 403);
    let listed = ts.main.server.admin().devices(None).await.unwrap();
    assert!(listed[0].revoked_at.is_some());

    // Only a fresh code from a central admin brings a revoked PC back, with a new token; the old
    // token stays dead.
    let code = ts
        .main
        .server
        .admin()
        .issue_enrollment_code("ALPHA")
        .await
        .unwrap();
    let again = Api::new(&ts.main.base)
        .enroll(&enroll_request(
            &code,
            dev.id,
            Some(&dev.enrolled.device_code),
            Some("ALPHA"),
            "PC",
        ))
        .await
        .unwrap();
    assert_eq!(again.device_code, dev.enrolled.device_code);
    let fresh = Api::new(&ts.main.base).with_token(&again.token);
    assert_eq!(fresh.status().await.unwrap().device_code, again.device_code);
    let old = dev.api.status().await.unwrap_err();
    assert_eq!(old.status, 401);
    let listed = ts.main.server.admin().devices(None).await.unwrap();
    assert!(listed[0].revoked_at.is_none());
    assert!(ts
        .main
        .server
        .admin()
        .revoke_device(Uuid::new_v4())
        .await
        .is_err());
}

#[tokio::test]
async fn admin_accounts_and_clinics() {
    let ts = TestServer::start().await;
    let admin = ts.main.server.admin();
    assert!(admin.create_clinic("ALPHA", "Again").await.is_err());
    assert!(admin.create_clinic("bad code", "X").await.is_err());
    admin
        .create_admin("root", "correct horse battery")
        .await
        .unwrap();
    assert!(admin
        .create_admin("root", "correct horse battery")
        .await
        .is_err());
    assert!(admin.create_admin("short", "short").await.is_err());
    let hash: String = ts
        .db
        .client()
        .await
        .query_one("SELECT password_hash FROM admins", &[])
        .await
        .unwrap()
        .get(0);
    assert!(hash.starts_with("$argon2id$"), "{hash}");
}
