//! Billing as the desktop window calls it: one line per IPC command.
use super::App;
use crate::billing::pdf::BillingDoc;
use crate::billing::{BillingPdf, CashUp, InvoiceSummary, InvoiceView, Revenue, RevenueGroup};
use crate::error::{Error, Result};
use crate::patients::parse_id;
use clinic_domain::billing::{
    ClaimInput, Currency, InvoiceStatus, LineInput, NewInvoiceInput, PaymentInput, PriceItemInput,
    PriceItemSummary, RefundInput,
};
use clinic_domain::ErrorCode;

fn day(field: &str, s: &str) -> Result<chrono::NaiveDate> {
    crate::billing::parse_day(field, s)
}

impl App {
    pub fn billing_currency(&self) -> Result<Currency> {
        self.as_user(|store, _| store.currency())
    }

    pub fn set_billing_currency(&self, code: &str) -> Result<Currency> {
        self.as_user(|store, actor| store.set_currency(actor, code))
    }

    pub fn price_list(&self, query: &str, include_inactive: bool) -> Result<Vec<PriceItemSummary>> {
        self.as_user(|store, actor| store.price_list(actor, query, include_inactive))
    }

    pub fn create_price_item(&self, input: PriceItemInput) -> Result<PriceItemSummary> {
        self.as_user(|store, actor| store.create_price_item(actor, &input))
    }

    pub fn update_price_item(&self, id: &str, input: PriceItemInput) -> Result<PriceItemSummary> {
        let id = parse_id(id)?;
        self.as_user(|store, actor| store.update_price_item(actor, id, &input))
    }

    pub fn list_invoices(
        &self,
        patient_id: Option<&str>,
        status: Option<&str>,
        query: &str,
    ) -> Result<Vec<InvoiceSummary>> {
        let status = status
            .filter(|s| !s.is_empty())
            .map(|s| {
                InvoiceStatus::parse(s).ok_or_else(|| {
                    Error::field(
                        "status",
                        ErrorCode::InvalidValue,
                        "is not an invoice status",
                    )
                })
            })
            .transpose()?;
        let patient = patient_id.filter(|p| !p.is_empty());
        self.as_user(|store, actor| store.list_invoices(actor, patient, status, query, 200))
    }

    pub fn open_invoice(&self, id: &str) -> Result<InvoiceView> {
        let id = parse_id(id)?;
        self.as_user(|store, actor| store.open_invoice(actor, id))
    }

    pub fn create_invoice(&self, input: NewInvoiceInput) -> Result<InvoiceView> {
        self.as_user(|store, actor| store.create_invoice(actor, &input))
    }

    pub fn add_invoice_line(&self, id: &str, input: LineInput) -> Result<InvoiceView> {
        let id = parse_id(id)?;
        self.as_user(|store, actor| store.add_invoice_line(actor, id, &input))
    }

    pub fn remove_invoice_line(&self, id: &str, line_id: &str) -> Result<InvoiceView> {
        let id = parse_id(id)?;
        self.as_user(|store, actor| store.remove_invoice_line(actor, id, line_id))
    }

    pub fn issue_invoice(&self, id: &str) -> Result<InvoiceView> {
        let id = parse_id(id)?;
        self.as_user(|store, actor| store.issue_invoice(actor, id))
    }

    pub fn take_payment(&self, id: &str, input: PaymentInput) -> Result<InvoiceView> {
        let id = parse_id(id)?;
        self.as_user(|store, actor| store.take_payment(actor, id, &input))
    }

    pub fn refund_payment(&self, id: &str, input: RefundInput) -> Result<InvoiceView> {
        let id = parse_id(id)?;
        self.as_user(|store, actor| store.refund_payment(actor, id, &input))
    }

    pub fn void_invoice(&self, id: &str, reason: &str) -> Result<InvoiceView> {
        let id = parse_id(id)?;
        self.as_user(|store, actor| store.void_invoice(actor, id, reason))
    }

    pub fn update_claim(&self, id: &str, input: ClaimInput) -> Result<InvoiceView> {
        let id = parse_id(id)?;
        self.as_user(|store, actor| store.update_claim(actor, id, &input))
    }

    /// `day`: `YYYY-MM-DD` (local).
    pub fn cash_up(&self, day_text: &str) -> Result<CashUp> {
        let d = day("day", day_text)?;
        self.as_user(|store, actor| store.cash_up(actor, d))
    }

    pub fn revenue(&self, from: &str, to: &str, group: RevenueGroup) -> Result<Revenue> {
        let (f, t) = (day("from", from)?, day("to", to)?);
        self.as_user(|store, actor| store.revenue(actor, f, t, group))
    }

    /// `which`: `invoice` or `receipt`.
    pub fn billing_pdf(&self, id: &str, which: &str) -> Result<BillingPdf> {
        let id = parse_id(id)?;
        let doc = match which {
            "invoice" => BillingDoc::Invoice,
            "receipt" => BillingDoc::Receipt,
            _ => {
                return Err(Error::field(
                    "which",
                    ErrorCode::InvalidValue,
                    "must be invoice or receipt",
                ))
            }
        };
        self.as_user(|store, actor| {
            let bytes = store.billing_pdf(actor, id, doc)?;
            Ok(BillingPdf {
                file_name: format!("{which}-{id}.pdf"),
                bytes: clinic_domain::sync::Base64Bytes(bytes),
            })
        })
    }
}
