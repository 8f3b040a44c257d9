//! Admin sessions: a random 32-byte token in an HttpOnly, SameSite=Strict cookie scoped to
//! `/admin` (Secure over TLS); the database keeps only its SHA-256, an expiry and the session's
//! CSRF token, so any server instance on the same database accepts it.
use super::html;
use crate::auth::{new_token, sha256};
use crate::error::ApiResult;
use crate::state::AppState;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Json;
use clinic_domain::sync::ApiErrorBody;
use uuid::Uuid;

pub const SESSION_COOKIE: &str = "clinic_admin_session";
/// Before login: the double-submit CSRF token of the login form.
pub const LOGIN_COOKIE: &str = "clinic_admin_login";
pub const SESSION_HOURS: i64 = 8;

/// A logged-in central administrator.
#[derive(Debug, Clone)]
pub struct AdminSession {
    pub username: String,
    pub csrf: String,
    pub token_hash: Vec<u8>,
}

/// The value of cookie `name` in the request, if any.
pub fn cookie<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// Compares two secrets without an early exit (lengths are not secret).
pub fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Whether the request's CSRF field matches the expected token. An absent field never does.
pub fn csrf_ok(expected: &str, given: Option<&str>) -> bool {
    match given {
        Some(g) if !expected.is_empty() => constant_time_eq(expected.as_bytes(), g.as_bytes()),
        _ => false,
    }
}

pub fn csrf_refused() -> Response {
    html::message(
        StatusCode::FORBIDDEN,
        "Request refused",
        "This form was not sent from this site's page (missing or wrong security token). \
         Reload the page and try again.",
    )
}

fn secure(state: &AppState) -> bool {
    state.config.tls_cert.is_some() && state.config.tls_key.is_some()
}

/// A `Set-Cookie` value; `max_age = 0` deletes the cookie.
pub fn set_cookie(state: &AppState, name: &str, value: &str, max_age: i64) -> HeaderValue {
    let secure = if secure(state) { "; Secure" } else { "" };
    HeaderValue::from_str(&format!(
        "{name}={value}; Path=/admin; HttpOnly; SameSite=Strict; Max-Age={max_age}{secure}"
    ))
    .expect("cookie values are hex")
}

pub fn is_token(s: &str) -> bool {
    s.len() == 64 && s.bytes().all(|b| b.is_ascii_hexdigit())
}

/// A new session for `admin_id`: the cookie token (hex) to hand to the browser.
pub async fn create(state: &AppState, admin_id: Uuid) -> ApiResult<String> {
    let token = new_token();
    let client = state.pool.get().await?;
    client
        .execute("DELETE FROM admin_sessions WHERE expires_at < now()", &[])
        .await?;
    client
        .execute(
            "INSERT INTO admin_sessions (token_hash, admin_id, csrf_token, expires_at)
             VALUES ($1, $2, $3, now() + make_interval(hours => $4))",
            &[
                &sha256(token.as_bytes()),
                &admin_id,
                &new_token(),
                &(SESSION_HOURS as i32),
            ],
        )
        .await?;
    Ok(token)
}

pub async fn end(state: &AppState, session: &AdminSession) -> ApiResult<()> {
    let client = state.pool.get().await?;
    client
        .execute(
            "DELETE FROM admin_sessions WHERE token_hash = $1",
            &[&session.token_hash],
        )
        .await?;
    Ok(())
}

/// The session of the request's cookie, if it is known and not expired.
pub async fn lookup(state: &AppState, headers: &HeaderMap) -> ApiResult<Option<AdminSession>> {
    let Some(token) = cookie(headers, SESSION_COOKIE).filter(|t| is_token(t)) else {
        return Ok(None);
    };
    let token_hash = sha256(token.as_bytes());
    let client = state.pool.get().await?;
    let row = client
        .query_opt(
            "SELECT a.username, s.csrf_token FROM admin_sessions s
             JOIN admins a ON a.id = s.admin_id
             WHERE s.token_hash = $1 AND s.expires_at > now()",
            &[&token_hash],
        )
        .await?;
    Ok(row.map(|r| AdminSession {
        username: r.get(0),
        csrf: r.get(1),
        token_hash,
    }))
}

impl FromRequestParts<AppState> for AdminSession {
    type Rejection = Response;

    /// Without a valid session: pages redirect to the login page; the JSON API answers 401.
    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        match lookup(state, &parts.headers).await {
            Ok(Some(session)) => Ok(session),
            Ok(None) if parts.uri.path().starts_with("/admin/api/") => Err((
                StatusCode::UNAUTHORIZED,
                Json(ApiErrorBody {
                    code: "login_required".into(),
                    message: "log in at /admin/login first (session cookie)".into(),
                    field: None,
                }),
            )
                .into_response()),
            Ok(None) => Err(Redirect::to("/admin/login").into_response()),
            Err(e) => Err(e.into_response()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookies_are_found_by_exact_name() {
        let mut h = HeaderMap::new();
        h.insert(
            header::COOKIE,
            HeaderValue::from_static("x_clinic_admin_session=1; clinic_admin_session=abc"),
        );
        assert_eq!(cookie(&h, SESSION_COOKIE), Some("abc"));
        assert_eq!(cookie(&h, LOGIN_COOKIE), None);
    }

    #[test]
    fn csrf_needs_an_exact_match() {
        assert!(csrf_ok("abcd", Some("abcd")));
        assert!(!csrf_ok("abcd", Some("abce")));
        assert!(!csrf_ok("abcd", Some("abc")));
        assert!(!csrf_ok("abcd", None));
        assert!(!csrf_ok("", Some("")));
    }
}
