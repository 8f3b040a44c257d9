//! IPC commands of prescriptions and the pharmacy (docs/IPC.md): one-line adapters onto `App`.
use clinic_domain::drugs::{Drug, RxWarning};
use clinic_domain::prescription::{
    DispensePlan, DispensePrescriptionInput, ItemInput, PrescriptionInput,
};
use clinic_store::app::App;
use clinic_store::prescriptions::{PrescriptionSummary, PrescriptionView, PrintedPrescription};
use clinic_store::Result;
use std::sync::Arc;
use tauri::State;

#[tauri::command(async)]
pub fn search_drugs(app: State<'_, Arc<App>>, query: String) -> Result<Vec<Drug>> {
    app.search_drugs(&query)
}

#[tauri::command(async)]
pub fn check_prescription(
    app: State<'_, Arc<App>>,
    patient_id: String,
    items: Vec<ItemInput>,
) -> Result<Vec<RxWarning>> {
    app.check_prescription(&patient_id, &items)
}

#[tauri::command(async)]
pub fn create_prescription(
    app: State<'_, Arc<App>>,
    input: PrescriptionInput,
) -> Result<PrescriptionView> {
    app.create_prescription(&input)
}

#[tauri::command(async)]
pub fn update_prescription(
    app: State<'_, Arc<App>>,
    id: String,
    input: PrescriptionInput,
) -> Result<PrescriptionView> {
    app.update_prescription(&id, &input)
}

#[tauri::command(async)]
pub fn issue_prescription(
    app: State<'_, Arc<App>>,
    id: String,
    override_reason: String,
) -> Result<PrescriptionView> {
    app.issue_prescription(&id, &override_reason)
}

#[tauri::command(async)]
pub fn cancel_prescription(
    app: State<'_, Arc<App>>,
    id: String,
    reason: String,
) -> Result<PrescriptionView> {
    app.cancel_prescription(&id, &reason)
}

#[tauri::command(async)]
pub fn amend_prescription(
    app: State<'_, Arc<App>>,
    id: String,
    input: PrescriptionInput,
    override_reason: String,
) -> Result<PrescriptionView> {
    app.amend_prescription(&id, &input, &override_reason)
}

#[tauri::command(async)]
pub fn preview_prescription_dispense(
    app: State<'_, Arc<App>>,
    id: String,
    input: DispensePrescriptionInput,
) -> Result<DispensePlan> {
    app.preview_prescription_dispense(&id, &input)
}

#[tauri::command(async)]
pub fn dispense_prescription(
    app: State<'_, Arc<App>>,
    id: String,
    input: DispensePrescriptionInput,
) -> Result<PrescriptionView> {
    app.dispense_prescription(&id, &input)
}

#[tauri::command(async)]
pub fn open_prescription(app: State<'_, Arc<App>>, id: String) -> Result<PrescriptionView> {
    app.open_prescription(&id)
}

#[tauri::command(async)]
pub fn patient_prescriptions(
    app: State<'_, Arc<App>>,
    patient_id: String,
) -> Result<Vec<PrescriptionSummary>> {
    app.patient_prescriptions(&patient_id)
}

#[tauri::command(async)]
pub fn pharmacy_work_list(app: State<'_, Arc<App>>) -> Result<Vec<PrescriptionSummary>> {
    app.pharmacy_work_list()
}

#[tauri::command(async)]
pub fn print_prescription(app: State<'_, Arc<App>>, id: String) -> Result<PrintedPrescription> {
    app.print_prescription(&id)
}

#[tauri::command(async)]
pub fn trace_prescription_print(
    app: State<'_, Arc<App>>,
    hash: String,
) -> Result<PrescriptionView> {
    app.trace_prescription_print(&hash)
}
