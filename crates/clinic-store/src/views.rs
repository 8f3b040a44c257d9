//! What the core hands to the desktop app (and, as JSON, to scripts). TypeScript types are generated
//! from these into `ui/src/bindings/`.
use clinic_domain::patient::Patient;
use clinic_domain::user::UserSummary;
use clinic_domain::ChangeSource;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ClinicInfo {
    pub name: String,
    pub code: String,
    pub device_code: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SessionInfo {
    pub user: UserSummary,
    /// Locked after idle time: the password is needed again, the screen state is kept.
    pub locked: bool,
}

/// Everything the app needs at start to choose between setup, login and the main screens.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AppStatus {
    pub initialized: bool,
    pub clinic: Option<ClinicInfo>,
    pub session: Option<SessionInfo>,
    /// Joined a clinic from the central server before any of its PCs had users: the setup screen
    /// creates this PC's first administrator.
    pub needs_first_admin: bool,
    /// BCP 47 tag, e.g. `en` or `fr`.
    pub locale: String,
    pub idle_lock_minutes: u32,
}

/// A field on which PCs made concurrent edits: `value` won, `other_values` lost but are kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct FieldConflict {
    pub field: String,
    pub value: String,
    pub other_values: Vec<String>,
}

/// One opened patient: the document's content plus what the store knows about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PatientView {
    pub id: String,
    pub patient: Patient,
    /// RFC 3339 times of the first and the latest change.
    pub created_at: String,
    pub updated_at: String,
    pub conflicts: Vec<FieldConflict>,
}

/// One change in a record's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct HistoryEntry {
    /// RFC 3339.
    pub at: String,
    pub username: String,
    pub device_id: String,
    /// `create`, `update`, `delete`, `restore`, `import`.
    pub action: String,
    pub fields: Vec<String>,
    pub source: ChangeSource,
}
