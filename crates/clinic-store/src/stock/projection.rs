//! The `stock_batches` projection: one row per batch document with its derived on-hand, rewritten
//! in the same transaction as the document (and from the merged document after a sync).
use crate::error::{Context, Result};
use clinic_domain::stock::{BatchLevel, StockBatch, DEFAULT_REORDER_LEVEL};
use rusqlite::{params, Connection, Row, Transaction};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

pub(crate) fn write(tx: &Transaction<'_>, id: Uuid, b: &StockBatch, at: &str) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO stock_batches (id, drug_id, drug_name, batch_number, expiry, supplier,
            received_quantity, on_hand, received_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
         ON CONFLICT (id) DO UPDATE SET drug_id = excluded.drug_id,
            drug_name = excluded.drug_name, batch_number = excluded.batch_number,
            expiry = excluded.expiry, supplier = excluded.supplier,
            received_quantity = excluded.received_quantity, on_hand = excluded.on_hand,
            received_at = excluded.received_at, updated_at = excluded.updated_at",
    )
    .and_then(|mut s| {
        s.execute(params![
            id.to_string(),
            b.drug_id,
            b.drug_name,
            b.batch_number,
            b.expiry,
            b.supplier,
            b.received_quantity,
            b.on_hand(),
            b.received_at,
            at
        ])
    })
    .context("updating the stock list")?;
    Ok(())
}

const SELECT: &str = "SELECT id, drug_id, drug_name, batch_number, expiry, supplier,
    received_quantity, on_hand FROM stock_batches";

fn level(r: &Row<'_>) -> rusqlite::Result<BatchLevel> {
    Ok(BatchLevel {
        batch_id: r.get(0)?,
        drug_id: r.get(1)?,
        drug_name: r.get(2)?,
        batch_number: r.get(3)?,
        expiry: r.get(4)?,
        supplier: r.get(5)?,
        received_quantity: r.get(6)?,
        on_hand: r.get(7)?,
    })
}

fn query(conn: &Connection, sql: &str, args: impl rusqlite::Params) -> Result<Vec<BatchLevel>> {
    let mut stmt = conn.prepare_cached(sql).context("listing stock")?;
    let rows = stmt.query_map(args, level).context("listing stock")?;
    rows.map(|r| r.context("listing stock")).collect()
}

/// The batches of one drug, earliest expiry first.
pub(crate) fn of_drug(conn: &Connection, drug_id: &str) -> Result<Vec<BatchLevel>> {
    let sql = format!("{SELECT} WHERE drug_id = ?1 ORDER BY expiry, batch_number, id");
    query(conn, &sql, [drug_id])
}

/// Every batch (for the alerts), by drug and expiry.
pub(crate) fn all(conn: &Connection) -> Result<Vec<BatchLevel>> {
    let sql = format!("{SELECT} ORDER BY drug_name, expiry, id LIMIT 20000");
    query(conn, &sql, [])
}

/// One batch row.
pub(crate) fn one(conn: &Connection, id: &str) -> Result<Option<BatchLevel>> {
    let sql = format!("{SELECT} WHERE id = ?1");
    Ok(query(conn, &sql, [id])?.into_iter().next())
}

/// One drug's stock, as the Stock screen lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct StockLevel {
    pub drug_id: String,
    pub drug_name: String,
    /// Every batch's on-hand added up (expired ones too; may be below zero after a merge).
    #[ts(type = "number")]
    pub on_hand: i64,
    /// Units that may be dispensed today: batches not expired, holding stock.
    #[ts(type = "number")]
    pub usable: i64,
    /// Batches holding stock (or below zero).
    #[ts(type = "number")]
    pub batches: i64,
    /// The earliest expiry among batches holding stock; empty when none.
    pub earliest_expiry: String,
    /// Usable units below the reorder level.
    pub low: bool,
}

/// One row per drug ever received; `today` is `YYYY-MM-DD`.
pub(crate) fn levels(conn: &Connection, today: &str) -> Result<Vec<StockLevel>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT drug_id, min(drug_name), sum(on_hand),
                sum(CASE WHEN on_hand > 0 AND expiry >= ?1 THEN on_hand ELSE 0 END),
                sum(CASE WHEN on_hand <> 0 THEN 1 ELSE 0 END),
                coalesce(min(CASE WHEN on_hand > 0 THEN expiry END), '')
             FROM stock_batches GROUP BY drug_id ORDER BY min(drug_name), drug_id LIMIT 5000",
        )
        .context("listing stock")?;
    let rows = stmt
        .query_map([today], |r| {
            let usable: i64 = r.get(3)?;
            Ok(StockLevel {
                drug_id: r.get(0)?,
                drug_name: r.get(1)?,
                on_hand: r.get(2)?,
                usable,
                batches: r.get(4)?,
                earliest_expiry: r.get(5)?,
                low: usable < DEFAULT_REORDER_LEVEL,
            })
        })
        .context("listing stock")?;
    rows.map(|r| r.context("listing stock")).collect()
}

/// `verify`: every batch document against its row (drug, batch, expiry, received, on-hand).
pub(crate) fn verify(conn: &Connection, device: Uuid, problems: &mut Vec<String>) -> Result<usize> {
    use clinic_domain::RecordKind;
    let ids = crate::records::ids(conn, RecordKind::StockBatch)?;
    for id in &ids {
        let doc = crate::records::load(conn, RecordKind::StockBatch, *id, device)?;
        let want = doc
            .and_then(|l| crate::records::hydrate::<StockBatch>(&l.doc).ok())
            .map(|b| {
                (
                    b.drug_id.clone(),
                    b.batch_number.clone(),
                    b.expiry.clone(),
                    b.received_quantity,
                    b.on_hand(),
                )
            });
        let have = one(conn, &id.to_string())?.map(|r| {
            (
                r.drug_id,
                r.batch_number,
                r.expiry,
                r.received_quantity,
                r.on_hand,
            )
        });
        if want.is_none() || want != have {
            problems.push(format!(
                "stock batch {id}: the stock list disagrees with the batch's document"
            ));
        }
    }
    Ok(ids.len())
}
