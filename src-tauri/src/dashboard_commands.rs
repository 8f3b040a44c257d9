//! IPC command of the front-desk dashboard (docs/IPC.md): a one-line adapter onto `App`.
use clinic_store::app::App;
use clinic_store::dashboard::Dashboard;
use clinic_store::Result;
use std::sync::Arc;
use tauri::State;

#[tauri::command(async)]
pub fn dashboard(app: State<'_, Arc<App>>) -> Result<Dashboard> {
    app.dashboard()
}
