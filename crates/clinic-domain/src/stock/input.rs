//! What the stock forms send, and their validation (every error at once, by field path).
use super::{MAX_QUANTITY, MAX_REASON};
use crate::drugs::catalogue;
use crate::error::{ErrorCode, FieldError, Validation};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A delivery of one batch of one drug.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ReceiveInput {
    pub drug_id: String,
    pub batch_number: String,
    /// `YYYY-MM-DD`.
    pub expiry: String,
    pub supplier: String,
    #[ts(type = "number")]
    pub quantity: i64,
}

/// A checked delivery: the drug's catalogue name filled in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceivedBatch {
    pub drug_id: String,
    pub drug_name: String,
    pub batch_number: String,
    pub expiry: String,
    pub supplier: String,
    pub quantity: i64,
}

/// Units of a drug handed out, optionally against a prescription.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DispenseInput {
    pub drug_id: String,
    #[ts(type = "number")]
    pub quantity: i64,
    #[ts(optional)]
    pub prescription_id: Option<String>,
    #[ts(optional)]
    pub prescription_version: Option<u32>,
}

/// A correction of one batch (count, breakage, loss): signed, with a reason.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AdjustInput {
    pub batch_id: String,
    #[ts(type = "number")]
    pub quantity: i64,
    pub reason: String,
}

fn positive(v: &mut Validation, field: &str, q: i64) {
    if q <= 0 {
        v.push(field, ErrorCode::OutOfRange, "must be more than zero");
    } else if q > MAX_QUANTITY {
        v.push(field, ErrorCode::OutOfRange, "is too large");
    }
}

fn drug(v: &mut Validation, id: &str) -> String {
    let id = id.trim();
    if id.is_empty() {
        v.push("drug_id", ErrorCode::Required, "is required");
        return String::new();
    }
    match catalogue().drug(id) {
        Some(d) => d.name.clone(),
        None => {
            v.push(
                "drug_id",
                ErrorCode::NotFound,
                "is not in the drug catalogue",
            );
            String::new()
        }
    }
}

impl ReceiveInput {
    /// `today` is the clinic's date: an already expired batch is refused.
    pub fn validate(&self, today: NaiveDate) -> Result<ReceivedBatch, Vec<FieldError>> {
        let mut v = Validation::default();
        let drug_name = drug(&mut v, &self.drug_id);
        let batch_number = v.required_text("batch_number", &self.batch_number, 60);
        let supplier = v.optional_text("supplier", &self.supplier, 120);
        let expiry = self.expiry.trim();
        if expiry.is_empty() {
            v.push("expiry", ErrorCode::Required, "is required");
        } else {
            match NaiveDate::parse_from_str(expiry, "%Y-%m-%d") {
                Err(_) => v.push("expiry", ErrorCode::InvalidFormat, "must be YYYY-MM-DD"),
                Ok(d) if d < today => v.push("expiry", ErrorCode::OutOfRange, "has passed"),
                Ok(_) => {}
            }
        }
        positive(&mut v, "quantity", self.quantity);
        v.finish(ReceivedBatch {
            drug_id: self.drug_id.trim().to_string(),
            drug_name,
            batch_number,
            expiry: expiry.to_string(),
            supplier,
            quantity: self.quantity,
        })
    }
}

impl DispenseInput {
    /// The input trimmed, with its drug's catalogue name.
    pub fn validate(&self) -> Result<(DispenseInput, String), Vec<FieldError>> {
        let mut v = Validation::default();
        let name = drug(&mut v, &self.drug_id);
        positive(&mut v, "quantity", self.quantity);
        let rx = self
            .prescription_id
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty());
        if let Some(id) = rx {
            if uuid::Uuid::parse_str(id).is_err() {
                v.push(
                    "prescription_id",
                    ErrorCode::InvalidFormat,
                    "is not a record id",
                );
            }
        }
        v.finish((
            DispenseInput {
                drug_id: self.drug_id.trim().to_string(),
                quantity: self.quantity,
                prescription_id: rx.map(String::from),
                prescription_version: rx.and(self.prescription_version),
            },
            name,
        ))
    }
}

impl AdjustInput {
    /// The reason, trimmed.
    pub fn validate(&self) -> Result<String, Vec<FieldError>> {
        let mut v = Validation::default();
        if uuid::Uuid::parse_str(self.batch_id.trim()).is_err() {
            v.push("batch_id", ErrorCode::InvalidFormat, "is not a record id");
        }
        if self.quantity == 0 {
            v.push("quantity", ErrorCode::InvalidValue, "must not be zero");
        } else if self.quantity.unsigned_abs() > MAX_QUANTITY as u64 {
            v.push("quantity", ErrorCode::OutOfRange, "is too large");
        }
        let reason = v.required_text("reason", &self.reason, MAX_REASON);
        v.finish(reason)
    }
}
