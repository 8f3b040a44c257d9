use crate::auth::authenticate;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::Response;
use clinic_domain::sync::{SnapshotPage, SnapshotRecord, MAX_SNAPSHOT_RECORDS};
use clinic_domain::RecordKind;
use serde::Deserialize;
use uuid::Uuid;

#[derive(Deserialize)]
pub struct SnapshotQuery {
    after_id: Option<Uuid>,
    limit: Option<i64>,
}

/// `GET /v1/snapshot?after_id=UUID&limit=N`: saved documents by id. A change still waiting for
/// its dependencies is appended to its document's bytes (Automerge loads concatenated chunks), so
/// a new PC gets it too.
pub async fn snapshot(
    State(state): State<AppState>,
    headers: HeaderMap,
    query: Result<Query<SnapshotQuery>, QueryRejection>,
) -> ApiResult<Response> {
    let device = authenticate(&state, &headers).await?;
    let Query(q) = query.map_err(|_| {
        ApiError::bad_request(
            "bad_query",
            "after_id must be a UUID and limit a whole number",
        )
    })?;
    let limit = q
        .limit
        .unwrap_or(MAX_SNAPSHOT_RECORDS as i64)
        .clamp(1, MAX_SNAPSHOT_RECORDS as i64);
    let after = q.after_id.unwrap_or(Uuid::nil());
    let client = state.pool.get().await?;
    let total: i64 = client
        .query_one(
            "SELECT count(*) FROM records WHERE clinic_id = $1 AND has_content",
            &[&device.clinic_id],
        )
        .await?
        .get(0);
    let stmt = client
        .prepare_cached(
            "SELECT r.id, r.kind, r.doc || COALESCE((SELECT string_agg(c.bytes, ''::bytea ORDER BY c.seq)
                 FROM changes c WHERE c.record_id = r.id AND c.clinic_id = r.clinic_id AND NOT c.applied), ''::bytea)
             FROM records r
             WHERE r.clinic_id = $1 AND r.has_content AND r.id > $2 ORDER BY r.id LIMIT $3",
        )
        .await?;
    let rows = client
        .query(&stmt, &[&device.clinic_id, &after, &limit])
        .await?;
    let full = rows.len() as i64 == limit;
    let mut records = Vec::with_capacity(rows.len());
    for row in rows {
        let kind: String = row.get(1);
        records.push(SnapshotRecord {
            id: row.get(0),
            kind: RecordKind::parse(&kind)
                .ok_or_else(|| anyhow::anyhow!("stored record has an unknown kind"))?,
            doc: row.get::<_, Vec<u8>>(2).into(),
        });
    }
    let next_after_id = if full {
        records.last().map(|r| r.id)
    } else {
        None
    };
    Ok(super::gzip_json(&SnapshotPage {
        records,
        next_after_id,
        total: total as u64,
    }))
}
