//! `PUT /v1/attachments/{sha256}` and `GET /v1/attachments/{sha256}`: scanned documents and images,
//! content-addressed under the device's clinic.
use crate::auth::{authenticate, sha256};
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use bytes::Bytes;
use clinic_domain::attachment::{
    is_sha256_hex, sniff_content_type, ALLOWED_CONTENT_TYPES, MAX_ATTACHMENT_BYTES,
};
use serde_json::json;

fn check_hash(hash: &str) -> ApiResult<()> {
    if is_sha256_hex(hash) {
        Ok(())
    } else {
        Err(ApiError::BadRequest {
            code: "invalid",
            message: "the attachment id must be the SHA-256 of its bytes, in lower-case hex".into(),
            field: Some("sha256".into()),
        })
    }
}

pub async fn put(
    State(state): State<AppState>,
    Path(hash): Path<String>,
    headers: HeaderMap,
    raw: Result<Bytes, BytesRejection>,
) -> ApiResult<Response> {
    let device = authenticate(&state, &headers).await?;
    check_hash(&hash)?;
    let (body, gzip) = super::body(&headers, raw)?;
    if gzip {
        return Err(ApiError::bad_request(
            "bad_encoding",
            "attachments are sent as they are, without Content-Encoding",
        ));
    }
    if body.len() > MAX_ATTACHMENT_BYTES {
        return Err(ApiError::TooLarge(format!(
            "an attachment may be at most {} MiB",
            MAX_ATTACHMENT_BYTES >> 20
        )));
    }
    let declared = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(|v| {
            v.split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase()
        })
        .unwrap_or_default();
    if !ALLOWED_CONTENT_TYPES.contains(&declared.as_str()) {
        return Err(ApiError::UnsupportedMediaType(format!(
            "attachments must be one of: {}",
            ALLOWED_CONTENT_TYPES.join(", ")
        )));
    }
    if sniff_content_type(&body) != Some(declared.as_str()) {
        return Err(ApiError::UnsupportedMediaType(format!(
            "the file content is not a {declared}"
        )));
    }
    if hex::encode(sha256(&body)) != hash {
        return Err(ApiError::BadRequest {
            code: "hash_mismatch",
            message: "the bytes do not have the SHA-256 named in the path".into(),
            field: Some("sha256".into()),
        });
    }
    let size = body.len();
    state.attachments.put(device.clinic_id, body).await?;
    Ok((
        StatusCode::CREATED,
        Json(json!({ "sha256": hash, "size": size, "content_type": declared })),
    )
        .into_response())
}

pub async fn get(
    State(state): State<AppState>,
    Path(hash): Path<String>,
    headers: HeaderMap,
) -> ApiResult<Response> {
    let device = authenticate(&state, &headers).await?;
    check_hash(&hash)?;
    let bytes = state
        .attachments
        .get(device.clinic_id, &hash)
        .await?
        .ok_or_else(|| ApiError::not_found("attachment_not_found", "no such attachment"))?;
    let content_type = sniff_content_type(&bytes).unwrap_or("application/octet-stream");
    Ok((
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(content_type)),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("private, max-age=31536000, immutable"),
            ),
        ],
        bytes,
    )
        .into_response())
}
