//! Dispensing a prescription from stock: the pharmacist previews which batches each line takes
//! (earliest expiry first, never an expired batch), then confirms. Confirming writes, in ONE
//! transaction, a dispense movement on every batch used (linked to the prescription's id and
//! version) and the prescription's dispensed record (batches and quantities per line, or
//! "supplied outside stock" with the reason). The rules are `clinic_domain::prescription::plan_dispense`.
use super::{ctx, display_name, load, projection, PrescriptionView, KIND};
use crate::error::{Context, Error, Result};
use crate::records;
use crate::stock;
use crate::store::Store;
use clinic_domain::prescription::{
    check_transition, plan_dispense, DispensePlan, DispensePrescriptionInput, Prescription,
    PrescriptionStatus,
};
use clinic_domain::stock::BatchLevel;
use clinic_domain::{Action, Actor};
use rusqlite::Connection;
use std::collections::BTreeMap;
use uuid::Uuid;

/// The batches of every catalogue drug of the prescription, by drug id.
fn stock_of(conn: &Connection, rx: &Prescription) -> Result<BTreeMap<String, Vec<BatchLevel>>> {
    let mut out = BTreeMap::new();
    for item in rx.items.iter().filter(|i| !i.drug_id.is_empty()) {
        if !out.contains_key(&item.drug_id) {
            out.insert(
                item.drug_id.clone(),
                stock::projection::of_drug(conn, &item.drug_id)?,
            );
        }
    }
    Ok(out)
}

impl Store {
    /// What dispensing `id` with `input` would take from stock, line by line, with every problem.
    /// Nothing is written.
    pub fn preview_prescription_dispense(
        &self,
        actor: &Actor,
        id: Uuid,
        input: &DispensePrescriptionInput,
    ) -> Result<DispensePlan> {
        self.authorize(actor, Action::PrescriptionDispense)?;
        let (_, rx) = load(&self.conn, id, actor.device_id)?;
        check_transition(rx.status, PrescriptionStatus::Dispensed).map_err(Error::Invalid)?;
        let today = self.clock.now().date_naive();
        Ok(plan_dispense(
            &rx.items,
            input,
            &stock_of(&self.conn, &rx)?,
            today,
        ))
    }

    /// Hands the medicines out: the stock movements and the dispensed record in one transaction.
    /// Any line the stock cannot cover (and that is not supplied short or outside stock with a
    /// reason) refuses the whole dispensing, naming the line; nothing is written then.
    pub fn dispense_prescription(
        &mut self,
        actor: &Actor,
        id: Uuid,
        input: &DispensePrescriptionInput,
    ) -> Result<PrescriptionView> {
        self.authorize(actor, Action::PrescriptionDispense)?;
        let at = self.clock.now();
        let name = display_name(&self.conn, actor.user_id, &actor.username)?;
        let ids = self.ids.clone();
        let tx = self.write()?;
        let (loaded, mut rx) = load(&tx, id, actor.device_id)?;
        let mut doc = loaded.doc;
        check_transition(rx.status, PrescriptionStatus::Dispensed).map_err(Error::Invalid)?;
        let plan = plan_dispense(&rx.items, input, &stock_of(&tx, &rx)?, at.date_naive());
        if !plan.errors.is_empty() {
            return Err(Error::Invalid(plan.errors));
        }
        for line in &plan.lines {
            for b in &line.batches {
                let batch_id = Uuid::parse_str(&b.batch_id).context("reading the stock list")?;
                stock::dispense_for_prescription(
                    &tx,
                    actor,
                    batch_id,
                    b.quantity,
                    id,
                    rx.version,
                    ids.new_id(),
                    at,
                )?;
            }
        }
        rx.status = PrescriptionStatus::Dispensed;
        rx.dispensed_at = at.to_rfc3339();
        rx.dispensed_by = actor.user_id.to_string();
        rx.dispensed_by_name = name;
        rx.dispensed_lines = plan.lines;
        let w = ctx(actor, "dispense", at);
        records::update_projected(&tx, KIND, id, &mut doc, &rx, &w, projection::write)?;
        tx.commit().context("dispensing the prescription")?;
        self.rx_view(id)
    }
}
