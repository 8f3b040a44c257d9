//! `clinic-bench`: runs Clinic's benchmarks and prints a Markdown report and a JSON summary.
//!
//!     cargo run --release -p clinic-bench -- --patients 100000
//!     cargo run --release -p clinic-bench -- --quick
//!     DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \
//!         cargo run --release -p clinic-bench -- sync --records 20000
#![forbid(unsafe_code)]

use clinic_bench::{run, run_sync, Config, SyncConfig};
use std::path::PathBuf;
use std::time::Instant;

const USAGE: &str =
    "usage: clinic-bench [--patients N] [--quick] [--batch N] [--seed N] [--dir DIR] [--json FILE]

  --patients N   patients to register (default 100000; 1000 with --quick)
  --quick        small query and open counts, batches of 100 (smoke test)
  --batch N      patients per transaction (default 1000; 100 with --quick)
  --seed N       seed of the synthetic patients and of the queries
  --dir DIR      where to make the temporary folder (default: the system temp folder)
  --json FILE    also write the JSON summary to FILE

       clinic-bench sync [--records N] [--edits N] [--runs N] [--seed N] [--dir DIR]

  sync           the sync benchmarks: the real server on a new PostgreSQL database (created
                 next to DATABASE_URL's, dropped at the end) and two real stores over loopback
  --records N    patients in the clinic (default 20000)
  --edits N      records changed for the round trip (default 1000)
  --runs N       syncs with nothing to do, per PC (default 20)

       clinic-bench prescription-pdf [--renders N] [--dir DIR]

  prescription-pdf  printing a prescription (store path vs a one-line PDF baseline)
  --renders N    prints of each (default 200)

       clinic-bench chart [--patients N] [--encounters N] [--opens N] [--dir DIR]

  chart          opening a chart (patient + encounters timeline + vitals series) against
                 opening the patient alone; ICD-10 search times
  --patients N   patients in the store (default 100000)
  --encounters N encounters of the measured patient (default 500)
  --opens N      opens of each, alternating (default 200)

       clinic-bench receipts [--renders N] [--dir DIR]

  receipts       printing a receipt (store path vs the same text as a plain-text file and a
                 one-line PDF baseline)
  --renders N    prints of each (default 200)";

fn main() {
    if let Err(e) = real_main() {
        eprintln!("clinic-bench: {e}");
        std::process::exit(1);
    }
}

fn real_main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let mut args = std::env::args().skip(1).peekable();
    if args.peek().map(String::as_str) == Some("sync") {
        args.next();
        return sync_main(args);
    }
    if args.peek().map(String::as_str) == Some("appointments") {
        args.next();
        return appointments_main(args);
    }
    if args.peek().map(String::as_str) == Some("chart") {
        args.next();
        return chart_main(args);
    }
    if args.peek().map(String::as_str) == Some("receipts") {
        args.next();
        return pdf_main(args, clinic_bench::receipts::run_receipts);
    }
    if args.peek().map(String::as_str) == Some("prescription-pdf") {
        args.next();
        return pdf_main(args, clinic_bench::prescription_pdf::run_prescription_pdf);
    }
    let (mut patients, mut quick, mut batch, mut seed) = (None, false, None, None);
    let (mut dir, mut json_out) = (None::<PathBuf>, None::<PathBuf>);
    while let Some(a) = args.next() {
        let mut value = |name: &str| {
            args.next()
                .ok_or_else(|| format!("{name} needs a value\n{USAGE}"))
        };
        match a.as_str() {
            "--patients" => patients = Some(value("--patients")?.parse::<usize>()?),
            "--quick" => quick = true,
            "--batch" => batch = Some(value("--batch")?.parse::<usize>()?),
            "--seed" => seed = Some(value("--seed")?.parse::<u64>()?),
            "--dir" => dir = Some(PathBuf::from(value("--dir")?)),
            "--json" => json_out = Some(PathBuf::from(value("--json")?)),
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(());
            }
            other => return Err(format!("unknown argument {other}\n{USAGE}").into()),
        }
    }
    let mut cfg = if quick {
        Config::quick(patients.unwrap_or(1000))
    } else {
        Config::full(patients.unwrap_or(100_000))
    };
    if cfg.patients == 0 {
        return Err("--patients must be at least 1".into());
    }
    if let Some(b) = batch {
        cfg.batch = b.max(1);
    }
    if let Some(s) = seed {
        cfg.seed = s;
    }
    cfg.dir = dir;

    let started = Instant::now();
    let mut log = |line: &str| eprintln!("[{:>6.1}s] {line}", started.elapsed().as_secs_f64());
    let report = run(&cfg, &mut log)?;
    println!("{}", report.markdown());
    let json = serde_json::to_string_pretty(&report.json())?;
    println!("```json\n{json}\n```");
    if let Some(path) = json_out {
        std::fs::write(&path, format!("{json}\n"))?;
    }
    Ok(())
}

fn sync_main(mut args: impl Iterator<Item = String>) -> Result<(), clinic_bench::BenchError> {
    let url = std::env::var("DATABASE_URL")
        .ok()
        .filter(|u| !u.is_empty())
        .unwrap_or_else(|| clinic_bench::sync::DEFAULT_DATABASE_URL.into());
    let mut cfg = SyncConfig::new(20_000, &url);
    while let Some(a) = args.next() {
        let mut value = |name: &str| {
            args.next()
                .ok_or_else(|| format!("{name} needs a value\n{USAGE}"))
        };
        match a.as_str() {
            "--records" => cfg.records = value("--records")?.parse()?,
            "--edits" => cfg.edits = value("--edits")?.parse()?,
            "--runs" => cfg.noop_runs = value("--runs")?.parse()?,
            "--seed" => cfg.seed = value("--seed")?.parse()?,
            "--dir" => cfg.dir = Some(PathBuf::from(value("--dir")?)),
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(());
            }
            other => return Err(format!("unknown argument {other}\n{USAGE}").into()),
        }
    }
    let started = Instant::now();
    let mut log = |line: &str| eprintln!("[{:>6.1}s] {line}", started.elapsed().as_secs_f64());
    let report = run_sync(&cfg, &mut log)?;
    println!("{}", report.markdown());
    Ok(())
}

/// The PDF benches (`receipts`, `prescription-pdf`): `--renders N` documents in a temporary folder
/// (under `--dir` when given); `run` prints them and answers the JSON report.
fn pdf_main(
    mut args: impl Iterator<Item = String>,
    run: fn(usize, &std::path::Path) -> clinic_bench::BenchResult<serde_json::Value>,
) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let (mut renders, mut dir) = (200usize, None::<PathBuf>);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--renders" => renders = args.next().ok_or("--renders needs a value")?.parse()?,
            "--dir" => dir = Some(PathBuf::from(args.next().ok_or("--dir needs a value")?)),
            other => return Err(format!("unknown argument {other}\n{USAGE}").into()),
        }
    }
    let tmp = match dir {
        Some(d) => tempfile::tempdir_in(d)?,
        None => tempfile::tempdir()?,
    };
    let json = run(renders, tmp.path())?;
    println!("```json\n{}\n```", serde_json::to_string_pretty(&json)?);
    Ok(())
}

fn appointments_main(
    mut args: impl Iterator<Item = String>,
) -> Result<(), clinic_bench::BenchError> {
    let mut cfg = clinic_bench::AppointmentsConfig {
        appointments: 1_000_000,
        bookings: 1000,
        dir: None,
    };
    while let Some(a) = args.next() {
        let mut value = |name: &str| {
            args.next()
                .ok_or_else(|| format!("{name} needs a value\n{USAGE}"))
        };
        match a.as_str() {
            "--appointments" => cfg.appointments = value("--appointments")?.parse()?,
            "--bookings" => cfg.bookings = value("--bookings")?.parse()?,
            "--dir" => cfg.dir = Some(PathBuf::from(value("--dir")?)),
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(());
            }
            other => return Err(format!("unknown argument {other}\n{USAGE}").into()),
        }
    }
    let started = Instant::now();
    let mut log = |line: &str| eprintln!("[{:>6.1}s] {line}", started.elapsed().as_secs_f64());
    let report = clinic_bench::run_appointments(&cfg, &mut log)?;
    println!("{}", report.markdown());
    Ok(())
}

fn chart_main(mut args: impl Iterator<Item = String>) -> Result<(), clinic_bench::BenchError> {
    let mut cfg = clinic_bench::chart::ChartConfig {
        patients: 100_000,
        encounters: 500,
        opens: 200,
        dir: None,
    };
    while let Some(a) = args.next() {
        let mut value = |name: &str| {
            args.next()
                .ok_or_else(|| format!("{name} needs a value\n{USAGE}"))
        };
        match a.as_str() {
            "--patients" => cfg.patients = value("--patients")?.parse()?,
            "--encounters" => cfg.encounters = value("--encounters")?.parse()?,
            "--opens" => cfg.opens = value("--opens")?.parse()?,
            "--dir" => cfg.dir = Some(PathBuf::from(value("--dir")?)),
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(());
            }
            other => return Err(format!("unknown argument {other}\n{USAGE}").into()),
        }
    }
    if cfg.patients == 0 {
        return Err("--patients must be at least 1".into());
    }
    let started = Instant::now();
    let mut log = |line: &str| eprintln!("[{:>6.1}s] {line}", started.elapsed().as_secs_f64());
    let report = clinic_bench::chart::run_chart(&cfg, &mut log)?;
    println!("{}", report.markdown());
    Ok(())
}
