//! The sync benchmark: the real server (in-process, fresh PostgreSQL database), real SQLCipher
//! stores and the real sync engine over HTTP on loopback, through a byte-counting proxy.
//!
//! 1. round trip: PC A edits `edits` records and syncs, PC B syncs and receives them; baseline:
//!    the same Automerge changes applied to a copy of B without network (`apply_remote_changes`);
//! 2. a sync with nothing to do over a store of `records` patients: p50/p95 and bytes on the wire;
//! 3. new PC bootstrap of the clinic: records/s;
//! 4. server merge throughput: PC A's first sync pushes all its `records` new changes;
//! 5. bytes on the wire for a clinic day (new patients and edits on 2 PCs syncing every 5 minutes).

mod cases;
mod env;
mod pc;
mod report;

use crate::BenchResult;
use crate::Stats;
use std::time::{Duration, Instant};

pub use env::DEFAULT_DATABASE_URL;

pub(crate) const CLINIC: &str = "BENCH";

#[derive(Debug, Clone)]
pub struct SyncConfig {
    /// Patients in the clinic (registered on PC A, pushed, bootstrapped by PC B).
    pub records: usize,
    /// Records PC A edits for the round trip (goal: 1,000).
    pub edits: usize,
    /// Timed syncs with nothing to do, per PC.
    pub noop_runs: usize,
    /// The clinic day: new patients, visits (each edits 1–3 fields), sync rounds of both PCs.
    pub day_new: usize,
    pub day_visits: usize,
    pub day_rounds: usize,
    pub seed: u64,
    /// Maintenance database URL: the bench creates and drops its own database next to it.
    pub database_url: String,
    /// Where to make the temporary folder (default: the system temp folder).
    pub dir: Option<std::path::PathBuf>,
}

impl SyncConfig {
    pub fn new(records: usize, database_url: &str) -> Self {
        Self {
            records,
            edits: 1000,
            noop_runs: 20,
            day_new: 40,
            day_visits: 200,
            // 8 hours, every 5 minutes.
            day_rounds: 96,
            seed: 20261122,
            database_url: database_url.to_string(),
            dir: None,
        }
    }

    /// Small sizes for the smoke test.
    pub fn tiny(records: usize, database_url: &str) -> Self {
        Self {
            edits: records.min(1000),
            noop_runs: 3,
            day_new: 4,
            day_visits: 10,
            day_rounds: 4,
            ..Self::new(records, database_url)
        }
    }
}

/// Everything one sync run measured. Counts are there so the smoke test can check them.
#[derive(Debug, Clone, Default)]
pub struct SyncReport {
    pub records: usize,
    /// Machine load (`/proc/loadavg`) at the start of each phase.
    pub loads: Vec<(&'static str, String)>,
    pub register: Duration,
    pub merge: Merge,
    pub bootstrap: Bootstrap,
    pub round_trip: RoundTrip,
    pub noop: Noop,
    pub day: Day,
    /// PC A and PC B hold the same records with the same heads at the end.
    pub converged: bool,
    pub wall: Duration,
}

/// 4. PC A's first sync: every record's creation pushed in batches of 500.
#[derive(Debug, Clone, Default)]
pub struct Merge {
    pub pushed: u64,
    pub wall: Duration,
    /// Time inside PC A's store (reading the change log, saving the cursor).
    pub client_store: Duration,
    /// Time the server spent in its merge (from `/metrics`), without HTTP and decoding.
    pub server_merge: Duration,
    pub bytes_up: u64,
    pub bytes_down: u64,
}

/// 3. PC B joins the clinic: snapshots of every record.
#[derive(Debug, Clone, Default)]
pub struct Bootstrap {
    pub records: u64,
    pub patients: usize,
    pub wall: Duration,
    /// Time inside PC B's store (writing the snapshot pages).
    pub client_store: Duration,
    pub bytes_down: u64,
}

/// 1. Push + pull of `edits` changed records.
#[derive(Debug, Clone, Default)]
pub struct RoundTrip {
    pub edits: usize,
    pub pushed: u64,
    pub pulled: u64,
    pub push: Duration,
    pub pull: Duration,
    pub push_store: Duration,
    pub pull_store: Duration,
    /// Time the server spent merging the pushed batch.
    pub server_merge: Duration,
    pub bytes: u64,
    /// The same changes applied locally with `apply_remote_changes`, one record per call.
    pub baseline: Duration,
    pub baseline_applied: usize,
}

/// 2. Syncs with nothing to do, on PC A (the one that registered) and PC B (bootstrapped).
#[derive(Debug, Clone, Default)]
pub struct Noop {
    pub a: Stats,
    pub b: Stats,
    /// Bytes of one sync (request + response, both PCs), mean and max.
    pub bytes_mean: f64,
    pub bytes_max: u64,
    /// Syncs that did push or pull something (should be 0).
    pub not_empty: usize,
}

/// 5. A clinic day on two PCs.
#[derive(Debug, Clone, Default)]
pub struct Day {
    pub new_patients: usize,
    pub visits: usize,
    pub syncs: usize,
    pub pushed: u64,
    pub pulled: u64,
    pub bytes_up: u64,
    pub bytes_down: u64,
    pub sync_time: Duration,
}

impl Day {
    pub fn bytes(&self) -> u64 {
        self.bytes_up + self.bytes_down
    }
}

/// Runs the five sync benchmarks in a new temporary folder and database (both removed at the end).
pub fn run_sync(cfg: &SyncConfig, log: &mut dyn FnMut(&str)) -> BenchResult<SyncReport> {
    if cfg.records == 0 {
        return Err("--records must be at least 1".into());
    }
    let started = Instant::now();
    let dir = match &cfg.dir {
        Some(parent) => tempfile::Builder::new()
            .prefix("clinic-bench-sync-")
            .tempdir_in(parent)?,
        None => tempfile::Builder::new()
            .prefix("clinic-bench-sync-")
            .tempdir()?,
    };
    let env = env::Env::start(&cfg.database_url, &dir.path().join("attachments"))?;
    log(&format!(
        "server up on a fresh database {}; PCs talk to {}",
        env.db_name, env.url
    ));
    let result = cases::run_all(cfg, &env, dir.path(), log);
    env.finish()?;
    dir.close()?;
    let mut report = result?;
    report.wall = started.elapsed();
    Ok(report)
}
