//! Clinic's local store: an encrypted SQLCipher file holding one Automerge document per record,
//! relational projections for lists and search, a change log for sync, and a hash-chained audit trail.
#![forbid(unsafe_code)]

pub mod app;
pub mod appointments;
pub mod attachments;
mod audit;
pub mod backup;
pub mod billing;
pub mod clock;
pub mod dashboard;
mod db;
pub mod digest;
pub mod encounters;
mod error;
pub mod fhir;
mod history;
pub mod key;
pub mod lab;
pub mod lockout;
pub mod paths;
pub mod patients;
pub mod prescriptions;
pub mod print;
mod records;
pub mod reminders;
pub mod remote;
pub mod rooms;
pub mod seed;
mod setup;
mod snapshot;
pub mod staff;
pub mod stock;
mod store;
pub mod sync_issues;
pub mod sync_state;
pub mod transfer;
pub mod two_factor;
mod user_admin;
mod users;
pub mod verify;
pub mod views;

pub use audit::{AuditAction, AuditEntry};
pub use error::{Error, ErrorBody, Result};
pub use store::{Device, Store, STORE_FILE};
pub use users::random_salt;
