//! Benchmark 1, registering patients: the store's batched full path against plain rows.

use crate::plain::insert_plain;
use crate::run::Bench;
use crate::BenchResult;
use clinic_domain::ChangeSource;
use std::time::{Duration, Instant};

/// One way of writing the patients: total time and per-batch latencies.
#[derive(Debug, Clone)]
pub struct WritePath {
    pub name: &'static str,
    pub rows: usize,
    pub total: Duration,
    pub batches: Vec<Duration>,
}

impl WritePath {
    fn new(name: &'static str) -> Self {
        Self {
            name,
            rows: 0,
            total: Duration::ZERO,
            batches: Vec::new(),
        }
    }

    pub fn per_sec(&self) -> f64 {
        self.rows as f64 / self.total.as_secs_f64().max(1e-9)
    }

    /// Throughput over the first / last tenth of the batches (does the cost grow with size?).
    pub fn per_sec_first_last(&self, batch: usize) -> (f64, f64) {
        let k = (self.batches.len() / 10).max(1);
        let rate = |b: &[Duration]| {
            (b.len() * batch) as f64 / b.iter().sum::<Duration>().as_secs_f64().max(1e-9)
        };
        (
            rate(&self.batches[..k]),
            rate(&self.batches[self.batches.len() - k..]),
        )
    }
}

#[derive(Debug, Clone)]
pub struct RegisterReport {
    pub batch: usize,
    pub plain: WritePath,
    pub plain_encrypted: WritePath,
    pub full: WritePath,
}

impl RegisterReport {
    /// Full path time / plain (unencrypted) time for the same rows.
    pub fn ratio(&self) -> f64 {
        self.full.total.as_secs_f64() / self.plain.total.as_secs_f64().max(1e-9)
    }

    pub fn ratio_encrypted(&self) -> f64 {
        self.full.total.as_secs_f64() / self.plain_encrypted.total.as_secs_f64().max(1e-9)
    }
}

impl Bench<'_> {
    pub(crate) fn register(&mut self, log: &mut dyn FnMut(&str)) -> BenchResult<RegisterReport> {
        let batch = self.cfg.batch.max(1);
        let mut plain = WritePath::new("plain SQLite, unencrypted");
        let mut plain_enc = WritePath::new("plain SQLite, SQLCipher");
        let mut full = WritePath::new("Clinic store, register_patients");
        let inputs = std::mem::take(&mut self.inputs);
        let batches = inputs.len().div_ceil(batch);
        let mut seq = 0u64;
        for (b, chunk) in inputs.chunks(batch).enumerate() {
            // The three paths take turns going first, so a noisy neighbour or a warm cache does
            // not always favour the same one.
            for turn in 0..3 {
                match (b + turn) % 3 {
                    0 => {
                        let t = Instant::now();
                        let ids = insert_plain(&mut self.plain, chunk, seq)?;
                        plain.batches.push(t.elapsed());
                        plain.rows += ids.len();
                        self.plain_ids.extend(ids);
                    }
                    1 => {
                        let t = Instant::now();
                        let ids = insert_plain(&mut self.plain_enc, chunk, seq)?;
                        plain_enc.batches.push(t.elapsed());
                        plain_enc.rows += ids.len();
                    }
                    _ => {
                        let actor = self.actor.clone();
                        let t = Instant::now();
                        let out =
                            self.store()
                                .register_patients(&actor, chunk, ChangeSource::Import)?;
                        full.batches.push(t.elapsed());
                        for r in out {
                            self.registered.push(r?);
                        }
                        full.rows += chunk.len();
                    }
                }
            }
            seq += chunk.len() as u64;
            if (b + 1) % 10 == 0 || b + 1 == batches {
                log(&format!(
                    "  {} / {} patients ({:.0}/s full path)",
                    full.rows,
                    inputs.len(),
                    full.rows as f64 / full.batches.iter().sum::<Duration>().as_secs_f64()
                ));
            }
        }
        self.inputs = inputs;
        for p in [&mut plain, &mut plain_enc, &mut full] {
            p.total = p.batches.iter().sum();
        }
        Ok(RegisterReport {
            batch,
            plain,
            plain_encrypted: plain_enc,
            full,
        })
    }
}
