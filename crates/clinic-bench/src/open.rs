//! Benchmark 3, opening one patient, against the projection row, the plain row and the record's
//! bytes.

use crate::plain::{open_raw_store, SUMMARY_COLS};
use crate::run::Bench;
use crate::stats::Stats;
use crate::BenchResult;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use rusqlite::{params, OptionalExtension};
use std::time::Instant;

#[derive(Debug, Clone)]
pub struct OpenReport {
    pub open: Stats,
    /// The store's projection row by id (raw connection on the same encrypted file).
    pub projection_row: Stats,
    /// The plain table's row by id (unencrypted file).
    pub plain_row: Stats,
    /// The record's bytes by id, read as the store's load reads them (saved document, or else its
    /// changes from the change log); SQL and decryption only, no Automerge.
    pub doc_read: Stats,
}

impl Bench<'_> {
    pub(crate) fn open(&mut self) -> BenchResult<OpenReport> {
        let raw = open_raw_store(&self.store_path, &self.key)?;
        let count = self.cfg.scaled(2000, 100).min(self.registered.len().max(1));
        let mut rng = StdRng::seed_from_u64(self.cfg.seed ^ 0x0BE4);
        let picks: Vec<usize> = (0..count)
            .map(|_| rng.random_range(0..self.registered.len()))
            .collect();
        let actor = self.actor.clone();
        let mut proj = raw.prepare(&format!(
            "SELECT {SUMMARY_COLS}, birth_date_estimated, deleted FROM patients WHERE id = ?1"
        ))?;
        let mut doc = raw.prepare(
            "SELECT doc, created_at, updated_at FROM records WHERE id = ?1 AND kind = ?2",
        )?;
        let mut changes =
            raw.prepare("SELECT change FROM change_log WHERE record_id = ?1 ORDER BY seq")?;
        let mut plain = self.plain.prepare("SELECT * FROM patients WHERE id = ?1")?;
        let (mut t_open, mut t_proj, mut t_plain, mut t_doc) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        let store = self.store.as_mut().expect("store is open");
        for &i in &picks {
            let (id, number) = &self.registered[i];
            let t = Instant::now();
            let view = store.open_patient(&actor, *id)?;
            t_open.push(t.elapsed());
            if &view.patient.number != number {
                return Err(
                    format!("opened {id}: number {} not {number}", view.patient.number).into(),
                );
            }

            let t = Instant::now();
            let row = proj
                .query_row([id.to_string()], |r| {
                    Ok((
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, String>(3)?,
                    ))
                })
                .optional()?;
            t_proj.push(t.elapsed());
            if row.as_ref().map(|r| &r.0) != Some(number) {
                return Err(format!("projection row of {id} missing").into());
            }

            // The same reads as the store's load: the saved document, or else (a record still
            // at its creating change) its changes from the change log.
            let t = Instant::now();
            let row = doc
                .query_row(params![id.to_string(), "patient"], |r| {
                    Ok((
                        r.get::<_, Option<Vec<u8>>>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                    ))
                })
                .optional()?;
            let bytes = match row {
                Some((Some(saved), _, _)) => saved,
                Some((None, _, _)) => changes
                    .query_map([id.to_string()], |r| r.get::<_, Vec<u8>>(0))?
                    .collect::<rusqlite::Result<Vec<_>>>()?
                    .concat(),
                None => Vec::new(),
            };
            t_doc.push(t.elapsed());
            if bytes.is_empty() {
                return Err(format!("record bytes of {id} missing").into());
            }

            let t = Instant::now();
            let cols = plain.column_count();
            let row = plain
                .query_row([&self.plain_ids[i]], |r| {
                    (0..cols)
                        .map(|c| r.get::<_, rusqlite::types::Value>(c))
                        .collect::<rusqlite::Result<Vec<_>>>()
                })
                .optional()?;
            t_plain.push(t.elapsed());
            if row.is_none() {
                return Err(format!("plain row {} missing", self.plain_ids[i]).into());
            }
        }
        Ok(OpenReport {
            open: Stats::of(&t_open),
            projection_row: Stats::of(&t_proj),
            plain_row: Stats::of(&t_plain),
            doc_read: Stats::of(&t_doc),
        })
    }
}
