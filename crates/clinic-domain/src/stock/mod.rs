//! Pharmacy stock: one record per delivered batch of a catalogue drug. The batch keeps what was
//! received and a LIST of movements (dispensings, adjustments, returns). The quantity on hand is
//! derived (received + the signed movements), never stored as a plain number that two PCs would
//! overwrite: two PCs dispensing the same batch offline both keep their movement after a merge.
//! Alerts: low stock per drug (below `DEFAULT_REORDER_LEVEL` usable units, a fixed clinic-wide
//! default for now), batches expiring within `EXPIRY_ALERT_DAYS`, expired batches still holding
//! stock, and batches below zero (after a merge).
mod input;
mod pick;
#[cfg(test)]
mod tests;

pub use input::{AdjustInput, DispenseInput, ReceiveInput, ReceivedBatch};
pub use pick::{alerts, fefo_pick, BatchLevel, Pick, StockAlert, StockAlertKind};

use autosurgeon::{Hydrate, Reconcile};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Below this many usable units of a drug, the drug is listed as low on stock.
pub const DEFAULT_REORDER_LEVEL: i64 = 20;
/// A batch expiring within this many days raises an expiry alert.
pub const EXPIRY_ALERT_DAYS: i64 = 90;
/// The most units one delivery, dispensing or adjustment may move.
pub const MAX_QUANTITY: i64 = 1_000_000;
pub const MAX_REASON: usize = 500;

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, TS, Reconcile, Hydrate,
)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum MovementKind {
    #[default]
    #[autosurgeon(rename = "dispense")]
    Dispense,
    #[autosurgeon(rename = "adjustment")]
    Adjustment,
    #[autosurgeon(rename = "return")]
    Return,
}

/// One movement of a batch. `quantity` is signed: a dispensing is negative, a return positive,
/// an adjustment either.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS, Reconcile, Hydrate)]
#[ts(export)]
pub struct StockMovement {
    pub id: String,
    pub kind: MovementKind,
    #[ts(type = "number")]
    pub quantity: i64,
    /// Required for adjustments.
    pub reason: String,
    /// The prescription dispensed (empty otherwise) and its version.
    pub prescription_id: String,
    pub prescription_version: u32,
    pub user_id: String,
    pub username: String,
    pub device_id: String,
    /// RFC 3339.
    pub at: String,
}

/// The batch document.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS, Reconcile, Hydrate)]
#[ts(export)]
pub struct StockBatch {
    /// Catalogue id and name (`drugs::catalogue`).
    pub drug_id: String,
    pub drug_name: String,
    pub batch_number: String,
    /// `YYYY-MM-DD`: usable up to and including this day.
    pub expiry: String,
    pub supplier: String,
    #[ts(type = "number")]
    pub received_quantity: i64,
    pub received_by: String,
    pub received_by_name: String,
    /// RFC 3339.
    pub received_at: String,
    pub movements: Vec<StockMovement>,
}

impl StockBatch {
    /// Received + every signed movement (saturating: data from another PC never panics).
    pub fn on_hand(&self) -> i64 {
        self.movements
            .iter()
            .fold(self.received_quantity, |n, m| n.saturating_add(m.quantity))
    }

    /// Units handed out (a positive number).
    pub fn dispensed(&self) -> i64 {
        self.movements
            .iter()
            .filter(|m| m.kind == MovementKind::Dispense)
            .fold(0i64, |n, m| n.saturating_sub(m.quantity))
    }

    /// The expiry date, when it reads as one.
    pub fn expiry_date(&self) -> Option<chrono::NaiveDate> {
        chrono::NaiveDate::parse_from_str(&self.expiry, "%Y-%m-%d").ok()
    }
}
