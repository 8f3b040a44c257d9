//! Opening the store and logging in for one command.
use crate::args::Login;
use crate::env::Env;
use clinic_domain::Actor;
use clinic_store::key::KEY_ENV;
use clinic_store::{Error, Result, Store, STORE_FILE};
use std::path::Path;

pub const PASSWORD_ENV: &str = "CLINIC_PASSWORD";

/// Opens an existing store; never creates one (only `init` does).
pub fn open_existing(data_dir: &Path, env: &Env) -> Result<Store> {
    if !data_dir.join(STORE_FILE).exists() {
        return Err(Error::NotInitialized);
    }
    let store = Store::open_in(data_dir, env.var(KEY_ENV))?;
    if !store.is_initialized()? {
        return Err(Error::NotInitialized);
    }
    Ok(store)
}

/// Logs `login.user` in with the password from CLINIC_PASSWORD or a prompt.
pub fn login(store: &mut Store, login: &Login, env: &Env) -> Result<Actor> {
    let password = env.secret(PASSWORD_ENV, &format!("Password for {}: ", login.user))?;
    store
        .authenticate(&login.user, &password)
        .map(|(actor, _)| actor)
}
