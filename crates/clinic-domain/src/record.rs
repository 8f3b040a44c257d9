//! What every record shares: its kind, and the metadata carried by each of its changes.
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

/// The kinds of record kept as Automerge documents. Each has its own projection table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum RecordKind {
    Patient,
    User,
    SyncIssue,
    PriceItem,
    Invoice,
    Appointment,
    ClinicianSchedule,
    Prescription,
    Encounter,
    StockBatch,
    OutgoingMessage,
    /// A laboratory order with its sample and results (`lab::LabOrder`).
    LabOrder,
    /// A department of the clinic (`rooms::Department`).
    Department,
    /// A consultation/procedure room, lab or ward bed with its stays (`rooms::Room`).
    Room,
    /// A clinician in a room for a session of a day (`rooms::RoomAssignment`).
    RoomAssignment,
}

impl RecordKind {
    pub const ALL: [RecordKind; 15] = [
        RecordKind::Patient,
        RecordKind::User,
        RecordKind::SyncIssue,
        RecordKind::PriceItem,
        RecordKind::Invoice,
        RecordKind::Appointment,
        RecordKind::ClinicianSchedule,
        RecordKind::Prescription,
        RecordKind::Encounter,
        RecordKind::StockBatch,
        RecordKind::OutgoingMessage,
        RecordKind::LabOrder,
        RecordKind::Department,
        RecordKind::Room,
        RecordKind::RoomAssignment,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            RecordKind::Patient => "patient",
            RecordKind::User => "user",
            RecordKind::SyncIssue => "sync_issue",
            RecordKind::PriceItem => "price_item",
            RecordKind::Invoice => "invoice",
            RecordKind::Appointment => "appointment",
            RecordKind::ClinicianSchedule => "clinician_schedule",
            RecordKind::Prescription => "prescription",
            RecordKind::Encounter => "encounter",
            RecordKind::StockBatch => "stock_batch",
            RecordKind::OutgoingMessage => "outgoing_message",
            RecordKind::LabOrder => "lab_order",
            RecordKind::Department => "department",
            RecordKind::Room => "room",
            RecordKind::RoomAssignment => "room_assignment",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// Where a change came from. Changes tagged `Sync` arrived from elsewhere and are never uploaded again.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ChangeSource {
    Ui,
    Import,
    Sync,
}

impl ChangeSource {
    pub fn as_str(self) -> &'static str {
        match self {
            ChangeSource::Ui => "ui",
            ChangeSource::Import => "import",
            ChangeSource::Sync => "sync",
        }
    }
}

/// Stored as the message of each Automerge change, so it travels with the change to every peer:
/// who made it, on which device, and which fields it touched.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangeMeta {
    pub user_id: Uuid,
    pub username: String,
    pub device_id: Uuid,
    pub action: String,
    pub fields: Vec<String>,
}

impl ChangeMeta {
    pub fn to_message(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Messages come from other devices: a malformed one is ignored, never a panic.
    pub fn from_message(message: &str) -> Option<Self> {
        serde_json::from_str(message).ok()
    }
}
