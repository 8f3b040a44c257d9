//! `GET/POST /admin/login` and `POST /admin/logout`. Failed logins are logged (never the
//! password), answered with one generic message after a short delay, and limited per username
//! across every server instance.
use super::html::{esc, page};
use super::session::{self, AdminSession, LOGIN_COOKIE, SESSION_COOKIE, SESSION_HOURS};
use crate::auth::new_token;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::Form;
use serde::Deserialize;
use std::sync::OnceLock;
use std::time::Duration;
use uuid::Uuid;

/// Failures of one username within [`FAILURE_WINDOW_MINUTES`] before logins are refused.
const MAX_FAILURES: i64 = 5;
const FAILURE_WINDOW_MINUTES: i32 = 15;
const FAILURE_DELAY: Duration = Duration::from_millis(400);
const WRONG: &str = "Wrong username or password.";

#[derive(Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    username: String,
    #[serde(default)]
    password: String,
    csrf: Option<String>,
}

#[derive(Deserialize)]
pub struct CsrfForm {
    csrf: Option<String>,
}

/// The login page with a fresh double-submit token (cookie + hidden field).
fn login_page(
    state: &AppState,
    status: StatusCode,
    error: Option<&str>,
    username: &str,
) -> Response {
    let token = new_token();
    let error = error
        .map(|e| {
            format!(
                "<p class=\"error\" role=\"alert\" id=\"login-error\">{}</p>",
                esc(e)
            )
        })
        .unwrap_or_default();
    let body = format!(
        "{error}<form method=\"post\" action=\"/admin/login\" id=\"login\">\
         <input type=\"hidden\" name=\"csrf\" value=\"{token}\">\
         <label>Username <input name=\"username\" id=\"username\" autocomplete=\"username\" \
         value=\"{}\" required></label>\
         <label>Password <input type=\"password\" name=\"password\" id=\"password\" \
         autocomplete=\"current-password\" required></label>\
         <button type=\"submit\" id=\"login-button\">Log in</button></form>",
        esc(username)
    );
    (
        status,
        [(
            header::SET_COOKIE,
            session::set_cookie(state, LOGIN_COOKIE, &token, 3600),
        )],
        Html(page("Central administration: log in", None, &body)),
    )
        .into_response()
}

pub async fn form(State(state): State<AppState>, headers: HeaderMap) -> ApiResult<Response> {
    if session::lookup(&state, &headers).await?.is_some() {
        return Ok(Redirect::to("/admin").into_response());
    }
    Ok(login_page(&state, StatusCode::OK, None, ""))
}

/// A hash to verify against when the username is unknown, so both cases take as long.
fn dummy_hash() -> &'static str {
    static HASH: OnceLock<String> = OnceLock::new();
    HASH.get_or_init(|| {
        let salt = SaltString::encode_b64(&[7u8; 16]).expect("salt");
        Argon2::default()
            .hash_password(b"no such administrator", &salt)
            .expect("argon2")
            .to_string()
    })
}

fn verify(hash: &str, password: &str) -> bool {
    PasswordHash::new(hash)
        .map(|h| {
            Argon2::default()
                .verify_password(password.as_bytes(), &h)
                .is_ok()
        })
        .unwrap_or(false)
}

/// The username as it may appear in the log: bounded, printed with `{:?}` (escaped).
fn loggable(username: &str) -> String {
    username.chars().take(64).collect()
}

pub async fn submit(
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(form): Form<LoginForm>,
) -> ApiResult<Response> {
    let expected = session::cookie(&headers, LOGIN_COOKIE).unwrap_or("");
    if !session::csrf_ok(expected, form.csrf.as_deref()) {
        tracing::warn!("admin login refused: missing or wrong CSRF token");
        return Ok(session::csrf_refused());
    }
    let username = form.username.trim().to_string();
    let client = state.pool.get().await?;
    let recent: i64 = client
        .query_one(
            "SELECT count(*) FROM admin_login_failures
             WHERE username = $1 AND failed_at > now() - make_interval(mins => $2)",
            &[&username, &FAILURE_WINDOW_MINUTES],
        )
        .await?
        .get(0);
    if recent >= MAX_FAILURES {
        tracing::warn!(username = ?loggable(&username), "admin login refused: too many failures");
        tokio::time::sleep(FAILURE_DELAY).await;
        let msg = format!(
            "Too many failed attempts for this username. Wait {FAILURE_WINDOW_MINUTES} minutes, then try again."
        );
        return Ok(login_page(
            &state,
            StatusCode::TOO_MANY_REQUESTS,
            Some(&msg),
            &username,
        ));
    }
    let row = client
        .query_opt(
            "SELECT id, password_hash FROM admins WHERE username = $1",
            &[&username],
        )
        .await?;
    let (admin_id, hash): (Option<Uuid>, String) = match row {
        Some(r) => (Some(r.get(0)), r.get(1)),
        None => (None, dummy_hash().to_string()),
    };
    let password = form.password;
    let matches = tokio::task::spawn_blocking(move || verify(&hash, &password))
        .await
        .map_err(|e| ApiError::Internal(anyhow::anyhow!("password check: {e}")))?;
    let admin_id = match admin_id {
        Some(id) if matches => id,
        _ => {
            client
                .execute(
                    "INSERT INTO admin_login_failures (username) VALUES ($1)",
                    &[&username],
                )
                .await?;
            client
                .execute(
                    "DELETE FROM admin_login_failures WHERE failed_at < now() - interval '1 day'",
                    &[],
                )
                .await?;
            tracing::warn!(
                username = ?loggable(&username),
                known_user = admin_id.is_some(),
                "admin login failed"
            );
            tokio::time::sleep(FAILURE_DELAY).await;
            return Ok(login_page(
                &state,
                StatusCode::UNAUTHORIZED,
                Some(WRONG),
                &username,
            ));
        }
    };
    client
        .execute(
            "DELETE FROM admin_login_failures WHERE username = $1",
            &[&username],
        )
        .await?;
    let token = session::create(&state, admin_id).await?;
    tracing::info!(username = ?loggable(&username), "admin logged in");
    let mut response = Redirect::to("/admin").into_response();
    let cookies = response.headers_mut();
    cookies.append(
        header::SET_COOKIE,
        session::set_cookie(&state, SESSION_COOKIE, &token, SESSION_HOURS * 3600),
    );
    cookies.append(
        header::SET_COOKIE,
        session::set_cookie(&state, LOGIN_COOKIE, "", 0),
    );
    Ok(response)
}

pub async fn logout(
    State(state): State<AppState>,
    admin: AdminSession,
    Form(form): Form<CsrfForm>,
) -> ApiResult<Response> {
    if !session::csrf_ok(&admin.csrf, form.csrf.as_deref()) {
        tracing::warn!(username = ?loggable(&admin.username), "admin logout refused: missing or wrong CSRF token");
        return Ok(session::csrf_refused());
    }
    session::end(&state, &admin).await?;
    tracing::info!(username = ?loggable(&admin.username), "admin logged out");
    Ok((
        [(
            header::SET_COOKIE,
            session::set_cookie(&state, SESSION_COOKIE, "", 0),
        )],
        Redirect::to("/admin/login"),
    )
        .into_response())
}
