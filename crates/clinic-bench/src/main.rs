//! `clinic-bench`: runs Clinic's benchmarks and prints a Markdown report and a JSON summary.
//!
//!     cargo run --release -p clinic-bench -- --patients 100000
//!     cargo run --release -p clinic-bench -- --quick
#![forbid(unsafe_code)]

use clinic_bench::{run, Config};
use std::path::PathBuf;
use std::time::Instant;

const USAGE: &str =
    "usage: clinic-bench [--patients N] [--quick] [--batch N] [--seed N] [--dir DIR] [--json FILE]

  --patients N   patients to register (default 100000; 1000 with --quick)
  --quick        small query and open counts, batches of 100 (smoke test)
  --batch N      patients per transaction (default 1000; 100 with --quick)
  --seed N       seed of the synthetic patients and of the queries
  --dir DIR      where to make the temporary folder (default: the system temp folder)
  --json FILE    also write the JSON summary to FILE";

fn main() {
    if let Err(e) = real_main() {
        eprintln!("clinic-bench: {e}");
        std::process::exit(1);
    }
}

fn real_main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let mut args = std::env::args().skip(1);
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
