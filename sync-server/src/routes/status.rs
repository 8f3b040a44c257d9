use crate::auth::authenticate;
use crate::error::ApiResult;
use crate::state::AppState;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::Json;
use clinic_domain::sync::{DeviceStatus, PROTOCOL_VERSION};

/// `GET /v1/status`: who this device is and where its clinic stands.
pub async fn status(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> ApiResult<Json<DeviceStatus>> {
    let device = authenticate(&state, &headers).await?;
    let client = state.pool.get().await?;
    let row = client
        .query_one(
            "SELECT c.head_seq, (SELECT count(*) FROM records r WHERE r.clinic_id = c.id AND r.has_content)
             FROM clinics c WHERE c.id = $1",
            &[&device.clinic_id],
        )
        .await?;
    let records: i64 = row.get(1);
    Ok(Json(DeviceStatus {
        protocol: PROTOCOL_VERSION,
        clinic_id: device.clinic_id,
        clinic_code: device.clinic_code,
        clinic_name: device.clinic_name,
        device_code: device.device_code,
        head_seq: row.get(0),
        records: records as u64,
    }))
}
