//! Dispensing a prescription from the pharmacy's stock: which batches each medicine line takes,
//! earliest expiry first, never an expired batch. A real pharmacy's rules:
//! - by default every line is supplied in full from stock;
//! - a line the stock cannot cover is an error naming the line, unless the pharmacist supplies
//!   less (a partial supply, with a reason) or records it as supplied outside stock (the patient
//!   buys it elsewhere, a donated pack...) with a reason;
//! - a free-text medicine is not a catalogue drug, so it is never in stock: it must be recorded as
//!   supplied outside stock, with a reason.
//!
//! The prescription is then dispensed (one dispensing, no balance owed: the reason says why less
//! was supplied).
use super::PrescriptionItem;
use crate::error::{ErrorCode, FieldError};
use crate::stock::{fefo_pick, BatchLevel};
use autosurgeon::{Hydrate, Reconcile};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use ts_rs::TS;

pub const MAX_DISPENSE_REASON: usize = 500;

/// The pharmacist's decision for one line; lines not listed are supplied in full from stock.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DispenseLineInput {
    pub item_id: String,
    /// Units taken from stock; none means the prescribed quantity.
    #[ts(optional)]
    #[serde(default)]
    pub quantity: Option<u32>,
    /// Supplied outside this pharmacy's stock: nothing is taken from a batch.
    #[serde(default)]
    pub outside_stock: bool,
    /// Why less than prescribed is supplied from stock, or why outside stock.
    #[serde(default)]
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DispensePrescriptionInput {
    #[serde(default)]
    pub lines: Vec<DispenseLineInput>,
}

/// Units of one batch given for a line.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS, Reconcile, Hydrate)]
#[ts(export)]
pub struct DispensedBatch {
    pub batch_id: String,
    pub batch_number: String,
    /// `YYYY-MM-DD`.
    pub expiry: String,
    #[ts(type = "number")]
    pub quantity: i64,
}

/// What was supplied for one medicine line, kept in the prescription document.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS, Reconcile, Hydrate)]
#[ts(export)]
pub struct DispensedLine {
    pub item_id: String,
    pub drug_id: String,
    pub drug_name: String,
    pub prescribed: u32,
    /// Units taken from stock (the sum of `batches`).
    pub from_stock: u32,
    pub outside_stock: bool,
    /// Why less than prescribed, or why outside stock; empty for a full supply.
    pub reason: String,
    pub batches: Vec<DispensedBatch>,
}

/// The batches each line would take, the usable units per line's drug, and every problem.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DispensePlan {
    pub lines: Vec<DispensedLine>,
    /// Usable units of each line's drug left for that line (after the earlier lines of the
    /// same drug; 0 for free text), by line.
    #[ts(type = "Array<number>")]
    pub available: Vec<i64>,
    pub errors: Vec<FieldError>,
}

/// Plans the dispensing of `items` from `stock` (the batches of each drug, by drug id) on `today`.
/// Lines of the same drug share its batches. Never fails: problems are in `errors`, by line:
/// `items.<n>.quantity` out of range (not enough usable stock) or invalid (more than prescribed),
/// `items.<n>.reason` required, `items.<n>.outside_stock` (free text), `lines.<k>.item_id`.
pub fn plan_dispense(
    items: &[PrescriptionItem],
    input: &DispensePrescriptionInput,
    stock: &BTreeMap<String, Vec<BatchLevel>>,
    today: NaiveDate,
) -> DispensePlan {
    let mut stock = stock.clone();
    let mut plan = DispensePlan::default();
    for (k, line) in input.lines.iter().enumerate() {
        if !items.iter().any(|i| i.id == line.item_id) {
            plan.errors.push(FieldError::new(
                format!("lines.{k}.item_id"),
                ErrorCode::NotFound,
                "is not a line of this prescription",
            ));
        }
    }
    for (n, item) in items.iter().enumerate() {
        let choice = input.lines.iter().find(|l| l.item_id == item.id);
        let batches = stock.entry(item.drug_id.clone()).or_default();
        let usable = batches
            .iter()
            .filter(|b| !item.drug_id.is_empty() && b.usable(today))
            .fold(0i64, |s, b| s.saturating_add(b.on_hand));
        plan.available.push(usable);
        let (line, errors) = plan_line(n, item, choice, batches, today);
        plan.lines.push(line);
        plan.errors.extend(errors);
    }
    plan
}

fn plan_line(
    n: usize,
    item: &PrescriptionItem,
    choice: Option<&DispenseLineInput>,
    batches: &mut [BatchLevel],
    today: NaiveDate,
) -> (DispensedLine, Vec<FieldError>) {
    let f = |name: &str| format!("items.{n}.{name}");
    let mut errors = Vec::new();
    let reason = choice.map_or("", |c| c.reason.trim()).to_string();
    if reason.chars().count() > MAX_DISPENSE_REASON {
        errors.push(FieldError::new(
            f("reason"),
            ErrorCode::TooLong,
            "is too long",
        ));
    }
    let mut line = DispensedLine {
        item_id: item.id.clone(),
        drug_id: item.drug_id.clone(),
        drug_name: item.drug_name.clone(),
        prescribed: item.quantity,
        reason: reason.clone(),
        ..Default::default()
    };
    if choice.is_some_and(|c| c.outside_stock) {
        line.outside_stock = true;
        if reason.is_empty() {
            errors.push(FieldError::new(
                f("reason"),
                ErrorCode::Required,
                format!("{}: say why it is supplied outside stock", item.drug_name),
            ));
        }
        return (line, errors);
    }
    if item.drug_id.is_empty() {
        errors.push(FieldError::new(
            f("outside_stock"),
            ErrorCode::InvalidValue,
            format!(
                "{} is not a catalogue medicine, so it is not in stock: record it as supplied outside stock, with a reason",
                item.drug_name
            ),
        ));
        return (line, errors);
    }
    let want = choice.and_then(|c| c.quantity).unwrap_or(item.quantity);
    if want > item.quantity {
        errors.push(FieldError::new(
            f("quantity"),
            ErrorCode::InvalidValue,
            format!(
                "{}: at most the {} prescribed",
                item.drug_name, item.quantity
            ),
        ));
        return (line, errors);
    }
    if want < item.quantity && reason.is_empty() {
        errors.push(FieldError::new(
            f("reason"),
            ErrorCode::Required,
            format!(
                "{}: say why {want} of the {} prescribed are supplied",
                item.drug_name, item.quantity
            ),
        ));
    }
    match fefo_pick(batches, i64::from(want), today) {
        Err(available) => errors.push(FieldError::new(
            f("quantity"),
            ErrorCode::OutOfRange,
            format!(
                "{}: only {available} usable units in stock on this PC, {want} needed",
                item.drug_name
            ),
        )),
        Ok(picks) => {
            for pick in picks {
                if let Some(b) = batches.iter_mut().find(|b| b.batch_id == pick.batch_id) {
                    b.on_hand -= pick.quantity;
                    line.batches.push(DispensedBatch {
                        batch_id: b.batch_id.clone(),
                        batch_number: b.batch_number.clone(),
                        expiry: b.expiry.clone(),
                        quantity: pick.quantity,
                    });
                }
            }
            line.from_stock = want;
        }
    }
    (line, errors)
}

#[cfg(test)]
#[path = "dispense_tests.rs"]
mod tests;
