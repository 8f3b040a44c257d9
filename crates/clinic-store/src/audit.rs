//! Append-only audit trail. Each entry's hash covers the previous entry's hash and every column,
//! so editing, inserting or removing any entry breaks the chain and `verify` finds where.
use crate::error::{Context, Result};
use chrono::{DateTime, Utc};
use clinic_domain::{Actor, RecordKind};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ts_rs::TS;
use uuid::Uuid;

const AUDIT_HEAD: &str = "audit_head";
const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum AuditAction {
    Create,
    Update,
    Delete,
    Restore,
    View,
    Import,
    Export,
    Login,
    LoginFailed,
    Denied,
    Backup,
    Restored,
    AttachmentAdd,
    AttachmentRemove,
    AttachmentOpen,
}

impl AuditAction {
    pub fn as_str(self) -> &'static str {
        match self {
            AuditAction::Create => "create",
            AuditAction::Update => "update",
            AuditAction::Delete => "delete",
            AuditAction::Restore => "restore",
            AuditAction::View => "view",
            AuditAction::Import => "import",
            AuditAction::Export => "export",
            AuditAction::Login => "login",
            AuditAction::LoginFailed => "login_failed",
            AuditAction::Denied => "denied",
            AuditAction::Backup => "backup",
            AuditAction::Restored => "restored",
            AuditAction::AttachmentAdd => "attachment_add",
            AuditAction::AttachmentRemove => "attachment_remove",
            AuditAction::AttachmentOpen => "attachment_open",
        }
    }
}

/// One audit entry as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AuditEntry {
    pub seq: i64,
    pub at: String,
    pub user_id: String,
    pub username: String,
    pub role: String,
    pub device_id: String,
    pub action: String,
    pub record_kind: String,
    pub record_id: String,
    pub prev_hash: String,
    pub hash: String,
}

impl AuditEntry {
    fn compute_hash(&self) -> String {
        let mut h = Sha256::new();
        for part in [
            self.prev_hash.as_str(),
            &self.seq.to_string(),
            &self.at,
            &self.user_id,
            &self.username,
            &self.role,
            &self.device_id,
            &self.action,
            &self.record_kind,
            &self.record_id,
        ] {
            h.update((part.len() as u64).to_be_bytes());
            h.update(part.as_bytes());
        }
        hex::encode(h.finalize())
    }
}

/// What the audit entry is about: a record, or (for logins and store-wide actions) a target name.
pub(crate) struct Subject<'a> {
    pub kind: &'a str,
    pub id: String,
}

impl Subject<'_> {
    pub fn record(kind: RecordKind, id: Uuid) -> Self {
        Subject {
            kind: kind.as_str(),
            id: id.to_string(),
        }
    }
}

/// Appends an entry inside the caller's transaction; on a connection outside any transaction, in its
/// own `BEGIN IMMEDIATE` transaction, so the entry and the chain head are written together and two
/// processes (the app and a CLI run) never read the same previous entry.
pub(crate) fn append(
    conn: &Connection,
    actor: &Actor,
    action: AuditAction,
    subject: Subject<'_>,
    at: DateTime<Utc>,
) -> Result<()> {
    if !conn.is_autocommit() {
        return append_in_transaction(conn, actor, action, subject, at);
    }
    conn.execute_batch("BEGIN IMMEDIATE")
        .context("writing the audit log")?;
    match append_in_transaction(conn, actor, action, subject, at) {
        Ok(()) => conn
            .execute_batch("COMMIT")
            .context("writing the audit log"),
        Err(e) => {
            let _ = conn.execute_batch("ROLLBACK");
            Err(e)
        }
    }
}

fn append_in_transaction(
    conn: &Connection,
    actor: &Actor,
    action: AuditAction,
    subject: Subject<'_>,
    at: DateTime<Utc>,
) -> Result<()> {
    let (prev_seq, prev_hash): (i64, String) = conn
        .prepare_cached("SELECT seq, lower(hex(hash)) FROM audit_log ORDER BY seq DESC LIMIT 1")
        .and_then(|mut s| s.query_row([], |r| Ok((r.get(0)?, r.get(1)?))).optional())
        .context("reading the audit log")?
        .unwrap_or((0, GENESIS.to_string()));
    let mut entry = AuditEntry {
        seq: prev_seq + 1,
        at: at.to_rfc3339(),
        user_id: actor.user_id.to_string(),
        username: actor.username.clone(),
        role: actor.role.as_str().to_string(),
        device_id: actor.device_id.to_string(),
        action: action.as_str().to_string(),
        record_kind: subject.kind.to_string(),
        record_id: subject.id,
        prev_hash,
        hash: String::new(),
    };
    entry.hash = entry.compute_hash();
    conn.prepare_cached(
        "INSERT INTO audit_log (seq, at, user_id, username, role, device_id, action, record_kind, record_id, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )
    .and_then(|mut s| {
        s.execute(params![
            entry.seq,
            entry.at,
            entry.user_id,
            entry.username,
            entry.role,
            entry.device_id,
            entry.action,
            entry.record_kind,
            entry.record_id,
            hex::decode(&entry.hash).unwrap_or_default()
        ])
    })
    .context("writing the audit log")?;
    // The head is kept apart from the chain, so removing the newest entries is detected too.
    crate::store::set_meta(conn, AUDIT_HEAD, &format!("{}:{}", entry.seq, entry.hash))
}

pub(crate) fn entries(
    conn: &Connection,
    record_id: Option<&str>,
    limit: u32,
) -> Result<Vec<AuditEntry>> {
    // `prev_hash` is not stored twice: it is the hash of the entry before (which the entry's own hash covers).
    let sql = "SELECT seq, at, user_id, username, role, device_id, action, record_kind, record_id, prev_hash, hash_hex
               FROM (SELECT *, lower(hex(hash)) AS hash_hex,
                            coalesce(nullif(lower(hex(lag(hash) OVER (ORDER BY seq))), ''), ?3) AS prev_hash FROM audit_log)
               WHERE (?1 IS NULL OR record_id = ?1) ORDER BY seq DESC LIMIT ?2";
    let mut stmt = conn.prepare(sql).context("reading the audit log")?;
    let rows = stmt
        .query_map(params![record_id, limit, GENESIS], |r| {
            Ok(AuditEntry {
                seq: r.get(0)?,
                at: r.get(1)?,
                user_id: r.get(2)?,
                username: r.get(3)?,
                role: r.get(4)?,
                device_id: r.get(5)?,
                action: r.get(6)?,
                record_kind: r.get(7)?,
                record_id: r.get(8)?,
                prev_hash: r.get(9)?,
                hash: r.get(10)?,
            })
        })
        .context("reading the audit log")?;
    rows.collect::<std::result::Result<_, _>>()
        .context("reading the audit log")
}

/// Walks the whole chain; returns a description of each break (empty when intact).
pub(crate) fn verify(conn: &Connection) -> Result<Vec<String>> {
    let mut all = entries(conn, None, u32::MAX)?;
    all.reverse();
    let mut problems = Vec::new();
    let mut prev = GENESIS.to_string();
    for (i, e) in all.iter().enumerate() {
        let expected_seq = i as i64 + 1;
        if e.seq != expected_seq {
            problems.push(format!(
                "audit entry {expected_seq} is missing (found {} next)",
                e.seq
            ));
        }
        if e.prev_hash != prev {
            problems.push(format!(
                "audit entry {} does not follow the entry before it",
                e.seq
            ));
        }
        if e.compute_hash() != e.hash {
            problems.push(format!("audit entry {} was altered", e.seq));
        }
        prev = e.hash.clone();
    }
    let head = crate::store::get_meta(conn, AUDIT_HEAD)?;
    let last = all.last().map(|e| format!("{}:{}", e.seq, e.hash));
    if head != last {
        problems.push("the newest audit entries were removed or replaced".to_string());
    }
    Ok(problems)
}
