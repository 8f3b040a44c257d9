use crate::auth::authenticate;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::Response;
use clinic_domain::sync::{PullResponse, PulledChange, MAX_BATCH_CHANGES};
use clinic_domain::RecordKind;
use serde::Deserialize;
use uuid::Uuid;

#[derive(Deserialize)]
pub struct PullQuery {
    #[serde(default)]
    after: i64,
    limit: Option<i64>,
}

/// `GET /v1/pull?after=SEQ&limit=N`: other devices' changes after the cursor, oldest first.
pub async fn pull(
    State(state): State<AppState>,
    headers: HeaderMap,
    query: Result<Query<PullQuery>, QueryRejection>,
) -> ApiResult<Response> {
    let device = authenticate(&state, &headers).await?;
    let Query(q) = query
        .map_err(|_| ApiError::bad_request("bad_query", "after and limit must be whole numbers"))?;
    let after = q.after.max(0);
    let limit = q
        .limit
        .unwrap_or(MAX_BATCH_CHANGES as i64)
        .clamp(1, MAX_BATCH_CHANGES as i64);
    let client = state.pool.get().await?;
    // head_seq first: every change up to it is committed (pushes commit in sequence order).
    let head_seq: i64 = client
        .query_one(
            "SELECT head_seq FROM clinics WHERE id = $1",
            &[&device.clinic_id],
        )
        .await?
        .get(0);
    let stmt = client
        .prepare_cached(
            "SELECT seq, record_id, kind, bytes, device_id FROM changes
             WHERE clinic_id = $1 AND seq > $2 AND seq <= $3 ORDER BY seq LIMIT $4",
        )
        .await?;
    let rows = client
        .query(&stmt, &[&device.clinic_id, &after, &head_seq, &limit])
        .await?;
    let mut next_after = after;
    let mut changes = Vec::with_capacity(rows.len());
    for row in rows {
        let seq: i64 = row.get(0);
        next_after = seq;
        let from: Uuid = row.get(4);
        if from == device.device_id {
            continue;
        }
        let kind: String = row.get(2);
        changes.push(PulledChange {
            seq,
            record_id: row.get(1),
            kind: RecordKind::parse(&kind)
                .ok_or_else(|| anyhow::anyhow!("stored change has an unknown kind"))?,
            change: row.get::<_, Vec<u8>>(3).into(),
        });
    }
    client
        .execute(
            "UPDATE devices SET last_pull_at = now(), last_pulled_seq = GREATEST(last_pulled_seq, $2)
             WHERE id = $1",
            &[&device.device_id, &next_after],
        )
        .await?;
    Ok(super::gzip_json(&PullResponse {
        changes,
        next_after,
        more: next_after < head_seq,
        head_seq,
    }))
}
