//! IPC commands of the "Users" screen (docs/IPC.md): one-line adapters onto `App`.
use clinic_domain::user::{NewUserInput, UserSummary};
use clinic_store::app::App;
use clinic_store::two_factor::TwoFactorSetup;
use clinic_store::Result;
use std::sync::Arc;
use tauri::State;

#[tauri::command(async)]
pub fn list_users(app: State<'_, Arc<App>>) -> Result<Vec<UserSummary>> {
    app.list_users()
}

#[tauri::command(async)]
pub fn create_user(app: State<'_, Arc<App>>, input: NewUserInput) -> Result<UserSummary> {
    app.create_user(input)
}

#[tauri::command(async)]
pub fn change_user_role(app: State<'_, Arc<App>>, id: String, role: String) -> Result<UserSummary> {
    app.change_user_role(&id, &role)
}

#[tauri::command(async)]
pub fn reset_user_password(
    app: State<'_, Arc<App>>,
    id: String,
    password: String,
) -> Result<UserSummary> {
    app.reset_user_password(&id, &password)
}

#[tauri::command(async)]
pub fn deactivate_user(app: State<'_, Arc<App>>, id: String) -> Result<UserSummary> {
    app.deactivate_user(&id)
}

#[tauri::command(async)]
pub fn reactivate_user(app: State<'_, Arc<App>>, id: String) -> Result<UserSummary> {
    app.reactivate_user(&id)
}

#[tauri::command(async)]
pub fn new_two_factor_secret(app: State<'_, Arc<App>>) -> Result<TwoFactorSetup> {
    app.new_two_factor_secret()
}

#[tauri::command(async)]
pub fn enable_two_factor(
    app: State<'_, Arc<App>>,
    secret: String,
    code: String,
) -> Result<UserSummary> {
    app.enable_two_factor(&secret, &code)
}

#[tauri::command(async)]
pub fn disable_own_two_factor(app: State<'_, Arc<App>>, code: String) -> Result<UserSummary> {
    app.disable_own_two_factor(&code)
}

#[tauri::command(async)]
pub fn reset_user_two_factor(app: State<'_, Arc<App>>, id: String) -> Result<UserSummary> {
    app.reset_user_two_factor(&id)
}
