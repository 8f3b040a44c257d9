//! `clinic fhir export`, run in-process against a real store, its output checked by the
//! independent validator (`scripts/validate-fhir.py`, fhir.resources).
use clinic_cli::{is_cli_invocation, run_with, Env, Io, EXIT_FAILED, EXIT_OK, EXIT_USAGE};
use std::ffi::OsString;
use std::path::Path;
use std::process::Command;

const KEY: &str = "6b1f0c2e9a8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a29180706f5e4d3c2b1a090";
const PASSWORD: &str = "river stone 42";
const CSV: &str = "\
given_name,family_name,sex,birth_date,estimated_age_years,phone,address,national_id,emergency_contact_name,emergency_contact_phone,emergency_contact_relationship,allergies,chronic_conditions,current_medications
Zoë,Lefèvre,f,2001-05-06,,+256 772 555 010,Rue de l'Église,CM1234567,Joël Lefèvre,0772 000111,frère,Pénicilline:life_threatening:anaphylaxie; Latex:mild,Asthme,Salbutamol
Moses,Okello,m,,45,,,,,,,,,
";

fn clinic(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let env = Env::with_vars([
        ("CLINIC_DB_KEY", KEY),
        ("CLINIC_ADMIN_PASSWORD", PASSWORD),
        ("CLINIC_PASSWORD", PASSWORD),
    ]);
    let mut argv: Vec<OsString> = vec!["clinic".into(), "--data-dir".into(), dir.into()];
    argv.extend(args.iter().map(OsString::from));
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = run_with(
        argv,
        &env,
        &mut Io {
            out: &mut out,
            err: &mut err,
        },
    );
    (
        code,
        String::from_utf8(out).unwrap(),
        String::from_utf8(err).unwrap(),
    )
}

fn validate(dir: &Path) {
    let ready = Command::new("python3")
        .args(["-c", "import fhir.resources.R4B"])
        .output();
    assert!(
        matches!(ready, Ok(ref o) if o.status.success()),
        "python3 with the fhir.resources package is needed to validate the FHIR export: \
         run scripts/install-deps.sh (make test does)"
    );
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scripts/validate-fhir.py");
    let out = Command::new("python3")
        .arg(script)
        .arg(dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "FHIR export rejected:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn fhir_is_a_command_line_command() {
    let args: Vec<OsString> = ["clinic", "fhir", "export"].map(OsString::from).to_vec();
    assert!(is_cli_invocation(&args));
}

#[test]
fn export_one_patient_by_number_or_id_and_all_as_ndjson() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let (code, _, err) = clinic(
        &data,
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
    assert_eq!(code, EXIT_OK, "{err}");
    let csv = tmp.path().join("in.csv");
    std::fs::write(&csv, CSV).unwrap();
    let (code, _, err) = clinic(&data, &["patients", "import", csv.to_str().unwrap()]);
    assert_eq!(code, EXIT_OK, "{err}");

    let out = tmp.path().join("fhir");
    let (code, _, err) = clinic(
        &data,
        &[
            "fhir",
            "export",
            "--all",
            "--out-dir",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(code, EXIT_OK, "{err}");
    assert!(err.contains("exported 2 patients, 2 allergies"), "{err}");
    let first: serde_json::Value = serde_json::from_str(
        std::fs::read_to_string(out.join("Patient.ndjson"))
            .unwrap()
            .lines()
            .next()
            .unwrap(),
    )
    .unwrap();
    let (id, number) = (
        first["id"].as_str().unwrap().to_string(),
        first["identifier"][0]["value"]
            .as_str()
            .unwrap()
            .to_string(),
    );

    // by number, to standard output
    let (code, stdout, err) = clinic(&data, &["fhir", "export", "--patient", &number]);
    assert_eq!(code, EXIT_OK, "{err}");
    let bundle: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(bundle["resourceType"], "Bundle");
    assert_eq!(bundle["entry"][0]["resource"]["id"], id.as_str());
    // by id, to a file; never over an existing one
    let file = out.join("bundle.json");
    let args = [
        "fhir",
        "export",
        "--patient",
        &id,
        "--out",
        file.to_str().unwrap(),
    ];
    let (code, _, err) = clinic(&data, &args);
    assert_eq!(code, EXIT_OK, "{err}");
    assert_eq!(clinic(&data, &args).0, EXIT_FAILED);
    // a second bulk export into the same folder is refused
    let again = [
        "fhir",
        "export",
        "--all",
        "--out-dir",
        out.to_str().unwrap(),
    ];
    assert_eq!(clinic(&data, &again).0, EXIT_FAILED);

    validate(&out);

    let (code, _, err) = clinic(&data, &["fhir", "export", "--patient", "KLA-ZZ-999"]);
    assert_eq!(code, EXIT_FAILED);
    assert!(
        err.contains("not found") || err.contains("patient"),
        "{err}"
    );
    assert_eq!(clinic(&data, &["fhir", "export"]).0, EXIT_USAGE);
    assert_eq!(clinic(&data, &["fhir", "export", "--all"]).0, EXIT_USAGE);
    assert_eq!(
        clinic(&data, &["fhir", "export", "--patient", &id, "--all"]).0,
        EXIT_USAGE
    );
}
