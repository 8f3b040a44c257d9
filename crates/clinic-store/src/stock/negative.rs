//! Stock below zero after a merge: two PCs dispensed the same units offline. Inside the
//! transaction that stores a merged batch, an on-hand below zero becomes a `negative_stock` sync
//! issue. Its id depends only on the batch, and its creating change on nothing local (time: the
//! batch's first change), so both PCs that find it write the same record. Once an adjustment
//! brings the batch back to zero or above, a pharmacist marks it resolved.
use super::{load, StockBatchView};
use crate::audit::{self, AuditAction, Subject};
use crate::error::{Context, Error, Result};
use crate::records::{self, WriteCtx};
use crate::store::Store;
use crate::sync_issues::detect::{create_if_new, created_at};
use automerge::AutoCommit;
use clinic_domain::stock::StockBatch;
use clinic_domain::sync_issue::{SyncIssue, SyncIssueKind, SyncIssueStatus};
use clinic_domain::{Action, Actor, ChangeSource, ErrorCode, RecordKind};
use rusqlite::Transaction;
use uuid::Uuid;

pub(crate) fn after_merge(
    tx: &Transaction<'_>,
    id: Uuid,
    doc: &mut AutoCommit,
    at: &str,
) -> Result<()> {
    let Ok(b) = records::hydrate::<StockBatch>(doc) else {
        return Ok(());
    };
    if b.on_hand() >= 0 {
        return Ok(());
    }
    let issue = SyncIssue {
        kind: SyncIssueKind::NegativeStock,
        record_ids: vec![id.to_string()],
        field: "quantity".into(),
        reasons: vec![b.drug_name, b.batch_number],
        created_at: created_at(tx, id)?,
        ..SyncIssue::default()
    };
    create_if_new(tx, issue, at)
}

fn load_issue(
    conn: &rusqlite::Connection,
    id: Uuid,
    device: Uuid,
) -> Result<(AutoCommit, SyncIssue)> {
    crate::sync_issues::load_of_kind(conn, id, device, SyncIssueKind::NegativeStock)
}

fn batch_id(issue: &SyncIssue) -> Result<Uuid> {
    issue
        .record_ids
        .first()
        .and_then(|s| Uuid::parse_str(s).ok())
        .ok_or_else(|| Error::field("issue_id", ErrorCode::InvalidValue, "names no batch"))
}

impl Store {
    /// The batch of a negative-stock issue, as the Sync issues screen shows it.
    pub fn negative_stock_batch(&self, actor: &Actor, issue_id: Uuid) -> Result<StockBatchView> {
        self.authorize(actor, Action::PrescriptionView)?;
        let (_, issue) = load_issue(&self.conn, issue_id, actor.device_id)?;
        self.stock_batch(actor, batch_id(&issue)?)
    }

    /// Marks a negative-stock issue resolved. Refused (field `quantity`) while the batch is still
    /// below zero: record an adjustment first.
    pub fn resolve_negative_stock(&mut self, actor: &Actor, issue_id: Uuid) -> Result<()> {
        self.authorize(actor, Action::PrescriptionDispense)?;
        let at = self.clock.now();
        let tx = self.write()?;
        let (mut doc, mut issue) = load_issue(&tx, issue_id, actor.device_id)?;
        if issue.status != SyncIssueStatus::Open {
            return Err(Error::field(
                "issue_id",
                ErrorCode::InvalidValue,
                "is already resolved or dismissed",
            ));
        }
        let (_, batch) = load(&tx, batch_id(&issue)?, actor.device_id)?;
        if batch.on_hand() < 0 {
            return Err(Error::field(
                "quantity",
                ErrorCode::OutOfRange,
                "the batch is still below zero: adjust it first",
            ));
        }
        let stamp = at.to_rfc3339();
        issue.status = SyncIssueStatus::Resolved;
        issue.status_by = actor.username.clone();
        issue.status_device_id = actor.device_id.to_string();
        issue.status_at = stamp.clone();
        issue.resolution = format!("adjusted:{}", batch.on_hand());
        let w = WriteCtx {
            actor,
            action: "resolve_negative_stock",
            source: ChangeSource::Ui,
            at,
        };
        records::update(&tx, RecordKind::SyncIssue, issue_id, &mut doc, &issue, &w)?;
        crate::sync_issues::projection::write(&tx, issue_id, &issue, &stamp)?;
        let subject = Subject::record(RecordKind::SyncIssue, issue_id);
        audit::append(&tx, actor, AuditAction::Update, subject, at)?;
        tx.commit().context("saving the issue")
    }
}
