//! The record engine every record kind uses: an Automerge document per record, saved with its
//! heads; each local change appended to the change log; projections updated by the caller in the
//! same transaction.
use crate::error::{Context, Error, Result};
use automerge::transaction::{CommitOptions, Transactable};
use automerge::{ActorId, AutoCommit, Change, ChangeHash};
use autosurgeon::{Hydrate, Reconcile};
use chrono::{DateTime, Utc};
use clinic_domain::{Actor, ChangeMeta, ChangeSource, RecordKind};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::Serialize;
use uuid::Uuid;

/// What a write needs to know besides the record: who, why, from where, when.
pub(crate) struct WriteCtx<'a> {
    pub actor: &'a Actor,
    pub action: &'a str,
    pub source: ChangeSource,
    pub at: DateTime<Utc>,
}

/// A loaded record: its document and when it was first and last changed.
pub(crate) struct Loaded {
    pub doc: AutoCommit,
    pub created_at: String,
    pub updated_at: String,
}

/// Automerge actor of this device: one per PC, so every PC's changes are told apart.
pub(crate) fn actor_id(device_id: Uuid) -> ActorId {
    ActorId::from(device_id.as_bytes().as_slice())
}

pub(crate) fn load(
    conn: &Connection,
    kind: RecordKind,
    id: Uuid,
    device_id: Uuid,
) -> Result<Option<Loaded>> {
    let row = conn
        .prepare_cached(
            "SELECT doc, created_at, updated_at FROM records WHERE id = ?1 AND kind = ?2",
        )
        .context("reading a record")?
        .query_row(params![id.to_string(), kind.as_str()], |r| {
            Ok((
                r.get::<_, Option<Vec<u8>>>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        })
        .optional()
        .context("reading a record")?;
    let Some((saved, created_at, updated_at)) = row else {
        return Ok(None);
    };
    // No saved document yet: the record is its logged changes (Automerge loads a run of changes).
    let bytes = match saved {
        Some(bytes) => bytes,
        None => logged_changes(conn, id)?,
    };
    let doc = AutoCommit::load(&bytes)
        .context("decoding a record")?
        .with_actor(actor_id(device_id));
    Ok(Some(Loaded {
        doc,
        created_at,
        updated_at,
    }))
}

fn logged_changes(conn: &Connection, id: Uuid) -> Result<Vec<u8>> {
    let mut stmt = conn
        .prepare_cached("SELECT change FROM change_log WHERE record_id = ?1 ORDER BY seq")
        .context("reading a record")?;
    let mut rows = stmt.query([id.to_string()]).context("reading a record")?;
    let mut bytes = Vec::new();
    while let Some(row) = rows.next().context("reading a record")? {
        bytes.extend_from_slice(&row.get::<_, Vec<u8>>(0).context("reading a record")?);
    }
    Ok(bytes)
}

/// Every record of `kind`, oldest first (export and verify walk them one document at a time).
pub(crate) fn ids(conn: &Connection, kind: RecordKind) -> Result<Vec<Uuid>> {
    let mut stmt = conn
        .prepare_cached("SELECT id FROM records WHERE kind = ?1 ORDER BY created_at, id")
        .context("listing records")?;
    let ids = stmt
        .query_map([kind.as_str()], |r| r.get::<_, String>(0))
        .context("listing records")?;
    ids.map(|r| {
        r.context("listing records")
            .and_then(|s| Uuid::parse_str(&s).context("reading a record id"))
    })
    .collect()
}

pub(crate) fn hydrate<T: Hydrate>(doc: &AutoCommit) -> Result<T> {
    autosurgeon::hydrate(doc).context("reading a record's fields")
}

/// Creates the record `id` holding `value`. The record is saved as its one change (in the change
/// log) until it is changed again.
pub(crate) fn create<T: Reconcile>(
    tx: &Transaction<'_>,
    kind: RecordKind,
    id: Uuid,
    value: &T,
    ctx: &WriteCtx<'_>,
) -> Result<()> {
    let change = build(value, ctx)?;
    insert_built(tx, kind, id, &change, ctx)
}

/// Creates record `id` holding `value` with its projection row (written by `project` with the
/// write's time) and the audit entry of its creation, inside `tx`: every "new record" operation.
pub(crate) fn create_projected<T: Reconcile>(
    tx: &Transaction<'_>,
    kind: RecordKind,
    id: Uuid,
    value: &T,
    ctx: &WriteCtx<'_>,
    project: impl FnOnce(&Transaction<'_>, Uuid, &T, &str) -> Result<()>,
) -> Result<()> {
    create(tx, kind, id, value, ctx)?;
    project(tx, id, value, &ctx.at.to_rfc3339())?;
    crate::audit::append(
        tx,
        ctx.actor,
        crate::audit::AuditAction::Create,
        crate::audit::Subject::record(kind, id),
        ctx.at,
    )
}

/// Reconciles the document with `value` (`update`) and, when a field changed, rewrites the record's
/// projection row (`project`, with the write's time) and audits the update, inside `tx`: every
/// "edit a record" operation. Returns the fields changed.
pub(crate) fn update_projected<T: Reconcile + Hydrate + Serialize>(
    tx: &Transaction<'_>,
    kind: RecordKind,
    id: Uuid,
    doc: &mut AutoCommit,
    value: &T,
    ctx: &WriteCtx<'_>,
    project: impl FnOnce(&Transaction<'_>, Uuid, &T, &str) -> Result<()>,
) -> Result<Vec<String>> {
    let fields = update(tx, kind, id, doc, value, ctx)?;
    if !fields.is_empty() {
        project(tx, id, value, &ctx.at.to_rfc3339())?;
        crate::audit::append(
            tx,
            ctx.actor,
            crate::audit::AuditAction::Update,
            crate::audit::Subject::record(kind, id),
            ctx.at,
        )?;
    }
    Ok(fields)
}

/// The creating change of a new record, built away from the database, so a batch can build its
/// documents on every core while one thread writes.
pub(crate) fn build<T: Reconcile>(value: &T, ctx: &WriteCtx<'_>) -> Result<Change> {
    let mut doc = AutoCommit::new().with_actor(actor_id(ctx.actor.device_id));
    autosurgeon::reconcile(&mut doc, value).context("writing a record")?;
    // The creating change sets every field: its metadata need not list them.
    commit_change(&mut doc, &[], ctx)
}

/// Stores a record made by `build`: its row (no saved document yet) and its change.
pub(crate) fn insert_built(
    tx: &Transaction<'_>,
    kind: RecordKind,
    id: Uuid,
    change: &Change,
    ctx: &WriteCtx<'_>,
) -> Result<()> {
    let at = ctx.at.to_rfc3339();
    tx.prepare_cached(
        "INSERT INTO records (id, kind, doc, heads, created_at, updated_at) VALUES (?1, ?2, NULL, NULL, ?3, ?3)",
    )
    .and_then(|mut s| s.execute(params![id.to_string(), kind.as_str(), at]))
    .context("creating a record")?;
    append_change(tx, kind, id, change, ctx.source, &at)
}

/// Reconciles the loaded document with `value`, writing only the fields that differ, so a
/// concurrent edit of another field on another PC merges cleanly. Returns the fields changed
/// (empty: nothing to save, nothing logged).
pub(crate) fn update<T: Reconcile + Hydrate + Serialize>(
    tx: &Transaction<'_>,
    kind: RecordKind,
    id: Uuid,
    doc: &mut AutoCommit,
    value: &T,
    ctx: &WriteCtx<'_>,
) -> Result<Vec<String>> {
    let before: T = hydrate(doc)?;
    let fields = changed_fields(&to_json(&before)?, &to_json(value)?);
    if fields.is_empty() {
        return Ok(fields);
    }
    autosurgeon::reconcile(doc, value).context("writing a record")?;
    if doc.pending_ops() == 0 {
        return Ok(Vec::new());
    }
    commit(tx, kind, id, doc, &fields, ctx)?;
    Ok(fields)
}

/// Commits the document's pending operations as one change touching `fields`: logged, saved.
pub(crate) fn commit(
    tx: &Transaction<'_>,
    kind: RecordKind,
    id: Uuid,
    doc: &mut AutoCommit,
    fields: &[String],
    ctx: &WriteCtx<'_>,
) -> Result<()> {
    let change = commit_change(doc, fields, ctx)?;
    append_change(tx, kind, id, &change, ctx.source, &ctx.at.to_rfc3339())?;
    save(tx, id, doc, &ctx.at.to_rfc3339())
}

/// Commits the pending operations as one change carrying `ChangeMeta` and the injected time.
fn commit_change(doc: &mut AutoCommit, fields: &[String], ctx: &WriteCtx<'_>) -> Result<Change> {
    let meta = ChangeMeta {
        user_id: ctx.actor.user_id,
        username: ctx.actor.username.clone(),
        device_id: ctx.actor.device_id,
        action: ctx.action.to_string(),
        fields: fields.to_vec(),
    };
    let options = CommitOptions::default()
        .with_message(meta.to_message())
        .with_time(ctx.at.timestamp_millis());
    doc.commit_with(options);
    doc.get_last_local_change()
        .ok_or_else(|| Error::Storage("committing a change".into()))
}

/// Appends one change to the change log; a change already there (same hash) is not added twice.
pub(crate) fn append_change(
    tx: &Transaction<'_>,
    kind: RecordKind,
    id: Uuid,
    change: &Change,
    source: ChangeSource,
    at: &str,
) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO change_log (record_id, kind, hash, change, source, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (hash) DO NOTHING",
    )
    .and_then(|mut s| {
        s.execute(params![
            id.to_string(),
            kind.as_str(),
            change.hash().0.as_slice(),
            change.raw_bytes(),
            source.as_str(),
            at
        ])
    })
    .context("appending to the change log")?;
    Ok(())
}

pub(crate) fn save(tx: &Transaction<'_>, id: Uuid, doc: &mut AutoCommit, at: &str) -> Result<()> {
    let heads = heads_text(&doc.get_heads());
    let bytes = doc.save();
    tx.prepare_cached("UPDATE records SET doc = ?2, heads = ?3, updated_at = ?4 WHERE id = ?1")
        .and_then(|mut s| s.execute(params![id.to_string(), bytes, heads, at]))
        .context("saving a record")?;
    Ok(())
}

pub(crate) fn heads_text(heads: &[ChangeHash]) -> String {
    let mut hs: Vec<String> = heads.iter().map(ToString::to_string).collect();
    hs.sort();
    hs.join(",")
}

fn to_json<T: Serialize>(value: &T) -> Result<serde_json::Value> {
    serde_json::to_value(value).context("reading a record's fields")
}

/// Top-level field names whose values differ; for nested objects, `object.field`.
pub(crate) fn changed_fields(before: &serde_json::Value, after: &serde_json::Value) -> Vec<String> {
    use serde_json::Value;
    let empty = serde_json::Map::new();
    let b = before.as_object().unwrap_or(&empty);
    let Value::Object(a) = after else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (key, new) in a {
        match (b.get(key), new) {
            (Some(old), _) if old == new => {}
            (Some(Value::Object(old)), Value::Object(new_obj)) => {
                for (sub, v) in new_obj {
                    if old.get(sub) != Some(v) {
                        out.push(format!("{key}.{sub}"));
                    }
                }
            }
            (None, Value::Object(new_obj)) => out.extend(
                new_obj
                    .iter()
                    .filter(|(_, v)| !is_blank(v))
                    .map(|(sub, _)| format!("{key}.{sub}")),
            ),
            (None, v) if is_blank(v) => {}
            _ => out.push(key.clone()),
        }
    }
    out
}

fn is_blank(v: &serde_json::Value) -> bool {
    match v {
        serde_json::Value::String(s) => s.is_empty(),
        serde_json::Value::Array(a) => a.is_empty(),
        serde_json::Value::Bool(b) => !b,
        serde_json::Value::Null => true,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::changed_fields;
    use serde_json::json;

    #[test]
    fn changed_fields_cases() {
        let cases = [
            (
                json!(null),
                json!({"a": "x", "b": "", "c": {"d": "1", "e": ""}}),
                vec!["a", "c.d"],
            ),
            (json!({"a": "x"}), json!({"a": "x"}), vec![]),
            (
                json!({"a": "x", "c": {"d": "1"}}),
                json!({"a": "y", "c": {"d": "2"}}),
                vec!["a", "c.d"],
            ),
            (json!({"l": ["a"]}), json!({"l": ["a", "b"]}), vec!["l"]),
        ];
        for (before, after, want) in cases {
            assert_eq!(changed_fields(&before, &after), want, "{before} -> {after}");
        }
    }
}
