//! IPC commands of the queue, booking and calendar screens (docs/IPC.md): one-line adapters onto `App`.
use clinic_domain::appointment::{
    AppointmentInput, AppointmentSummary, Clinician, RescheduleInput, Schedule, ScheduleInput,
    WalkInInput,
};
use clinic_store::app::App;
use clinic_store::appointments::AppointmentDetail;
use clinic_store::Result;
use std::sync::Arc;
use tauri::State;

type AppState<'a> = State<'a, Arc<App>>;

#[tauri::command(async)]
pub fn book_appointment(app: AppState<'_>, input: AppointmentInput) -> Result<AppointmentSummary> {
    app.book_appointment(input)
}

#[tauri::command(async)]
pub fn register_walk_in(app: AppState<'_>, input: WalkInInput) -> Result<AppointmentSummary> {
    app.register_walk_in(input)
}

#[tauri::command(async)]
pub fn reschedule_appointment(
    app: AppState<'_>,
    id: String,
    input: RescheduleInput,
) -> Result<AppointmentSummary> {
    app.reschedule_appointment(&id, input)
}

#[tauri::command(async)]
pub fn cancel_appointment(
    app: AppState<'_>,
    id: String,
    reason: String,
) -> Result<AppointmentSummary> {
    app.cancel_appointment(&id, &reason)
}

#[tauri::command(async)]
pub fn check_in_appointment(app: AppState<'_>, id: String) -> Result<AppointmentSummary> {
    app.check_in_appointment(&id)
}

#[tauri::command(async)]
pub fn call_in_appointment(
    app: AppState<'_>,
    id: String,
    room: Option<String>,
) -> Result<AppointmentSummary> {
    app.call_in_appointment(&id, room.as_deref())
}

#[tauri::command(async)]
pub fn complete_appointment(app: AppState<'_>, id: String) -> Result<AppointmentSummary> {
    app.complete_appointment(&id)
}

#[tauri::command(async)]
pub fn mark_no_show(app: AppState<'_>, id: String) -> Result<AppointmentSummary> {
    app.mark_no_show(&id)
}

#[tauri::command(async)]
pub fn day_queue(app: AppState<'_>, day: String) -> Result<Vec<AppointmentSummary>> {
    app.day_queue(&day)
}

#[tauri::command(async)]
pub fn clinician_calendar(
    app: AppState<'_>,
    clinician_id: String,
    from: String,
    days: u32,
) -> Result<Vec<AppointmentSummary>> {
    app.clinician_calendar(&clinician_id, &from, days)
}

#[tauri::command(async)]
pub fn get_appointment(app: AppState<'_>, id: String) -> Result<AppointmentDetail> {
    app.get_appointment(&id)
}

#[tauri::command(async)]
pub fn active_clinicians(app: AppState<'_>) -> Result<Vec<Clinician>> {
    app.active_clinicians()
}

#[tauri::command(async)]
pub fn double_booking_appointments(
    app: AppState<'_>,
    issue_id: String,
) -> Result<Vec<AppointmentSummary>> {
    app.double_booking_appointments(&issue_id)
}

#[tauri::command(async)]
pub fn resolve_double_booking(
    app: AppState<'_>,
    issue_id: String,
    cancel_id: String,
    reason: String,
) -> Result<AppointmentSummary> {
    app.resolve_double_booking(&issue_id, &cancel_id, &reason)
}

#[tauri::command(async)]
pub fn set_schedule(
    app: AppState<'_>,
    clinician_id: String,
    input: ScheduleInput,
) -> Result<Schedule> {
    app.set_schedule(&clinician_id, input)
}

#[tauri::command(async)]
pub fn clinician_schedule(app: AppState<'_>, clinician_id: String) -> Result<Option<Schedule>> {
    app.clinician_schedule(&clinician_id)
}

#[tauri::command(async)]
pub fn free_slots(app: AppState<'_>, clinician_id: String, day: String) -> Result<Vec<String>> {
    app.free_slots(&clinician_id, &day)
}
