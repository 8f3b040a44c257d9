use crate::state::AppState;
use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;

/// `GET /health`: 200 when PostgreSQL and the attachment store answer, 503 otherwise (the
/// reasons are logged, not returned).
pub async fn health(State(state): State<AppState>) -> Response {
    let database = match state.pool.get().await {
        Ok(client) => client
            .query_one("SELECT 1", &[])
            .await
            .map(|_| ())
            .map_err(anyhow::Error::new),
        Err(e) => Err(anyhow::Error::new(e)),
    };
    let attachments = state.attachments.check().await;
    if let Err(e) = &database {
        tracing::warn!(error = format!("{e:#}"), "health: database");
    }
    if let Err(e) = &attachments {
        tracing::warn!(error = format!("{e:#}"), "health: attachment store");
    }
    let ok = database.is_ok() && attachments.is_ok();
    let word = |r: &anyhow::Result<()>| if r.is_ok() { "ok" } else { "unavailable" };
    let status = if ok {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    (
        status,
        Json(json!({
            "status": if ok { "ok" } else { "unavailable" },
            "database": word(&database),
            "attachments": word(&attachments),
        })),
    )
        .into_response()
}

/// `GET /metrics`: Prometheus text. Per-clinic gauges are read from the database on each scrape.
pub async fn metrics(State(state): State<AppState>) -> Response {
    if let Ok(client) = state.pool.get().await {
        let rows = client
            .query(
                "SELECT c.code, c.head_seq - COALESCE(min(d.last_pulled_seq), c.head_seq),
                        COALESCE(sum(d.pending_after), 0)::bigint
                 FROM clinics c LEFT JOIN devices d ON d.clinic_id = c.id AND d.revoked_at IS NULL
                 GROUP BY c.id, c.code, c.head_seq",
                &[],
            )
            .await;
        match rows {
            Ok(rows) => {
                for row in rows {
                    let code: String = row.get(0);
                    state
                        .metrics
                        .clinic_lag
                        .with_label_values(&[&code])
                        .set(row.get(1));
                    state
                        .metrics
                        .clinic_pending
                        .with_label_values(&[&code])
                        .set(row.get(2));
                }
            }
            Err(e) => tracing::warn!(error = %e, "metrics: reading clinic lag"),
        }
    }
    (
        [(header::CONTENT_TYPE, "text/plain; version=0.0.4")],
        state.metrics.render(),
    )
        .into_response()
}
