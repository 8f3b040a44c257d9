use crate::auth::authenticate;
use crate::error::ApiResult;
use crate::state::AppState;
use axum::extract::rejection::BytesRejection;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::Json;
use bytes::Bytes;
use clinic_domain::sync::{wire, PushResponse};

/// `POST /v1/push`: the body is checked completely before the database is touched.
pub async fn push(
    State(state): State<AppState>,
    headers: HeaderMap,
    raw: Result<Bytes, BytesRejection>,
) -> ApiResult<Json<PushResponse>> {
    let device = authenticate(&state, &headers).await?;
    let (raw, gzip) = super::body(&headers, raw)?;
    let request = wire::decode_push(&raw, gzip)?;
    drop(raw);
    let count = request.changes.len();
    let timer = state.metrics.merge_seconds.start_timer();
    // Run the merge on its own task: a client that hangs up mid-batch does not cancel it, and a
    // graceful shutdown waits for it through the connection.
    let pool = state.pool.clone();
    let dev = device.clone();
    let result = tokio::spawn(async move { crate::merge::push(&pool, &dev, request).await })
        .await
        .map_err(|e| anyhow::anyhow!("merge task failed: {e}"))??;
    timer.observe_duration();
    state.metrics.applied.inc_by(u64::from(result.applied));
    state
        .metrics
        .duplicates
        .inc_by(u64::from(result.duplicates));
    state.metrics.rejected.inc_by(result.rejected.len() as u64);
    tracing::info!(
        clinic = %device.clinic_code,
        device = %device.device_code,
        changes = count,
        applied = result.applied,
        duplicates = result.duplicates,
        rejected = result.rejected.len(),
        head_seq = result.head_seq,
        "push"
    );
    Ok(Json(result))
}
