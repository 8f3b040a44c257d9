//! Central sync reports: server-rendered admin pages behind an admin login (session cookie,
//! CSRF tokens on every POST), with each table also as CSV and JSON. Counts and sync state only:
//! no patient names or other patient fields appear anywhere here.
mod activity;
mod data;
mod diagnoses;
mod export;
mod html;
mod lab_turnaround;
mod login;
mod pages;
mod session;
mod stock_alerts;

use crate::state::AppState;
use axum::extract::{DefaultBodyLimit, Request};
use axum::http::{header, HeaderValue};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;

/// Admin forms are small.
const MAX_FORM_BYTES: usize = 16 * 1024;

pub const CONTENT_SECURITY_POLICY: &str =
    "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'";

/// The `/admin` routes, merged into the server's router.
pub(crate) fn router() -> Router<AppState> {
    Router::new()
        .route("/admin", get(pages::overview))
        .route("/admin/clinics/{code}", get(pages::clinic))
        .route("/admin/diagnoses", get(diagnoses::report_page))
        .route("/admin/stock", get(stock_alerts::report_page))
        .route("/admin/lab", get(lab_turnaround::report_page))
        .route("/admin/login", get(login::form).post(login::submit))
        .route("/admin/logout", post(login::logout))
        .route("/admin/reports/{file}", get(export::csv))
        .route("/admin/api/{table}", get(export::json))
        .layer(DefaultBodyLimit::max(MAX_FORM_BYTES))
        .layer(middleware::from_fn(security_headers))
}

/// No scripts, no external anything, no framing, no caching of report data.
async fn security_headers(req: Request, next: Next) -> Response {
    let mut response = next.run(req).await;
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CONTENT_SECURITY_POLICY),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}
