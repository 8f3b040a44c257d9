//! The "Sync issues" inbox: concurrent values of a field and likely duplicate patients, found when
//! changes from another PC are stored (see `detect`), listed, and resolved by a person: pick a value
//! (written as a normal edit), merge two patients (reversible), or dismiss. Every resolution is a
//! normal audited edit that syncs; the issue's status change records who and when.
pub(crate) mod detect;
pub(crate) mod projection;

use crate::audit::{self, AuditAction, Subject};
use crate::error::{Context, Error, Result};
use crate::records::{self, WriteCtx};
use crate::store::Store;
use automerge::{AutoCommit, Value};
use clinic_domain::patient::Patient;
use clinic_domain::sync_issue::{IssueOption, SyncIssue, SyncIssueKind, SyncIssueStatus};
use clinic_domain::{Action, Actor, ChangeSource, ErrorCode, RecordKind};
use rusqlite::{OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

/// A patient an issue is about, as the inbox shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct IssuePatient {
    pub id: String,
    pub number: String,
    pub name: String,
    /// Hidden: merged into another patient or deleted.
    pub hidden: bool,
}

/// One row of the inbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SyncIssueView {
    pub id: String,
    pub kind: SyncIssueKind,
    pub status: SyncIssueStatus,
    pub field: String,
    pub patients: Vec<IssuePatient>,
    /// The competing values (field conflicts): pick one by its index.
    pub options: Vec<IssueOption>,
    pub reasons: Vec<String>,
    pub created_at: String,
    pub status_by: String,
    pub status_at: String,
    pub resolution: String,
}

fn bad_issue(message: &str) -> Error {
    Error::field("issue_id", ErrorCode::InvalidValue, message)
}

fn load_issue(
    conn: &rusqlite::Connection,
    id: Uuid,
    device: Uuid,
) -> Result<(AutoCommit, SyncIssue)> {
    let loaded = records::load(conn, RecordKind::SyncIssue, id, device)?
        .ok_or(Error::NotFound { what: "sync issue" })?;
    let issue = records::hydrate(&loaded.doc)?;
    Ok((loaded.doc, issue))
}

/// Issue `id`, refused (field `issue_id`) when it is not of `kind`.
pub(crate) fn load_of_kind(
    conn: &rusqlite::Connection,
    id: Uuid,
    device: Uuid,
    kind: SyncIssueKind,
) -> Result<(AutoCommit, SyncIssue)> {
    let (doc, issue) = load_issue(conn, id, device)?;
    if issue.kind != kind {
        return Err(bad_issue(match kind {
            SyncIssueKind::FieldConflict => "is not a field conflict",
            SyncIssueKind::LikelyDuplicate => "is not a likely duplicate",
            SyncIssueKind::DoubleBooking => "is not a double booking",
            SyncIssueKind::NegativeStock => "is not a negative stock issue",
        }));
    }
    Ok((doc, issue))
}

fn load_open(
    tx: &Transaction<'_>,
    id: Uuid,
    device: Uuid,
    kind: SyncIssueKind,
) -> Result<(AutoCommit, SyncIssue)> {
    let (doc, issue) = load_of_kind(tx, id, device, kind)?;
    if issue.status != SyncIssueStatus::Open {
        return Err(bad_issue("is already resolved or dismissed"));
    }
    Ok((doc, issue))
}

fn ctx<'a>(actor: &'a Actor, action: &'a str, at: chrono::DateTime<chrono::Utc>) -> WriteCtx<'a> {
    WriteCtx {
        actor,
        action,
        source: ChangeSource::Ui,
        at,
    }
}

/// Writes the issue's new status (who, on which device, when) and audits it.
fn set_status(
    tx: &Transaction<'_>,
    w: &WriteCtx<'_>,
    id: Uuid,
    mut doc: AutoCommit,
    mut issue: SyncIssue,
    status: SyncIssueStatus,
    resolution: String,
) -> Result<()> {
    let at = w.at.to_rfc3339();
    issue.status = status;
    issue.status_by = w.actor.username.clone();
    issue.status_device_id = w.actor.device_id.to_string();
    issue.status_at = at.clone();
    issue.resolution = resolution;
    records::update(tx, RecordKind::SyncIssue, id, &mut doc, &issue, w)?;
    projection::write(tx, id, &issue, &at)?;
    let subject = Subject::record(RecordKind::SyncIssue, id);
    audit::append(tx, w.actor, AuditAction::Update, subject, w.at)
}

/// Saves a patient document edited by a resolution: change, projection, audit.
fn save_patient(
    tx: &Transaction<'_>,
    w: &WriteCtx<'_>,
    id: Uuid,
    doc: &mut AutoCommit,
    patient: &Patient,
    audit_action: AuditAction,
) -> Result<()> {
    records::update(tx, RecordKind::Patient, id, doc, patient, w)?;
    crate::patients::projection::write(tx, id, patient, &w.at.to_rfc3339())?;
    let subject = Subject::record(RecordKind::Patient, id);
    audit::append(tx, w.actor, audit_action, subject, w.at)
}

fn load_patient(tx: &Transaction<'_>, id: Uuid, device: Uuid) -> Result<(AutoCommit, Patient)> {
    let loaded = records::load(tx, RecordKind::Patient, id, device)?
        .ok_or(Error::NotFound { what: "patient" })?;
    let patient = records::hydrate(&loaded.doc)?;
    Ok((loaded.doc, patient))
}

impl Store {
    /// The inbox: issues with `status` (all when `None`), newest first.
    pub fn sync_issues(
        &self,
        actor: &Actor,
        status: Option<SyncIssueStatus>,
    ) -> Result<Vec<SyncIssueView>> {
        self.authorize(actor, Action::PatientView)?;
        let device = self.device()?;
        let mut out = Vec::new();
        for id in projection::ids(&self.conn, status)? {
            let Some(loaded) = records::load(&self.conn, RecordKind::SyncIssue, id, device.id)?
            else {
                continue;
            };
            let issue: SyncIssue = records::hydrate(&loaded.doc)?;
            let patients = issue
                .record_ids
                .iter()
                .map(|r| self.issue_patient(r))
                .collect::<Result<_>>()?;
            out.push(SyncIssueView {
                id: id.to_string(),
                kind: issue.kind,
                status: issue.status,
                field: issue.field,
                patients,
                options: issue.options,
                reasons: issue.reasons,
                created_at: issue.created_at,
                status_by: issue.status_by,
                status_at: issue.status_at,
                resolution: issue.resolution,
            });
        }
        Ok(out)
    }

    fn issue_patient(&self, id: &str) -> Result<IssuePatient> {
        let row = self
            .conn
            .prepare_cached(
                "SELECT number, given_name, family_name, deleted FROM patients WHERE id = ?1",
            )
            .and_then(|mut s| {
                s.query_row([id], |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        format!("{} {}", r.get::<_, String>(1)?, r.get::<_, String>(2)?),
                        r.get::<_, bool>(3)?,
                    ))
                })
                .optional()
            })
            .context("reading the patient list")?;
        let (number, name, hidden) = row.unwrap_or_default();
        Ok(IssuePatient {
            id: id.to_string(),
            number,
            name,
            hidden,
        })
    }

    /// Open issues, for the header's count.
    pub fn open_sync_issue_count(&self, actor: &Actor) -> Result<i64> {
        self.authorize(actor, Action::PatientView)?;
        projection::count_open(&self.conn)
    }

    /// Resolves a field conflict with the value at `choice`: written into the patient as a normal
    /// edit (which replaces every competing value), and the issue marked resolved.
    pub fn resolve_conflict(&mut self, actor: &Actor, issue_id: Uuid, choice: usize) -> Result<()> {
        self.authorize(actor, Action::PatientEdit)?;
        let at = self.clock.now();
        let w = ctx(actor, "resolve_conflict", at);
        let tx = self.write()?;
        let (issue_doc, issue) =
            load_open(&tx, issue_id, actor.device_id, SyncIssueKind::FieldConflict)?;
        let chosen = issue
            .options
            .get(choice)
            .ok_or_else(|| {
                Error::field(
                    "choice",
                    ErrorCode::InvalidValue,
                    "is not one of the values",
                )
            })?
            .clone();
        let pid = crate::patients::parse_id(issue.record_ids.first().map_or("", |s| s))?;
        let (mut doc, _) = load_patient(&tx, pid, actor.device_id)?;
        let current = detect::options(&mut doc, &issue.field);
        let value = current
            .into_iter()
            .find(|(o, _)| o.change_hash == chosen.change_hash)
            .map(|(_, v)| v);
        let (obj, prop) = detect::locate(&doc, &issue.field).ok_or_else(|| {
            Error::field("choice", ErrorCode::Conflict, "this field changed since")
        })?;
        use automerge::transaction::Transactable;
        match value {
            Some(Value::Scalar(s)) => doc
                .put(&obj, prop, s.into_owned())
                .map_err(|_| Error::Storage("writing a record".into()))?,
            Some(Value::Object(_)) => {
                return Err(Error::field(
                    "choice",
                    ErrorCode::InvalidValue,
                    "cannot be picked here: edit the patient instead",
                ))
            }
            None => {
                return Err(Error::field(
                    "choice",
                    ErrorCode::Conflict,
                    "this field changed since: open the patient",
                ))
            }
        }
        records::commit(
            &tx,
            RecordKind::Patient,
            pid,
            &mut doc,
            std::slice::from_ref(&issue.field),
            &w,
        )?;
        let patient: Patient = records::hydrate(&doc)?;
        crate::patients::projection::write(&tx, pid, &patient, &at.to_rfc3339())?;
        let subject = Subject::record(RecordKind::Patient, pid);
        audit::append(&tx, actor, AuditAction::Update, subject, at)?;
        let resolution = format!("picked:{choice}");
        set_status(
            &tx,
            &w,
            issue_id,
            issue_doc,
            issue,
            SyncIssueStatus::Resolved,
            resolution,
        )?;
        tx.commit().context("saving the resolution")
    }

    /// Merges `merge_id` into `keep_id` (both of the likely-duplicate issue): the merged patient is
    /// marked `merged_into` and hidden like a tombstone; the kept one is not changed at all.
    pub fn merge_patients(
        &mut self,
        actor: &Actor,
        issue_id: Uuid,
        keep_id: Uuid,
        merge_id: Uuid,
    ) -> Result<()> {
        self.authorize(actor, Action::PatientMerge)?;
        let at = self.clock.now();
        let w = ctx(actor, "merge", at);
        let tx = self.write()?;
        let (issue_doc, issue) = load_open(
            &tx,
            issue_id,
            actor.device_id,
            SyncIssueKind::LikelyDuplicate,
        )?;
        let concerned = |id: Uuid| issue.record_ids.contains(&id.to_string());
        if keep_id == merge_id || !concerned(keep_id) || !concerned(merge_id) {
            return Err(Error::field(
                "merge_id",
                ErrorCode::InvalidValue,
                "must be the other patient of this issue",
            ));
        }
        let (mut doc, mut patient) = load_patient(&tx, merge_id, actor.device_id)?;
        if !patient.merged_into.is_empty() {
            return Err(Error::field(
                "merge_id",
                ErrorCode::Conflict,
                "is already merged",
            ));
        }
        patient.merged_into = keep_id.to_string();
        save_patient(&tx, &w, merge_id, &mut doc, &patient, AuditAction::Update)?;
        let resolution = format!("merged:{merge_id}:{keep_id}");
        set_status(
            &tx,
            &w,
            issue_id,
            issue_doc,
            issue,
            SyncIssueStatus::Resolved,
            resolution,
        )?;
        tx.commit().context("saving the merge")
    }

    /// Undoes a merge: the patient is shown in lists and search again.
    pub fn unmerge_patient(&mut self, actor: &Actor, id: Uuid) -> Result<()> {
        self.authorize(actor, Action::PatientMerge)?;
        let at = self.clock.now();
        let w = ctx(actor, "unmerge", at);
        let tx = self.write()?;
        let (mut doc, mut patient) = load_patient(&tx, id, actor.device_id)?;
        if patient.merged_into.is_empty() {
            return Err(Error::field("id", ErrorCode::InvalidValue, "is not merged"));
        }
        patient.merged_into.clear();
        save_patient(&tx, &w, id, &mut doc, &patient, AuditAction::Restore)?;
        tx.commit().context("saving the patient")
    }

    /// Closes an issue without changing the records.
    pub fn dismiss_issue(&mut self, actor: &Actor, issue_id: Uuid) -> Result<()> {
        self.authorize(actor, Action::PatientEdit)?;
        let at = self.clock.now();
        let w = ctx(actor, "dismiss", at);
        let tx = self.write()?;
        let (doc, issue) = load_issue(&tx, issue_id, actor.device_id)?;
        if issue.status != SyncIssueStatus::Open {
            return Err(bad_issue("is already resolved or dismissed"));
        }
        set_status(
            &tx,
            &w,
            issue_id,
            doc,
            issue,
            SyncIssueStatus::Dismissed,
            String::new(),
        )?;
        tx.commit().context("saving the issue")
    }
}
