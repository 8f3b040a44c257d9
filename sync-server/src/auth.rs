//! Bearer tokens: 32 random bytes, hex; the server keeps only their SHA-256.
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use axum::http::HeaderMap;
use rand::RngCore;
use sha2::{Digest, Sha256};
use uuid::Uuid;

/// The device a request comes from, after its token was checked.
#[derive(Debug, Clone)]
pub struct DeviceAuth {
    pub device_id: Uuid,
    pub device_code: String,
    pub clinic_id: Uuid,
    pub clinic_code: String,
    pub clinic_name: String,
}

pub fn new_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    hex::encode(bytes)
}

pub fn sha256(data: &[u8]) -> Vec<u8> {
    Sha256::digest(data).to_vec()
}

fn bearer(headers: &HeaderMap) -> ApiResult<&str> {
    let value = headers
        .get(axum::http::header::AUTHORIZATION)
        .ok_or_else(|| {
            ApiError::unauthorized(
                "missing_token",
                "this request needs the device token (Authorization: Bearer ...)",
            )
        })?;
    value
        .to_str()
        .ok()
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .ok_or_else(|| {
            ApiError::unauthorized(
                "missing_token",
                "the Authorization header must be 'Bearer <token>'",
            )
        })
}

/// Checks the token and notes when the device was last seen. 401 for a missing or unknown token,
/// 403 for a revoked device.
pub async fn authenticate(state: &AppState, headers: &HeaderMap) -> ApiResult<DeviceAuth> {
    let token = bearer(headers)?;
    let hash = sha256(token.as_bytes());
    let client = state.pool.get().await?;
    let stmt = client
        .prepare_cached(
            "UPDATE devices d SET last_seen_at = now() FROM clinics c
             WHERE d.token_hash = $1 AND c.id = d.clinic_id
             RETURNING d.id, d.code, d.revoked_at IS NOT NULL, c.id, c.code, c.name",
        )
        .await?;
    let row = client.query_opt(&stmt, &[&hash]).await?.ok_or_else(|| {
        ApiError::unauthorized(
            "unknown_token",
            "the device token is not known to this server; enroll the PC again",
        )
    })?;
    let revoked: bool = row.get(2);
    if revoked {
        return Err(ApiError::forbidden(
            "device_revoked",
            "this PC was disconnected from the central server by an administrator",
        ));
    }
    Ok(DeviceAuth {
        device_id: row.get(0),
        device_code: row.get(1),
        clinic_id: row.get(3),
        clinic_code: row.get(4),
        clinic_name: row.get(5),
    })
}
