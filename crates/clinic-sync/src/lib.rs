//! The client half of sync: a PC enrolls with the central server, then pushes its change log,
//! pulls other PCs' changes and, the first time, bootstraps from snapshots.
//!
//! Shaped as diff → plan → execute: [`plan::plan`] is a pure function from where the store stands to
//! the steps of one sync; [`engine`] runs them over [`http`]; [`scheduler`] repeats that in the
//! background with [`backoff`]. The store is only ever held for short local reads and writes, never
//! across network I/O.
#![forbid(unsafe_code)]

mod attachments;
pub mod backoff;
pub mod desktop;
pub mod engine;
mod error;
pub mod http;
pub mod plan;
pub mod scheduler;
pub mod status;

pub use attachments::{fetch_attachment, open_attachment};
pub use engine::{connect, sync_once, ConnectReport, Progress, SyncOptions, SyncReport};
pub use error::{SyncError, SyncErrorKind};
pub use status::{SyncErrorView, SyncStatus};

use clinic_store::Store;

/// How the engine reaches the store: a short, exclusive borrow for each local step.
pub trait StoreAccess {
    fn with_store<T>(
        &self,
        f: impl FnOnce(&mut Store) -> clinic_store::Result<T>,
    ) -> clinic_store::Result<T>;
}

impl StoreAccess for std::sync::Mutex<Store> {
    fn with_store<T>(
        &self,
        f: impl FnOnce(&mut Store) -> clinic_store::Result<T>,
    ) -> clinic_store::Result<T> {
        let mut store = self.lock().unwrap_or_else(|p| p.into_inner());
        f(&mut store)
    }
}

impl StoreAccess for clinic_store::app::App {
    fn with_store<T>(
        &self,
        f: impl FnOnce(&mut Store) -> clinic_store::Result<T>,
    ) -> clinic_store::Result<T> {
        self.with_open_store(f)
    }
}

impl<S: StoreAccess> StoreAccess for std::sync::Arc<S> {
    fn with_store<T>(
        &self,
        f: impl FnOnce(&mut Store) -> clinic_store::Result<T>,
    ) -> clinic_store::Result<T> {
        self.as_ref().with_store(f)
    }
}
