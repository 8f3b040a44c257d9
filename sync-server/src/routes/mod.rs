//! The HTTP surface: `/v1/*` sync endpoints, `/health`, `/metrics`.
mod attachments;
mod enroll;
mod health;
mod pull;
mod push;
mod snapshot;
mod status;

use crate::error::{ApiError, ApiResult};
use crate::metrics::Metrics;
use crate::state::AppState;
use axum::extract::rejection::BytesRejection;
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use bytes::Bytes;
use clinic_domain::sync::wire;
use clinic_domain::sync::MAX_BODY_BYTES;
use serde::Serialize;

pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/v1/enroll", post(enroll::enroll))
        .route("/v1/status", get(status::status))
        .route("/v1/push", post(push::push))
        .route("/v1/pull", get(pull::pull))
        .route("/v1/snapshot", get(snapshot::snapshot))
        .route(
            "/v1/attachments/{sha256}",
            get(attachments::get).put(attachments::put),
        )
        .route("/health", get(health::health))
        .route("/metrics", get(health::metrics))
        .merge(crate::reports::router())
        .fallback(not_found)
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            count_requests,
        ))
        .with_state(state)
}

async fn not_found() -> ApiError {
    ApiError::not_found("not_found", "no such endpoint")
}

async fn count_requests(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let endpoint = Metrics::endpoint_label(req.uri().path());
    let response = next.run(req).await;
    state
        .metrics
        .requests
        .with_label_values(&[endpoint, response.status().as_str()])
        .inc();
    response
}

/// The raw request body and whether it is gzip-compressed. Too large → 413; any
/// `Content-Encoding` other than gzip → 400.
pub(crate) fn body(
    headers: &HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> ApiResult<(Bytes, bool)> {
    let body = body.map_err(|rejection| {
        if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::body_too_large()
        } else {
            ApiError::bad_request("bad_body", "the request body could not be read")
        }
    })?;
    let gzip = match headers.get(header::CONTENT_ENCODING).map(|v| v.to_str()) {
        None => false,
        Some(Ok(v)) if v.eq_ignore_ascii_case(wire::CONTENT_ENCODING) => true,
        Some(Ok(v)) if v.eq_ignore_ascii_case("identity") => false,
        Some(_) => {
            return Err(ApiError::bad_request(
                "bad_encoding",
                "Content-Encoding must be gzip (or none)",
            ))
        }
    };
    Ok((body, gzip))
}

/// A JSON answer, gzip-compressed.
pub(crate) fn gzip_json<T: Serialize>(value: &T) -> Response {
    let body = wire::encode(value);
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static(wire::CONTENT_TYPE),
            ),
            (
                header::CONTENT_ENCODING,
                HeaderValue::from_static(wire::CONTENT_ENCODING),
            ),
        ],
        body,
    )
        .into_response()
}
