//! IPC commands of reminders (docs/IPC.md): one-line adapters onto `App`.
use clinic_domain::reminder::{OutgoingMessageSummary, ReminderItem};
use clinic_store::app::App;
use clinic_store::reminders::OutgoingMessageView;
use clinic_store::Result;
use std::sync::Arc;
use tauri::State;

#[tauri::command(async)]
pub fn reminders(app: State<'_, Arc<App>>) -> Result<Vec<ReminderItem>> {
    app.reminders()
}

#[tauri::command(async)]
pub fn send_appointment_reminder(
    app: State<'_, Arc<App>>,
    appointment_id: String,
) -> Result<OutgoingMessageSummary> {
    app.send_appointment_reminder(&appointment_id)
}

#[tauri::command(async)]
pub fn cancel_outgoing_message(
    app: State<'_, Arc<App>>,
    id: String,
) -> Result<OutgoingMessageSummary> {
    app.cancel_outgoing_message(&id)
}

#[tauri::command(async)]
pub fn appointment_messages(
    app: State<'_, Arc<App>>,
    appointment_id: String,
) -> Result<Vec<OutgoingMessageSummary>> {
    app.appointment_messages(&appointment_id)
}

#[tauri::command(async)]
pub fn outgoing_message(app: State<'_, Arc<App>>, id: String) -> Result<OutgoingMessageView> {
    app.outgoing_message(&id)
}
