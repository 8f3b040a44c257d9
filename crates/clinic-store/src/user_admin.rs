//! User management by the clinic administrator: create, change role, reset password, deactivate
//! and reactivate (never delete), list. Every operation checks the role in the core (a refusal is
//! audited and writes nothing) and is audited. The last active administrator is never deactivated
//! or demoted, so somebody can always manage the clinic.
use crate::error::{Context, Error, Result};
use crate::records::{self, WriteCtx};
use crate::store::Store;
use crate::users;
use clinic_domain::user::{validate_password, validate_role, NewUserInput, User, UserSummary};
use clinic_domain::{Action, Actor, ChangeSource, ErrorCode, RecordKind, Role, Validation};
use rusqlite::Transaction;
use uuid::Uuid;

const KIND: RecordKind = RecordKind::User;

fn summary(id: Uuid, user: &User) -> Result<UserSummary> {
    Ok(UserSummary {
        id,
        username: user.username.clone(),
        display_name: user.display_name.clone(),
        role: Role::parse(&user.role)
            .ok_or_else(|| Error::Storage("reading a user's role".into()))?,
        active: user.active,
        two_factor: !user.totp_secret.is_empty(),
    })
}

/// Active administrators other than `id`.
fn other_active_admins(tx: &Transaction<'_>, id: Uuid) -> Result<i64> {
    tx.query_row(
        "SELECT count(*) FROM users WHERE role = 'administrator' AND active = 1 AND id <> ?1",
        [id.to_string()],
        |r| r.get(0),
    )
    .context("counting administrators")
}

impl Store {
    /// Every user of the clinic, active or not, by username.
    pub fn list_users(&self, actor: &Actor) -> Result<Vec<UserSummary>> {
        self.authorize(actor, Action::UserView)?;
        self.users()
    }

    /// Creates a user; field errors on `username` (taken, format), `display_name`, `role` and
    /// `password` (the password policy).
    pub fn create_user(
        &mut self,
        actor: &Actor,
        input: &NewUserInput,
        password_salt: [u8; 16],
    ) -> Result<UserSummary> {
        self.authorize(actor, Action::UserManage)?;
        let valid = input.validate().map_err(Error::Invalid)?;
        let user = User {
            username: valid.username,
            display_name: valid.display_name,
            role: valid.role.as_str().to_string(),
            password_hash: users::hash_password(&input.password, &password_salt)?,
            active: true,
            totp_secret: String::new(),
            profile: Default::default(),
        };
        let id = self.new_id();
        let at = self.clock.now();
        let tx = self.write()?;
        let ctx = WriteCtx {
            actor,
            action: "create",
            source: ChangeSource::Ui,
            at,
        };
        users::insert(&tx, id, &user, &ctx)?;
        tx.commit().context("saving the user")?;
        summary(id, &user)
    }

    pub fn change_user_role(&mut self, actor: &Actor, id: Uuid, role: &str) -> Result<UserSummary> {
        self.authorize(actor, Action::UserManage)?;
        let mut v = Validation::default();
        let role = validate_role(&mut v, "role", role);
        v.finish(()).map_err(Error::Invalid)?;
        let role = role.unwrap_or(Role::Receptionist);
        self.change_user(actor, id, "change_role", |u| {
            u.role = role.as_str().to_string()
        })
    }

    pub fn reset_user_password(
        &mut self,
        actor: &Actor,
        id: Uuid,
        password: &str,
        password_salt: [u8; 16],
    ) -> Result<UserSummary> {
        self.authorize(actor, Action::UserManage)?;
        let username = self
            .users()?
            .into_iter()
            .find(|u| u.id == id)
            .map(|u| u.username)
            .ok_or(Error::NotFound { what: "user" })?;
        let mut v = Validation::default();
        validate_password(&mut v, "password", password, &username);
        v.finish(()).map_err(Error::Invalid)?;
        let hash = users::hash_password(password, &password_salt)?;
        self.change_user(actor, id, "reset_password", |u| u.password_hash = hash)
    }

    /// Deactivates (`active: false`: the user can no longer log in) or reactivates a user.
    pub fn set_user_active(
        &mut self,
        actor: &Actor,
        id: Uuid,
        active: bool,
    ) -> Result<UserSummary> {
        self.authorize(actor, Action::UserManage)?;
        let action = if active { "reactivate" } else { "deactivate" };
        self.change_user(actor, id, action, |u| u.active = active)
    }

    /// Loads user `id`, applies `edit`, refuses to leave the clinic without an active
    /// administrator, and writes the change, its projection and the audit entry together.
    pub(crate) fn change_user(
        &mut self,
        actor: &Actor,
        id: Uuid,
        action: &str,
        edit: impl FnOnce(&mut User),
    ) -> Result<UserSummary> {
        let at = self.clock.now();
        let tx = self.write()?;
        let mut loaded = records::load(&tx, KIND, id, actor.device_id)?
            .ok_or(Error::NotFound { what: "user" })?;
        let before: User = records::hydrate(&loaded.doc)?;
        let mut user = before.clone();
        edit(&mut user);
        let admin = |u: &User| u.active && u.role == Role::Administrator.as_str();
        if admin(&before) && !admin(&user) && other_active_admins(&tx, id)? == 0 {
            return Err(Error::field(
                "user",
                ErrorCode::Conflict,
                "is the last active administrator: it cannot be deactivated or demoted",
            ));
        }
        let ctx = WriteCtx {
            actor,
            action,
            source: ChangeSource::Ui,
            at,
        };
        records::update_projected(&tx, KIND, id, &mut loaded.doc, &user, &ctx, users::project)?;
        tx.commit().context("saving the user")?;
        summary(id, &user)
    }
}
