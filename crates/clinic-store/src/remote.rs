//! Changes that come from elsewhere (another PC, through sync): applied to the record's document,
//! logged with source `sync` (so they are never uploaded again), and projected, in one transaction.
//! Also what sync ships: the local change log after a sequence number.
use crate::error::{Context, Error, Result};
use crate::patients::projection;
use crate::records;
use crate::store::Store;
use automerge::{AutoCommit, Change};
use clinic_domain::sync::PulledChange;
use clinic_domain::{ChangeSource, ErrorCode, RecordKind};
use rusqlite::params;
use std::collections::HashMap;
use uuid::Uuid;

/// One entry of the change log, as sync reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoggedChange {
    pub seq: i64,
    pub record_id: Uuid,
    pub kind: RecordKind,
    /// Hex SHA-256 of the change.
    pub hash: String,
    pub bytes: Vec<u8>,
    pub source: ChangeSource,
}

/// What applying remote changes did to one record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applied {
    pub new_changes: usize,
    /// Changes held back until the changes they depend on arrive.
    pub waiting_for: usize,
}

impl Store {
    /// The change log after `after_seq`, oldest first, at most `limit` entries. `local_only` leaves
    /// out changes that arrived by sync.
    pub fn changes_since(
        &self,
        after_seq: i64,
        limit: u32,
        local_only: bool,
    ) -> Result<Vec<LoggedChange>> {
        // Two statements, so that the local-only one can use the partial index change_log_local.
        let sql = if local_only {
            "SELECT seq, record_id, kind, hash, change, source FROM change_log
             WHERE source <> 'sync' AND seq > ?1 ORDER BY seq LIMIT ?2"
        } else {
            "SELECT seq, record_id, kind, hash, change, source FROM change_log
             WHERE seq > ?1 ORDER BY seq LIMIT ?2"
        };
        let mut stmt = self
            .conn
            .prepare_cached(sql)
            .context("reading the change log")?;
        let rows = stmt
            .query_map(params![after_seq, limit], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    hex::encode(r.get::<_, Vec<u8>>(3)?),
                    r.get::<_, Vec<u8>>(4)?,
                    r.get::<_, String>(5)?,
                ))
            })
            .context("reading the change log")?;
        let mut out = Vec::new();
        for row in rows {
            let (seq, id, kind, hash, bytes, source) = row.context("reading the change log")?;
            out.push(LoggedChange {
                seq,
                record_id: Uuid::parse_str(&id).context("reading the change log")?,
                kind: RecordKind::parse(&kind)
                    .ok_or_else(|| Error::Storage("reading the change log".into()))?,
                hash,
                bytes,
                source: match source.as_str() {
                    "ui" => ChangeSource::Ui,
                    "import" => ChangeSource::Import,
                    _ => ChangeSource::Sync,
                },
            });
        }
        Ok(out)
    }

    /// Applies changes from another device to record `id`. Bytes that are not an Automerge change
    /// are refused with nothing written; a change already here is ignored (at-least-once delivery).
    pub fn apply_remote_changes(
        &mut self,
        kind: RecordKind,
        id: Uuid,
        changes: &[Vec<u8>],
    ) -> Result<Applied> {
        let decoded: Vec<Change> = changes
            .iter()
            .map(|b| Change::from_bytes(b.clone()))
            .collect::<std::result::Result<_, _>>()
            .map_err(|_| {
                Error::field("changes", ErrorCode::InvalidFormat, "is not a valid change")
            })?;
        let device = self.device()?;
        let at = self.clock.now().to_rfc3339();
        let tx = self.write()?;
        let applied = apply_in(&tx, kind, id, decoded, device.id, &at)?;
        tx.commit().context("saving remote changes")?;
        Ok(applied)
    }

    /// Applies one page of pulled changes and saves the pull cursor `next_after`, in ONE
    /// transaction: a crash before the commit leaves both as they were, so the page is simply
    /// pulled again; after it, neither is repeated. Changes are grouped by record, in sequence
    /// order. Any change that is not valid Automerge refuses the page with nothing written.
    pub fn apply_pulled(&mut self, page: &[PulledChange], next_after: i64) -> Result<Applied> {
        let mut groups: Vec<(RecordKind, Uuid, Vec<Change>)> = Vec::new();
        let mut index: HashMap<Uuid, usize> = HashMap::new();
        let mut sorted: Vec<&PulledChange> = page.iter().collect();
        sorted.sort_by_key(|c| c.seq);
        for c in sorted {
            let change = Change::from_bytes(c.change.0.clone()).map_err(|_| {
                Error::field("changes", ErrorCode::InvalidFormat, "is not a valid change")
            })?;
            let slot = *index.entry(c.record_id).or_insert_with(|| {
                groups.push((c.kind, c.record_id, Vec::new()));
                groups.len() - 1
            });
            groups[slot].2.push(change);
        }
        let device = self.device()?;
        let at = self.clock.now().to_rfc3339();
        let tx = self.write()?;
        let mut total = Applied {
            new_changes: 0,
            waiting_for: 0,
        };
        for (kind, id, changes) in groups {
            let a = apply_in(&tx, kind, id, changes, device.id, &at)?;
            total.new_changes += a.new_changes;
            total.waiting_for += a.waiting_for;
        }
        crate::sync_state::set_pull_cursor(&tx, next_after)?;
        tx.commit().context("saving pulled changes")?;
        Ok(total)
    }
}

/// Applies decoded changes to record `id` inside `tx`: logs what took effect with source `sync`,
/// saves and projects the document.
pub(crate) fn apply_in(
    tx: &rusqlite::Transaction<'_>,
    kind: RecordKind,
    id: Uuid,
    decoded: Vec<Change>,
    device_id: Uuid,
    at: &str,
) -> Result<Applied> {
    let existing = records::load(tx, kind, id, device_id)?;
    let is_new = existing.is_none();
    let mut doc = existing
        .map(|l| l.doc)
        .unwrap_or_else(|| AutoCommit::new().with_actor(records::actor_id(device_id)));
    let before = doc.get_heads();
    doc.apply_changes(decoded).map_err(|_| {
        Error::field(
            "changes",
            ErrorCode::InvalidValue,
            "cannot be applied to this record",
        )
    })?;
    // Everything that took effect now, including changes held back earlier whose dependencies
    // just arrived.
    let added = doc.get_changes(&before);
    let waiting_for = doc.get_missing_deps(&[]).len();
    if added.is_empty() && !is_new {
        return Ok(Applied {
            new_changes: 0,
            waiting_for,
        });
    }
    store_merged(tx, kind, id, &mut doc, &added, is_new, at)?;
    Ok(Applied {
        new_changes: added.len(),
        waiting_for,
    })
}

/// Writes a document that gained `added` changes from elsewhere: its row (created when `is_new`),
/// each change in the log with source `sync`, the saved document, its projection.
pub(crate) fn store_merged(
    tx: &rusqlite::Transaction<'_>,
    kind: RecordKind,
    id: Uuid,
    doc: &mut AutoCommit,
    added: &[Change],
    is_new: bool,
    at: &str,
) -> Result<()> {
    if is_new {
        tx.prepare_cached(
            "INSERT INTO records (id, kind, doc, heads, created_at, updated_at) VALUES (?1, ?2, x'', '', ?3, ?3)",
        )
        .and_then(|mut s| s.execute(params![id.to_string(), kind.as_str(), at]))
        .context("creating a record")?;
    }
    for change in added {
        records::append_change(tx, kind, id, change, ChangeSource::Sync, at)?;
    }
    records::save(tx, id, doc, at)?;
    project(tx, kind, id, doc, at)?;
    // Same transaction, this record only: concurrent values and likely duplicates become issues.
    if kind == RecordKind::Patient {
        crate::sync_issues::detect::after_merge(tx, id, doc, at)?;
    }
    if kind == RecordKind::Appointment {
        crate::appointments::double_booking::after_merge(tx, id, doc, at)?;
    }
    if kind == RecordKind::StockBatch {
        crate::stock::negative::after_merge(tx, id, doc, at)?;
    }
    Ok(())
}

/// Rewrites the projection of one record from its document.
pub(crate) fn project(
    tx: &rusqlite::Transaction<'_>,
    kind: RecordKind,
    id: Uuid,
    doc: &mut AutoCommit,
    at: &str,
) -> Result<()> {
    match kind {
        RecordKind::Patient => project_with(doc, |p| projection::write(tx, id, p, at)),
        RecordKind::User => project_with(doc, |u| crate::users::project(tx, id, u, at)),
        RecordKind::SyncIssue => project_with(doc, |i| {
            crate::sync_issues::projection::write(tx, id, i, at)
        }),
        RecordKind::PriceItem => project_with(doc, |i| {
            crate::billing::projection::write_price_item(tx, id, i, at)
        }),
        RecordKind::Invoice => project_with(doc, |i| {
            crate::billing::projection::write_invoice(tx, id, i, at)
        }),
        RecordKind::Appointment => project_with(doc, |a| {
            crate::appointments::projection::write(tx, id, a, at)
        }),
        RecordKind::ClinicianSchedule => project_with(doc, |s| {
            crate::appointments::schedules::write(tx, id, s, at)
        }),
        RecordKind::Prescription => project_with(doc, |p| {
            crate::prescriptions::projection::write(tx, id, p, at)
        }),
        RecordKind::Encounter => {
            project_with(doc, |e| crate::encounters::projection::write(tx, id, e, at))
        }
        RecordKind::StockBatch => {
            project_with(doc, |b| crate::stock::projection::write(tx, id, b, at))
        }
        RecordKind::LabOrder => project_with(doc, |o| crate::lab::projection::write(tx, id, o, at)),
        RecordKind::Department => project_with(doc, |d| {
            crate::rooms::projection::write_department(tx, id, d, at)
        }),
        RecordKind::Room => {
            project_with(doc, |r| crate::rooms::projection::write_room(tx, id, r, at))
        }
        RecordKind::RoomAssignment => project_with(doc, |a| {
            crate::rooms::projection::write_assignment(tx, id, a, at)
        }),
        RecordKind::OutgoingMessage => {
            project_with(doc, |m| crate::reminders::projection::write(tx, id, m, at))
        }
    }
}

/// Hydrates the document and writes its projection with `write`. A document whose creating change
/// has not arrived yet (no heads) is held back: nothing to show yet.
fn project_with<T: autosurgeon::Hydrate>(
    doc: &mut AutoCommit,
    write: impl FnOnce(&T) -> Result<()>,
) -> Result<()> {
    match records::hydrate(doc) {
        Ok(value) => write(&value),
        Err(_) if doc.get_heads().is_empty() => Ok(()),
        Err(e) => Err(e),
    }
}
