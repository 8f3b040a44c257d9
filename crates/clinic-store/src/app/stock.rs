//! Pharmacy stock as the desktop window calls it: one line per IPC command.
use super::App;
use crate::error::Result;
use crate::patients::parse_id;
use crate::stock::{StockBatchView, StockLevel};
use clinic_domain::stock::{AdjustInput, BatchLevel, DispenseInput, ReceiveInput, StockAlert};

impl App {
    pub fn stock_levels(&self) -> Result<Vec<StockLevel>> {
        self.as_user(|store, actor| store.stock_levels(actor))
    }

    pub fn stock_batches(&self, drug_id: &str) -> Result<Vec<BatchLevel>> {
        self.as_user(|store, actor| store.stock_batches(actor, drug_id))
    }

    pub fn stock_batch(&self, id: &str) -> Result<StockBatchView> {
        let id = parse_id(id)?;
        self.as_user(|store, actor| store.stock_batch(actor, id))
    }

    pub fn stock_alerts(&self) -> Result<Vec<StockAlert>> {
        self.as_user(|store, actor| store.stock_alerts(actor))
    }

    pub fn receive_stock(&self, input: &ReceiveInput) -> Result<BatchLevel> {
        self.as_user(|store, actor| store.receive_stock(actor, input))
    }

    pub fn dispense_stock(&self, input: &DispenseInput) -> Result<Vec<BatchLevel>> {
        self.as_user(|store, actor| store.dispense_stock(actor, input))
    }

    pub fn adjust_stock(&self, input: &AdjustInput) -> Result<BatchLevel> {
        self.as_user(|store, actor| store.adjust_stock(actor, input))
    }

    pub fn negative_stock_batch(&self, issue_id: &str) -> Result<StockBatchView> {
        let id = parse_id(issue_id)?;
        self.as_user(|store, actor| store.negative_stock_batch(actor, id))
    }

    pub fn resolve_negative_stock(&self, issue_id: &str) -> Result<()> {
        let id = parse_id(issue_id)?;
        self.as_user(|store, actor| store.resolve_negative_stock(actor, id))
    }
}
