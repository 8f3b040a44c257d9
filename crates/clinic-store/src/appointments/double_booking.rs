//! Double bookings made offline on two PCs. When an appointment arrives from another PC (inside
//! the transaction that stores it), an overlap with another active booking of the same clinician
//! or patient becomes a `double_booking` sync issue. Its id depends only on the two appointment
//! ids, and its creating change on nothing local, so both PCs that find it write the same record.
//! It is resolved by cancelling one of the two (or rescheduling one and dismissing it).
use super::projection::{self, Who};
use crate::audit::{self, AuditAction, Subject};
use crate::error::{Context, Error, Result};
use crate::records::{self, WriteCtx};
use crate::store::Store;
use crate::sync_issues::detect::{create_if_new, created_at};
use automerge::AutoCommit;
use clinic_domain::appointment::{Appointment, AppointmentKind, AppointmentSummary};
use clinic_domain::sync_issue::{SyncIssue, SyncIssueKind, SyncIssueStatus};
use clinic_domain::{Action, Actor, ChangeSource, ErrorCode, RecordKind};
use rusqlite::Transaction;
use std::collections::BTreeMap;
use uuid::Uuid;

pub(crate) fn after_merge(
    tx: &Transaction<'_>,
    id: Uuid,
    doc: &mut AutoCommit,
    at: &str,
) -> Result<()> {
    let Ok(a) = records::hydrate::<Appointment>(doc) else {
        return Ok(());
    };
    if !a.status.is_active() || a.kind != AppointmentKind::Booked {
        return Ok(());
    }
    let end = a.end();
    // Other appointment → whose time they share (clinician first), the same on every PC.
    let mut others: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (who, who_id, reason) in [
        (Who::Clinician, &a.clinician_id, "clinician"),
        (Who::Patient, &a.patient_id, "patient"),
    ] {
        for (other, _, _) in projection::overlapping(tx, who, who_id, &a.start, &end, id)? {
            others.entry(other).or_default().push(reason.to_string());
        }
    }
    for (other, reasons) in others {
        let Ok(other_id) = Uuid::parse_str(&other) else {
            continue;
        };
        let mut record_ids = vec![id.to_string(), other];
        record_ids.sort();
        let created = [created_at(tx, id)?, created_at(tx, other_id)?]
            .into_iter()
            .max()
            .unwrap_or_default();
        let issue = SyncIssue {
            kind: SyncIssueKind::DoubleBooking,
            record_ids,
            field: "start".into(),
            reasons,
            created_at: created,
            ..SyncIssue::default()
        };
        create_if_new(tx, issue, at)?;
    }
    Ok(())
}

fn load_issue(
    conn: &rusqlite::Connection,
    id: Uuid,
    device: Uuid,
) -> Result<(AutoCommit, SyncIssue)> {
    crate::sync_issues::load_of_kind(conn, id, device, SyncIssueKind::DoubleBooking)
}

impl Store {
    /// The two appointments of a double-booking issue, as the Sync issues screen shows them.
    pub fn double_booking_appointments(
        &self,
        actor: &Actor,
        issue_id: Uuid,
    ) -> Result<Vec<AppointmentSummary>> {
        self.authorize(actor, Action::AppointmentView)?;
        let (_, issue) = load_issue(&self.conn, issue_id, actor.device_id)?;
        projection::summaries_of(&self.conn, &issue.record_ids)
    }

    /// Resolves a double booking by cancelling `cancel_id` (one of its two appointments) with
    /// `reason`: the cancellation and the issue's status are saved together.
    pub fn resolve_double_booking(
        &mut self,
        actor: &Actor,
        issue_id: Uuid,
        cancel_id: Uuid,
        reason: &str,
    ) -> Result<AppointmentSummary> {
        self.authorize(actor, Action::AppointmentBook)?;
        let (_, issue) = load_issue(&self.conn, issue_id, actor.device_id)?;
        if issue.status != SyncIssueStatus::Open {
            return Err(Error::field(
                "issue_id",
                ErrorCode::InvalidValue,
                "is already resolved or dismissed",
            ));
        }
        if !issue.record_ids.contains(&cancel_id.to_string()) {
            return Err(Error::field(
                "appointment_id",
                ErrorCode::InvalidValue,
                "is not one of this issue's appointments",
            ));
        }
        let mut v = clinic_domain::Validation::default();
        let reason = v.required_text("cancel_reason", reason, 200);
        v.finish(()).map_err(Error::Invalid)?;
        let action = clinic_domain::appointment::QueueAction::Cancel;
        self.change(actor, cancel_id, action, |tx, a, at| {
            a.cancel_reason = reason;
            mark_resolved(tx, actor, issue_id, &format!("cancelled:{cancel_id}"), at)
        })
    }
}

/// Marks the issue resolved (who, device, when), in the caller's transaction.
fn mark_resolved(
    tx: &Transaction<'_>,
    actor: &Actor,
    issue_id: Uuid,
    resolution: &str,
    at: &str,
) -> Result<()> {
    let (mut doc, mut issue) = load_issue(tx, issue_id, actor.device_id)?;
    issue.status = SyncIssueStatus::Resolved;
    issue.status_by = actor.username.clone();
    issue.status_device_id = actor.device_id.to_string();
    issue.status_at = at.to_string();
    issue.resolution = resolution.to_string();
    let when = chrono::DateTime::parse_from_rfc3339(at)
        .context("reading the time")?
        .with_timezone(&chrono::Utc);
    let ctx = WriteCtx {
        actor,
        action: "resolve_double_booking",
        source: ChangeSource::Ui,
        at: when,
    };
    records::update(tx, RecordKind::SyncIssue, issue_id, &mut doc, &issue, &ctx)?;
    crate::sync_issues::projection::write(tx, issue_id, &issue, at)?;
    let subject = Subject::record(RecordKind::SyncIssue, issue_id);
    audit::append(tx, actor, AuditAction::Update, subject, when)
}
