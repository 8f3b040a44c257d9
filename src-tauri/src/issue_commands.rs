//! IPC commands of the "Sync issues" inbox (docs/IPC.md): one-line adapters onto `App`.
use clinic_store::app::App;
use clinic_store::sync_issues::SyncIssueView;
use clinic_store::Result;
use std::sync::Arc;
use tauri::State;

#[tauri::command(async)]
pub fn sync_issues(app: State<'_, Arc<App>>, status: Option<String>) -> Result<Vec<SyncIssueView>> {
    app.sync_issues(status.as_deref())
}

#[tauri::command(async)]
pub fn open_sync_issue_count(app: State<'_, Arc<App>>) -> Result<i64> {
    app.open_sync_issue_count()
}

#[tauri::command(async)]
pub fn resolve_conflict(app: State<'_, Arc<App>>, issue_id: String, choice: u32) -> Result<()> {
    app.resolve_conflict(&issue_id, choice)
}

#[tauri::command(async)]
pub fn merge_patients(
    app: State<'_, Arc<App>>,
    issue_id: String,
    keep_id: String,
    merge_id: String,
) -> Result<()> {
    app.merge_patients(&issue_id, &keep_id, &merge_id)
}

#[tauri::command(async)]
pub fn unmerge_patient(app: State<'_, Arc<App>>, id: String) -> Result<()> {
    app.unmerge_patient(&id)
}

#[tauri::command(async)]
pub fn dismiss_issue(app: State<'_, Arc<App>>, issue_id: String) -> Result<()> {
    app.dismiss_issue(&issue_id)
}
