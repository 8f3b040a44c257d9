//! The independent FHIR validator (`scripts/validate-fhir.py`, Python fhir.resources), shared by
//! the FHIR export tests.
use std::path::{Path, PathBuf};
use std::process::Command;

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Runs the validator on `dir`: Ok(stdout) or Err(stderr). Panics, saying what to install, when
/// python3 or fhir.resources is missing: the check must never pass by not running.
pub fn validate(dir: &Path) -> Result<String, String> {
    let ready = Command::new("python3")
        .args(["-c", "import fhir.resources.R4B"])
        .output();
    match ready {
        Ok(out) if out.status.success() => {}
        _ => panic!(
            "python3 with the fhir.resources package is needed to validate the FHIR export: \
             run scripts/install-deps.sh (make test does)"
        ),
    }
    let out = Command::new("python3")
        .arg(repo_root().join("scripts/validate-fhir.py"))
        .arg(dir)
        .output()
        .expect("run scripts/validate-fhir.py");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    if out.status.success() {
        Ok(stdout)
    } else {
        Err(format!("{stdout}{stderr}"))
    }
}
