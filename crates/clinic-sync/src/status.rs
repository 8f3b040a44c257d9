//! What the app shows about sync: connected or not, online or not, last success, changes waiting
//! to go up, and the last error with what to do.
use crate::error::SyncErrorKind;
use clinic_store::Store;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SyncErrorView {
    pub code: String,
    pub message: String,
    /// What to do about it.
    pub action: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SyncStatus {
    /// This PC is connected to a central server.
    pub connected: bool,
    pub server_url: Option<String>,
    pub clinic_code: Option<String>,
    pub device_code: Option<String>,
    /// The last attempt reached the server.
    pub online: bool,
    /// RFC 3339.
    pub last_success_at: Option<String>,
    pub last_attempt_at: Option<String>,
    /// Local changes the server has not acknowledged yet.
    #[ts(type = "number")]
    pub pending_changes: u64,
    /// Attachments added here that the server does not have yet.
    #[ts(type = "number")]
    pub pending_attachments: u64,
    /// Changes the server refused, in all.
    #[ts(type = "number")]
    pub rejected_changes: u64,
    pub last_error: Option<SyncErrorView>,
    /// A sync is running right now.
    pub syncing: bool,
}

impl SyncStatus {
    /// Reads the status from the store (short local reads only).
    pub fn read(store: &Store, syncing: bool) -> clinic_store::Result<Self> {
        let state = store.sync_state()?;
        let clinic = if store.is_initialized()? {
            Some(store.clinic()?)
        } else {
            None
        };
        let last_error = state.last_error.as_ref().map(|e| SyncErrorView {
            code: e.code.clone(),
            message: e.message.clone(),
            action: SyncErrorKind::from_code(&e.code)
                .map(|k| k.action().to_string())
                .unwrap_or_default(),
        });
        let offline = last_error.as_ref().is_some_and(|e| {
            e.code == SyncErrorKind::Offline.code() || e.code == SyncErrorKind::NotConnected.code()
        });
        Ok(Self {
            connected: state.connected(),
            server_url: state.server_url.clone(),
            clinic_code: clinic.as_ref().map(|c| c.code.clone()),
            device_code: clinic.as_ref().map(|c| c.device_code.clone()),
            online: state.connected() && state.last_attempt_at.is_some() && !offline,
            last_success_at: state.last_success_at,
            last_attempt_at: state.last_attempt_at,
            pending_changes: store.pending_changes()?,
            pending_attachments: store.pending_attachments()?,
            rejected_changes: state.rejected,
            last_error,
            syncing,
        })
    }
}
