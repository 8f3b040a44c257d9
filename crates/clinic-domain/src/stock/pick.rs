//! First-expiry-first-out picking and the stock alerts, over the batch rows of the projection.
use super::{DEFAULT_REORDER_LEVEL, EXPIRY_ALERT_DAYS};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use ts_rs::TS;

/// One batch as lists show it (from the `stock_batches` projection).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct BatchLevel {
    pub batch_id: String,
    pub drug_id: String,
    pub drug_name: String,
    pub batch_number: String,
    pub expiry: String,
    pub supplier: String,
    #[ts(type = "number")]
    pub received_quantity: i64,
    #[ts(type = "number")]
    pub on_hand: i64,
}

impl BatchLevel {
    fn expiry_date(&self) -> Option<NaiveDate> {
        NaiveDate::parse_from_str(&self.expiry, "%Y-%m-%d").ok()
    }

    /// Holds stock that may still be used `today` (the expiry day itself included).
    pub fn usable(&self, today: NaiveDate) -> bool {
        self.on_hand > 0 && self.expiry_date().is_some_and(|d| d >= today)
    }
}

/// Units to take from one batch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pick {
    pub batch_id: String,
    pub quantity: i64,
}

/// Takes `quantity` from the usable batches, earliest expiry first (then batch number, id), split
/// across batches as needed. Not enough usable stock: `Err(units available)`.
pub fn fefo_pick(
    batches: &[BatchLevel],
    quantity: i64,
    today: NaiveDate,
) -> Result<Vec<Pick>, i64> {
    let mut usable: Vec<&BatchLevel> = batches.iter().filter(|b| b.usable(today)).collect();
    usable.sort_by(|a, b| {
        (a.expiry_date(), &a.batch_number, &a.batch_id).cmp(&(
            b.expiry_date(),
            &b.batch_number,
            &b.batch_id,
        ))
    });
    let available = usable.iter().fold(0i64, |n, b| n.saturating_add(b.on_hand));
    if quantity > available {
        return Err(available);
    }
    let mut left = quantity;
    let mut out = Vec::new();
    for b in usable {
        if left <= 0 {
            break;
        }
        let take = left.min(b.on_hand);
        out.push(Pick {
            batch_id: b.batch_id.clone(),
            quantity: take,
        });
        left -= take;
    }
    Ok(out)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum StockAlertKind {
    /// Below zero (two PCs dispensed the same units offline): count and adjust.
    Negative,
    /// Expired and still holding stock.
    Expired,
    /// Expires within `EXPIRY_ALERT_DAYS`.
    ExpiringSoon,
    /// Usable units of the drug below `DEFAULT_REORDER_LEVEL` (batch fields empty).
    LowStock,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct StockAlert {
    pub kind: StockAlertKind,
    pub drug_id: String,
    pub drug_name: String,
    pub batch_id: String,
    pub batch_number: String,
    pub expiry: String,
    /// The batch's on-hand, or for low stock the drug's usable units.
    #[ts(type = "number")]
    pub on_hand: i64,
}

/// Every alert for the batches, by kind (negative first), then drug name and expiry.
pub fn alerts(batches: &[BatchLevel], today: NaiveDate) -> Vec<StockAlert> {
    let soon = today + chrono::Duration::days(EXPIRY_ALERT_DAYS);
    let mut out = Vec::new();
    let mut usable: BTreeMap<&str, (&str, i64)> = BTreeMap::new();
    for b in batches {
        let entry = usable.entry(&b.drug_id).or_insert((&b.drug_name, 0));
        if b.usable(today) {
            entry.1 = entry.1.saturating_add(b.on_hand);
        }
        let kind = match b.expiry_date() {
            _ if b.on_hand < 0 => Some(StockAlertKind::Negative),
            _ if b.on_hand == 0 => None,
            Some(d) if d < today => Some(StockAlertKind::Expired),
            Some(d) if d <= soon => Some(StockAlertKind::ExpiringSoon),
            _ => None,
        };
        if let Some(kind) = kind {
            out.push(StockAlert {
                kind,
                drug_id: b.drug_id.clone(),
                drug_name: b.drug_name.clone(),
                batch_id: b.batch_id.clone(),
                batch_number: b.batch_number.clone(),
                expiry: b.expiry.clone(),
                on_hand: b.on_hand,
            });
        }
    }
    for (drug_id, (name, units)) in usable {
        if units < DEFAULT_REORDER_LEVEL {
            out.push(StockAlert {
                kind: StockAlertKind::LowStock,
                drug_id: drug_id.to_string(),
                drug_name: name.to_string(),
                batch_id: String::new(),
                batch_number: String::new(),
                expiry: String::new(),
                on_hand: units,
            });
        }
    }
    out.sort_by(|a, b| (a.kind, &a.drug_name, &a.expiry).cmp(&(b.kind, &b.drug_name, &b.expiry)));
    out
}
