//! `clinic connect`, `clinic sync` and `clinic sync status` run in-process (the CLI's `run_with`)
//! against the real server: exit codes, the one-line summary, plain-language errors.
mod support;

use clinic_cli::{run_with, Env, Io, EXIT_FAILED, EXIT_OK};
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use support::TestServer;

const KEY: &str = "6b1f0c2e9a8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a29180706f5e4d3c2b1a090";

struct Run {
    code: i32,
    out: String,
    err: String,
}

/// Runs the CLI on a blocking thread: it starts its own runtime, as the real binary does.
async fn clinic(dir: &Path, args: &[&str]) -> Run {
    clinic_with(dir, args, &[]).await
}

/// The same, with more environment variables (passwords).
async fn clinic_with(dir: &Path, args: &[&str], vars: &[(&'static str, &'static str)]) -> Run {
    let mut argv: Vec<OsString> = vec!["clinic".into(), "--data-dir".into(), dir.into()];
    argv.extend(args.iter().map(OsString::from));
    let mut vars = vars.to_vec();
    vars.push(("CLINIC_DB_KEY", KEY));
    tokio::task::spawn_blocking(move || {
        let env = Env::with_vars(vars);
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let code = run_with(
            argv,
            &env,
            &mut Io {
                out: &mut out,
                err: &mut err,
            },
        );
        Run {
            code,
            out: String::from_utf8(out).unwrap(),
            err: String::from_utf8(err).unwrap(),
        }
    })
    .await
    .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn connect_sync_and_status_from_the_command_line() {
    let server = TestServer::start().await;
    let admin = server.main.server.admin();
    let tmp = tempfile::tempdir().unwrap();
    let dir: PathBuf = tmp.path().join("pc");

    let refused = clinic(
        &dir,
        &["connect", "--server", "http://10.1.2.3:9", "--code", "X"],
    )
    .await;
    assert_eq!(refused.code, EXIT_FAILED);
    assert!(refused.err.contains("plain HTTP"), "{}", refused.err);
    assert!(!dir.join("clinic.db").exists(), "nothing created");

    let code = admin.issue_enrollment_code("ALPHA").await.unwrap();
    let c = clinic(
        &dir,
        &[
            "connect",
            "--server",
            &server.main.base,
            "--code",
            &code,
            "--device-name",
            "Desk 1",
        ],
    )
    .await;
    assert_eq!(c.code, EXIT_OK, "{}", c.err);
    assert!(
        c.out
            .contains("connected: Alpha Clinic (ALPHA), this PC is device"),
        "{}",
        c.out
    );
    assert!(
        c.out
            .contains("sync: pushed 0, pulled 0, rejected 0; server head 0"),
        "{}",
        c.out
    );

    let s = clinic(&dir, &["sync"]).await;
    assert_eq!(s.code, EXIT_OK, "{}", s.err);
    assert_eq!(
        s.out.trim(),
        "sync: pushed 0, pulled 0, rejected 0; server head 0"
    );

    let st = clinic(&dir, &["--json", "sync", "status"]).await;
    assert_eq!(st.code, EXIT_OK, "{}", st.err);
    let status: serde_json::Value = serde_json::from_str(&st.out).unwrap();
    assert_eq!(status["connected"], true);
    assert_eq!(status["online"], true);
    assert_eq!(status["clinic_code"], "ALPHA");
    assert_eq!(status["pending_changes"], 0);
    assert!(status["last_success_at"].is_string());

    // Revoked centrally: exit 1 with what happened and what to do.
    let device_id = clinic_store::Store::open_in(&dir, Some(KEY))
        .unwrap()
        .device()
        .unwrap()
        .id;
    admin.revoke_device(device_id).await.unwrap();
    let r = clinic(&dir, &["sync"]).await;
    assert_eq!(r.code, EXIT_FAILED);
    assert!(
        r.err.contains("disconnected by the central admin"),
        "{}",
        r.err
    );
    assert!(r.err.contains("new enrollment code"), "{}", r.err);
    let human = clinic(&dir, &["sync", "status"]).await;
    assert!(
        human.out.contains("last error: this PC was disconnected"),
        "{}",
        human.out
    );

    // A fresh code brings the PC back (it has no users yet: no one to log in).
    let code = admin.issue_enrollment_code("ALPHA").await.unwrap();
    let back = clinic(
        &dir,
        &["connect", "--server", &server.main.base, "--code", &code],
    )
    .await;
    assert_eq!(back.code, EXIT_OK, "{}", back.err);
    assert_eq!(clinic(&dir, &["sync"]).await.code, EXIT_OK);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn connecting_a_pc_with_users_needs_an_administrator() {
    let server = TestServer::start().await;
    let admin = server.main.server.admin();
    let tmp = tempfile::tempdir().unwrap();
    let dir: PathBuf = tmp.path().join("pc");
    let init = clinic_with(
        &dir,
        &[
            "init",
            "--clinic-code",
            "ALPHA",
            "--clinic-name",
            "Alpha Clinic",
            "--admin-user",
            "admin",
            "--device-code",
            "D1",
        ],
        &[("CLINIC_ADMIN_PASSWORD", "river stone 42")],
    )
    .await;
    assert_eq!(init.code, EXIT_OK, "{}", init.err);
    let code = admin.issue_enrollment_code("ALPHA").await.unwrap();
    let connect = [
        "connect",
        "--server",
        server.main.base.as_str(),
        "--code",
        code.as_str(),
    ];
    let wrong = clinic_with(&dir, &connect, &[("CLINIC_PASSWORD", "not the password 1")]).await;
    assert_eq!(wrong.code, EXIT_FAILED, "{}", wrong.out);
    assert!(
        admin.devices(Some("ALPHA")).await.unwrap().is_empty(),
        "enrolled without a login"
    );
    let right = clinic_with(&dir, &connect, &[("CLINIC_PASSWORD", "river stone 42")]).await;
    assert_eq!(right.code, EXIT_OK, "{}", right.err);
    assert_eq!(admin.devices(Some("ALPHA")).await.unwrap().len(), 1);
}
