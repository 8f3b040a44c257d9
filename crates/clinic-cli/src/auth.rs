//! Opening the store and logging in for one command.
use crate::args::Login;
use crate::env::Env;
use clinic_domain::Actor;
use clinic_store::key::KEY_ENV;
use clinic_store::{Error, Result, Store, STORE_FILE};
use std::path::Path;

pub const PASSWORD_ENV: &str = "CLINIC_PASSWORD";
/// The authenticator code of a user with two-factor sign-in (else it is asked for).
pub const TOTP_CODE_ENV: &str = "CLINIC_TOTP_CODE";

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

/// Logs `login.user` in with the password from CLINIC_PASSWORD or a prompt, and, for a user with
/// two-factor sign-in, the code from CLINIC_TOTP_CODE or a prompt.
pub fn login(store: &mut Store, login: &Login, env: &Env) -> Result<Actor> {
    let password = env.secret(PASSWORD_ENV, &format!("Password for {}: ", login.user))?;
    match store.authenticate(&login.user, &password) {
        Err(Error::SecondFactorRequired) => {
            let code = env.secret(TOTP_CODE_ENV, "Authenticator code: ")?;
            store.authenticate_with_code(&login.user, &password, &code)
        }
        other => other,
    }
    .map(|(actor, _)| actor)
}
