//! Admin login, sessions, CSRF, escaping and security headers of the report pages, against a real
//! server and PostgreSQL.
mod reports_support;
mod support;

use reports_support::{Browser, ADMIN, PASSWORD};
use support::TestServer;

async fn server_with_admin() -> TestServer {
    let ts = TestServer::start().await;
    ts.main
        .server
        .admin()
        .create_admin(ADMIN, PASSWORD)
        .await
        .unwrap();
    ts
}

#[tokio::test]
async fn wrong_password_is_refused_and_the_right_one_opens_a_session() {
    let ts = server_with_admin().await;
    let mut b = Browser::new(&ts.main.base);

    // Without a session every page sends to the login page, and the API answers 401.
    let r = b.get("/admin").await;
    assert_eq!((r.status, r.location()), (303, Some("/admin/login")));
    let r = b.get("/admin/clinics/ALPHA").await;
    assert_eq!((r.status, r.location()), (303, Some("/admin/login")));
    assert_eq!(b.get("/admin/api/clinics").await.status, 401);
    assert_eq!(b.get("/admin/reports/clinics.csv").await.status, 303);

    for (user, pass) in [(ADMIN, "not the password!"), ("nobody", PASSWORD)] {
        let r = b.login(user, pass).await;
        assert_eq!(r.status, 401);
        assert!(r.body.contains("Wrong username or password."), "{}", r.body);
        assert!(!r.body.contains(pass), "the password is never echoed");
        assert!(!b.cookies.contains_key("clinic_admin_session"));
    }
    assert_eq!(
        ts.db
            .count("SELECT count(*) FROM admin_login_failures")
            .await,
        2
    );
    assert_eq!(ts.db.count("SELECT count(*) FROM admin_sessions").await, 0);

    let r = b.login(ADMIN, PASSWORD).await;
    assert_eq!((r.status, r.location()), (303, Some("/admin")));
    let cookie = r
        .set_cookies()
        .into_iter()
        .find(|c| c.starts_with("clinic_admin_session="))
        .expect("a session cookie");
    for flag in ["HttpOnly", "SameSite=Strict", "Path=/admin"] {
        assert!(cookie.contains(flag), "{cookie}");
    }
    assert!(
        !cookie.contains("Secure"),
        "plain HTTP on loopback: {cookie}"
    );
    let token = b.cookies["clinic_admin_session"].clone();
    assert_eq!(token.len(), 64);
    // Only the token's SHA-256 is stored.
    let stored: Vec<u8> = ts
        .db
        .client()
        .await
        .query_one("SELECT token_hash FROM admin_sessions", &[])
        .await
        .unwrap()
        .get(0);
    use sha2::Digest;
    assert_eq!(stored, sha2::Sha256::digest(token.as_bytes()).to_vec());
    // A successful login clears the failures.
    assert_eq!(
        ts.db
            .count("SELECT count(*) FROM admin_login_failures")
            .await,
        1
    );

    let page = b.get("/admin").await;
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Alpha Clinic"));
    assert!(page.body.contains("Signed in as central"));
    // Already logged in: the login page sends to the overview.
    assert_eq!(b.get("/admin/login").await.location(), Some("/admin"));
}

#[tokio::test]
async fn repeated_failures_lock_the_username_for_a_while() {
    let ts = server_with_admin().await;
    let mut b = Browser::new(&ts.main.base);
    for _ in 0..5 {
        assert_eq!(b.login(ADMIN, "wrong password").await.status, 401);
    }
    let r = b.login(ADMIN, PASSWORD).await;
    assert_eq!(r.status, 429);
    assert!(r.body.contains("Too many failed attempts"));
    assert_eq!(ts.db.count("SELECT count(*) FROM admin_sessions").await, 0);
}

#[tokio::test]
async fn a_post_without_the_csrf_token_is_refused_and_changes_nothing() {
    let ts = server_with_admin().await;
    let mut b = Browser::new(&ts.main.base);

    // Login form without its token (or with a forged one): 403, no session.
    b.get("/admin/login").await;
    let r = b
        .post(
            "/admin/login",
            &[("username", ADMIN), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(r.status, 403);
    let r = b
        .post(
            "/admin/login",
            &[("username", ADMIN), ("password", PASSWORD), ("csrf", "x")],
        )
        .await;
    assert_eq!(r.status, 403);
    assert_eq!(ts.db.count("SELECT count(*) FROM admin_sessions").await, 0);

    // Logout without the session's token, or with another one: 403, the session lives on.
    let page = b.login_ok().await;
    let csrf = page.csrf();
    assert_eq!(csrf.len(), 64);
    assert_eq!(b.post("/admin/logout", &[]).await.status, 403);
    let other = "0".repeat(64);
    assert_eq!(
        b.post("/admin/logout", &[("csrf", &other)]).await.status,
        403
    );
    assert_eq!(ts.db.count("SELECT count(*) FROM admin_sessions").await, 1);
    assert_eq!(b.get("/admin").await.status, 200);
}

#[tokio::test]
async fn logout_ends_the_session_for_good() {
    let ts = server_with_admin().await;
    let mut b = Browser::new(&ts.main.base);
    let page = b.login_ok().await;
    let old = b.cookies["clinic_admin_session"].clone();
    let r = b.post("/admin/logout", &[("csrf", &page.csrf())]).await;
    assert_eq!((r.status, r.location()), (303, Some("/admin/login")));
    assert!(!b.cookies.contains_key("clinic_admin_session"));
    assert_eq!(ts.db.count("SELECT count(*) FROM admin_sessions").await, 0);

    // The old cookie, replayed, no longer works.
    b.cookies.insert("clinic_admin_session".into(), old);
    assert_eq!(b.get("/admin").await.location(), Some("/admin/login"));
    assert_eq!(b.get("/admin/api/devices").await.status, 401);
}

#[tokio::test]
async fn clinic_names_are_escaped_and_headers_lock_the_pages_down() {
    let ts = server_with_admin().await;
    let evil = "<script>alert(1)</script>";
    ts.main
        .server
        .admin()
        .create_clinic("EVIL", evil)
        .await
        .unwrap();
    let mut b = Browser::new(&ts.main.base);

    let login = b.get("/admin/login").await;
    let overview = b.login_ok().await;
    let clinic = b.get("/admin/clinics/EVIL").await;
    assert_eq!(clinic.status, 200);
    for page in [&overview, &clinic] {
        assert!(page.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(!page.body.contains(evil));
        assert!(!page.body.to_lowercase().contains("<script"));
    }
    let csv = b.get("/admin/reports/clinics.csv").await;
    let api = b.get("/admin/api/clinics").await;
    let missing = b.get("/admin/clinics/NOPE").await;
    assert_eq!(missing.status, 404);
    for page in [&login, &overview, &clinic, &csv, &api, &missing] {
        assert_eq!(
            page.header("content-security-policy"),
            "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'"
        );
        assert_eq!(page.header("x-frame-options"), "DENY");
        assert_eq!(page.header("x-content-type-options"), "nosniff");
        assert_eq!(page.header("cache-control"), "no-store");
    }
    assert!(login.header("content-type").starts_with("text/html"));
    // No external assets: nothing is loaded from anywhere.
    for page in [&login, &overview, &clinic] {
        assert!(!page.body.contains("src="));
        assert!(!page.body.contains("<link"));
    }
}
