//! The "Users" screen as the desktop window calls it: one line per IPC command.
use super::App;
use crate::error::Result;
use crate::patients::parse_id;
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
}
