//! What the billing forms send.
use super::invoice::{ClaimStatus, PaymentMethod};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum DiscountKind {
    #[default]
    None,
    /// `discount_value` is an amount in minor units.
    Amount,
    /// `discount_value` is a percent in basis points (1 000 = 10 %).
    Percent,
}

/// A line to add: a price list item, how many, and an optional discount.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct LineInput {
    pub item_id: String,
    #[ts(type = "number")]
    pub quantity: i64,
    #[serde(default)]
    pub discount_kind: DiscountKind,
    #[serde(default)]
    #[ts(type = "number")]
    pub discount_value: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct NewInvoiceInput {
    pub patient_id: String,
    /// The appointment or visit billed (optional).
    #[serde(default)]
    pub visit_id: String,
    /// The user the visit was with (optional).
    #[serde(default)]
    pub clinician_id: String,
    #[serde(default)]
    pub lines: Vec<LineInput>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PaymentInput {
    pub method: PaymentMethod,
    #[ts(type = "number")]
    pub amount: i64,
    #[serde(default)]
    pub reference: String,
    /// Accept an amount beyond the balance: the patient is left in credit.
    #[serde(default)]
    pub credit: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RefundInput {
    pub payment_id: String,
    #[ts(type = "number")]
    pub amount: i64,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ClaimInput {
    pub insurer: String,
    pub policy: String,
    #[ts(type = "number")]
    pub amount_claimed: i64,
    pub status: ClaimStatus,
    #[serde(default)]
    #[ts(type = "number")]
    pub amount_approved: i64,
    #[serde(default)]
    #[ts(type = "number")]
    pub amount_paid: i64,
    #[serde(default)]
    pub notes: String,
}
