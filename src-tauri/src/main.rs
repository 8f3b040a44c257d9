//! The `clinic` binary: the desktop window, or the command line when called with a CLI subcommand.
//!
//! This crate is a thin shell. Every rule lives in `clinic-store` (and `clinic-domain`); the window's
//! commands in `commands.rs` are one-line adapters onto `clinic_store::app::App`, and the command line is
//! `clinic-cli`'s. The binary keeps the console subsystem on Windows so the command line can print.
#![forbid(unsafe_code)]

mod appointment_commands;
mod billing_commands;
mod chart_commands;
mod commands;
mod dashboard_commands;
mod issue_commands;
mod lab_commands;
mod prescription_commands;
mod reminder_commands;
mod room_commands;
mod stock_commands;
mod user_commands;

use std::ffi::OsString;
use std::process::ExitCode;

use clinic_store::app::App;

fn main() -> ExitCode {
    let args: Vec<OsString> = std::env::args_os().collect();
    if clinic_cli::is_cli_invocation(&args) {
        return clinic_cli::run(args);
    }
    if !display_available() {
        eprintln!(
            "clinic: there is no display to open the window on (DISPLAY and WAYLAND_DISPLAY are unset).\n\
             For the command line, see `clinic --help`."
        );
        return ExitCode::FAILURE;
    }
    // `paths::data_dir` falls back to CLINIC_DATA_DIR, then to the OS's app-data folder.
    let app = App::new(clinic_store::paths::data_dir(clinic_cli::data_dir_arg(
        &args,
    )));
    match commands::run_window(app) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("clinic: cannot open the window: {error}");
            ExitCode::FAILURE
        }
    }
}

/// On Linux and the BSDs a window needs an X11 or Wayland display; without one GTK would abort with a panic.
fn display_available() -> bool {
    if cfg!(any(
        target_os = "linux",
        target_os = "freebsd",
        target_os = "openbsd",
        target_os = "netbsd"
    )) {
        ["DISPLAY", "WAYLAND_DISPLAY"]
            .iter()
            .any(|var| std::env::var_os(var).is_some_and(|v| !v.is_empty()))
    } else {
        true
    }
}
