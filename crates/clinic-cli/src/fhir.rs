//! `clinic fhir export`: one patient as a FHIR R4 Bundle, or every patient as Bulk Data NDJSON.
use crate::args::FhirCommand;
use crate::auth::{login, open_existing};
use crate::env::{Env, Io};
use crate::patients::create_new;
use crate::EXIT_OK;
use clinic_domain::{Actor, ErrorCode};
use clinic_store::{Error, Result, Store};
use std::io::Write;
use std::path::Path;
use uuid::Uuid;

pub fn run(
    data_dir: &Path,
    cmd: FhirCommand,
    json: bool,
    env: &Env,
    io: &mut Io<'_>,
) -> Result<i32> {
    let FhirCommand::Export {
        patient,
        out,
        all,
        out_dir,
        login: who,
    } = cmd;
    let mut store = open_existing(data_dir, env)?;
    let actor = login(&mut store, &who, env)?;
    match (patient, all, out_dir) {
        (_, true, Some(dir)) => {
            let report = store.export_fhir_ndjson(&actor, &dir)?;
            if json {
                writeln!(
                    io.out,
                    "{}",
                    serde_json::to_string_pretty(&report).unwrap_or_default()
                )?;
            }
            writeln!(
                io.err,
                "exported {} patients, {} allergies, {} conditions, {} medications to {}",
                report.patients,
                report.allergy_intolerances,
                report.conditions,
                report.medication_statements,
                dir.display()
            )?;
            Ok(EXIT_OK)
        }
        (Some(wanted), false, None) => {
            let id = find(&store, &actor, &wanted)?;
            let bundle = store.fhir_bundle(&actor, id)?;
            let text = serde_json::to_string_pretty(&bundle).unwrap_or_default();
            match out {
                Some(path) => {
                    let mut file = create_new(&path)?;
                    writeln!(file, "{text}")?;
                    writeln!(io.err, "exported {wanted} to {}", path.display())?;
                }
                None => writeln!(io.out, "{text}")?,
            }
            Ok(EXIT_OK)
        }
        // clap refuses every other combination
        _ => Err(Error::field(
            "patient",
            ErrorCode::Required,
            "give --patient ID|NUMBER, or --all with --out-dir DIR",
        )),
    }
}

/// A record id, or a patient number (found through search, deleted patients included).
fn find(store: &Store, actor: &Actor, wanted: &str) -> Result<Uuid> {
    if let Ok(id) = Uuid::parse_str(wanted.trim()) {
        return Ok(id);
    }
    store
        .search_patients(actor, wanted, true, 20)?
        .into_iter()
        .find(|p| p.number.eq_ignore_ascii_case(wanted.trim()))
        .map(|p| p.id)
        .ok_or(Error::NotFound { what: "patient" })
}
