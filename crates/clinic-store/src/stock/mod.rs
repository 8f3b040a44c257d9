//! Pharmacy stock: receive a delivery (a new batch record), dispense a drug first-expiry-first-out
//! across its batches, adjust a batch with a reason, and list levels, batches and alerts from the
//! `stock_batches` projection. Every movement is a list insert in the batch document, so movements
//! made offline on two PCs all survive the merge; a batch that ends below zero after a merge
//! becomes a `negative_stock` sync issue (see `negative`).
pub(crate) mod negative;
pub(crate) mod projection;

pub use projection::StockLevel;

use crate::error::{Context, Error, Result};
use crate::records::{self, WriteCtx};
use crate::store::Store;
use clinic_domain::stock::{
    fefo_pick, AdjustInput, BatchLevel, DispenseInput, MovementKind, ReceiveInput, StockAlert,
    StockBatch, StockMovement,
};
use clinic_domain::{Action, Actor, ChangeSource, ErrorCode, RecordKind};
use rusqlite::{Connection, Transaction};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

const KIND: RecordKind = RecordKind::StockBatch;

/// One batch with its movements, as the batch detail shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct StockBatchView {
    pub id: String,
    pub batch: StockBatch,
    #[ts(type = "number")]
    pub on_hand: i64,
}

fn ctx<'a>(actor: &'a Actor, action: &'a str, at: chrono::DateTime<chrono::Utc>) -> WriteCtx<'a> {
    WriteCtx {
        actor,
        action,
        source: ChangeSource::Ui,
        at,
    }
}

pub(crate) fn load(
    conn: &Connection,
    id: Uuid,
    device: Uuid,
) -> Result<(records::Loaded, StockBatch)> {
    let loaded = records::load(conn, KIND, id, device)?.ok_or(Error::NotFound {
        what: "stock batch",
    })?;
    let batch: StockBatch = records::hydrate(&loaded.doc)?;
    Ok((loaded, batch))
}

fn display_name(conn: &Connection, actor: &Actor) -> Result<String> {
    use rusqlite::OptionalExtension;
    let name: Option<String> = conn
        .prepare_cached("SELECT display_name FROM users WHERE id = ?1")
        .and_then(|mut s| {
            s.query_row([actor.user_id.to_string()], |r| r.get(0))
                .optional()
        })
        .context("reading users")?;
    Ok(name.unwrap_or_else(|| actor.username.clone()))
}

/// Appends `movement` to batch `id`: document, projection, audit, in the caller's transaction.
fn add_movement(
    tx: &Transaction<'_>,
    actor: &Actor,
    id: Uuid,
    movement: StockMovement,
    action: &str,
    at: chrono::DateTime<chrono::Utc>,
) -> Result<StockBatch> {
    let (loaded, mut batch) = load(tx, id, actor.device_id)?;
    let mut doc = loaded.doc;
    batch.movements.push(movement);
    let w = ctx(actor, action, at);
    records::update_projected(tx, KIND, id, &mut doc, &batch, &w, projection::write)?;
    Ok(batch)
}

fn movement(id: Uuid, actor: &Actor, kind: MovementKind, quantity: i64, at: &str) -> StockMovement {
    StockMovement {
        id: id.to_string(),
        kind,
        quantity,
        user_id: actor.user_id.to_string(),
        username: actor.username.clone(),
        device_id: actor.device_id.to_string(),
        at: at.to_string(),
        ..Default::default()
    }
}

/// Takes `quantity` units of batch `id` for version `version` of prescription `rx_id`, as one
/// dispense movement, in the caller's transaction (the prescription's own dispensing).
#[allow(clippy::too_many_arguments)]
pub(crate) fn dispense_for_prescription(
    tx: &Transaction<'_>,
    actor: &Actor,
    id: Uuid,
    quantity: i64,
    rx_id: Uuid,
    version: u32,
    movement_id: Uuid,
    at: chrono::DateTime<chrono::Utc>,
) -> Result<StockBatch> {
    let mut m = movement(
        movement_id,
        actor,
        MovementKind::Dispense,
        -quantity,
        &at.to_rfc3339(),
    );
    m.prescription_id = rx_id.to_string();
    m.prescription_version = version;
    add_movement(tx, actor, id, m, "dispense", at)
}

impl Store {
    /// Records a delivery: a new batch of a catalogue drug.
    pub fn receive_stock(&mut self, actor: &Actor, input: &ReceiveInput) -> Result<BatchLevel> {
        self.authorize(actor, Action::PrescriptionDispense)?;
        let at = self.clock.now();
        let checked = input.validate(at.date_naive()).map_err(Error::Invalid)?;
        let id = self.new_id();
        let batch = StockBatch {
            drug_id: checked.drug_id,
            drug_name: checked.drug_name,
            batch_number: checked.batch_number,
            expiry: checked.expiry,
            supplier: checked.supplier,
            received_quantity: checked.quantity,
            received_by: actor.user_id.to_string(),
            received_by_name: display_name(&self.conn, actor)?,
            received_at: at.to_rfc3339(),
            movements: Vec::new(),
        };
        let tx = self.write()?;
        let w = ctx(actor, "receive", at);
        records::create_projected(&tx, KIND, id, &batch, &w, projection::write)?;
        tx.commit().context("saving the delivery")?;
        self.stock_row(id)
    }

    /// Dispenses `quantity` of a drug, earliest expiry first across its usable batches, in one
    /// transaction. Not enough usable stock on this PC: a `quantity` error, nothing written.
    pub fn dispense_stock(
        &mut self,
        actor: &Actor,
        input: &DispenseInput,
    ) -> Result<Vec<BatchLevel>> {
        self.authorize(actor, Action::PrescriptionDispense)?;
        let (input, _) = input.validate().map_err(Error::Invalid)?;
        let at = self.clock.now();
        let ids_source = self.ids.clone();
        let tx = self.write()?;
        let batches = projection::of_drug(&tx, &input.drug_id)?;
        let picks = fefo_pick(&batches, input.quantity, at.date_naive()).map_err(|available| {
            Error::field(
                "quantity",
                ErrorCode::OutOfRange,
                format!("only {available} units in stock on this PC"),
            )
        })?;
        let stamp = at.to_rfc3339();
        let mut ids = Vec::new();
        for pick in picks {
            let id = Uuid::parse_str(&pick.batch_id).context("reading the stock list")?;
            let mut m = movement(
                ids_source.new_id(),
                actor,
                MovementKind::Dispense,
                -pick.quantity,
                &stamp,
            );
            m.prescription_id = input.prescription_id.clone().unwrap_or_default();
            m.prescription_version = input.prescription_version.unwrap_or(0);
            add_movement(&tx, actor, id, m, "dispense", at)?;
            ids.push(id);
        }
        tx.commit().context("saving the dispensing")?;
        ids.into_iter().map(|id| self.stock_row(id)).collect()
    }

    /// Corrects one batch by a signed quantity, with a reason (count, breakage, expiry disposal).
    pub fn adjust_stock(&mut self, actor: &Actor, input: &AdjustInput) -> Result<BatchLevel> {
        self.authorize(actor, Action::PrescriptionDispense)?;
        let reason = input.validate().map_err(Error::Invalid)?;
        let id = Uuid::parse_str(input.batch_id.trim()).map_err(|_| {
            Error::field("batch_id", ErrorCode::InvalidFormat, "is not a record id")
        })?;
        let at = self.clock.now();
        let mut m = movement(
            self.new_id(),
            actor,
            MovementKind::Adjustment,
            input.quantity,
            &at.to_rfc3339(),
        );
        m.reason = reason;
        let tx = self.write()?;
        add_movement(&tx, actor, id, m, "adjust", at)?;
        tx.commit().context("saving the adjustment")?;
        self.stock_row(id)
    }

    fn stock_row(&self, id: Uuid) -> Result<BatchLevel> {
        projection::one(&self.conn, &id.to_string())?.ok_or(Error::NotFound {
            what: "stock batch",
        })
    }

    /// Stock per drug (every drug ever received), by name.
    pub fn stock_levels(&self, actor: &Actor) -> Result<Vec<StockLevel>> {
        self.authorize(actor, Action::PrescriptionView)?;
        let today = self.clock.now().date_naive().format("%Y-%m-%d").to_string();
        projection::levels(&self.conn, &today)
    }

    /// The batches of one drug, earliest expiry first.
    pub fn stock_batches(&self, actor: &Actor, drug_id: &str) -> Result<Vec<BatchLevel>> {
        self.authorize(actor, Action::PrescriptionView)?;
        projection::of_drug(&self.conn, drug_id.trim())
    }

    /// One batch with its movements.
    pub fn stock_batch(&self, actor: &Actor, id: Uuid) -> Result<StockBatchView> {
        self.authorize(actor, Action::PrescriptionView)?;
        let (_, batch) = load(&self.conn, id, actor.device_id)?;
        Ok(StockBatchView {
            id: id.to_string(),
            on_hand: batch.on_hand(),
            batch,
        })
    }

    /// Low stock, expiring, expired and negative batches.
    pub fn stock_alerts(&self, actor: &Actor) -> Result<Vec<StockAlert>> {
        self.authorize(actor, Action::PrescriptionView)?;
        let today = self.clock.now().date_naive();
        Ok(clinic_domain::stock::alerts(
            &projection::all(&self.conn)?,
            today,
        ))
    }
}
