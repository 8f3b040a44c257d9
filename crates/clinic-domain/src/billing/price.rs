//! The price list: what the clinic charges for. Items are deactivated, never deleted, so every
//! invoice that used one still reads.
use super::money::{FULL_BP, MAX_AMOUNT};
use crate::error::{ErrorCode, FieldError, Validation};
use autosurgeon::{Hydrate, Reconcile};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, Reconcile, Hydrate)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum PriceCategory {
    #[autosurgeon(rename = "consultation")]
    Consultation,
    #[autosurgeon(rename = "procedure")]
    Procedure,
    #[autosurgeon(rename = "lab_test")]
    LabTest,
    #[autosurgeon(rename = "medicine")]
    Medicine,
}

impl PriceCategory {
    pub const ALL: [PriceCategory; 4] = [
        PriceCategory::Consultation,
        PriceCategory::Procedure,
        PriceCategory::LabTest,
        PriceCategory::Medicine,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            PriceCategory::Consultation => "consultation",
            PriceCategory::Procedure => "procedure",
            PriceCategory::LabTest => "lab_test",
            PriceCategory::Medicine => "medicine",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == s.trim())
    }
}

/// The price item document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, Reconcile, Hydrate)]
#[ts(export)]
pub struct PriceItem {
    /// Short code typed at the till, e.g. `CONS-GP`; upper case.
    pub code: String,
    pub name: String,
    pub category: PriceCategory,
    /// Minor units (cents), tax excluded.
    #[ts(type = "number")]
    pub unit_price: i64,
    /// Tax rate in basis points (1 800 = 18 %).
    #[ts(type = "number")]
    pub tax_bp: i64,
    pub active: bool,
}

/// The price item form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PriceItemInput {
    pub code: String,
    pub name: String,
    pub category: PriceCategory,
    #[ts(type = "number")]
    pub unit_price: i64,
    #[ts(type = "number")]
    pub tax_bp: i64,
    pub active: bool,
}

/// One row of the price list, read from the projection.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PriceItemSummary {
    #[ts(type = "string")]
    pub id: Uuid,
    pub code: String,
    pub name: String,
    pub category: PriceCategory,
    #[ts(type = "number")]
    pub unit_price: i64,
    #[ts(type = "number")]
    pub tax_bp: i64,
    pub active: bool,
}

impl PriceItemInput {
    /// Every problem at once. `code_taken`: another item already uses this code.
    pub fn validate(&self, code_taken: bool) -> Result<PriceItem, Vec<FieldError>> {
        let mut v = Validation::default();
        let code = v.required_text("code", &self.code, 20).to_ascii_uppercase();
        if !code.is_empty()
            && !code
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b'.')
        {
            v.push(
                "code",
                ErrorCode::InvalidFormat,
                "may hold only letters, digits, '-', '_' and '.'",
            );
        } else if code_taken {
            v.push("code", ErrorCode::Duplicate, "is used by another item");
        }
        let name = v.required_text("name", &self.name, 120);
        if !(0..=MAX_AMOUNT).contains(&self.unit_price) {
            v.push("unit_price", ErrorCode::OutOfRange, "must be 0 or more");
        }
        if !(0..=FULL_BP).contains(&self.tax_bp) {
            v.push(
                "tax_bp",
                ErrorCode::OutOfRange,
                "must be between 0 and 100 %",
            );
        }
        v.finish(PriceItem {
            code,
            name,
            category: self.category,
            unit_price: self.unit_price,
            tax_bp: self.tax_bp,
            active: self.active,
        })
    }
}
