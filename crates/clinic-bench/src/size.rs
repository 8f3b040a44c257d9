//! Benchmark 4, bytes on disk per patient, after a checkpoint and after VACUUM, with a per-table
//! breakdown.

use crate::plain::{checkpoint, db_size, open_raw_store, vacuum};
use crate::run::Bench;
use crate::BenchResult;
use clinic_store::Store;
use rusqlite::Connection;

#[derive(Debug, Clone)]
pub struct TableSize {
    pub name: String,
    pub table_bytes: u64,
    pub index_bytes: u64,
}

#[derive(Debug, Clone)]
pub struct SizeReport {
    pub patients: usize,
    pub store_checkpointed: u64,
    pub store_vacuumed: u64,
    pub plain_checkpointed: u64,
    pub plain_vacuumed: u64,
    pub plain_encrypted_vacuumed: u64,
    /// Sum of `length(doc)` over the patient records.
    pub doc_bytes: u64,
    /// Sum of `length(change)` over the change log.
    pub change_bytes: u64,
    /// Patient records that hold a saved document (the others are their creating change).
    pub saved_docs: u64,
    /// Pages per table (with its indexes), from `dbstat`, after VACUUM.
    pub tables: Vec<TableSize>,
}

impl SizeReport {
    pub fn per_patient(&self, bytes: u64) -> f64 {
        bytes as f64 / self.patients.max(1) as f64
    }
}

impl Bench<'_> {
    pub(crate) fn sizes(&mut self) -> BenchResult<SizeReport> {
        // Close the store so the checkpoint and VACUUM run alone; it is reopened for the reads.
        self.store = None;
        let raw = open_raw_store(&self.store_path, &self.key)?;
        checkpoint(&raw)?;
        let store_checkpointed = db_size(&self.store_path);
        let (doc_bytes, saved_docs, change_bytes): (i64, i64, i64) = raw.query_row(
            "SELECT (SELECT coalesce(sum(length(doc)), 0) FROM records WHERE kind = 'patient'),
                    (SELECT count(*) FROM records WHERE kind = 'patient' AND doc IS NOT NULL),
                    (SELECT coalesce(sum(length(change)), 0) FROM change_log)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?;
        vacuum(&raw)?;
        let store_vacuumed = db_size(&self.store_path);
        let tables = table_sizes(&raw).unwrap_or_default();
        drop(raw);

        checkpoint(&self.plain)?;
        let plain_checkpointed = db_size(&self.plain_path);
        vacuum(&self.plain)?;
        let plain_vacuumed = db_size(&self.plain_path);
        vacuum(&self.plain_enc)?;
        let plain_encrypted_vacuumed = db_size(&self.plain_enc_path);

        self.store = Some(Store::open(
            &self.store_path,
            &self.key,
            self.clock.clone(),
            self.ids.clone(),
        )?);
        Ok(SizeReport {
            patients: self.registered.len(),
            store_checkpointed,
            store_vacuumed,
            plain_checkpointed,
            plain_vacuumed,
            plain_encrypted_vacuumed,
            doc_bytes: doc_bytes as u64,
            saved_docs: saved_docs as u64,
            change_bytes: change_bytes as u64,
            tables,
        })
    }
}

/// Bytes per table (its own b-tree plus its indexes), the FTS5 shadow tables counted as one.
fn table_sizes(conn: &Connection) -> BenchResult<Vec<TableSize>> {
    let mut stmt = conn.prepare(
        "SELECT d.name, coalesce(m.type, 'table'), coalesce(m.tbl_name, d.name), sum(d.pgsize)
         FROM dbstat d LEFT JOIN sqlite_master m ON m.name = d.name GROUP BY d.name",
    )?;
    let rows = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, i64>(3)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut out: Vec<TableSize> = Vec::new();
    for (kind, table, bytes) in rows {
        let name = if table.starts_with("patients_fts") {
            "patients_fts (FTS5 index)".to_string()
        } else {
            table
        };
        let pos = match out.iter().position(|t| t.name == name) {
            Some(p) => p,
            None => {
                out.push(TableSize {
                    name,
                    table_bytes: 0,
                    index_bytes: 0,
                });
                out.len() - 1
            }
        };
        if kind == "index" {
            out[pos].index_bytes += bytes as u64;
        } else {
            out[pos].table_bytes += bytes as u64;
        }
    }
    out.sort_by_key(|t| std::cmp::Reverse(t.table_bytes + t.index_bytes));
    Ok(out)
}
