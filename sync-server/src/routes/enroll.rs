use crate::admin::normalize_enrollment_code;
use crate::auth::{new_token, sha256};
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use axum::extract::rejection::BytesRejection;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::Json;
use bytes::Bytes;
use clinic_domain::patient_number::valid_device_code;
use clinic_domain::sync::{wire, EnrollRequest, EnrollResponse};
use deadpool_postgres::Transaction;
use rand::seq::IndexedRandom;
use std::collections::HashSet;
use uuid::Uuid;

/// `POST /v1/enroll`: consumes a one-time code and returns the device token. Everything happens in
/// one transaction: a refused enrollment leaves the code unused.
pub async fn enroll(
    State(state): State<AppState>,
    headers: HeaderMap,
    raw: Result<Bytes, BytesRejection>,
) -> ApiResult<Json<EnrollResponse>> {
    let (raw, gzip) = super::body(&headers, raw)?;
    let req: EnrollRequest = wire::decode(&raw, gzip)?;
    wire::check_protocol(req.protocol)?;
    let name = req.device_name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        return Err(ApiError::BadRequest {
            code: "invalid",
            message: "device_name: must be 1 to 100 characters".into(),
            field: Some("device_name".into()),
        });
    }
    if let Some(code) = &req.device_code {
        if !valid_device_code(code) {
            return Err(ApiError::BadRequest {
                code: "invalid",
                message: "device_code: must be 2 to 4 upper-case letters or digits".into(),
                field: Some("device_code".into()),
            });
        }
    }
    let code_hash = sha256(normalize_enrollment_code(&req.code).as_bytes());

    let mut client = state.pool.get().await?;
    let tx = client.transaction().await?;
    // Single use, race-safe: only one transaction can flip used_at.
    let used = tx
        .query_opt(
            "UPDATE enrollment_codes SET used_at = now(), used_by_device = $2
             WHERE code_hash = $1 AND used_at IS NULL AND expires_at > now() RETURNING clinic_id",
            &[&code_hash, &req.device_id],
        )
        .await?;
    let Some(used) = used else {
        return Err(why_code_refused(&tx, &code_hash).await?);
    };
    let clinic_id: Uuid = used.get(0);
    // Serialises enrollments of one clinic (device codes).
    let clinic = tx
        .query_one(
            "SELECT code, name, head_seq FROM clinics WHERE id = $1 FOR UPDATE",
            &[&clinic_id],
        )
        .await?;
    let clinic_code: String = clinic.get(0);
    if let Some(theirs) = &req.clinic_code {
        if *theirs != clinic_code {
            return Err(ApiError::conflict(
                "clinic_mismatch",
                format!("this PC belongs to clinic {theirs}, but the enrollment code is for clinic {clinic_code}"),
            ));
        }
    }
    let token = new_token();
    let token_hash = sha256(token.as_bytes());
    let existing = tx
        .query_opt(
            "SELECT clinic_id, code, revoked_at IS NOT NULL FROM devices WHERE id = $1 FOR UPDATE",
            &[&req.device_id],
        )
        .await?;
    let device_code = match existing {
        Some(row) => {
            let (their_clinic, code, revoked): (Uuid, String, bool) =
                (row.get(0), row.get(1), row.get(2));
            if their_clinic != clinic_id {
                return Err(ApiError::conflict(
                    "device_enrolled_elsewhere",
                    "this PC is already enrolled in another clinic",
                ));
            }
            // A revoked PC comes back only with a fresh one-time code, which only a central
            // admin can issue: it gets a new token, and the old one stays dead.
            if revoked {
                tracing::info!(device = %req.device_id, "revoked device re-admitted with a new enrollment code");
            }
            if req.device_code.as_ref().is_some_and(|c| *c != code) {
                return Err(ApiError::conflict(
                    "device_code_taken",
                    format!("this PC is enrolled with device code {code}"),
                ));
            }
            tx.execute(
                "UPDATE devices SET token_hash = $2, name = $3, last_seen_at = now(), revoked_at = NULL
                 WHERE id = $1",
                &[&req.device_id, &token_hash, &name],
            )
            .await?;
            code
        }
        None => {
            let taken: HashSet<String> = tx
                .query(
                    "SELECT code FROM devices WHERE clinic_id = $1",
                    &[&clinic_id],
                )
                .await?
                .into_iter()
                .map(|r| r.get(0))
                .collect();
            let code = match &req.device_code {
                Some(code) if taken.contains(code) => {
                    return Err(ApiError::conflict(
                        "device_code_taken",
                        format!("another PC of this clinic already uses device code {code}"),
                    ))
                }
                Some(code) => code.clone(),
                None => free_device_code(&taken).ok_or_else(|| {
                    ApiError::conflict(
                        "device_code_taken",
                        "the clinic has no free device code left",
                    )
                })?,
            };
            tx.execute(
                "INSERT INTO devices (id, clinic_id, code, name, token_hash, last_seen_at)
                 VALUES ($1, $2, $3, $4, $5, now())",
                &[&req.device_id, &clinic_id, &code, &name, &token_hash],
            )
            .await?;
            code
        }
    };
    tx.commit().await?;
    tracing::info!(clinic = %clinic_code, device = %device_code, "device enrolled");
    Ok(Json(EnrollResponse {
        clinic_id,
        clinic_code,
        clinic_name: clinic.get(1),
        device_code,
        token,
        head_seq: clinic.get(2),
    }))
}

async fn why_code_refused(tx: &Transaction<'_>, code_hash: &[u8]) -> ApiResult<ApiError> {
    let row = tx
        .query_opt(
            "SELECT used_at IS NOT NULL, expires_at <= now() FROM enrollment_codes WHERE code_hash = $1",
            &[&code_hash],
        )
        .await?;
    Ok(match row {
        None => ApiError::unauthorized(
            "enrollment_code_unknown",
            "this enrollment code is not known; check it or ask for a new one",
        ),
        Some(r) if r.get::<_, bool>(0) => ApiError::Gone {
            code: "enrollment_code_used",
            message: "this enrollment code was already used; ask for a new one".into(),
        },
        Some(_) => ApiError::Gone {
            code: "enrollment_code_expired",
            message: "this enrollment code has expired; ask for a new one".into(),
        },
    })
}

/// A random free code: two letters while one is left, else three.
fn free_device_code(taken: &HashSet<String>) -> Option<String> {
    const LETTERS: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ";
    let letters = || LETTERS.iter().map(|&b| b as char);
    let two: Vec<String> = letters()
        .flat_map(|a| letters().map(move |b| format!("{a}{b}")))
        .filter(|c| !taken.contains(c))
        .collect();
    let mut rng = rand::rng();
    if let Some(code) = two.choose(&mut rng) {
        return Some(code.clone());
    }
    let three: Vec<String> = letters()
        .flat_map(|a| letters().flat_map(move |b| letters().map(move |c| format!("{a}{b}{c}"))))
        .filter(|c| !taken.contains(c))
        .collect();
    three.choose(&mut rng).cloned()
}
