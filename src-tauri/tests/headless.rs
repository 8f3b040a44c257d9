//! The real `clinic` binary run headless, as IT staff and scripts run it: a command never opens a
//! window (this test has no display), and the store it makes is encrypted and verifiable.
use std::process::Command;

const KEY: &str = "0f1e2d3c4b5a69788796a5b4c3d2e1f00112233445566778899aabbccddeeff0";

fn clinic(dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_clinic"))
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .env("CLINIC_DB_KEY", KEY)
        .env("CLINIC_ADMIN_PASSWORD", "river stone 42")
        .env("CLINIC_PASSWORD", "river stone 42")
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .output()
        .expect("run clinic")
}

#[test]
fn commands_run_without_a_window_and_the_store_is_encrypted() {
    let dir = tempfile::tempdir().unwrap();
    let init = clinic(
        dir.path(),
        &[
            "init",
            "--clinic-code",
            "KLA",
            "--clinic-name",
            "Kampala Road Clinic",
            "--admin-user",
            "admin",
        ],
    );
    assert!(
        init.status.success(),
        "{}",
        String::from_utf8_lossy(&init.stderr)
    );
    let seeded = clinic(dir.path(), &["seed-demo", "--patients", "25"]);
    assert!(
        seeded.status.success(),
        "{}",
        String::from_utf8_lossy(&seeded.stderr)
    );
    let verify = clinic(dir.path(), &["verify"]);
    assert_eq!(
        verify.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&verify.stdout)
    );
    let search = clinic(dir.path(), &["--json", "patients", "search", ""]);
    let found: serde_json::Value = serde_json::from_slice(&search.stdout).unwrap();
    assert_eq!(found.as_array().unwrap().len(), 20, "default limit");

    let bytes = std::fs::read(dir.path().join("clinic.db")).unwrap();
    assert!(!bytes.starts_with(b"SQLite format 3"));
    let bad = clinic(dir.path(), &["patients", "export", "--format", "xml"]);
    assert_eq!(bad.status.code(), Some(2));
}
