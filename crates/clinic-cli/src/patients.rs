//! `clinic patients import|export|search` and `clinic seed-demo`.
use crate::args::{Format, PatientsCommand, SeedArgs};
use crate::auth::{login, open_existing};
use crate::env::{Env, Io};
use crate::{EXIT_OK, EXIT_PARTIAL};
use clinic_store::{Error, Result};
use indicatif::{ProgressBar, ProgressStyle};
use std::path::Path;

pub fn run(
    data_dir: &Path,
    cmd: PatientsCommand,
    json: bool,
    env: &Env,
    io: &mut Io<'_>,
) -> Result<i32> {
    match cmd {
        PatientsCommand::Import { file, login: who } => {
            let reader = std::fs::File::open(&file).map_err(|_| {
                Error::field(
                    "file",
                    clinic_domain::ErrorCode::NotFound,
                    "cannot be opened",
                )
            })?;
            let mut store = open_existing(data_dir, env)?;
            let actor = login(&mut store, &who, env)?;
            let report = store.import_csv(&actor, std::io::BufReader::new(reader))?;
            if json {
                writeln!(
                    io.out,
                    "{}",
                    serde_json::to_string_pretty(&report).unwrap_or_default()
                )?;
                return Ok(if report.errors.is_empty() {
                    EXIT_OK
                } else {
                    EXIT_PARTIAL
                });
            }
            for e in &report.errors {
                writeln!(io.err, "line {}: {}: {}", e.line, e.field, e.message)?;
            }
            for (line, existing) in &report.already_registered {
                writeln!(
                    io.err,
                    "line {line}: already registered as {existing}, skipped"
                )?;
            }
            writeln!(
                io.out,
                "imported {}, already registered {}, rejected rows {}",
                report.imported,
                report.already_registered.len(),
                report
                    .errors
                    .iter()
                    .map(|e| e.line)
                    .collect::<std::collections::BTreeSet<_>>()
                    .len()
            )?;
            Ok(if report.errors.is_empty() {
                EXIT_OK
            } else {
                EXIT_PARTIAL
            })
        }
        PatientsCommand::Export {
            format,
            out,
            login: who,
        } => {
            let mut store = open_existing(data_dir, env)?;
            let actor = login(&mut store, &who, env)?;
            let count = match out {
                Some(path) => {
                    let file = create_new(&path)?;
                    let w = std::io::BufWriter::new(file);
                    export(&mut store, &actor, format, w)?
                }
                None => export(&mut store, &actor, format, &mut *io.out)?,
            };
            writeln!(io.err, "exported {count} patients")?;
            Ok(EXIT_OK)
        }
        PatientsCommand::Search {
            query,
            limit,
            include_deleted,
            login: who,
        } => {
            let mut store = open_existing(data_dir, env)?;
            let actor = login(&mut store, &who, env)?;
            let found = store.search_patients(&actor, &query, include_deleted, limit)?;
            if json {
                writeln!(
                    io.out,
                    "{}",
                    serde_json::to_string_pretty(&found).unwrap_or_default()
                )?;
            } else {
                for p in &found {
                    let est = if p.birth_date_estimated { "~" } else { "" };
                    writeln!(
                        io.out,
                        "{}\t{} {}\t{}{}\t{}",
                        p.number, p.given_name, p.family_name, est, p.birth_date, p.phone
                    )?;
                }
            }
            Ok(EXIT_OK)
        }
    }
}

fn export(
    store: &mut clinic_store::Store,
    actor: &clinic_domain::Actor,
    format: Format,
    w: impl std::io::Write,
) -> Result<usize> {
    match format {
        Format::Csv => store.export_csv(actor, w),
        Format::Json => store.export_json(actor, w),
    }
}

/// Exports hold clinical data in clear: a new file only its owner can read, never an overwrite.
pub(crate) fn create_new(path: &Path) -> Result<std::fs::File> {
    clinic_store::fhir::create_private_file(
        path,
        "out",
        "cannot be created (does it exist already?)",
    )
}

pub fn seed(data_dir: &Path, args: SeedArgs, env: &Env, io: &mut Io<'_>) -> Result<i32> {
    let mut store = open_existing(data_dir, env)?;
    let actor = login(&mut store, &args.login, env)?;
    let bar = if env.interactive() {
        ProgressBar::new(args.patients as u64)
    } else {
        ProgressBar::hidden()
    };
    bar.set_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} patients ({per_sec}, {eta} left)")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let saved = store.seed_demo(&actor, args.patients, args.seed, |done| {
        bar.set_position(done as u64)
    })?;
    bar.finish_and_clear();
    writeln!(io.out, "registered {saved} demo patients")?;
    Ok(EXIT_OK)
}
