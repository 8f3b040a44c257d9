//! The window's IPC commands: one per row of docs/IPC.md, each a one-line adapter onto `App`.
//!
//! All are `async` so they run off the main thread and the window never freezes. Errors cross as
//! `clinic_store::Error`'s serialized body `{code, message, field?, fields}`. Tauri renames arguments to
//! camelCase on the JS side (`include_deleted` is `includeDeleted`).
use clinic_domain::patient::{DuplicateCandidate, PatientInput, PatientSummary};
use clinic_domain::sync::Base64Bytes;
use clinic_domain::user::SetupInput;
use clinic_store::app::App;
use clinic_store::attachments::AttachmentContent;
use clinic_store::views::{AppStatus, HistoryEntry, PatientView, SessionInfo};
use clinic_store::Result;
use clinic_sync::desktop::DesktopSync;
use clinic_sync::scheduler::Schedule;
use clinic_sync::{SyncErrorView, SyncStatus};
use std::sync::Arc;
use tauri::{Emitter, Manager, State};

/// Opens the main window over `app` and runs until it is closed.
pub fn run_window(app: App) -> tauri::Result<()> {
    let app = Arc::new(app);
    tauri::Builder::default()
        .manage(app.clone())
        .setup(move |window| {
            // Sync runs in the background from the start; the window hears "sync-changed"
            // whenever its status may have changed and asks for `sync_status` again.
            let handle = window.handle().clone();
            let (sync, background) = DesktopSync::new(app, Schedule::default(), move || {
                let _ = handle.emit("sync-changed", ());
            });
            window.manage(sync);
            tauri::async_runtime::spawn(background);
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            app_status,
            setup,
            login,
            logout,
            lock,
            touch,
            unlock,
            set_locale,
            search_patients,
            find_duplicates,
            register_patient,
            update_patient,
            get_patient,
            delete_patient,
            restore_patient,
            patient_history,
            export_fhir_bundle,
            attach_file,
            remove_attachment,
            open_attachment,
            sync_status,
            sync_now,
            connect_server,
            crate::chart_commands::open_chart,
            crate::chart_commands::open_encounter,
            crate::chart_commands::get_encounter,
            crate::chart_commands::update_encounter_notes,
            crate::chart_commands::record_vitals,
            crate::chart_commands::add_diagnosis,
            crate::chart_commands::remove_diagnosis,
            crate::chart_commands::close_encounter,
            crate::chart_commands::add_encounter_addendum,
            crate::chart_commands::search_icd10,
            crate::prescription_commands::search_drugs,
            crate::prescription_commands::check_prescription,
            crate::prescription_commands::create_prescription,
            crate::prescription_commands::update_prescription,
            crate::prescription_commands::issue_prescription,
            crate::prescription_commands::cancel_prescription,
            crate::prescription_commands::amend_prescription,
            crate::prescription_commands::preview_prescription_dispense,
            crate::prescription_commands::dispense_prescription,
            crate::prescription_commands::open_prescription,
            crate::prescription_commands::patient_prescriptions,
            crate::prescription_commands::pharmacy_work_list,
            crate::prescription_commands::print_prescription,
            crate::prescription_commands::trace_prescription_print,
            crate::stock_commands::stock_levels,
            crate::stock_commands::stock_batches,
            crate::stock_commands::stock_batch,
            crate::stock_commands::stock_alerts,
            crate::stock_commands::receive_stock,
            crate::stock_commands::dispense_stock,
            crate::stock_commands::adjust_stock,
            crate::stock_commands::negative_stock_batch,
            crate::stock_commands::resolve_negative_stock,
            crate::room_commands::staff_profiles,
            crate::room_commands::update_staff_profile,
            crate::room_commands::list_departments,
            crate::room_commands::create_department,
            crate::room_commands::rename_department,
            crate::room_commands::set_department_active,
            crate::room_commands::list_rooms,
            crate::room_commands::create_room,
            crate::room_commands::update_room,
            crate::room_commands::set_room_active,
            crate::room_commands::list_beds,
            crate::room_commands::admit_to_bed,
            crate::room_commands::discharge_from_bed,
            crate::room_commands::room_assignments,
            crate::room_commands::assign_room,
            crate::room_commands::cancel_room_assignment,
            crate::room_commands::clinician_room_now,
            crate::lab_commands::lab_tests,
            crate::lab_commands::order_lab_tests,
            crate::lab_commands::lab_order,
            crate::lab_commands::lab_work_list,
            crate::lab_commands::patient_lab_orders,
            crate::lab_commands::patient_lab_results,
            crate::lab_commands::collect_lab_sample,
            crate::lab_commands::receive_lab_sample,
            crate::lab_commands::enter_lab_results,
            crate::lab_commands::validate_lab_results,
            crate::lab_commands::cancel_lab_order,
            crate::lab_commands::amend_lab_result,
            crate::lab_commands::acknowledge_lab_results,
            crate::lab_commands::lab_results_to_review,
            crate::lab_commands::print_lab_label,
            crate::lab_commands::print_lab_report,
            crate::reminder_commands::reminders,
            crate::reminder_commands::send_appointment_reminder,
            crate::reminder_commands::cancel_outgoing_message,
            crate::reminder_commands::appointment_messages,
            crate::reminder_commands::outgoing_message,
            crate::issue_commands::sync_issues,
            crate::issue_commands::open_sync_issue_count,
            crate::issue_commands::resolve_conflict,
            crate::issue_commands::merge_patients,
            crate::issue_commands::unmerge_patient,
            crate::issue_commands::dismiss_issue,
            crate::user_commands::list_users,
            crate::user_commands::create_user,
            crate::user_commands::change_user_role,
            crate::user_commands::reset_user_password,
            crate::user_commands::deactivate_user,
            crate::user_commands::reactivate_user,
            crate::user_commands::new_two_factor_secret,
            crate::user_commands::enable_two_factor,
            crate::user_commands::disable_own_two_factor,
            crate::user_commands::reset_user_two_factor,
            crate::dashboard_commands::dashboard,
            crate::billing_commands::billing_currency,
            crate::billing_commands::set_billing_currency,
            crate::billing_commands::price_list,
            crate::billing_commands::create_price_item,
            crate::billing_commands::update_price_item,
            crate::billing_commands::list_invoices,
            crate::billing_commands::open_invoice,
            crate::billing_commands::create_invoice,
            crate::billing_commands::add_invoice_line,
            crate::billing_commands::remove_invoice_line,
            crate::billing_commands::issue_invoice,
            crate::billing_commands::take_payment,
            crate::billing_commands::refund_payment,
            crate::billing_commands::void_invoice,
            crate::billing_commands::update_claim,
            crate::billing_commands::cash_up,
            crate::billing_commands::revenue,
            crate::billing_commands::billing_pdf,
            crate::appointment_commands::book_appointment,
            crate::appointment_commands::register_walk_in,
            crate::appointment_commands::reschedule_appointment,
            crate::appointment_commands::cancel_appointment,
            crate::appointment_commands::check_in_appointment,
            crate::appointment_commands::call_in_appointment,
            crate::appointment_commands::complete_appointment,
            crate::appointment_commands::mark_no_show,
            crate::appointment_commands::day_queue,
            crate::appointment_commands::clinician_calendar,
            crate::appointment_commands::get_appointment,
            crate::appointment_commands::active_clinicians,
            crate::appointment_commands::double_booking_appointments,
            crate::appointment_commands::resolve_double_booking,
            crate::appointment_commands::set_schedule,
            crate::appointment_commands::clinician_schedule,
            crate::appointment_commands::free_slots,
        ])
        .run(tauri::tauri_build_context!())
}

#[tauri::command(async)]
fn app_status(app: State<'_, Arc<App>>) -> Result<AppStatus> {
    app.status()
}

#[tauri::command(async)]
fn setup(app: State<'_, Arc<App>>, input: SetupInput) -> Result<SessionInfo> {
    app.setup(input)
}

#[tauri::command(async)]
fn login(
    app: State<'_, Arc<App>>,
    username: String,
    password: String,
    totp_code: Option<String>,
) -> Result<SessionInfo> {
    app.login(&username, &password, totp_code.as_deref())
}

#[tauri::command(async)]
fn logout(app: State<'_, Arc<App>>) -> Result<()> {
    app.logout()
}

#[tauri::command(async)]
fn lock(app: State<'_, Arc<App>>) -> Result<()> {
    app.lock()
}

#[tauri::command(async)]
fn touch(app: State<'_, Arc<App>>) -> Result<()> {
    app.touch()
}

#[tauri::command(async)]
fn unlock(app: State<'_, Arc<App>>, password: String) -> Result<SessionInfo> {
    app.unlock(&password)
}

#[tauri::command(async)]
fn set_locale(app: State<'_, Arc<App>>, locale: String) -> Result<()> {
    app.set_locale(&locale)
}

#[tauri::command(async)]
fn search_patients(
    app: State<'_, Arc<App>>,
    query: String,
    include_deleted: bool,
    limit: u32,
) -> Result<Vec<PatientSummary>> {
    app.search_patients(&query, include_deleted, limit)
}

#[tauri::command(async)]
fn find_duplicates(
    app: State<'_, Arc<App>>,
    input: PatientInput,
    exclude_id: Option<String>,
) -> Result<Vec<DuplicateCandidate>> {
    app.find_duplicates(&input, exclude_id.as_deref())
}

#[tauri::command(async)]
fn register_patient(app: State<'_, Arc<App>>, input: PatientInput) -> Result<PatientView> {
    app.register_patient(input)
}

#[tauri::command(async)]
fn update_patient(
    app: State<'_, Arc<App>>,
    id: String,
    input: PatientInput,
) -> Result<PatientView> {
    app.update_patient(&id, input)
}

#[tauri::command(async)]
fn get_patient(app: State<'_, Arc<App>>, id: String) -> Result<PatientView> {
    app.get_patient(&id)
}

#[tauri::command(async)]
fn delete_patient(app: State<'_, Arc<App>>, id: String) -> Result<PatientView> {
    app.delete_patient(&id)
}

#[tauri::command(async)]
fn restore_patient(app: State<'_, Arc<App>>, id: String) -> Result<PatientView> {
    app.restore_patient(&id)
}

#[tauri::command(async)]
fn patient_history(app: State<'_, Arc<App>>, id: String) -> Result<Vec<HistoryEntry>> {
    app.patient_history(&id)
}

#[tauri::command(async)]
fn export_fhir_bundle(app: State<'_, Arc<App>>, id: String) -> Result<String> {
    app.export_fhir_bundle(&id)
}

#[tauri::command(async)]
fn attach_file(
    app: State<'_, Arc<App>>,
    patient_id: String,
    file_name: String,
    bytes: Base64Bytes,
) -> Result<PatientView> {
    app.attach_file(&patient_id, &file_name, &bytes)
}

#[tauri::command(async)]
fn remove_attachment(
    app: State<'_, Arc<App>>,
    patient_id: String,
    sha256: String,
) -> Result<PatientView> {
    app.remove_attachment(&patient_id, &sha256)
}

/// Fetches the attachment from the central server first when this PC does not hold it.
#[tauri::command]
async fn open_attachment(
    sync: State<'_, DesktopSync>,
    patient_id: String,
    sha256: String,
) -> Result<AttachmentContent> {
    sync.open_attachment(&patient_id, &sha256).await
}

#[tauri::command(async)]
fn sync_status(sync: State<'_, DesktopSync>) -> std::result::Result<SyncStatus, SyncErrorView> {
    sync.status()
}

#[tauri::command(async)]
fn sync_now(sync: State<'_, DesktopSync>) -> std::result::Result<(), SyncErrorView> {
    sync.sync_now()
}

/// Emits `sync-progress` (`[done, total]`) while a new PC receives the clinic's records.
#[tauri::command]
async fn connect_server(
    window: tauri::AppHandle,
    sync: State<'_, DesktopSync>,
    server_url: String,
    code: String,
    device_name: String,
    allow_insecure_http: bool,
) -> std::result::Result<SyncStatus, SyncErrorView> {
    sync.connect(&server_url, &code, &device_name, allow_insecure_http, |p| {
        let _ = window.emit("sync-progress", [p.done, p.total]);
    })
    .await
}
