//! The invoice document: lines, payments (refunds are entries too) and an insurance claim. Lines
//! and payments are Automerge lists keyed by id, so two PCs adding payments offline both survive.
use super::money::apply_bp;
use super::price::PriceCategory;
use autosurgeon::{Hydrate, Reconcile};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, Reconcile, Hydrate)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum InvoiceStatus {
    #[autosurgeon(rename = "draft")]
    Draft,
    #[autosurgeon(rename = "issued")]
    Issued,
    #[autosurgeon(rename = "void")]
    Void,
}

impl InvoiceStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            InvoiceStatus::Draft => "draft",
            InvoiceStatus::Issued => "issued",
            InvoiceStatus::Void => "void",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::Draft, Self::Issued, Self::Void]
            .into_iter()
            .find(|x| x.as_str() == s.trim())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, Reconcile, Hydrate)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum PaymentMethod {
    #[autosurgeon(rename = "cash")]
    Cash,
    #[autosurgeon(rename = "card")]
    Card,
    #[autosurgeon(rename = "mobile_money")]
    MobileMoney,
    #[autosurgeon(rename = "insurance")]
    Insurance,
}

impl PaymentMethod {
    pub const ALL: [PaymentMethod; 4] = [
        PaymentMethod::Cash,
        PaymentMethod::Card,
        PaymentMethod::MobileMoney,
        PaymentMethod::Insurance,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            PaymentMethod::Cash => "cash",
            PaymentMethod::Card => "card",
            PaymentMethod::MobileMoney => "mobile_money",
            PaymentMethod::Insurance => "insurance",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.as_str() == s.trim())
    }
}

/// One line. Amounts are minor units; `discount` is the amount taken off `quantity × unit_price`
/// (a percent discount is turned into its amount when the line is added, `discount_bp` keeps the
/// percent for display, 0 for an amount).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, Reconcile, Hydrate)]
#[ts(export)]
pub struct InvoiceLine {
    #[key]
    pub id: String,
    pub item_id: String,
    pub code: String,
    pub description: String,
    pub category: PriceCategory,
    #[ts(type = "number")]
    pub quantity: i64,
    #[ts(type = "number")]
    pub unit_price: i64,
    #[ts(type = "number")]
    pub discount: i64,
    #[ts(type = "number")]
    pub discount_bp: i64,
    #[ts(type = "number")]
    pub tax_bp: i64,
}

/// What a line comes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct LineAmounts {
    #[ts(type = "number")]
    pub gross: i64,
    #[ts(type = "number")]
    pub discount: i64,
    /// `gross − discount`: what tax is computed on.
    #[ts(type = "number")]
    pub net: i64,
    #[ts(type = "number")]
    pub tax: i64,
    #[ts(type = "number")]
    pub total: i64,
}

impl InvoiceLine {
    /// Tax on `(quantity × unit price − discount)`, rounded half up to the minor unit.
    pub fn amounts(&self) -> LineAmounts {
        let gross = self.quantity.saturating_mul(self.unit_price);
        let discount = self.discount.clamp(0, gross.max(0));
        let net = gross - discount;
        let tax = apply_bp(net, self.tax_bp);
        LineAmounts {
            gross,
            discount,
            net,
            tax,
            total: net.saturating_add(tax),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, Reconcile, Hydrate)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum PaymentKind {
    #[autosurgeon(rename = "payment")]
    Payment,
    #[autosurgeon(rename = "refund")]
    Refund,
}

/// A payment or a refund. Never removed: a refund is its own entry, with a reason, that takes
/// `amount` back (`amount` is always positive; `signed()` gives the effect).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, Reconcile, Hydrate)]
#[ts(export)]
pub struct Payment {
    #[key]
    pub id: String,
    pub kind: PaymentKind,
    pub method: PaymentMethod,
    #[ts(type = "number")]
    pub amount: i64,
    pub reference: String,
    /// Recorded knowingly beyond the balance (the patient is in credit).
    pub credit: bool,
    /// For a refund: the payment it gives back.
    pub refund_of: String,
    /// For a refund: why.
    pub reason: String,
    pub by_user_id: String,
    pub by_username: String,
    pub at: String,
}

impl Payment {
    pub fn signed(&self) -> i64 {
        match self.kind {
            PaymentKind::Payment => self.amount,
            PaymentKind::Refund => self.amount.saturating_neg(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, Reconcile, Hydrate)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ClaimStatus {
    #[autosurgeon(rename = "submitted")]
    Submitted,
    #[autosurgeon(rename = "approved")]
    Approved,
    #[autosurgeon(rename = "rejected")]
    Rejected,
    #[autosurgeon(rename = "paid")]
    Paid,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, Reconcile, Hydrate)]
#[ts(export)]
pub struct InsuranceClaim {
    pub insurer: String,
    pub policy: String,
    #[ts(type = "number")]
    pub amount_claimed: i64,
    pub status: ClaimStatus,
    #[ts(type = "number")]
    pub amount_approved: i64,
    #[ts(type = "number")]
    pub amount_paid: i64,
    pub notes: String,
    pub updated_by: String,
    pub updated_at: String,
}

/// The invoice document. Never deleted: a mistaken invoice is voided with a reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, Reconcile, Hydrate)]
#[ts(export)]
pub struct Invoice {
    /// Empty while a draft; assigned when issued.
    pub number: String,
    pub patient_id: String,
    /// Copied when the invoice is made, for lists and receipts without loading the patient.
    pub patient_name: String,
    pub patient_number: String,
    /// The appointment or visit billed, when known.
    pub visit_id: String,
    /// Who the visit was with, when known (revenue by clinician falls back to `created_by`).
    pub clinician_id: String,
    pub currency: String,
    pub status: InvoiceStatus,
    pub lines: Vec<InvoiceLine>,
    pub payments: Vec<Payment>,
    pub claim: Option<InsuranceClaim>,
    pub created_by: String,
    pub created_by_name: String,
    pub created_at: String,
    pub issued_by: String,
    pub issued_at: String,
    pub void_reason: String,
    pub voided_by: String,
    pub voided_at: String,
}

/// What an invoice comes to, computed from its lines and payments.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct InvoiceTotals {
    #[ts(type = "number")]
    pub subtotal: i64,
    #[ts(type = "number")]
    pub discount: i64,
    #[ts(type = "number")]
    pub tax: i64,
    #[ts(type = "number")]
    pub total: i64,
    /// Payments minus refunds.
    #[ts(type = "number")]
    pub paid: i64,
    #[ts(type = "number")]
    pub refunded: i64,
    /// `total − paid`; negative when the patient is in credit.
    #[ts(type = "number")]
    pub balance: i64,
}

impl Invoice {
    pub fn totals(&self) -> InvoiceTotals {
        let mut t = InvoiceTotals::default();
        for a in self.lines.iter().map(InvoiceLine::amounts) {
            t.subtotal = t.subtotal.saturating_add(a.gross);
            t.discount = t.discount.saturating_add(a.discount);
            t.tax = t.tax.saturating_add(a.tax);
            t.total = t.total.saturating_add(a.total);
        }
        for p in &self.payments {
            t.paid = t.paid.saturating_add(p.signed());
            if p.kind == PaymentKind::Refund {
                t.refunded = t.refunded.saturating_add(p.amount);
            }
        }
        t.balance = t.total.saturating_sub(t.paid);
        t
    }

    /// What is left of payment `id` to refund.
    pub fn refundable(&self, id: &str) -> Option<i64> {
        let paid = self
            .payments
            .iter()
            .find(|p| p.id == id && p.kind == PaymentKind::Payment)?
            .amount;
        let back = self
            .payments
            .iter()
            .filter(|p| p.kind == PaymentKind::Refund && p.refund_of == id)
            .fold(0i64, |sum, p| sum.saturating_add(p.amount));
        Some(paid.saturating_sub(back))
    }
}
