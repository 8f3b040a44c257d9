//! The sync protocol between a clinic PC and the central server (version [`PROTOCOL_VERSION`]).
//!
//! Shared by the client engine and the server so both sides agree on every field. Bodies are JSON,
//! gzip-compressed for push and pull batches (see [`wire`]); Automerge change bytes and documents
//! travel as standard base64 strings. `docs/PROTOCOL.md` is the prose version of this module.
mod bytes;
pub mod wire;

use crate::record::RecordKind;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

pub use bytes::Base64Bytes;

/// Sent by the client in every request body (`protocol`) and checked by the server: a client
/// speaking another version gets 400 `unsupported_protocol` and nothing is stored.
pub const PROTOCOL_VERSION: u32 = 1;

/// At most this many changes in one push batch or one pull page.
pub const MAX_BATCH_CHANGES: usize = 2_000;
/// At most this many records in one snapshot page.
pub const MAX_SNAPSHOT_RECORDS: usize = 500;
/// One Automerge change may be at most this large (decoded).
pub const MAX_CHANGE_BYTES: usize = 1 << 20;
/// A request body may be at most this large on the wire (compressed).
pub const MAX_BODY_BYTES: usize = 16 << 20;
/// ... and at most this large once decompressed.
pub const MAX_DECODED_BODY_BYTES: usize = 64 << 20;

/// `POST /v1/enroll` (no token): a PC joins a clinic with a one-time enrollment code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnrollRequest {
    pub protocol: u32,
    /// The one-time code an administrator issued with `clinic-sync-server admin enroll`.
    pub code: String,
    /// The PC's device id (`store_meta.device_id`; the Automerge actor of its changes).
    pub device_id: Uuid,
    /// The device code the PC already uses in patient numbers, if it ran before connecting. The
    /// server keeps it when no other device of the clinic has it (409 `device_code_taken` if one
    /// does); a new PC sends `None` and is given a free code.
    pub device_code: Option<String>,
    /// The clinic code of a PC that was set up offline; must equal the code's clinic
    /// (409 `clinic_mismatch` otherwise). `None` for a new PC.
    pub clinic_code: Option<String>,
    /// A name people recognise in reports, e.g. "Front desk 1".
    pub device_name: String,
}

/// The answer to an enrollment: who the PC is now, and the bearer token for every later request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnrollResponse {
    pub clinic_id: Uuid,
    pub clinic_code: String,
    pub clinic_name: String,
    pub device_code: String,
    /// Shown once; the server keeps only its SHA-256.
    pub token: String,
    /// The clinic's newest change sequence at enrollment (a bootstrap reads snapshots up to it).
    pub head_seq: i64,
}

/// One local change going up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PushChange {
    /// The client's change-log sequence number: what `acked_local_seq` refers to.
    pub local_seq: i64,
    pub record_id: Uuid,
    pub kind: RecordKind,
    /// `Change::raw_bytes` of one Automerge change.
    pub change: Base64Bytes,
}

/// `POST /v1/push` (bearer token; gzip body): the device's own changes after its last
/// acknowledged point, oldest first, at most [`MAX_BATCH_CHANGES`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PushRequest {
    pub protocol: u32,
    pub changes: Vec<PushChange>,
    /// How many local changes are still waiting after this batch (for the central report).
    pub pending_after: u64,
}

/// A change the server could not take, and why. It is recorded centrally and never retried.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RejectedChange {
    pub local_seq: i64,
    pub record_id: Uuid,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PushResponse {
    /// Every change up to this local sequence number is stored (applied, duplicate or rejected):
    /// the client's next push starts after it.
    pub acked_local_seq: i64,
    /// Changes new to the server.
    pub applied: u32,
    /// Changes the server already had (a batch delivered twice).
    pub duplicates: u32,
    pub rejected: Vec<RejectedChange>,
    /// The clinic's newest sequence after this push.
    pub head_seq: i64,
}

/// `GET /v1/pull?after=SEQ&limit=N` (bearer token; gzip response): changes of the device's clinic
/// with a sequence after `after`, made by other devices, oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PullResponse {
    pub changes: Vec<PulledChange>,
    /// The cursor for the next pull: the last sequence this page covers (also when the page's own
    /// device changes were left out).
    pub next_after: i64,
    /// True when more changes follow `next_after`.
    pub more: bool,
    pub head_seq: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PulledChange {
    pub seq: i64,
    pub record_id: Uuid,
    pub kind: RecordKind,
    pub change: Base64Bytes,
}

/// `GET /v1/snapshot?after_id=UUID&limit=N` (bearer token; gzip response): the clinic's records as
/// whole saved Automerge documents, by id, for a new PC. A bootstrap reads `head_seq` from
/// `/v1/status` first, pages through every snapshot, then pulls after that `head_seq`: every
/// document already holds every change up to it, and applying one twice changes nothing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SnapshotPage {
    pub records: Vec<SnapshotRecord>,
    /// Pass as `after_id` for the next page; `None` when this was the last page.
    pub next_after_id: Option<Uuid>,
    /// How many records the clinic has in all (for a progress bar).
    pub total: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SnapshotRecord {
    pub id: Uuid,
    pub kind: RecordKind,
    /// `AutoCommit::save()` of the record's document.
    pub doc: Base64Bytes,
}

/// `GET /v1/status` (bearer token): who the server thinks this device is, and where its clinic is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeviceStatus {
    pub protocol: u32,
    pub clinic_id: Uuid,
    pub clinic_code: String,
    pub clinic_name: String,
    pub device_code: String,
    pub head_seq: i64,
    pub records: u64,
}

/// Every error answer: a stable `code` for programs, a plain-language `message` for people, and
/// the offending `field` where there is one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiErrorBody {
    pub code: String,
    pub message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}
