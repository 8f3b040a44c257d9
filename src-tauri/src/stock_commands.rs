//! IPC commands of pharmacy stock (docs/IPC.md): one-line adapters onto `App`.
use clinic_domain::stock::{AdjustInput, BatchLevel, DispenseInput, ReceiveInput, StockAlert};
use clinic_store::app::App;
use clinic_store::stock::{StockBatchView, StockLevel};
use clinic_store::Result;
use std::sync::Arc;
use tauri::State;

#[tauri::command(async)]
pub fn stock_levels(app: State<'_, Arc<App>>) -> Result<Vec<StockLevel>> {
    app.stock_levels()
}

#[tauri::command(async)]
pub fn stock_batches(app: State<'_, Arc<App>>, drug_id: String) -> Result<Vec<BatchLevel>> {
    app.stock_batches(&drug_id)
}

#[tauri::command(async)]
pub fn stock_batch(app: State<'_, Arc<App>>, id: String) -> Result<StockBatchView> {
    app.stock_batch(&id)
}

#[tauri::command(async)]
pub fn stock_alerts(app: State<'_, Arc<App>>) -> Result<Vec<StockAlert>> {
    app.stock_alerts()
}

#[tauri::command(async)]
pub fn receive_stock(app: State<'_, Arc<App>>, input: ReceiveInput) -> Result<BatchLevel> {
    app.receive_stock(&input)
}

#[tauri::command(async)]
pub fn dispense_stock(app: State<'_, Arc<App>>, input: DispenseInput) -> Result<Vec<BatchLevel>> {
    app.dispense_stock(&input)
}

#[tauri::command(async)]
pub fn adjust_stock(app: State<'_, Arc<App>>, input: AdjustInput) -> Result<BatchLevel> {
    app.adjust_stock(&input)
}

#[tauri::command(async)]
pub fn negative_stock_batch(app: State<'_, Arc<App>>, issue_id: String) -> Result<StockBatchView> {
    app.negative_stock_batch(&issue_id)
}

#[tauri::command(async)]
pub fn resolve_negative_stock(app: State<'_, Arc<App>>, issue_id: String) -> Result<()> {
    app.resolve_negative_stock(&issue_id)
}
