//! Finding sync issues in a patient whose document just gained changes from another PC, inside
//! the transaction that stores them (that record only, never a scan): fields left with concurrent
//! values, and patients registered on another PC that look like one registered on a different PC.
//! An issue that exists already (same id) is left as it is, whatever its status.
use super::projection;
use crate::error::{Context, Result};
use crate::history;
use crate::patients::duplicates;
use crate::records;
use crate::store::get_meta;
use automerge::transaction::CommitOptions;
use automerge::{ActorId, AutoCommit, ObjId, ObjType, Prop, ReadDoc, Value, ROOT};
use clinic_domain::patient::{DuplicateReason, Patient};
use clinic_domain::patient_number::PatientNumber;
use clinic_domain::sync_issue::{issue_id, IssueOption, SyncIssue, SyncIssueKind};
use clinic_domain::{ChangeMeta, ChangeSource, RecordKind};
use rusqlite::{params, OptionalExtension, Transaction};
use uuid::Uuid;

pub(crate) fn after_merge(
    tx: &Transaction<'_>,
    id: Uuid,
    doc: &mut AutoCommit,
    at: &str,
) -> Result<()> {
    let Ok(patient) = records::hydrate::<Patient>(doc) else {
        return Ok(());
    };
    for conflict in history::conflicts(doc) {
        if let Some(issue) = field_conflict(doc, id, &conflict.field) {
            create_if_new(tx, issue, at)?;
        }
    }
    likely_duplicates(tx, id, &patient, at)
}

/// The map or list holding `field` (`a.b`, `list.0.c`) and the property within it.
pub(crate) fn locate(doc: &AutoCommit, field: &str) -> Option<(ObjId, Prop)> {
    let mut obj = ROOT;
    let mut parts = field.split('.').peekable();
    while let Some(part) = parts.next() {
        let prop = match doc.object_type(&obj).ok()? {
            ObjType::List | ObjType::Text => Prop::Seq(part.parse().ok()?),
            _ => Prop::Map(part.to_string()),
        };
        if parts.peek().is_none() {
            return Some((obj, prop));
        }
        match doc.get(&obj, prop).ok()? {
            Some((Value::Object(_), child)) => obj = child,
            _ => return None,
        }
    }
    None
}

/// Every value `field` holds, each with the change that wrote it (who, where, when), by change hash.
pub(crate) fn options(doc: &mut AutoCommit, field: &str) -> Vec<(IssueOption, Value<'static>)> {
    let Some((obj, prop)) = locate(doc, field) else {
        return Vec::new();
    };
    let all: Vec<(Value<'static>, automerge::ObjId)> = doc
        .get_all(&obj, prop)
        .unwrap_or_default()
        .into_iter()
        .map(|(v, op)| (v.to_owned(), op))
        .collect();
    let mut out = Vec::new();
    for (value, op) in all {
        let Some(hash) = doc.hash_for_opid(&op) else {
            continue;
        };
        let change = doc.get_change_by_hash(&hash);
        let meta = change
            .as_ref()
            .and_then(|c| c.message().and_then(ChangeMeta::from_message));
        let at = change
            .as_ref()
            .and_then(|c| chrono::DateTime::from_timestamp_millis(c.timestamp()))
            .map(|t| t.to_rfc3339())
            .unwrap_or_default();
        let option = IssueOption {
            value: history::show(&value),
            change_hash: hash.to_string(),
            username: meta
                .as_ref()
                .map(|m| m.username.clone())
                .unwrap_or_default(),
            device_id: meta.map(|m| m.device_id.to_string()).unwrap_or_default(),
            at,
        };
        out.push((option, value));
    }
    out.sort_by(|a, b| a.0.change_hash.cmp(&b.0.change_hash));
    out
}

fn field_conflict(doc: &mut AutoCommit, id: Uuid, field: &str) -> Option<SyncIssue> {
    let options: Vec<IssueOption> = options(doc, field).into_iter().map(|(o, _)| o).collect();
    if options.len() < 2 {
        return None;
    }
    let created_at = options
        .iter()
        .map(|o| o.at.clone())
        .max()
        .unwrap_or_default();
    Some(SyncIssue {
        kind: SyncIssueKind::FieldConflict,
        record_ids: vec![id.to_string()],
        field: field.to_string(),
        options,
        created_at,
        ..SyncIssue::default()
    })
}

fn device_of(number: &str) -> Option<String> {
    PatientNumber::parse(number).map(|n| n.device)
}

fn likely_duplicates(tx: &Transaction<'_>, id: Uuid, p: &Patient, at: &str) -> Result<()> {
    if p.deleted || !p.merged_into.is_empty() {
        return Ok(());
    }
    let Some(device) = device_of(&p.number) else {
        return Ok(());
    };
    // Registered on this PC: the person at the desk already saw the duplicate warning.
    if get_meta(tx, "device_code")?.as_deref() == Some(device.as_str()) {
        return Ok(());
    }
    for c in duplicates::find(tx, p, Some(id))? {
        if device_of(&c.patient.number).is_none_or(|d| d == device) {
            continue;
        }
        let mut record_ids = vec![id.to_string(), c.patient.id.to_string()];
        record_ids.sort();
        let created_at = [id, c.patient.id]
            .iter()
            .map(|r| created_at(tx, *r))
            .collect::<Result<Vec<_>>>()?
            .into_iter()
            .max()
            .unwrap_or_default();
        let issue = SyncIssue {
            kind: SyncIssueKind::LikelyDuplicate,
            record_ids,
            reasons: c.reasons.iter().map(|r| reason_name(*r).into()).collect(),
            created_at,
            ..SyncIssue::default()
        };
        create_if_new(tx, issue, at)?;
    }
    Ok(())
}

pub(crate) fn reason_name(r: DuplicateReason) -> &'static str {
    match r {
        DuplicateReason::NameAndBirthDate => "name_and_birth_date",
        DuplicateReason::Phone => "phone",
        DuplicateReason::NationalId => "national_id",
    }
}

/// When the patient was registered (its first change), the same on every PC.
pub(crate) fn created_at(tx: &Transaction<'_>, id: Uuid) -> Result<String> {
    let bytes: Option<Vec<u8>> = tx
        .prepare_cached("SELECT change FROM change_log WHERE record_id = ?1 ORDER BY seq LIMIT 1")
        .and_then(|mut s| s.query_row([id.to_string()], |r| r.get(0)).optional())
        .context("reading a record")?;
    Ok(bytes
        .and_then(|b| automerge::Change::from_bytes(b).ok())
        .and_then(|c| chrono::DateTime::from_timestamp_millis(c.timestamp()))
        .map(|t| t.to_rfc3339())
        .unwrap_or_default())
}

/// Creates the issue unless a record with its id exists. Its creating change is the same bytes on
/// every PC (actor from the id, no device, time from the issue), so two PCs that find it make one
/// change, stored and shipped once.
pub(crate) fn create_if_new(tx: &Transaction<'_>, issue: SyncIssue, at: &str) -> Result<()> {
    let hashes: Vec<String> = issue
        .options
        .iter()
        .map(|o| o.change_hash.clone())
        .collect();
    let id = issue_id(issue.kind, &issue.record_ids, &issue.field, &hashes);
    let exists: Option<i64> = tx
        .prepare_cached("SELECT 1 FROM records WHERE id = ?1")
        .and_then(|mut s| s.query_row([id.to_string()], |r| r.get(0)).optional())
        .context("reading a record")?;
    if exists.is_some() {
        return Ok(());
    }
    let mut doc = AutoCommit::new().with_actor(ActorId::from(id.as_bytes().as_slice()));
    autosurgeon::reconcile(&mut doc, &issue).context("writing a record")?;
    let meta = ChangeMeta {
        user_id: Uuid::nil(),
        username: "sync".into(),
        device_id: Uuid::nil(),
        action: "detect".into(),
        fields: Vec::new(),
    };
    let time = chrono::DateTime::parse_from_rfc3339(&issue.created_at)
        .map(|t| t.timestamp_millis())
        .unwrap_or(0);
    doc.commit_with(
        CommitOptions::default()
            .with_message(meta.to_message())
            .with_time(time),
    );
    let change = doc
        .get_last_local_change()
        .ok_or_else(|| crate::error::Error::Storage("committing a change".into()))?;
    tx.prepare_cached(
        "INSERT INTO records (id, kind, doc, heads, created_at, updated_at) VALUES (?1, ?2, NULL, NULL, ?3, ?3)",
    )
    .and_then(|mut s| s.execute(params![id.to_string(), RecordKind::SyncIssue.as_str(), at]))
    .context("creating a record")?;
    // Found here: shipped like a local change (a copy found elsewhere has the same hash).
    records::append_change(tx, RecordKind::SyncIssue, id, &change, ChangeSource::Ui, at)?;
    projection::write(tx, id, &issue, at)
}
