//! The command line run in-process against a real store file, as a script would run it.
use clinic_cli::{
    is_cli_invocation, run_with, Env, Io, EXIT_FAILED, EXIT_OK, EXIT_PARTIAL, EXIT_USAGE,
};
use std::ffi::OsString;
use std::path::Path;

const KEY: &str = "6b1f0c2e9a8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a29180706f5e4d3c2b1a090";
const PASSWORD: &str = "river stone 42";

struct Run {
    code: i32,
    out: String,
    err: String,
}

fn clinic(dir: &Path, env: &Env, args: &[&str]) -> Run {
    let mut argv: Vec<OsString> = vec!["clinic".into(), "--data-dir".into(), dir.into()];
    argv.extend(args.iter().map(OsString::from));
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = run_with(
        argv,
        env,
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
}

fn env() -> Env {
    Env::with_vars([
        ("CLINIC_DB_KEY", KEY),
        ("CLINIC_ADMIN_PASSWORD", PASSWORD),
        ("CLINIC_PASSWORD", PASSWORD),
    ])
}

fn init(dir: &Path) {
    let r = clinic(
        dir,
        &env(),
        &[
            "init",
            "--clinic-code",
            "kla",
            "--clinic-name",
            "Kampala Road Clinic",
            "--admin-user",
            "admin",
            "--device-code",
            "A1",
        ],
    );
    assert_eq!(r.code, EXIT_OK, "{}", r.err);
    assert!(
        r.out
            .contains("Set up Kampala Road Clinic (KLA) on this PC as device A1."),
        "{}",
        r.out
    );
}

#[test]
fn decides_between_window_and_command_line() {
    let args = |a: &[&str]| a.iter().map(OsString::from).collect::<Vec<_>>();
    assert!(!is_cli_invocation(&args(&["clinic"])));
    assert!(!is_cli_invocation(&args(&[
        "clinic",
        "--data-dir",
        "/tmp/x"
    ])));
    assert!(is_cli_invocation(&args(&["clinic", "verify"])));
    assert!(is_cli_invocation(&args(&[
        "clinic",
        "--data-dir",
        "/tmp/x",
        "patients",
        "search",
        "a"
    ])));
    assert!(is_cli_invocation(&args(&[
        "clinic",
        "--data-dir=/tmp/x",
        "init"
    ])));
    assert!(is_cli_invocation(&args(&["clinic", "--help"])));
    assert!(is_cli_invocation(&args(&[
        "clinic",
        "--json",
        "--data-dir",
        "/x",
        "verify"
    ])));
    assert!(!is_cli_invocation(&args(&["clinic", "--json"])));
}

#[test]
fn init_then_again_is_refused_and_bad_input_creates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let bad = clinic(
        dir.path(),
        &env(),
        &[
            "init",
            "--clinic-code",
            "K",
            "--clinic-name",
            "X",
            "--admin-user",
            "a b",
        ],
    );
    assert_eq!(bad.code, EXIT_FAILED);
    assert!(
        bad.err
            .contains("error: clinic_code: must be 2 to 6 letters or digits"),
        "{}",
        bad.err
    );
    assert!(bad.err.contains("error: admin_username:"), "{}", bad.err);
    assert!(
        !dir.path().join("clinic.db").exists(),
        "nothing written on bad input"
    );

    let weak = Env::with_vars([("CLINIC_DB_KEY", KEY), ("CLINIC_ADMIN_PASSWORD", "short")]);
    let r = clinic(
        dir.path(),
        &weak,
        &[
            "init",
            "--clinic-code",
            "KLA",
            "--clinic-name",
            "X",
            "--admin-user",
            "admin",
        ],
    );
    assert!(
        r.err
            .contains("admin_password: must be at least 10 characters"),
        "{}",
        r.err
    );

    init(dir.path());
    let again = clinic(
        dir.path(),
        &env(),
        &[
            "--json",
            "init",
            "--clinic-code",
            "KLA",
            "--clinic-name",
            "X",
            "--admin-user",
            "admin",
        ],
    );
    assert_eq!(again.code, EXIT_FAILED);
    let body: serde_json::Value = serde_json::from_str(again.err.trim()).unwrap();
    assert_eq!(body["code"], "already_initialized");
}

#[test]
fn missing_password_without_a_terminal_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    init(dir.path());
    let no_password = Env::with_vars([("CLINIC_DB_KEY", KEY)]);
    let r = clinic(dir.path(), &no_password, &["patients", "search", "a"]);
    assert_eq!(r.code, EXIT_FAILED);
    assert!(
        r.err
            .contains("CLINIC_PASSWORD: is not set and there is no terminal"),
        "{}",
        r.err
    );
    let wrong = Env::with_vars([("CLINIC_DB_KEY", KEY), ("CLINIC_PASSWORD", "nope nope 1")]);
    assert!(clinic(dir.path(), &wrong, &["patients", "search", "a"])
        .err
        .contains("wrong username or password"));
}

#[test]
fn import_search_export_and_rerun() {
    let dir = tempfile::tempdir().unwrap();
    init(dir.path());
    let csv = dir.path().join("patients.csv");
    std::fs::write(&csv, "given_name,family_name,sex,birth_date,phone\nAmina,Nakato,F,1990-04-12,0772 000111\nBad,Row,Q,1990-01-01,\nÉlodie,Dubois,f,1985-03-03,\n").unwrap();
    let r = clinic(
        dir.path(),
        &env(),
        &["patients", "import", csv.to_str().unwrap()],
    );
    assert_eq!(r.code, EXIT_PARTIAL, "{}", r.err);
    assert!(
        r.err
            .contains("line 3: sex: must be female, male, other or unknown"),
        "{}",
        r.err
    );
    assert!(
        r.out
            .contains("imported 2, already registered 0, rejected rows 1"),
        "{}",
        r.out
    );

    let again = clinic(
        dir.path(),
        &env(),
        &["patients", "import", csv.to_str().unwrap()],
    );
    assert!(
        again.out.contains("imported 0, already registered 2"),
        "{}",
        again.out
    );

    let found = clinic(
        dir.path(),
        &env(),
        &["--json", "patients", "search", "elod"],
    );
    assert_eq!(found.code, EXIT_OK, "{}", found.err);
    let list: serde_json::Value = serde_json::from_str(&found.out).unwrap();
    assert_eq!(list[0]["family_name"], "Dubois");
    assert!(list[0]["number"].as_str().unwrap().starts_with("KLA-A1-"));

    let exported = clinic(
        dir.path(),
        &env(),
        &["patients", "export", "--format", "csv"],
    );
    assert_eq!(exported.out.lines().count(), 3, "{}", exported.out);
    let out = dir.path().join("all.json");
    assert_eq!(
        clinic(
            dir.path(),
            &env(),
            &[
                "patients",
                "export",
                "--format",
                "json",
                "--out",
                out.to_str().unwrap()
            ]
        )
        .code,
        EXIT_OK
    );
    assert_eq!(
        serde_json::from_slice::<serde_json::Value>(&std::fs::read(&out).unwrap())
            .unwrap()
            .as_array()
            .unwrap()
            .len(),
        2
    );
    assert_eq!(
        clinic(
            dir.path(),
            &env(),
            &["patients", "export", "--out", out.to_str().unwrap()]
        )
        .code,
        EXIT_FAILED,
        "never overwrites"
    );

    let missing = clinic(
        dir.path(),
        &env(),
        &["patients", "import", "/no/such/file.csv"],
    );
    assert!(missing.err.contains("file: cannot be opened"));
}

#[test]
fn seed_verify_backup_restore() {
    let dir = tempfile::tempdir().unwrap();
    init(dir.path());
    let seeded = clinic(dir.path(), &env(), &["seed-demo", "--patients", "120"]);
    assert!(
        seeded.out.contains("registered 120 demo patients"),
        "{}{}",
        seeded.out,
        seeded.err
    );
    let v = clinic(dir.path(), &env(), &["verify"]);
    assert_eq!(v.code, EXIT_OK, "{}", v.out);
    assert!(v.out.contains("ok: 121 records"), "{}", v.out);

    let backup = dir.path().join("store.backup");
    assert_eq!(
        clinic(
            dir.path(),
            &env(),
            &["backup", "--out", backup.to_str().unwrap()]
        )
        .code,
        EXIT_OK
    );
    let other = tempfile::tempdir().unwrap();
    let r = clinic(
        other.path(),
        &env(),
        &["restore", "--from", backup.to_str().unwrap()],
    );
    assert_eq!(r.code, EXIT_OK, "{}", r.err);
    let found = clinic(
        other.path(),
        &env(),
        &["--json", "patients", "search", "", "--limit", "500"],
    );
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&found.out)
            .unwrap()
            .as_array()
            .unwrap()
            .len(),
        120
    );
    let refused = clinic(
        other.path(),
        &env(),
        &["restore", "--from", backup.to_str().unwrap()],
    );
    assert!(refused.err.contains("add --force"), "{}", refused.err);
}

#[test]
fn a_wrong_key_and_an_uninitialised_folder_say_so() {
    let dir = tempfile::tempdir().unwrap();
    let r = clinic(dir.path(), &env(), &["verify"]);
    assert!(r.err.contains("not set up yet"), "{}", r.err);
    init(dir.path());
    let wrong = Env::with_vars([
        ("CLINIC_DB_KEY", &"ab".repeat(32)[..]),
        ("CLINIC_PASSWORD", PASSWORD),
    ]);
    let r = clinic(dir.path(), &wrong, &["verify"]);
    assert_eq!(r.code, EXIT_FAILED);
    assert_eq!(r.err.trim(), "error: wrong key or not a Clinic store");
    let usage = clinic(
        dir.path(),
        &env(),
        &["patients", "export", "--format", "xml"],
    );
    assert_eq!(usage.code, EXIT_USAGE);
}
