//! The `clinic-sync-server` binary: migrate, admin commands, serve and SIGTERM.
mod support;

use std::process::{Command, Stdio};
use support::TestDb;

fn bin(db: &TestDb, dir: &std::path::Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_clinic-sync-server"));
    c.env("DATABASE_URL", &db.url)
        .env("CLINIC_ATTACHMENTS_DIR", dir)
        .env("RUST_LOG", "info");
    c
}

fn run(mut c: Command) -> String {
    let out = c.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[tokio::test]
async fn admin_commands_and_serve_until_sigterm() {
    let db = TestDb::new().await;
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let mut c = bin(&db, d);
    c.arg("migrate");
    run(c);
    let mut c = bin(&db, d);
    c.args([
        "admin",
        "create-clinic",
        "--code",
        "ALPHA",
        "--name",
        "Alpha Clinic",
    ]);
    assert!(run(c).contains("ALPHA"));
    let mut c = bin(&db, d);
    c.args(["admin", "enroll", "--clinic", "ALPHA"]);
    let code = run(c).trim().to_string();
    assert_eq!(code.len(), 19, "{code}");
    let mut c = bin(&db, d);
    c.args(["admin", "create-admin", "--username", "root"])
        .env("CLINIC_ADMIN_PASSWORD", "a long enough password");
    run(c);
    let mut c = bin(&db, d);
    c.args(["admin", "devices"]);
    assert_eq!(run(c), "");

    // serve: answers on the configured address, stops cleanly on SIGTERM.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut c = bin(&db, d);
    c.arg("serve")
        .env("CLINIC_SYNC_LISTEN", format!("127.0.0.1:{port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    let child = c.spawn().unwrap();
    let url = format!("http://127.0.0.1:{port}/health");
    let mut healthy = false;
    for _ in 0..100 {
        if let Ok(r) = reqwest::get(&url).await {
            healthy = r.status().is_success();
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(healthy);
    let killed = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let logs = String::from_utf8_lossy(&out.stderr);
    assert!(logs.contains("shutting down"), "{logs}");
    // Secrets and data never reach the log.
    assert!(!logs.contains(&code));
    assert!(!logs.contains("a long enough password"));
}
