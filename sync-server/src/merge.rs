//! Merging a push batch into PostgreSQL, in one transaction.
//!
//! The clinic row is locked first, so one clinic's pushes commit one after the other (from any
//! number of server instances): sequences are unique, gap-free and become visible in order, which
//! is what lets a pull cursor never skip a change. The batch's records are loaded (`FOR UPDATE`)
//! with one query, each document is merged once in memory, and changes, documents, projections
//! and refusals are each written with one statement: a batch costs a handful of round trips,
//! however many changes it holds.
use crate::auth::DeviceAuth;
use crate::error::{ApiError, ApiResult};
use crate::projection::Projections;
use automerge::{AutoCommit, Change, ChangeHash};
use clinic_domain::sync::{PushChange, PushRequest, PushResponse, RejectedChange};
use clinic_domain::RecordKind;
use deadpool_postgres::{Pool, Transaction};
use std::collections::{BTreeMap, HashMap, HashSet};
use uuid::Uuid;

struct Incoming {
    local_seq: i64,
    kind: RecordKind,
    change: Change,
}

/// Everything the batch writes, collected while merging in memory.
#[derive(Default)]
struct Writes {
    /// Hashes the server has (stored before, or accepted earlier in this batch).
    known: HashSet<Vec<u8>>,
    duplicates: u32,
    applied: u32,
    rejected: Vec<(RejectedChange, RecordKind)>,
    // changes: seq, hash, record, kind, bytes, applied
    seqs: Vec<i64>,
    hashes: Vec<Vec<u8>>,
    change_records: Vec<Uuid>,
    change_kinds: Vec<&'static str>,
    bytes: Vec<Vec<u8>>,
    applied_flags: Vec<bool>,
    /// Stored changes that were waiting and took effect now.
    now_applied: Vec<i64>,
    // records: id, kind, doc, has_content
    record_ids: Vec<Uuid>,
    record_kinds: Vec<&'static str>,
    docs: Vec<Vec<u8>>,
    has_content: Vec<bool>,
    projections: Projections,
}

pub async fn push(pool: &Pool, auth: &DeviceAuth, req: PushRequest) -> ApiResult<PushResponse> {
    let mut client = pool.get().await?;
    let tx = client.transaction().await?;
    let mut seq: i64 = tx
        .query_one(
            "SELECT head_seq FROM clinics WHERE id = $1 FOR UPDATE",
            &[&auth.clinic_id],
        )
        .await?
        .get(0);

    let mut ids: Vec<Uuid> = req.changes.iter().map(|c| c.record_id).collect();
    ids.sort_unstable();
    ids.dedup();
    let foreign = tx
        .query_opt(
            "SELECT 1 FROM records WHERE id = ANY($1) AND clinic_id <> $2 LIMIT 1",
            &[&ids, &auth.clinic_id],
        )
        .await?;
    if foreign.is_some() {
        return Err(foreign_record());
    }

    let acked_local_seq = req.changes.last().map(|c| c.local_seq);
    let mut w = Writes::default();
    let mut parsed = Vec::with_capacity(req.changes.len());
    for PushChange {
        local_seq,
        record_id,
        kind,
        change,
    } in req.changes
    {
        match Change::from_bytes(change.0) {
            Ok(change) => parsed.push((
                record_id,
                Incoming {
                    local_seq,
                    kind,
                    change,
                },
            )),
            Err(_) => w.rejected.push(reject(
                local_seq,
                record_id,
                kind,
                "not an Automerge change",
            )),
        }
    }
    let hashes: Vec<Vec<u8>> = parsed
        .iter()
        .map(|(_, c)| c.change.hash().0.to_vec())
        .collect();
    w.known = tx
        .query(
            "SELECT hash FROM changes WHERE clinic_id = $1 AND hash = ANY($2)",
            &[&auth.clinic_id, &hashes],
        )
        .await?
        .into_iter()
        .map(|r| r.get(0))
        .collect();
    // Only records with a new change are loaded and locked (in id order, like every batch).
    let mut by_record: BTreeMap<Uuid, Vec<Incoming>> = BTreeMap::new();
    for (record_id, c) in parsed {
        if w.known.contains(c.change.hash().0.as_slice()) {
            w.duplicates += 1;
        } else {
            by_record.entry(record_id).or_default().push(c);
        }
    }
    let ids: Vec<Uuid> = by_record.keys().copied().collect();
    let mut stored: HashMap<Uuid, (String, Vec<u8>)> = tx
        .query(
            "SELECT id, kind, doc FROM records WHERE id = ANY($1) ORDER BY id FOR UPDATE",
            &[&ids],
        )
        .await?
        .into_iter()
        .map(|r| (r.get(0), (r.get(1), r.get(2))))
        .collect();
    let mut waiting: HashMap<Uuid, Vec<(i64, Change)>> = HashMap::new();
    for r in tx
        .query(
            "SELECT record_id, seq, bytes FROM changes
             WHERE clinic_id = $1 AND record_id = ANY($2) AND NOT applied ORDER BY seq",
            &[&auth.clinic_id, &ids],
        )
        .await?
    {
        if let Ok(c) = Change::from_bytes(r.get(2)) {
            waiting.entry(r.get(0)).or_default().push((r.get(1), c));
        }
    }

    for (record_id, group) in by_record {
        let doc = stored.remove(&record_id);
        let held = waiting.remove(&record_id).unwrap_or_default();
        merge_record(record_id, group, doc, held, &mut seq, &mut w)?;
    }

    write(&tx, auth, &w).await?;
    tx.execute(
        "UPDATE clinics SET head_seq = $2 WHERE id = $1",
        &[&auth.clinic_id, &seq],
    )
    .await?;
    let pending = i64::try_from(req.pending_after).unwrap_or(i64::MAX);
    let acked: i64 = tx
        .query_one(
            "UPDATE devices SET last_push_at = now(), pending_after = $2,
                acked_local_seq = GREATEST(acked_local_seq, COALESCE($3, acked_local_seq)),
                applied_count = applied_count + $4, duplicate_count = duplicate_count + $5,
                rejected_count = rejected_count + $6
             WHERE id = $1 RETURNING acked_local_seq",
            &[
                &auth.device_id,
                &pending,
                &acked_local_seq,
                &i64::from(w.applied),
                &i64::from(w.duplicates),
                &(w.rejected.len() as i64),
            ],
        )
        .await?
        .get(0);
    tx.commit().await?;
    Ok(PushResponse {
        acked_local_seq: acked_local_seq.unwrap_or(acked),
        applied: w.applied,
        duplicates: w.duplicates,
        rejected: w.rejected.into_iter().map(|r| r.0).collect(),
        head_seq: seq,
    })
}

fn foreign_record() -> ApiError {
    ApiError::forbidden(
        "foreign_record",
        "the batch changes a record that belongs to another clinic; nothing was stored",
    )
}

fn reject(
    local_seq: i64,
    record_id: Uuid,
    kind: RecordKind,
    reason: &str,
) -> (RejectedChange, RecordKind) {
    (
        RejectedChange {
            local_seq,
            record_id,
            reason: reason.to_string(),
        },
        kind,
    )
}

/// Applies one record's new changes (and any stored change that was waiting for them), gives each
/// new change the next sequence, and collects the rows to write.
fn merge_record(
    record_id: Uuid,
    group: Vec<Incoming>,
    stored: Option<(String, Vec<u8>)>,
    waiting: Vec<(i64, Change)>,
    seq: &mut i64,
    w: &mut Writes,
) -> ApiResult<()> {
    let (kind, mut doc) = match stored {
        Some((kind, bytes)) => {
            let kind = RecordKind::parse(&kind)
                .ok_or_else(|| anyhow::anyhow!("stored record has an unknown kind"))?;
            let doc = AutoCommit::load(&bytes)
                .map_err(|e| anyhow::anyhow!("stored document does not load: {e}"))?;
            (kind, doc)
        }
        None => (group[0].kind, AutoCommit::new()),
    };
    let mut accepted = Vec::with_capacity(group.len());
    for c in group {
        if w.known.contains(c.change.hash().0.as_slice()) {
            w.duplicates += 1;
            continue;
        }
        if c.kind != kind {
            let reason = format!(
                "the record is a {}, not a {}",
                kind.as_str(),
                c.kind.as_str()
            );
            w.rejected
                .push(reject(c.local_seq, record_id, c.kind, &reason));
            continue;
        }
        if doc.apply_changes([c.change.clone()]).is_err() {
            let reason = "the change cannot be applied to the record";
            w.rejected
                .push(reject(c.local_seq, record_id, c.kind, reason));
            continue;
        }
        w.known.insert(c.change.hash().0.to_vec());
        accepted.push(c);
    }
    if accepted.is_empty() {
        return Ok(());
    }
    // Changes held back for missing dependencies take effect when these arrive: applying them
    // again after the new ones lets the document pick them up (applying twice changes nothing).
    if !waiting.is_empty() {
        let _ = doc.apply_changes(waiting.iter().map(|(_, c)| c.clone()));
        for (s, c) in &waiting {
            if is_in(&mut doc, c.hash()) {
                w.now_applied.push(*s);
            }
        }
    }
    for c in &accepted {
        *seq += 1;
        let hash = c.change.hash();
        w.seqs.push(*seq);
        w.hashes.push(hash.0.to_vec());
        w.change_records.push(record_id);
        w.change_kinds.push(kind.as_str());
        w.bytes.push(c.change.raw_bytes().to_vec());
        w.applied_flags.push(is_in(&mut doc, hash));
    }
    w.applied += accepted.len() as u32;
    let has_content = !doc.get_heads().is_empty();
    if has_content {
        w.projections.add(record_id, kind, &doc);
    }
    w.record_ids.push(record_id);
    w.record_kinds.push(kind.as_str());
    w.docs.push(doc.save());
    w.has_content.push(has_content);
    Ok(())
}

fn is_in(doc: &mut AutoCommit, hash: ChangeHash) -> bool {
    doc.get_change_by_hash(&hash).is_some()
}

/// Writes the batch: one statement per table.
async fn write(tx: &Transaction<'_>, auth: &DeviceAuth, w: &Writes) -> ApiResult<()> {
    if !w.seqs.is_empty() {
        let stmt = tx
            .prepare_cached(
                "INSERT INTO changes (clinic_id, device_id, seq, hash, record_id, kind, bytes, applied)
                 SELECT $1, $2, * FROM UNNEST($3::bigint[], $4::bytea[], $5::uuid[], $6::text[],
                    $7::bytea[], $8::bool[])",
            )
            .await?;
        tx.execute(
            &stmt,
            &[
                &auth.clinic_id,
                &auth.device_id,
                &w.seqs,
                &w.hashes,
                &w.change_records,
                &w.change_kinds,
                &w.bytes,
                &w.applied_flags,
            ],
        )
        .await?;
    }
    if !w.now_applied.is_empty() {
        tx.execute(
            "UPDATE changes SET applied = true WHERE clinic_id = $1 AND seq = ANY($2)",
            &[&auth.clinic_id, &w.now_applied],
        )
        .await?;
    }
    if !w.record_ids.is_empty() {
        let stmt = tx
            .prepare_cached(
                "INSERT INTO records (clinic_id, id, kind, doc, has_content)
                 SELECT $1, * FROM UNNEST($2::uuid[], $3::text[], $4::bytea[], $5::bool[])
                 ON CONFLICT (id) DO UPDATE SET doc = EXCLUDED.doc,
                    has_content = EXCLUDED.has_content, updated_at = now()
                 WHERE records.clinic_id = EXCLUDED.clinic_id",
            )
            .await?;
        let n = tx
            .execute(
                &stmt,
                &[
                    &auth.clinic_id,
                    &w.record_ids,
                    &w.record_kinds,
                    &w.docs,
                    &w.has_content,
                ],
            )
            .await?;
        if n as usize != w.record_ids.len() {
            // Another clinic created one of these record ids concurrently.
            return Err(foreign_record());
        }
    }
    w.projections.write(tx, auth.clinic_id).await?;
    if !w.rejected.is_empty() {
        let col = |f: fn(&(RejectedChange, RecordKind)) -> i64| -> Vec<i64> {
            w.rejected.iter().map(f).collect()
        };
        let records: Vec<Uuid> = w.rejected.iter().map(|r| r.0.record_id).collect();
        let kinds: Vec<&str> = w.rejected.iter().map(|r| r.1.as_str()).collect();
        let reasons: Vec<&str> = w.rejected.iter().map(|r| r.0.reason.as_str()).collect();
        tx.execute(
            "INSERT INTO rejected_changes (clinic_id, device_id, local_seq, record_id, kind, reason)
             SELECT $1, $2, * FROM UNNEST($3::bigint[], $4::uuid[], $5::text[], $6::text[])
             ON CONFLICT (device_id, local_seq) DO NOTHING",
            &[&auth.clinic_id, &auth.device_id, &col(|r| r.0.local_seq), &records, &kinds, &reasons],
        )
        .await?;
    }
    Ok(())
}
