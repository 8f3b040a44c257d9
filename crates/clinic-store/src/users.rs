//! Users: records like any other (so they sync), a projection for login, argon2id passwords.
use crate::audit::{self, AuditAction, Subject};
use crate::error::{Context, Error, Result};
use crate::lockout;
use crate::records::{self, WriteCtx};
use crate::store::Store;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use clinic_domain::user::{User, UserSummary};
use clinic_domain::{Actor, RecordKind, Role};
use rusqlite::{Connection, OptionalExtension, Transaction};
use sea_query::{Iden, OnConflict, Query, SqliteQueryBuilder};
use sea_query_rusqlite::RusqliteBinder;
use uuid::Uuid;

#[derive(Iden, Clone, Copy)]
enum Users {
    Table,
    Id,
    Username,
    DisplayName,
    Role,
    PasswordHash,
    Active,
    TotpSecret,
    UpdatedAt,
}

pub(crate) fn hash_password(password: &str, salt_bytes: &[u8; 16]) -> Result<String> {
    let failed = |_| Error::Storage("hashing a password".into());
    let salt = SaltString::encode_b64(salt_bytes).map_err(failed)?;
    Ok(Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map_err(failed)?
        .to_string())
}

fn verify_password(hash: &str, password: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|h| {
        Argon2::default()
            .verify_password(password.as_bytes(), &h)
            .is_ok()
    })
}

/// 16 random bytes for a new password hash.
pub fn random_salt() -> Result<[u8; 16]> {
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt).map_err(|_| Error::Storage("drawing a password salt".into()))?;
    Ok(salt)
}

/// Writes the user's projection row (insert or replace) inside `tx`.
pub(crate) fn project(tx: &Transaction<'_>, id: Uuid, user: &User, updated_at: &str) -> Result<()> {
    let cols = [
        Users::Username,
        Users::DisplayName,
        Users::Role,
        Users::PasswordHash,
        Users::Active,
        Users::TotpSecret,
        Users::UpdatedAt,
    ];
    let (sql, values) = Query::insert()
        .into_table(Users::Table)
        .columns([Users::Id].into_iter().chain(cols.iter().copied()))
        .values_panic([
            id.to_string().into(),
            user.username.clone().into(),
            user.display_name.clone().into(),
            user.role.clone().into(),
            user.password_hash.clone().into(),
            user.active.into(),
            user.totp_secret.clone().into(),
            updated_at.into(),
        ])
        .on_conflict(
            OnConflict::column(Users::Id)
                .update_columns(cols)
                .to_owned(),
        )
        .build_rusqlite(SqliteQueryBuilder);
    tx.execute(&sql, &*values.as_params())
        .context("updating the users list")?;
    crate::staff::project(tx, id, &user.profile, updated_at)
}

/// Creates a user record and its projection inside `tx`.
pub(crate) fn insert(
    tx: &Transaction<'_>,
    id: Uuid,
    user: &User,
    ctx: &WriteCtx<'_>,
) -> Result<()> {
    let taken: Option<String> = tx
        .query_row(
            "SELECT id FROM users WHERE username = ?1",
            [&user.username],
            |r| r.get(0),
        )
        .optional()
        .context("checking the username")?;
    if taken.is_some() {
        return Err(Error::field(
            "username",
            clinic_domain::ErrorCode::Duplicate,
            "is already taken",
        ));
    }
    records::create(tx, RecordKind::User, id, user, ctx)?;
    project(tx, id, user, &ctx.at.to_rfc3339())?;
    audit::append(
        tx,
        ctx.actor,
        AuditAction::Create,
        Subject::record(RecordKind::User, id),
        ctx.at,
    )
}

struct LoginRow {
    id: Uuid,
    summary: UserSummary,
    hash: String,
    totp_secret: String,
}

fn find_active(conn: &Connection, username: &str) -> Result<Option<LoginRow>> {
    let row = conn
        .query_row(
            "SELECT id, username, display_name, role, password_hash, totp_secret FROM users WHERE username = ?1 AND active = 1",
            [username],
            |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get::<_, String>(3)?, r.get::<_, String>(4)?, r.get::<_, String>(5)?)),
        )
        .optional()
        .context("looking up a user")?;
    let Some((id, username, display_name, role, hash, totp_secret)) = row else {
        return Ok(None);
    };
    let id = Uuid::parse_str(&id).context("reading a user id")?;
    let role = Role::parse(&role).ok_or_else(|| Error::Storage("reading a user's role".into()))?;
    Ok(Some(LoginRow {
        id,
        summary: UserSummary {
            id,
            username,
            display_name,
            role,
            active: true,
            two_factor: !totp_secret.is_empty(),
        },
        hash,
        totp_secret,
    }))
}

/// Whether a sign-in must give the authenticator code of a user who has two-factor sign-in.
#[derive(Clone, Copy)]
enum SecondFactor<'a> {
    Required(Option<&'a str>),
    AlreadyGiven,
}

/// A hash of nothing anyone knows: checked when the username does not exist, so a wrong
/// username takes as long as a wrong password.
fn decoy_hash() -> &'static str {
    static DECOY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DECOY.get_or_init(|| hash_password("no such user", &[7u8; 16]).unwrap_or_default())
}

impl Store {
    /// Checks a username and password; the attempt is audited either way. After
    /// `lockout::MAX_FAILURES` failures in a row the username is refused for a while, whether it
    /// exists or not. A user with two-factor sign-in gets `SecondFactorRequired` (the password was
    /// right): log in with `authenticate_with_code` then.
    pub fn authenticate(&mut self, username: &str, password: &str) -> Result<(Actor, UserSummary)> {
        self.sign_in(username, password, SecondFactor::Required(None))
    }

    /// Like `authenticate`, with the authenticator code of a user who has two-factor sign-in (a
    /// wrong, replayed or missing code counts as a failed login).
    pub fn authenticate_with_code(
        &mut self,
        username: &str,
        password: &str,
        code: &str,
    ) -> Result<(Actor, UserSummary)> {
        self.sign_in(username, password, SecondFactor::Required(Some(code)))
    }

    /// The password of a user whose session is only locked (the second factor was given at login).
    pub fn reauthenticate(
        &mut self,
        username: &str,
        password: &str,
    ) -> Result<(Actor, UserSummary)> {
        self.sign_in(username, password, SecondFactor::AlreadyGiven)
    }

    fn sign_in(
        &mut self,
        username: &str,
        password: &str,
        second: SecondFactor<'_>,
    ) -> Result<(Actor, UserSummary)> {
        let device = self.device()?;
        let username = username.trim().to_lowercase();
        let at = self.clock.now();
        let locked = lockout::check(&self.conn, &username, at);
        let found = find_active(&self.conn, &username)?;
        let ok = verify_password(
            found.as_ref().map_or(decoy_hash(), |f| f.hash.as_str()),
            password,
        );
        let mut code_error = None;
        if let (Some(row), true, Ok(()), SecondFactor::Required(code)) =
            (&found, ok, &locked, second)
        {
            if !row.totp_secret.is_empty() {
                let Some(code) = code.filter(|c| !c.trim().is_empty()) else {
                    return Err(Error::SecondFactorRequired);
                };
                code_error =
                    crate::two_factor::accept(&self.conn, row.id, &row.totp_secret, code, at).err();
            }
        }
        match found {
            Some(row) if ok && locked.is_ok() && code_error.is_none() => {
                let actor = Actor {
                    user_id: row.id,
                    username: row.summary.username.clone(),
                    role: row.summary.role,
                    device_id: device.id,
                };
                lockout::clear(&self.conn, &username)?;
                audit::append(
                    &self.conn,
                    &actor,
                    AuditAction::Login,
                    Subject::record(RecordKind::User, row.id),
                    at,
                )?;
                Ok((actor, row.summary))
            }
            other => {
                let actor = Actor {
                    user_id: other.as_ref().map_or(Uuid::nil(), |r| r.id),
                    username: username.clone(),
                    role: other
                        .as_ref()
                        .map_or(Role::Receptionist, |r| r.summary.role),
                    device_id: device.id,
                };
                let now_locked = match locked {
                    Err(e) => Some(e),
                    Ok(()) => lockout::record_failure(&self.conn, &username, at)?.then_some(
                        Error::TooManyAttempts {
                            minutes: lockout::LOCK_MINUTES,
                        },
                    ),
                };
                audit::append(
                    &self.conn,
                    &actor,
                    AuditAction::LoginFailed,
                    Subject {
                        kind: "user",
                        id: username,
                    },
                    at,
                )?;
                // Locked beats a wrong code, which beats the generic answer (the password was right).
                Err(now_locked
                    .or(code_error)
                    .unwrap_or(Error::InvalidCredentials))
            }
        }
    }

    pub fn users(&self) -> Result<Vec<UserSummary>> {
        let mut stmt = self
            .conn
            .prepare("SELECT id, username, display_name, role, active, totp_secret <> '' FROM users ORDER BY username")
            .context("listing users")?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, bool>(4)?,
                    r.get::<_, bool>(5)?,
                ))
            })
            .context("listing users")?;
        let mut out = Vec::new();
        for row in rows {
            let (id, username, display_name, role, active, two_factor) =
                row.context("listing users")?;
            out.push(UserSummary {
                id: Uuid::parse_str(&id).context("reading a user id")?,
                username,
                display_name,
                role: Role::parse(&role)
                    .ok_or_else(|| Error::Storage("reading a user's role".into()))?,
                active,
                two_factor,
            });
        }
        Ok(out)
    }

    /// Loads one user's document (for verify and tests): the projection must match it.
    pub(crate) fn user_doc(&self, id: Uuid, device_id: Uuid) -> Result<Option<User>> {
        match records::load(&self.conn, RecordKind::User, id, device_id)? {
            Some(l) => Ok(Some(records::hydrate(&l.doc)?)),
            None => Ok(None),
        }
    }
}
