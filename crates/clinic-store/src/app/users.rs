//! The "Users" screen as the desktop window calls it: one line per IPC command.
use super::App;
use crate::error::Error;
use crate::error::Result;
use crate::patients::parse_id;
use crate::two_factor::TwoFactorSetup;
use crate::users::random_salt;
use clinic_domain::user::{NewUserInput, UserSummary};

impl App {
    pub fn list_users(&self) -> Result<Vec<UserSummary>> {
        self.as_user(|store, actor| store.list_users(actor))
    }

    pub fn create_user(&self, input: NewUserInput) -> Result<UserSummary> {
        let salt = random_salt()?;
        self.as_user(|store, actor| store.create_user(actor, &input, salt))
    }

    pub fn change_user_role(&self, id: &str, role: &str) -> Result<UserSummary> {
        let id = parse_id(id)?;
        self.as_user(|store, actor| store.change_user_role(actor, id, role))
    }

    pub fn reset_user_password(&self, id: &str, password: &str) -> Result<UserSummary> {
        let (id, salt) = (parse_id(id)?, random_salt()?);
        self.as_user(|store, actor| store.reset_user_password(actor, id, password, salt))
    }

    pub fn deactivate_user(&self, id: &str) -> Result<UserSummary> {
        let id = parse_id(id)?;
        self.as_user(|store, actor| store.set_user_active(actor, id, false))
    }

    pub fn reactivate_user(&self, id: &str) -> Result<UserSummary> {
        let id = parse_id(id)?;
        self.as_user(|store, actor| store.set_user_active(actor, id, true))
    }

    /// A new authenticator secret for the logged-in user's own account (not saved yet).
    pub fn new_two_factor_secret(&self) -> Result<TwoFactorSetup> {
        let mut random = [0u8; 20];
        getrandom::fill(&mut random)
            .map_err(|_| Error::Storage("drawing an authenticator secret".into()))?;
        self.as_user(|store, actor| store.new_two_factor_secret(actor, random))
    }

    /// Turns on two-factor sign-in for the logged-in user once `code` matches `secret`.
    pub fn enable_two_factor(&self, secret: &str, code: &str) -> Result<UserSummary> {
        self.as_user(|store, actor| store.enable_two_factor(actor, secret, code))
    }

    /// Turns off two-factor sign-in for the logged-in user (with a current code).
    pub fn disable_own_two_factor(&self, code: &str) -> Result<UserSummary> {
        self.as_user(|store, actor| store.disable_two_factor(actor, actor.user_id, Some(code)))
    }

    /// An administrator turns off two-factor sign-in for user `id` (a lost phone).
    pub fn reset_user_two_factor(&self, id: &str) -> Result<UserSummary> {
        let id = parse_id(id)?;
        self.as_user(|store, actor| store.disable_two_factor(actor, id, None))
    }
}
