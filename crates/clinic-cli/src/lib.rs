//! The headless command line of the `clinic` binary, for IT staff and scripts: no window is opened.
//! `clinic --help` lists the commands. Every command goes through the same core as the desktop app,
//! with the same role checks and the same audit trail.
#![forbid(unsafe_code)]

mod args;
mod auth;
mod env;
mod fhir;
mod patients;
mod store_admin;
mod sync;

pub use env::{Env, Io};

use args::{Cli, Command};
use clap::Parser;
use std::ffi::OsString;
use std::path::PathBuf;

/// Exit codes: scripts can tell a failure from a run that saved what it could.
pub const EXIT_OK: i32 = 0;
pub const EXIT_FAILED: i32 = 1;
pub const EXIT_USAGE: i32 = 2;
/// The command finished but refused some input (bad CSV rows, verify problems).
pub const EXIT_PARTIAL: i32 = 3;

const COMMANDS: [&str; 12] = [
    "init",
    "connect",
    "sync",
    "patients",
    "fhir",
    "seed-demo",
    "backup",
    "restore",
    "verify",
    "key",
    "help",
    "--help",
];

/// True when the arguments name a CLI command (possibly after the global `--data-dir DIR` and
/// `--json`), so the binary
/// runs headless instead of opening the window.
pub fn is_cli_invocation(args: &[OsString]) -> bool {
    let mut rest = args.iter().skip(1).map(|a| a.to_string_lossy());
    while let Some(arg) = rest.next() {
        if arg == "--data-dir" {
            rest.next();
            continue;
        }
        if arg.starts_with("--data-dir=") || arg == "--json" {
            continue;
        }
        return COMMANDS.contains(&arg.as_ref())
            || arg == "-h"
            || arg == "--version"
            || arg == "-V";
    }
    false
}

/// The value of `--data-dir DIR` or `--data-dir=DIR`, if given (the last one wins): the window
/// path of the binary reads its store folder with it.
pub fn data_dir_arg(args: &[OsString]) -> Option<PathBuf> {
    let mut found = None;
    let mut rest = args.iter().skip(1);
    while let Some(arg) = rest.next() {
        if arg == "--data-dir" {
            found = rest.next().map(PathBuf::from);
        } else if let Some(value) = arg.to_str().and_then(|s| s.strip_prefix("--data-dir=")) {
            found = Some(PathBuf::from(value));
        }
    }
    found
}

/// Runs the command line with the process's environment, standard output and error.
pub fn run(args: Vec<OsString>) -> std::process::ExitCode {
    let env = Env::from_process();
    let (mut out, mut err) = (std::io::stdout().lock(), std::io::stderr().lock());
    let code = run_with(
        args,
        &env,
        &mut Io {
            out: &mut out,
            err: &mut err,
        },
    );
    std::process::ExitCode::from(code as u8)
}

/// Runs the command line against an explicit environment and output streams (tests run it so).
pub fn run_with(args: Vec<OsString>, env: &Env, io: &mut Io<'_>) -> i32 {
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let _ = write!(io.err, "{}", e.render());
            return if e.use_stderr() { EXIT_USAGE } else { EXIT_OK };
        }
    };
    let data_dir = cli
        .data_dir
        .clone()
        .or_else(|| env.var(clinic_store::paths::DATA_DIR_ENV).map(Into::into));
    let data_dir = clinic_store::paths::data_dir(data_dir);
    let result = match cli.command {
        Command::Init(a) => store_admin::init(&data_dir, a, env, io),
        Command::Patients(p) => patients::run(&data_dir, p, cli.json, env, io),
        Command::Fhir(f) => fhir::run(&data_dir, f, cli.json, env, io),
        Command::SeedDemo(a) => patients::seed(&data_dir, a, env, io),
        Command::Backup(a) => store_admin::backup(&data_dir, a, env, io),
        Command::Restore(a) => store_admin::restore(&data_dir, a, env, io),
        Command::Verify(_) => store_admin::verify(&data_dir, cli.json, env, io),
        Command::Key(a) => store_admin::key(&data_dir, a, env, io),
        Command::Connect(a) => sync::connect(&data_dir, a, cli.json, env, io),
        Command::Sync(a) => sync::run(&data_dir, a, cli.json, env, io),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            report_error(&e, cli.json, io);
            EXIT_FAILED
        }
    }
}

/// Errors go to standard error: JSON `{code, message, field?, fields}` with `--json`, else one
/// line per problem.
fn report_error(e: &clinic_store::Error, json: bool, io: &mut Io<'_>) {
    if json {
        let _ = writeln!(
            io.err,
            "{}",
            serde_json::to_string(&e.body()).unwrap_or_default()
        );
        return;
    }
    match e {
        clinic_store::Error::Invalid(fields) => {
            for f in fields {
                let _ = writeln!(io.err, "error: {}: {}", f.field, f.message);
            }
        }
        other => {
            let _ = writeln!(io.err, "error: {other}");
        }
    }
}

#[cfg(test)]
mod data_dir_tests {
    use super::data_dir_arg;
    use std::ffi::OsString;
    use std::path::PathBuf;

    fn args(list: &[&str]) -> Vec<OsString> {
        list.iter().map(OsString::from).collect()
    }

    #[test]
    fn data_dir_is_taken_from_either_spelling() {
        assert_eq!(
            data_dir_arg(&args(&["clinic", "--data-dir", "/tmp/a"])),
            Some(PathBuf::from("/tmp/a"))
        );
        assert_eq!(
            data_dir_arg(&args(&["clinic", "--data-dir=/tmp/b"])),
            Some(PathBuf::from("/tmp/b"))
        );
    }

    #[test]
    fn no_data_dir_means_none() {
        assert_eq!(data_dir_arg(&args(&["clinic"])), None);
        assert_eq!(data_dir_arg(&args(&["clinic", "--data-dir"])), None);
        // the program name is never read as an option
        assert_eq!(data_dir_arg(&args(&["--data-dir=/x"])), None);
    }

    #[test]
    fn last_data_dir_wins() {
        let given = args(&["clinic", "--data-dir", "/one", "--data-dir=/two"]);
        assert_eq!(data_dir_arg(&given), Some(PathBuf::from("/two")));
    }
}
