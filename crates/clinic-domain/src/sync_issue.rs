//! Sync issues: what a sync found that a person should look at. A field that two PCs edited
//! concurrently (the winning value is shown, the others are kept), or two patients registered on
//! different PCs that look like the same person. Each issue is a record like any other: it syncs to
//! every PC and the server. Its id is derived from what it is about, so two PCs that find the same
//! issue make the same record, and it merges instead of duplicating.
use autosurgeon::{Hydrate, Reconcile};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ts_rs::TS;
use uuid::Uuid;

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, TS, Reconcile, Hydrate,
)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum SyncIssueKind {
    #[default]
    #[autosurgeon(rename = "field_conflict")]
    FieldConflict,
    #[autosurgeon(rename = "likely_duplicate")]
    LikelyDuplicate,
    /// Two active appointments of one clinician (or one patient) that overlap, booked on
    /// different PCs while offline.
    #[autosurgeon(rename = "double_booking")]
    DoubleBooking,
    /// A stock batch below zero after a merge (two PCs dispensed the same units offline).
    #[autosurgeon(rename = "negative_stock")]
    NegativeStock,
}

impl SyncIssueKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SyncIssueKind::FieldConflict => "field_conflict",
            SyncIssueKind::LikelyDuplicate => "likely_duplicate",
            SyncIssueKind::DoubleBooking => "double_booking",
            SyncIssueKind::NegativeStock => "negative_stock",
        }
    }
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, TS, Reconcile, Hydrate,
)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum SyncIssueStatus {
    #[default]
    #[autosurgeon(rename = "open")]
    Open,
    #[autosurgeon(rename = "resolved")]
    Resolved,
    #[autosurgeon(rename = "dismissed")]
    Dismissed,
}

impl SyncIssueStatus {
    pub const ALL: [SyncIssueStatus; 3] = [Self::Open, Self::Resolved, Self::Dismissed];

    pub fn as_str(self) -> &'static str {
        match self {
            SyncIssueStatus::Open => "open",
            SyncIssueStatus::Resolved => "resolved",
            SyncIssueStatus::Dismissed => "dismissed",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// One competing value of a conflicting field: the value, the change that wrote it, who, where, when.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS, Reconcile, Hydrate)]
#[ts(export)]
pub struct IssueOption {
    pub value: String,
    /// Hex hash of the Automerge change that wrote this value.
    pub change_hash: String,
    pub username: String,
    pub device_id: String,
    /// RFC 3339 time of that change.
    pub at: String,
}

/// The issue document. Everything but the status fields is fixed when the issue is found.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS, Reconcile, Hydrate)]
#[ts(export)]
pub struct SyncIssue {
    pub kind: SyncIssueKind,
    /// The records concerned (patients), sorted.
    pub record_ids: Vec<String>,
    /// The conflicting field (`phone`, `emergency_contact.name`); empty for duplicates.
    pub field: String,
    /// Competing values, ordered by change hash (field conflicts only).
    pub options: Vec<IssueOption>,
    /// Why two patients look alike (`name_and_birth_date`, `phone`, `national_id`).
    pub reasons: Vec<String>,
    /// RFC 3339: when the issue arose (the latest change involved), the same on every PC.
    pub created_at: String,
    pub status: SyncIssueStatus,
    /// Who changed the status last, on which device, when (RFC 3339); empty while open.
    pub status_by: String,
    pub status_device_id: String,
    pub status_at: String,
    /// How it was resolved: `picked:<index>`, `merged:<merged id>:<kept id>`.
    pub resolution: String,
}

/// The deterministic id of an issue: a name-based (version 5 layout) UUID over the SHA-256 of the
/// kind, the sorted record ids, the field and the sorted conflicting change hashes.
pub fn issue_id(
    kind: SyncIssueKind,
    record_ids: &[String],
    field: &str,
    change_hashes: &[String],
) -> Uuid {
    let mut ids = record_ids.to_vec();
    ids.sort();
    let mut hashes = change_hashes.to_vec();
    hashes.sort();
    let mut h = Sha256::new();
    h.update(b"clinic-sync-issue\n");
    h.update(kind.as_str().as_bytes());
    h.update(b"\n");
    h.update(ids.join(",").as_bytes());
    h.update(b"\n");
    h.update(field.as_bytes());
    h.update(b"\n");
    h.update(hashes.join(",").as_bytes());
    let digest = h.finalize();
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    uuid::Builder::from_sha1_bytes(bytes).into_uuid()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_ignores_order_and_depends_on_content() {
        let a = issue_id(
            SyncIssueKind::FieldConflict,
            &["p".into()],
            "phone",
            &["h1".into(), "h2".into()],
        );
        let b = issue_id(
            SyncIssueKind::FieldConflict,
            &["p".into()],
            "phone",
            &["h2".into(), "h1".into()],
        );
        assert_eq!(a, b);
        assert_eq!(a.get_version_num(), 5);
        let c = issue_id(
            SyncIssueKind::FieldConflict,
            &["p".into()],
            "address",
            &["h1".into(), "h2".into()],
        );
        assert_ne!(a, c);
        let d = issue_id(
            SyncIssueKind::LikelyDuplicate,
            &["x".into(), "y".into()],
            "",
            &[],
        );
        let e = issue_id(
            SyncIssueKind::LikelyDuplicate,
            &["y".into(), "x".into()],
            "",
            &[],
        );
        assert_eq!(d, e);
    }

    #[test]
    fn status_names_round_trip() {
        for s in SyncIssueStatus::ALL {
            assert_eq!(SyncIssueStatus::parse(s.as_str()), Some(s));
        }
    }
}
