//! Patient attachments: scanned documents and photos. Which attachments a patient has is a list in
//! the patient's document (so it merges across PCs like every other field); the bytes are kept by
//! SHA-256 in `attachment_blobs`, inside the encrypted store. A PC that lacks the bytes of an
//! attachment another PC added fetches them from the central server when it is opened
//! (`clinic-sync`).
mod blobs;

use crate::audit::{self, AuditAction, Subject};
use crate::error::{Context, Error, Result};
use crate::patients::projection;
use crate::records::{self, Loaded, WriteCtx};
use crate::store::Store;
use crate::views::PatientView;
use clinic_domain::attachment::{check_file, is_sha256_hex, sniff_content_type, Attachment};
use clinic_domain::patient::Patient;
use clinic_domain::sync::Base64Bytes;
use clinic_domain::{Action, Actor, ChangeSource, ErrorCode, RecordKind};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ts_rs::TS;
use uuid::Uuid;

const KIND: RecordKind = RecordKind::Patient;
const MAX_FILE_NAME_CHARS: usize = 255;

/// An opened attachment: its bytes (standard base64 in JSON) and what they are.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AttachmentContent {
    pub sha256: String,
    pub file_name: String,
    /// `application/pdf`, `image/png` or `image/jpeg`.
    pub content_type: String,
    #[ts(type = "string")]
    pub bytes: Base64Bytes,
}

/// A blob waiting to go to the central server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlobUpload {
    pub sha256: String,
    pub content_type: String,
    pub bytes: Vec<u8>,
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// Parses an attachment id given by a caller: a bad one is a field error.
pub fn parse_sha256(sha256: &str) -> Result<String> {
    let s = sha256.trim().to_ascii_lowercase();
    if is_sha256_hex(&s) {
        Ok(s)
    } else {
        Err(Error::field(
            "sha256",
            ErrorCode::InvalidFormat,
            "is not an attachment id",
        ))
    }
}

/// The file's own name, without any folder, or a field error.
fn clean_file_name(name: &str) -> Result<String> {
    let base = name.rsplit(['/', '\\']).next().unwrap_or("").trim();
    if base.is_empty() {
        return Err(Error::field(
            "file_name",
            ErrorCode::Required,
            "is required",
        ));
    }
    if base.chars().count() > MAX_FILE_NAME_CHARS {
        return Err(Error::field(
            "file_name",
            ErrorCode::TooLong,
            "is longer than 255 characters",
        ));
    }
    Ok(base.chars().filter(|c| !c.is_control()).collect())
}

impl Store {
    /// Attaches a file to patient `id`: checked (size, then real type by its first bytes, never
    /// its name), stored encrypted by SHA-256, listed in the patient's document; all in one
    /// transaction, or nothing at all. Attaching the same bytes again brings back a removed entry.
    pub fn attach_file(
        &mut self,
        actor: &Actor,
        id: Uuid,
        file_name: &str,
        bytes: &[u8],
    ) -> Result<PatientView> {
        self.authorize(actor, Action::PatientEdit)?;
        let file_name = clean_file_name(file_name);
        let content_type = check_file(bytes);
        let (file_name, content_type) = match (file_name, content_type) {
            (Ok(n), Ok(t)) => (n, t),
            (n, t) => {
                let mut errors = Vec::new();
                if let Err(e) = t {
                    errors.push(e);
                }
                if let Err(Error::Invalid(e)) = n {
                    errors.extend(e);
                }
                return Err(Error::Invalid(errors));
            }
        };
        let sha256 = sha256_hex(bytes);
        let at = self.clock.now();
        let entry = Attachment {
            sha256: sha256.clone(),
            file_name,
            content_type: content_type.to_string(),
            size: bytes.len() as u64,
            added_by: actor.username.clone(),
            added_at: at.to_rfc3339(),
            removed: false,
        };
        let tx = self.write()?;
        blobs::insert(
            &tx,
            &sha256,
            content_type,
            bytes,
            blobs::LOCAL_ONLY,
            &entry.added_at,
        )?;
        edit(
            &tx,
            actor,
            id,
            ("attach", AuditAction::AttachmentAdd),
            at,
            |p| {
                match p.attachments.iter_mut().find(|a| a.sha256 == sha256) {
                    Some(existing) => existing.removed = false,
                    None => p.attachments.push(entry),
                }
                Ok(())
            },
        )?;
        tx.commit().context("saving the attachment")?;
        self.view(id)
    }

    /// Flags an attachment of patient `id` as removed: it leaves the list, nothing is deleted.
    pub fn remove_attachment(
        &mut self,
        actor: &Actor,
        id: Uuid,
        sha256: &str,
    ) -> Result<PatientView> {
        self.authorize(actor, Action::PatientEdit)?;
        let sha256 = parse_sha256(sha256)?;
        let at = self.clock.now();
        let tx = self.write()?;
        edit(
            &tx,
            actor,
            id,
            ("detach", AuditAction::AttachmentRemove),
            at,
            |p| {
                let a = p
                    .attachments
                    .iter_mut()
                    .find(|a| a.sha256 == sha256)
                    .ok_or(Error::NotFound { what: "attachment" })?;
                a.removed = true;
                Ok(())
            },
        )?;
        tx.commit().context("saving the patient")?;
        self.view(id)
    }

    /// Opens an attachment of patient `id` (audited). `NotOnThisPc` when another PC added it and
    /// its bytes have not been fetched yet.
    pub fn open_attachment(
        &mut self,
        actor: &Actor,
        id: Uuid,
        sha256: &str,
    ) -> Result<AttachmentContent> {
        self.authorize(actor, Action::PatientView)?;
        let sha256 = parse_sha256(sha256)?;
        let patient = self.view(id)?.patient;
        let entry = patient
            .attachments
            .into_iter()
            .find(|a| a.sha256 == sha256)
            .ok_or(Error::NotFound { what: "attachment" })?;
        let (content_type, bytes) = blobs::read(&self.conn, &sha256)?.ok_or(Error::NotOnThisPc)?;
        audit::append(
            &self.conn,
            actor,
            AuditAction::AttachmentOpen,
            Subject::record(KIND, id),
            self.clock.now(),
        )?;
        Ok(AttachmentContent {
            sha256,
            file_name: entry.file_name,
            content_type,
            bytes: Base64Bytes(bytes),
        })
    }

    /// This PC holds the bytes of `sha256`.
    pub fn has_attachment_blob(&self, sha256: &str) -> Result<bool> {
        blobs::has(&self.conn, sha256)
    }

    /// Keeps bytes fetched from the central server, after checking they are what was asked for.
    pub fn save_fetched_attachment(&mut self, sha256: &str, bytes: &[u8]) -> Result<()> {
        let sha256 = parse_sha256(sha256)?;
        if sha256_hex(bytes) != sha256 {
            return Err(Error::field(
                "sha256",
                ErrorCode::InvalidValue,
                "the bytes received do not have this SHA-256",
            ));
        }
        let content_type = sniff_content_type(bytes).ok_or_else(|| {
            Error::field(
                "file",
                ErrorCode::UnsupportedType,
                "is not a PDF, PNG or JPEG",
            )
        })?;
        let at = self.clock.now().to_rfc3339();
        blobs::insert(
            &self.conn,
            &sha256,
            content_type,
            bytes,
            blobs::UPLOADED,
            &at,
        )
    }

    /// The oldest attachment the central server does not have yet.
    pub fn next_attachment_upload(&self) -> Result<Option<BlobUpload>> {
        Ok(
            blobs::next_to_upload(&self.conn)?.map(|(sha256, content_type, bytes)| BlobUpload {
                sha256,
                content_type,
                bytes,
            }),
        )
    }

    pub fn mark_attachment_uploaded(&mut self, sha256: &str) -> Result<()> {
        blobs::mark_uploaded(&self.conn, sha256)
    }

    /// Attachments waiting to go up to the central server.
    pub fn pending_attachments(&self) -> Result<u64> {
        blobs::count_to_upload(&self.conn)
    }
}

/// Loads patient `id`, applies `change` to it, and writes only what differs (change log,
/// projection, audit) inside `tx`.
fn edit(
    tx: &rusqlite::Transaction<'_>,
    actor: &Actor,
    id: Uuid,
    (action, audit_action): (&str, AuditAction),
    at: chrono::DateTime<chrono::Utc>,
    change: impl FnOnce(&mut Patient) -> Result<()>,
) -> Result<()> {
    let Loaded { mut doc, .. } =
        records::load(tx, KIND, id, actor.device_id)?.ok_or(Error::NotFound { what: "patient" })?;
    let mut patient: Patient = records::hydrate(&doc)?;
    change(&mut patient)?;
    let ctx = WriteCtx {
        actor,
        action,
        source: ChangeSource::Ui,
        at,
    };
    let fields = records::update(tx, KIND, id, &mut doc, &patient, &ctx)?;
    if !fields.is_empty() {
        projection::write(tx, id, &patient, &at.to_rfc3339())?;
    }
    audit::append(tx, actor, audit_action, Subject::record(KIND, id), at)
}
