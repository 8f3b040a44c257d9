//! One error type for every endpoint: a status code and an [`ApiErrorBody`]. Server faults answer
//! with a generic body; their details go to the log only (never request bodies or patient data).
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use clinic_domain::sync::wire::WireError;
use clinic_domain::sync::{ApiErrorBody, MAX_BODY_BYTES};

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error("{message}")]
    BadRequest {
        code: &'static str,
        message: String,
        field: Option<String>,
    },
    #[error("{message}")]
    Unauthorized { code: &'static str, message: String },
    #[error("{message}")]
    Forbidden { code: &'static str, message: String },
    #[error("{message}")]
    NotFound { code: &'static str, message: String },
    #[error("{message}")]
    Conflict { code: &'static str, message: String },
    #[error("{message}")]
    Gone { code: &'static str, message: String },
    #[error("{0}")]
    TooLarge(String),
    #[error("{0}")]
    UnsupportedMediaType(String),
    #[error("internal error")]
    Internal(#[from] anyhow::Error),
}

impl ApiError {
    pub fn bad_request(code: &'static str, message: impl Into<String>) -> Self {
        ApiError::BadRequest {
            code,
            message: message.into(),
            field: None,
        }
    }
    pub fn unauthorized(code: &'static str, message: impl Into<String>) -> Self {
        ApiError::Unauthorized {
            code,
            message: message.into(),
        }
    }
    pub fn forbidden(code: &'static str, message: impl Into<String>) -> Self {
        ApiError::Forbidden {
            code,
            message: message.into(),
        }
    }
    pub fn conflict(code: &'static str, message: impl Into<String>) -> Self {
        ApiError::Conflict {
            code,
            message: message.into(),
        }
    }
    pub fn not_found(code: &'static str, message: impl Into<String>) -> Self {
        ApiError::NotFound {
            code,
            message: message.into(),
        }
    }
    pub fn body_too_large() -> Self {
        ApiError::TooLarge(format!(
            "the request body is larger than {MAX_BODY_BYTES} bytes"
        ))
    }

    pub fn status(&self) -> StatusCode {
        match self {
            ApiError::BadRequest { .. } => StatusCode::BAD_REQUEST,
            ApiError::Unauthorized { .. } => StatusCode::UNAUTHORIZED,
            ApiError::Forbidden { .. } => StatusCode::FORBIDDEN,
            ApiError::NotFound { .. } => StatusCode::NOT_FOUND,
            ApiError::Conflict { .. } => StatusCode::CONFLICT,
            ApiError::Gone { .. } => StatusCode::GONE,
            ApiError::TooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::UnsupportedMediaType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    pub fn body(&self) -> ApiErrorBody {
        let (code, field) = match self {
            ApiError::BadRequest { code, field, .. } => (*code, field.clone()),
            ApiError::Unauthorized { code, .. }
            | ApiError::Forbidden { code, .. }
            | ApiError::NotFound { code, .. }
            | ApiError::Conflict { code, .. }
            | ApiError::Gone { code, .. } => (*code, None),
            ApiError::TooLarge(_) => ("too_large", None),
            ApiError::UnsupportedMediaType(_) => ("unsupported_media_type", None),
            ApiError::Internal(_) => ("internal", None),
        };
        let message = match self {
            ApiError::Internal(_) => {
                "the server could not complete the request; try again later".into()
            }
            other => other.to_string(),
        };
        ApiErrorBody {
            code: code.into(),
            message,
            field,
        }
    }
}

impl From<WireError> for ApiError {
    fn from(e: WireError) -> Self {
        match &e {
            WireError::TooLarge(_) => ApiError::TooLarge(e.to_string()),
            WireError::UnsupportedProtocol(..) => {
                ApiError::bad_request("unsupported_protocol", e.to_string())
            }
            WireError::NotGzip => ApiError::bad_request("bad_encoding", e.to_string()),
            WireError::Json(_) => ApiError::bad_request("bad_body", e.to_string()),
            WireError::Invalid { field, .. } => ApiError::BadRequest {
                code: "invalid",
                message: e.to_string(),
                field: Some(field.clone()),
            },
        }
    }
}

impl From<tokio_postgres::Error> for ApiError {
    fn from(e: tokio_postgres::Error) -> Self {
        ApiError::Internal(anyhow::Error::new(e).context("database"))
    }
}

impl From<deadpool_postgres::PoolError> for ApiError {
    fn from(e: deadpool_postgres::PoolError) -> Self {
        ApiError::Internal(anyhow::Error::new(e).context("database pool"))
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        if let ApiError::Internal(e) = &self {
            // The chain names what failed (SQL errors carry no values from us: parameters are bound).
            tracing::error!(error = format!("{e:#}"), "request failed");
        }
        (self.status(), Json(self.body())).into_response()
    }
}

pub type ApiResult<T> = Result<T, ApiError>;
