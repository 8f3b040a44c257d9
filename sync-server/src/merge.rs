//! Merging a push batch into PostgreSQL, in one transaction.
//!
//! The clinic row is locked first, so one clinic's pushes commit one after the other (from any
//! number of server instances): sequences are unique, gap-free and become visible in order, which
//! is what lets a pull cursor never skip a change. Within the batch, changes are grouped by record
//! (records in id order) and each record's document is loaded once, merged and saved once.
use crate::auth::DeviceAuth;
use crate::error::{ApiError, ApiResult};
use crate::projection;
use automerge::{AutoCommit, Change, ChangeHash};
use clinic_domain::sync::{PushChange, PushRequest, PushResponse, RejectedChange};
use clinic_domain::RecordKind;
use deadpool_postgres::{Pool, Transaction};
use std::collections::{BTreeMap, HashSet};
use uuid::Uuid;

/// Hashes the server has (stored before, or accepted earlier in this batch).
struct Seen {
    known: HashSet<Vec<u8>>,
    duplicates: u32,
}

struct Incoming {
    local_seq: i64,
    record_id: Uuid,
    kind: RecordKind,
    change: Change,
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

    let ids: Vec<Uuid> = req.changes.iter().map(|c| c.record_id).collect();
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
    let mut rejected = Vec::new();
    let mut incoming = Vec::with_capacity(req.changes.len());
    for PushChange {
        local_seq,
        record_id,
        kind,
        change,
    } in req.changes
    {
        match Change::from_bytes(change.0) {
            Ok(change) => incoming.push(Incoming {
                local_seq,
                record_id,
                kind,
                change,
            }),
            Err(_) => rejected.push(reject(
                local_seq,
                record_id,
                kind,
                "not an Automerge change",
            )),
        }
    }

    // A change the server has (or that the batch carries twice) is a duplicate.
    let hashes: Vec<Vec<u8>> = incoming
        .iter()
        .map(|c| c.change.hash().0.to_vec())
        .collect();
    let mut seen = Seen {
        known: tx
            .query(
                "SELECT hash FROM changes WHERE clinic_id = $1 AND hash = ANY($2)",
                &[&auth.clinic_id, &hashes],
            )
            .await?
            .into_iter()
            .map(|r| r.get(0))
            .collect(),
        duplicates: 0,
    };
    let mut by_record: BTreeMap<Uuid, Vec<Incoming>> = BTreeMap::new();
    for c in incoming {
        if seen.known.contains(c.change.hash().0.as_slice()) {
            seen.duplicates += 1;
            continue;
        }
        by_record.entry(c.record_id).or_default().push(c);
    }

    let mut applied = 0u32;
    for (record_id, group) in by_record {
        applied += merge_record(
            &tx,
            auth,
            record_id,
            group,
            &mut seq,
            &mut rejected,
            &mut seen,
        )
        .await?;
    }
    let duplicates = seen.duplicates;

    for r in &rejected {
        tx.execute(
            "INSERT INTO rejected_changes (clinic_id, device_id, local_seq, record_id, kind, reason)
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (device_id, local_seq) DO NOTHING",
            &[
                &auth.clinic_id,
                &auth.device_id,
                &r.0.local_seq,
                &r.0.record_id,
                &r.1.as_str(),
                &r.0.reason,
            ],
        )
        .await?;
    }
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
                &i64::from(applied),
                &i64::from(duplicates),
                &(rejected.len() as i64),
            ],
        )
        .await?
        .get(0);
    tx.commit().await?;
    Ok(PushResponse {
        acked_local_seq: acked_local_seq.unwrap_or(acked),
        applied,
        duplicates,
        rejected: rejected.into_iter().map(|r| r.0).collect(),
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

/// Applies one record's new changes (and any stored change that was waiting for them), stores each
/// new change with the next sequence, saves the document and rewrites its projection.
async fn merge_record(
    tx: &Transaction<'_>,
    auth: &DeviceAuth,
    record_id: Uuid,
    group: Vec<Incoming>,
    seq: &mut i64,
    rejected: &mut Vec<(RejectedChange, RecordKind)>,
    seen: &mut Seen,
) -> ApiResult<u32> {
    let row = tx
        .query_opt(
            "SELECT kind, doc FROM records WHERE id = $1 FOR UPDATE",
            &[&record_id],
        )
        .await?;
    let (kind, mut doc) = match row {
        Some(row) => {
            let kind: String = row.get(0);
            let kind = RecordKind::parse(&kind)
                .ok_or_else(|| anyhow::anyhow!("stored record has an unknown kind"))?;
            let bytes: Vec<u8> = row.get(1);
            let doc = AutoCommit::load(&bytes)
                .map_err(|e| anyhow::anyhow!("stored document does not load: {e}"))?;
            (kind, doc)
        }
        None => (group[0].kind, AutoCommit::new()),
    };

    let waiting: Vec<(i64, Change)> = tx
        .query(
            "SELECT seq, bytes FROM changes WHERE record_id = $1 AND clinic_id = $2 AND NOT applied",
            &[&record_id, &auth.clinic_id],
        )
        .await?
        .into_iter()
        .filter_map(|r| Change::from_bytes(r.get(1)).ok().map(|c| (r.get(0), c)))
        .collect();

    let mut accepted = Vec::with_capacity(group.len());
    for c in group {
        if seen.known.contains(c.change.hash().0.as_slice()) {
            seen.duplicates += 1;
            continue;
        }
        if c.kind != kind {
            let reason = format!(
                "the record is a {}, not a {}",
                kind.as_str(),
                c.kind.as_str()
            );
            rejected.push(reject(c.local_seq, record_id, c.kind, &reason));
            continue;
        }
        if doc.apply_changes([c.change.clone()]).is_err() {
            rejected.push(reject(
                c.local_seq,
                record_id,
                c.kind,
                "the change cannot be applied to the record",
            ));
            continue;
        }
        seen.known.insert(c.change.hash().0.to_vec());
        accepted.push(c);
    }
    if accepted.is_empty() {
        return Ok(0);
    }
    // Changes held back for missing dependencies take effect when these arrive: applying them
    // again after the new ones lets the document pick them up (applying twice changes nothing).
    if !waiting.is_empty() {
        let _ = doc.apply_changes(waiting.iter().map(|(_, c)| c.clone()));
    }
    let now_applied: Vec<i64> = waiting
        .iter()
        .filter(|(_, c)| is_in(&mut doc, c.hash()))
        .map(|(s, _)| *s)
        .collect();

    let insert = tx
        .prepare_cached(
            "INSERT INTO changes (clinic_id, seq, hash, record_id, kind, device_id, bytes, applied)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .await?;
    for c in &accepted {
        *seq += 1;
        let applied = is_in(&mut doc, c.change.hash());
        tx.execute(
            &insert,
            &[
                &auth.clinic_id,
                &*seq,
                &c.change.hash().0.as_slice(),
                &record_id,
                &kind.as_str(),
                &auth.device_id,
                &c.change.raw_bytes(),
                &applied,
            ],
        )
        .await?;
    }
    if !now_applied.is_empty() {
        tx.execute(
            "UPDATE changes SET applied = true WHERE clinic_id = $1 AND seq = ANY($2)",
            &[&auth.clinic_id, &now_applied],
        )
        .await?;
    }

    let has_content = !doc.get_heads().is_empty();
    let saved = doc.save();
    let stored = tx
        .execute(
            "INSERT INTO records (id, clinic_id, kind, doc, has_content) VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (id) DO UPDATE SET doc = EXCLUDED.doc, has_content = EXCLUDED.has_content,
                updated_at = now()
             WHERE records.clinic_id = EXCLUDED.clinic_id",
            &[&record_id, &auth.clinic_id, &kind.as_str(), &saved, &has_content],
        )
        .await?;
    if stored == 0 {
        // Another clinic created this record id concurrently.
        return Err(foreign_record());
    }
    if has_content {
        projection::write(tx, auth.clinic_id, record_id, kind, &doc).await?;
    }
    Ok(accepted.len() as u32)
}

fn is_in(doc: &mut AutoCommit, hash: ChangeHash) -> bool {
    doc.get_change_by_hash(&hash).is_some()
}
