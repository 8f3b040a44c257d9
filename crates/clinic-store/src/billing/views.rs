//! What billing hands to the window (TypeScript types generated into `ui/src/bindings/`).
use clinic_domain::billing::{Currency, Invoice, InvoiceStatus, InvoiceTotals, LineAmounts};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// One invoice, opened: the document, what it comes to, and each line's amounts (same order).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct InvoiceView {
    pub id: String,
    pub invoice: Invoice,
    pub totals: InvoiceTotals,
    pub line_amounts: Vec<LineAmounts>,
    pub currency: Currency,
}

/// One row of an invoice list, from the projection.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct InvoiceSummary {
    pub id: String,
    pub number: String,
    pub patient_id: String,
    pub patient_name: String,
    pub status: InvoiceStatus,
    pub currency: String,
    #[ts(type = "number")]
    pub total: i64,
    #[ts(type = "number")]
    pub paid: i64,
    #[ts(type = "number")]
    pub balance: i64,
    pub created_by: String,
    pub created_at: String,
    pub issued_at: String,
    /// Empty when no claim was filed.
    pub claim_status: String,
}

/// The cash-up of one cashier for one payment method on one day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CashUpRow {
    pub cashier_id: String,
    pub cashier: String,
    pub method: String,
    #[ts(type = "number")]
    pub payments: i64,
    /// Refunds paid out, as a positive amount.
    #[ts(type = "number")]
    pub refunds: i64,
    /// `payments − refunds`: what should be in the drawer (or the account) for this method.
    #[ts(type = "number")]
    pub net: i64,
    #[ts(type = "number")]
    pub count: i64,
}

/// The daily cash-up: per cashier and method, refunds kept apart, with totals.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CashUp {
    /// `YYYY-MM-DD`, local day.
    pub day: String,
    pub currency: Currency,
    pub rows: Vec<CashUpRow>,
    #[ts(type = "number")]
    pub payments: i64,
    #[ts(type = "number")]
    pub refunds: i64,
    #[ts(type = "number")]
    pub net: i64,
}

/// How revenue is grouped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum RevenueGroup {
    Category,
    Item,
    Clinician,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RevenueRow {
    /// Category name, item code, or clinician user id.
    pub key: String,
    /// Item description or clinician username (the key again for categories).
    pub label: String,
    #[ts(type = "number")]
    pub net: i64,
    #[ts(type = "number")]
    pub tax: i64,
    #[ts(type = "number")]
    pub total: i64,
    #[ts(type = "number")]
    pub lines: i64,
}

/// Revenue of issued (not void) invoices whose issue day falls in `from..=to`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Revenue {
    pub from: String,
    pub to: String,
    pub group: RevenueGroup,
    pub currency: Currency,
    pub rows: Vec<RevenueRow>,
    #[ts(type = "number")]
    pub net: i64,
    #[ts(type = "number")]
    pub tax: i64,
    #[ts(type = "number")]
    pub total: i64,
}

/// A printed invoice or receipt for the window to save or open (bytes: standard base64 in JSON).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct BillingPdf {
    pub file_name: String,
    #[ts(type = "string")]
    pub bytes: clinic_domain::sync::Base64Bytes,
}
