//! IPC commands of the laboratory (docs/IPC.md): one-line adapters onto `App`.
use clinic_domain::lab::{LabAmendInput, LabCancelInput, LabOrderInput, LabResultsInput, LabTest};
use clinic_store::app::App;
use clinic_store::lab::{
    LabOrderSummary, LabOrderView, LabResultPoint, LabResultToReview, PrintedLabDoc,
};
use clinic_store::Result;
use std::sync::Arc;
use tauri::State;

#[tauri::command(async)]
pub fn lab_tests(app: State<'_, Arc<App>>) -> Result<Vec<LabTest>> {
    app.lab_tests()
}

#[tauri::command(async)]
pub fn order_lab_tests(app: State<'_, Arc<App>>, input: LabOrderInput) -> Result<LabOrderView> {
    app.order_lab_tests(&input)
}

#[tauri::command(async)]
pub fn lab_order(app: State<'_, Arc<App>>, id: String) -> Result<LabOrderView> {
    app.lab_order(&id)
}

#[tauri::command(async)]
pub fn lab_work_list(app: State<'_, Arc<App>>, status: String) -> Result<Vec<LabOrderSummary>> {
    app.lab_work_list(&status)
}

#[tauri::command(async)]
pub fn patient_lab_orders(
    app: State<'_, Arc<App>>,
    patient_id: String,
) -> Result<Vec<LabOrderSummary>> {
    app.patient_lab_orders(&patient_id)
}

#[tauri::command(async)]
pub fn patient_lab_results(
    app: State<'_, Arc<App>>,
    patient_id: String,
    test_id: Option<String>,
) -> Result<Vec<LabResultPoint>> {
    app.patient_lab_results(&patient_id, test_id.as_deref())
}

#[tauri::command(async)]
pub fn collect_lab_sample(app: State<'_, Arc<App>>, id: String) -> Result<LabOrderView> {
    app.collect_lab_sample(&id)
}

#[tauri::command(async)]
pub fn receive_lab_sample(app: State<'_, Arc<App>>, id: String) -> Result<LabOrderView> {
    app.receive_lab_sample(&id)
}

#[tauri::command(async)]
pub fn enter_lab_results(
    app: State<'_, Arc<App>>,
    id: String,
    input: LabResultsInput,
) -> Result<LabOrderView> {
    app.enter_lab_results(&id, &input)
}

#[tauri::command(async)]
pub fn validate_lab_results(app: State<'_, Arc<App>>, id: String) -> Result<LabOrderView> {
    app.validate_lab_results(&id)
}

#[tauri::command(async)]
pub fn cancel_lab_order(
    app: State<'_, Arc<App>>,
    id: String,
    input: LabCancelInput,
) -> Result<LabOrderView> {
    app.cancel_lab_order(&id, &input)
}

#[tauri::command(async)]
pub fn amend_lab_result(
    app: State<'_, Arc<App>>,
    id: String,
    input: LabAmendInput,
) -> Result<LabOrderView> {
    app.amend_lab_result(&id, &input)
}

#[tauri::command(async)]
pub fn acknowledge_lab_results(app: State<'_, Arc<App>>, id: String) -> Result<LabOrderView> {
    app.acknowledge_lab_results(&id)
}

#[tauri::command(async)]
pub fn lab_results_to_review(app: State<'_, Arc<App>>) -> Result<Vec<LabResultToReview>> {
    app.lab_results_to_review()
}

#[tauri::command(async)]
pub fn print_lab_label(app: State<'_, Arc<App>>, id: String) -> Result<PrintedLabDoc> {
    app.print_lab_label(&id)
}

#[tauri::command(async)]
pub fn print_lab_report(app: State<'_, Arc<App>>, id: String) -> Result<PrintedLabDoc> {
    app.print_lab_report(&id)
}
