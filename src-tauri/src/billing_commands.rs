//! IPC commands of the billing screens (docs/IPC.md, "Billing"): one-line adapters onto `App`.
use clinic_domain::billing::{
    ClaimInput, Currency, LineInput, NewInvoiceInput, PaymentInput, PriceItemInput,
    PriceItemSummary, RefundInput,
};
use clinic_store::app::App;
use clinic_store::billing::{
    BillingPdf, CashUp, InvoiceSummary, InvoiceView, Revenue, RevenueGroup,
};
use clinic_store::Result;
use std::sync::Arc;
use tauri::State;

#[tauri::command(async)]
pub fn billing_currency(app: State<'_, Arc<App>>) -> Result<Currency> {
    app.billing_currency()
}

#[tauri::command(async)]
pub fn set_billing_currency(app: State<'_, Arc<App>>, code: String) -> Result<Currency> {
    app.set_billing_currency(&code)
}

#[tauri::command(async)]
pub fn price_list(
    app: State<'_, Arc<App>>,
    query: String,
    include_inactive: bool,
) -> Result<Vec<PriceItemSummary>> {
    app.price_list(&query, include_inactive)
}

#[tauri::command(async)]
pub fn create_price_item(
    app: State<'_, Arc<App>>,
    input: PriceItemInput,
) -> Result<PriceItemSummary> {
    app.create_price_item(input)
}

#[tauri::command(async)]
pub fn update_price_item(
    app: State<'_, Arc<App>>,
    id: String,
    input: PriceItemInput,
) -> Result<PriceItemSummary> {
    app.update_price_item(&id, input)
}

#[tauri::command(async)]
pub fn list_invoices(
    app: State<'_, Arc<App>>,
    patient_id: Option<String>,
    status: Option<String>,
    query: String,
) -> Result<Vec<InvoiceSummary>> {
    app.list_invoices(patient_id.as_deref(), status.as_deref(), &query)
}

#[tauri::command(async)]
pub fn open_invoice(app: State<'_, Arc<App>>, id: String) -> Result<InvoiceView> {
    app.open_invoice(&id)
}

#[tauri::command(async)]
pub fn create_invoice(app: State<'_, Arc<App>>, input: NewInvoiceInput) -> Result<InvoiceView> {
    app.create_invoice(input)
}

#[tauri::command(async)]
pub fn add_invoice_line(
    app: State<'_, Arc<App>>,
    id: String,
    input: LineInput,
) -> Result<InvoiceView> {
    app.add_invoice_line(&id, input)
}

#[tauri::command(async)]
pub fn remove_invoice_line(
    app: State<'_, Arc<App>>,
    id: String,
    line_id: String,
) -> Result<InvoiceView> {
    app.remove_invoice_line(&id, &line_id)
}

#[tauri::command(async)]
pub fn issue_invoice(app: State<'_, Arc<App>>, id: String) -> Result<InvoiceView> {
    app.issue_invoice(&id)
}

#[tauri::command(async)]
pub fn take_payment(
    app: State<'_, Arc<App>>,
    id: String,
    input: PaymentInput,
) -> Result<InvoiceView> {
    app.take_payment(&id, input)
}

#[tauri::command(async)]
pub fn refund_payment(
    app: State<'_, Arc<App>>,
    id: String,
    input: RefundInput,
) -> Result<InvoiceView> {
    app.refund_payment(&id, input)
}

#[tauri::command(async)]
pub fn void_invoice(app: State<'_, Arc<App>>, id: String, reason: String) -> Result<InvoiceView> {
    app.void_invoice(&id, &reason)
}

#[tauri::command(async)]
pub fn update_claim(
    app: State<'_, Arc<App>>,
    id: String,
    input: ClaimInput,
) -> Result<InvoiceView> {
    app.update_claim(&id, input)
}

#[tauri::command(async)]
pub fn cash_up(app: State<'_, Arc<App>>, day: String) -> Result<CashUp> {
    app.cash_up(&day)
}

#[tauri::command(async)]
pub fn revenue(
    app: State<'_, Arc<App>>,
    from: String,
    to: String,
    group: RevenueGroup,
) -> Result<Revenue> {
    app.revenue(&from, &to, group)
}

#[tauri::command(async)]
pub fn billing_pdf(app: State<'_, Arc<App>>, id: String, which: String) -> Result<BillingPdf> {
    app.billing_pdf(&id, &which)
}
