//! Clinic's domain rules: record types, validation, identifiers, roles and permissions.
//!
//! This crate does no I/O. It is shared by the desktop client and the sync server so that
//! every rule lives in one place. Time and identifiers are passed in by the caller.
#![forbid(unsafe_code)]

pub mod actor;
pub mod appointment;
pub mod attachment;
pub mod billing;
pub mod device_number;
pub mod drugs;
pub mod encounter;
pub mod error;
pub mod fhir;
pub mod icd10;
pub mod lab;
pub mod patient;
pub mod patient_number;
pub mod prescription;
pub mod record;
pub mod reminder;
pub mod roles;
pub mod rooms;
pub mod staff;
pub mod stock;
pub mod sync;
pub mod sync_issue;
pub mod text;
pub mod totp;
pub mod user;

pub use actor::Actor;
pub use error::{ErrorCode, FieldError, Validation};
pub use record::{ChangeMeta, ChangeSource, RecordKind};
pub use roles::{Action, Role};
