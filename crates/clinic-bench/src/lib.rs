//! Clinic's benchmarks. Each one measures the real store (`clinic_store::Store`, an encrypted
//! SQLCipher file with Automerge documents, projections, full-text index, change log and audit
//! trail) against a plain-SQLite baseline measured in the same run, on the same inputs:
//!
//! 1. registering patients (batched full path vs plain rows, unencrypted and SQLCipher),
//! 2. searching (a realistic query mix, typos through the fuzzy fallback apart; baseline `LIKE`),
//! 3. opening one patient (document load + view + audit; baseline: the projection row by id),
//! 4. bytes on disk per patient.
//!
//! `clinic-bench sync` runs the sync benchmarks instead ([`sync`]): the real server, PostgreSQL
//! and two real stores over HTTP on loopback.
//!
//! Everything is written to a temporary folder that is removed at the end. Timings use
//! `std::time::Instant`; latencies are reported as p50/p95/p99/mean/max in milliseconds.
#![forbid(unsafe_code)]

mod appointments;
pub mod chart;
mod clinic;
mod config;
mod cpu;
mod markdown;
mod open;
mod plain;
pub mod prescription_pdf;
mod queries;
pub mod receipts;
mod register;
mod report;
mod run;
mod search;
mod size;
mod stats;
pub mod sync;

pub use appointments::{
    run_appointments, AppointmentsConfig, AppointmentsReport, GOAL_BOOK_P95_MS,
};
pub use config::Config;
pub use open::OpenReport;
pub use plain::key_connection;
pub use register::{RegisterReport, WritePath};
pub use report::{
    Goal, Report, GOAL_BYTES_PER_PATIENT, GOAL_OPEN_P95_MS, GOAL_REGISTER_PER_SEC,
    GOAL_REGISTER_RATIO, GOAL_SEARCH_P95_MS,
};
pub use run::run;
pub use search::{AfterOptimize, QueryCategory, SearchReport};
pub use size::{SizeReport, TableSize};
pub use stats::Stats;
pub use sync::{run_sync, SyncConfig, SyncReport};

pub type BenchError = Box<dyn std::error::Error + Send + Sync>;
pub type BenchResult<T> = Result<T, BenchError>;
