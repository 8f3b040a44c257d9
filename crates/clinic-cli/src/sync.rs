//! `clinic connect`, `clinic sync` and `clinic sync status`: the sync engine from a script. The
//! engine is async; each command runs it on a current-thread runtime of its own.
use crate::args::{ConnectArgs, SyncArgs, SyncCommand};
use crate::auth::open_existing;
use crate::env::{Env, Io};
use crate::{EXIT_FAILED, EXIT_OK, EXIT_PARTIAL};
use clinic_store::key::KEY_ENV;
use clinic_store::{Error, Result, Store};
use clinic_sync::{SyncError, SyncOptions, SyncReport, SyncStatus};
use std::path::Path;
use std::sync::Mutex;

fn runtime() -> Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|_| Error::Storage("starting the network runtime".into()))
}

fn default_device_name(env: &Env) -> String {
    env.var("CLINIC_DEVICE_NAME")
        .or_else(|| env.var("HOSTNAME"))
        .or_else(|| env.var("COMPUTERNAME"))
        .unwrap_or("Clinic PC")
        .to_string()
}

/// `sync: pushed 12, pulled 30, rejected 0; server head 1042`
pub fn summary(r: &SyncReport) -> String {
    let mut line = format!(
        "sync: pushed {}, pulled {}, rejected {}; server head {}",
        r.pushed, r.pulled, r.rejected, r.head_seq
    );
    if r.bootstrapped_records > 0 {
        line.push_str(&format!(
            "; {} records from snapshots",
            r.bootstrapped_records
        ));
    }
    if r.duplicates > 0 {
        line.push_str(&format!("; {} already on the server", r.duplicates));
    }
    if r.waiting > 0 {
        line.push_str(&format!("; {} waiting for earlier changes", r.waiting));
    }
    line
}

/// 0 when everything went up and came down, 3 when some changes were refused or held back.
fn exit_code(r: &SyncReport) -> i32 {
    if r.rejected > 0 || r.waiting > 0 {
        EXIT_PARTIAL
    } else {
        EXIT_OK
    }
}

fn report_sync_error(e: &SyncError, json: bool, io: &mut Io<'_>) -> Result<i32> {
    if json {
        let body =
            serde_json::json!({"code": e.code(), "message": e.message(), "action": e.action()});
        writeln!(io.err, "{body}")?;
    } else {
        writeln!(io.err, "error: {}", e.message())?;
        writeln!(io.err, "what to do: {}", e.action())?;
    }
    Ok(EXIT_FAILED)
}

fn print_report(r: &SyncReport, json: bool, io: &mut Io<'_>) -> Result<()> {
    if json {
        let body = serde_json::json!({
            "pushed": r.pushed, "pulled": r.pulled, "rejected": r.rejected,
            "duplicates": r.duplicates, "bootstrapped_records": r.bootstrapped_records,
            "waiting": r.waiting, "head_seq": r.head_seq,
        });
        writeln!(io.out, "{body}")?;
    } else {
        writeln!(io.out, "{}", summary(r))?;
    }
    Ok(())
}

pub fn connect(
    data_dir: &Path,
    a: ConnectArgs,
    json: bool,
    env: &Env,
    io: &mut Io<'_>,
) -> Result<i32> {
    if let Err(e) = clinic_sync::http::check_server_url(&a.server, a.allow_insecure_http) {
        return report_sync_error(&e, json, io);
    }
    let mut opened = Store::open_in(data_dir, env.var(KEY_ENV))?;
    // Connecting decides where this clinic's records go: on a PC that has users, only an
    // administrator may. A new PC (or one whose users have not arrived yet) has no one to ask.
    if opened.is_initialized()? && !opened.users()?.is_empty() {
        let actor = crate::auth::login(&mut opened, &a.login, env)?;
        opened.require(&actor, clinic_domain::Action::StoreAdminister)?;
    }
    let store = Mutex::new(opened);
    if store
        .lock()
        .map(|s| s.sync_state().map(|st| st.connected()))
        .unwrap_or(Ok(false))?
    {
        writeln!(
            io.err,
            "note: this PC was connected before; connecting again with the new code"
        )?;
    }
    let opts = SyncOptions {
        allow_insecure_http: a.allow_insecure_http,
        ..SyncOptions::default()
    };
    let name = a
        .device_name
        .clone()
        .unwrap_or_else(|| default_device_name(env));
    let err = &mut *io.err;
    let mut progress = |p: clinic_sync::Progress| {
        let _ = writeln!(err, "bootstrap: {}/{} records", p.done, p.total);
    };
    let result = runtime()?.block_on(clinic_sync::connect(
        &store,
        &a.server,
        &a.code,
        &name,
        &opts,
        &mut progress,
    ));
    match result {
        Ok(c) => {
            if !json {
                writeln!(
                    io.out,
                    "connected: {} ({}), this PC is device {}{}",
                    c.clinic_name,
                    c.clinic_code,
                    c.device_code,
                    if c.joined {
                        " (new PC, set up from the server)"
                    } else {
                        ""
                    }
                )?;
            }
            print_report(&c.sync, json, io)?;
            Ok(exit_code(&c.sync))
        }
        Err(e) => report_sync_error(&e, json, io),
    }
}

pub fn run(data_dir: &Path, a: SyncArgs, json: bool, env: &Env, io: &mut Io<'_>) -> Result<i32> {
    let store = open_existing(data_dir, env)?;
    if let Some(SyncCommand::Status) = a.command {
        return status(&store, json, io);
    }
    let store = Mutex::new(store);
    let opts = SyncOptions::default();
    let err = &mut *io.err;
    let mut progress = |p: clinic_sync::Progress| {
        let _ = writeln!(err, "bootstrap: {}/{} records", p.done, p.total);
    };
    match runtime()?.block_on(clinic_sync::sync_once(&store, &opts, &mut progress)) {
        Ok(r) => {
            print_report(&r, json, io)?;
            Ok(exit_code(&r))
        }
        Err(e) => report_sync_error(&e, json, io),
    }
}

fn status(store: &Store, json: bool, io: &mut Io<'_>) -> Result<i32> {
    let s = SyncStatus::read(store, false)?;
    if json {
        writeln!(
            io.out,
            "{}",
            serde_json::to_string_pretty(&s).unwrap_or_default()
        )?;
        return Ok(EXIT_OK);
    }
    let Some(url) = &s.server_url else {
        writeln!(io.out, "not connected to a central server")?;
        return Ok(EXIT_OK);
    };
    writeln!(
        io.out,
        "server: {url} ({})",
        if s.online { "online" } else { "offline" }
    )?;
    writeln!(
        io.out,
        "clinic {}, device {}",
        s.clinic_code.as_deref().unwrap_or("?"),
        s.device_code.as_deref().unwrap_or("?")
    )?;
    writeln!(
        io.out,
        "last successful sync: {}",
        s.last_success_at.as_deref().unwrap_or("never")
    )?;
    writeln!(io.out, "changes waiting to go up: {}", s.pending_changes)?;
    if s.rejected_changes > 0 {
        writeln!(
            io.out,
            "changes refused by the server: {}",
            s.rejected_changes
        )?;
    }
    if let Some(e) = &s.last_error {
        writeln!(io.out, "last error: {}", e.message)?;
        writeln!(io.out, "what to do: {}", e.action)?;
    }
    Ok(EXIT_OK)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_and_exit_code_cases() {
        let ok = SyncReport {
            pushed: 12,
            pulled: 30,
            head_seq: 1042,
            ..SyncReport::default()
        };
        assert_eq!(
            summary(&ok),
            "sync: pushed 12, pulled 30, rejected 0; server head 1042"
        );
        assert_eq!(exit_code(&ok), EXIT_OK);
        let rejected = SyncReport {
            rejected: 2,
            ..ok.clone()
        };
        assert_eq!(exit_code(&rejected), EXIT_PARTIAL);
        let waiting = SyncReport { waiting: 1, ..ok };
        assert_eq!(exit_code(&waiting), EXIT_PARTIAL);
        assert!(summary(&waiting).ends_with("; 1 waiting for earlier changes"));
    }
}
