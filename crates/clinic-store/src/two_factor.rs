//! Two-factor sign-in: a user turns it on for their own account by scanning a new secret into an
//! authenticator app and typing back one code (so a mistyped secret never locks them out); an
//! administrator can turn it off for someone who lost their phone. The secret lives in the user's
//! document (it syncs, so every PC checks codes offline); codes are checked by `clinic_domain::totp`.
use crate::error::{Context, Error, Result};
use crate::store::Store;
use chrono::{DateTime, Utc};
use clinic_domain::user::UserSummary;
use clinic_domain::{totp, Action, Actor, ErrorCode};
use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;
use ts_rs::TS;
use uuid::Uuid;

/// What the enrolment screen shows: the secret (to type in) and the `otpauth://` link (as a QR code).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct TwoFactorSetup {
    pub secret: String,
    pub uri: String,
}

fn wrong_code() -> Error {
    Error::field(
        "totp_code",
        ErrorCode::InvalidValue,
        "is not the current code of your authenticator app",
    )
}

fn unix(at: DateTime<Utc>) -> u64 {
    u64::try_from(at.timestamp()).unwrap_or(0)
}

/// Accepts `code` for user `user_id` at `at`: right for the secret, and of a newer time step than
/// any code this PC accepted for them before (a code is good once). Records the step.
pub(crate) fn accept(
    conn: &Connection,
    user_id: Uuid,
    secret: &str,
    code: &str,
    at: DateTime<Utc>,
) -> Result<()> {
    let step = totp::check(secret, code, unix(at)).ok_or_else(wrong_code)?;
    let last: Option<i64> = conn
        .query_row(
            "SELECT step FROM totp_last_step WHERE user_id = ?1",
            [user_id.to_string()],
            |r| r.get(0),
        )
        .optional()
        .context("checking the authenticator code")?;
    let step = i64::try_from(step).map_err(|_| wrong_code())?;
    if last.is_some_and(|last| step <= last) {
        return Err(wrong_code());
    }
    conn.execute(
        "INSERT INTO totp_last_step (user_id, step) VALUES (?1, ?2)
         ON CONFLICT (user_id) DO UPDATE SET step = excluded.step",
        rusqlite::params![user_id.to_string(), step],
    )
    .context("recording the authenticator code")?;
    Ok(())
}

impl Store {
    /// A new secret for `actor`'s own account, not saved yet: `enable_two_factor` saves it once the
    /// user shows their app makes the right codes. `random` comes from the caller (20 random bytes).
    pub fn new_two_factor_secret(&self, actor: &Actor, random: [u8; 20]) -> Result<TwoFactorSetup> {
        let clinic = self.clinic()?;
        let secret = totp::new_secret(random);
        let uri = totp::otpauth_uri(&secret, &clinic.name, &actor.username);
        Ok(TwoFactorSetup { secret, uri })
    }

    /// Turns on two-factor sign-in for `actor`'s own account with `secret` (from
    /// `new_two_factor_secret`), once `code` proves the authenticator app has it.
    pub fn enable_two_factor(
        &mut self,
        actor: &Actor,
        secret: &str,
        code: &str,
    ) -> Result<UserSummary> {
        accept(&self.conn, actor.user_id, secret, code, self.clock.now())?;
        let secret = secret.to_string();
        self.change_user(actor, actor.user_id, "enable_two_factor", |u| {
            u.totp_secret = secret
        })
    }

    /// Turns off two-factor sign-in for one's own account (with a current code) or, for an
    /// administrator, for anyone's (a user who lost their phone).
    pub fn disable_two_factor(
        &mut self,
        actor: &Actor,
        user_id: Uuid,
        code: Option<&str>,
    ) -> Result<UserSummary> {
        if let (true, Some(code)) = (user_id == actor.user_id, code) {
            let secret: String = self
                .conn
                .query_row(
                    "SELECT totp_secret FROM users WHERE id = ?1",
                    [user_id.to_string()],
                    |r| r.get(0),
                )
                .context("reading the user")?;
            accept(&self.conn, user_id, &secret, code, self.clock.now())?;
        } else {
            self.authorize(actor, Action::UserManage)?;
        }
        self.change_user(actor, user_id, "disable_two_factor", |u| {
            u.totp_secret.clear()
        })
    }
}
