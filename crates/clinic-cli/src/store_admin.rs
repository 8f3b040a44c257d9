//! `clinic init`, `backup`, `restore`, `verify` and `key show`: the store's life cycle.
use crate::args::{BackupArgs, InitArgs, KeyCommand, RestoreArgs};
use crate::auth::{login, open_existing};
use crate::env::{Env, Io};
use crate::{EXIT_OK, EXIT_PARTIAL};
use clinic_domain::user::SetupInput;
use clinic_domain::{Action, ErrorCode};
use clinic_store::clock::{RandomIds, SystemClock};
use clinic_store::key::{self, KEY_ENV};
use clinic_store::{Error, Result, Store, STORE_FILE};
use std::path::Path;
use std::sync::Arc;

pub const ADMIN_PASSWORD_ENV: &str = "CLINIC_ADMIN_PASSWORD";

pub fn init(data_dir: &Path, a: InitArgs, env: &Env, io: &mut Io<'_>) -> Result<i32> {
    let password = match env.var(ADMIN_PASSWORD_ENV) {
        Some(p) => p.to_string(),
        None => {
            let first = env.secret(
                ADMIN_PASSWORD_ENV,
                &format!("New password for {}: ", a.admin_user),
            )?;
            let again = env.secret(ADMIN_PASSWORD_ENV, "Type it again: ")?;
            if first != again {
                return Err(Error::field(
                    "admin_password",
                    ErrorCode::InvalidValue,
                    "the two passwords differ",
                ));
            }
            first
        }
    };
    let input = SetupInput {
        clinic_name: a.clinic_name,
        clinic_code: a.clinic_code,
        device_code: a.device_code,
        admin_username: a.admin_user,
        admin_display_name: a.admin_name,
        admin_password: password,
    };
    // Refuse bad input before anything (a key in the keyring, a file) is created.
    input.validate().map_err(Error::Invalid)?;
    let existed = data_dir.join(STORE_FILE).exists();
    let mut store = Store::open_in(data_dir, env.var(KEY_ENV))?;
    let salt = clinic_store::random_salt()?;
    let (_, user) = store.initialize(&input, salt)?;
    let clinic = store.clinic()?;
    writeln!(
        io.out,
        "Set up {} ({}) on this PC as device {}.",
        clinic.name, clinic.code, clinic.device_code
    )?;
    writeln!(
        io.out,
        "Administrator: {}. Store: {}",
        user.username,
        store.path().display()
    )?;
    if env.var(KEY_ENV).is_none() && !existed {
        writeln!(io.out, "The store key is in this computer's keyring; `clinic key show` prints it for safe keeping.")?;
    }
    Ok(EXIT_OK)
}

pub fn backup(data_dir: &Path, a: BackupArgs, env: &Env, io: &mut Io<'_>) -> Result<i32> {
    let mut store = open_existing(data_dir, env)?;
    let actor = login(&mut store, &a.login, env)?;
    let bytes = store.backup(&actor, &a.out)?;
    writeln!(
        io.out,
        "backup written to {} ({} KiB, encrypted with the store key)",
        a.out.display(),
        bytes / 1024
    )?;
    Ok(EXIT_OK)
}

pub fn restore(data_dir: &Path, a: RestoreArgs, env: &Env, io: &mut Io<'_>) -> Result<i32> {
    let live = data_dir.join(STORE_FILE);
    if live.exists() && !a.force {
        return Err(Error::field(
            "force",
            ErrorCode::Conflict,
            "a store exists here: add --force to replace it (it is kept beside)",
        ));
    }
    let key = key::resolve(&live, false, env.var(KEY_ENV))?;
    let password = env.secret(
        crate::auth::PASSWORD_ENV,
        &format!("Password for {} (in the backup): ", a.login.user),
    )?;
    let user = a.login.user.clone();
    let restored = clinic_store::backup::restore(
        data_dir,
        &a.from,
        &key,
        Arc::new(SystemClock),
        Arc::new(RandomIds),
        |store| {
            let (actor, _) = store.authenticate(&user, &password)?;
            store.record_restore(&actor)
        },
    )?;
    if env.var(KEY_ENV).is_some() && key::remember(&restored, &key).is_err() {
        writeln!(
            io.err,
            "note: the OS keyring is not available; keep setting {KEY_ENV} to open this store"
        )?;
    }
    writeln!(
        io.out,
        "restored {} into {}",
        a.from.display(),
        restored.display()
    )?;
    Ok(EXIT_OK)
}

pub fn verify(data_dir: &Path, json: bool, env: &Env, io: &mut Io<'_>) -> Result<i32> {
    let store = open_existing(data_dir, env)?;
    let report = store.verify()?;
    if json {
        writeln!(
            io.out,
            "{}",
            serde_json::to_string_pretty(&report).unwrap_or_default()
        )?;
    } else {
        for p in &report.problems {
            writeln!(io.out, "problem: {p}")?;
        }
        let verdict = if report.is_ok() {
            "ok"
        } else {
            "PROBLEMS FOUND"
        };
        writeln!(
            io.out,
            "{verdict}: {} records, {} audit entries checked",
            report.records_checked, report.audit_entries
        )?;
    }
    Ok(if report.is_ok() {
        EXIT_OK
    } else {
        EXIT_PARTIAL
    })
}

pub fn key(data_dir: &Path, cmd: KeyCommand, env: &Env, io: &mut Io<'_>) -> Result<i32> {
    let KeyCommand::Show { login: who } = cmd;
    let mut store = open_existing(data_dir, env)?;
    let actor = login(&mut store, &who, env)?;
    let hex = store.reveal_key(&actor)?;
    debug_assert!(clinic_domain::roles::allowed(
        actor.role,
        Action::StoreAdminister
    ));
    writeln!(io.out, "{hex}")?;
    Ok(EXIT_OK)
}
