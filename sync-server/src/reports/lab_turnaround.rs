//! The "Lab turnaround time" report: per clinic, ISO week and priority, the orders validated that
//! week (UTC week of their FIRST validation) with the median and 90th percentile of minutes from
//! order to validation and from receipt in the lab to validation, plus the orders placed that week
//! still not validated more than 24 hours after ordering. Cancelled orders are left out. From the
//! central `lab_orders` projection: times and counts only, no patient and no result.
use super::html::{esc, exports, no_such_clinic, page, table};
use super::session::AdminSession;
use crate::error::ApiResult;
use crate::state::AppState;
use axum::extract::{Query, State};
use axum::response::{Html, IntoResponse, Response};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

pub const TABLE: &str = "lab_turnaround";

#[derive(Debug, Clone, Serialize)]
pub struct LabTurnaroundRow {
    pub clinic_code: String,
    /// ISO week (UTC), e.g. `2026-W45`: of the first validation for the validated orders, of the
    /// order for the pending ones.
    pub week: String,
    /// `routine` or `urgent`.
    pub priority: String,
    /// Orders first validated that week.
    pub validated: i64,
    /// Minutes, interpolated percentiles rounded to 0.1; none when nothing was validated.
    pub median_order_to_validated_min: Option<f64>,
    pub p90_order_to_validated_min: Option<f64>,
    pub median_received_to_validated_min: Option<f64>,
    pub p90_received_to_validated_min: Option<f64>,
    /// Orders placed that week, neither validated nor cancelled, older than 24 hours at `now`.
    pub pending_over_24h: i64,
}

/// Every clinic's rows (or one clinic's), by clinic, week and priority.
pub async fn lab_turnaround(
    client: &tokio_postgres::Client,
    clinic: Option<&str>,
    now: DateTime<Utc>,
) -> ApiResult<Vec<LabTurnaroundRow>> {
    let rows = client
        .query(
            "WITH done AS (
                SELECT clinic_id, to_char(validated_at AT TIME ZONE 'UTC', 'IYYY-\"W\"IW') AS week,
                       priority,
                       extract(epoch FROM validated_at - ordered_at)::float8 / 60 AS ov,
                       extract(epoch FROM validated_at - received_at)::float8 / 60 AS rv
                FROM lab_orders WHERE status <> 'cancelled' AND validated_at IS NOT NULL),
             stats AS (
                SELECT clinic_id, week, priority, count(*) AS validated,
                       percentile_cont(0.5) WITHIN GROUP (ORDER BY ov) AS ov50,
                       percentile_cont(0.9) WITHIN GROUP (ORDER BY ov) AS ov90,
                       percentile_cont(0.5) WITHIN GROUP (ORDER BY rv) AS rv50,
                       percentile_cont(0.9) WITHIN GROUP (ORDER BY rv) AS rv90
                FROM done GROUP BY 1, 2, 3),
             pending AS (
                SELECT clinic_id, to_char(ordered_at AT TIME ZONE 'UTC', 'IYYY-\"W\"IW') AS week,
                       priority, count(*) AS pending
                FROM lab_orders
                WHERE status NOT IN ('cancelled', 'validated') AND validated_at IS NULL
                  AND ordered_at < $2::timestamptz - interval '24 hours'
                GROUP BY 1, 2, 3)
             SELECT c.code, x.week, x.priority, coalesce(x.validated, 0),
                    round(x.ov50::numeric, 1)::float8, round(x.ov90::numeric, 1)::float8,
                    round(x.rv50::numeric, 1)::float8, round(x.rv90::numeric, 1)::float8,
                    coalesce(x.pending, 0)
             FROM (SELECT * FROM stats FULL JOIN pending USING (clinic_id, week, priority)) x
             JOIN clinics c ON c.id = x.clinic_id
             WHERE $1::text IS NULL OR c.code = $1
             ORDER BY 1, 2, 3",
            &[&clinic, &now],
        )
        .await?;
    Ok(rows
        .into_iter()
        .map(|r| LabTurnaroundRow {
            clinic_code: r.get(0),
            week: r.get(1),
            priority: r.get(2),
            validated: r.get(3),
            median_order_to_validated_min: r.get(4),
            p90_order_to_validated_min: r.get(5),
            median_received_to_validated_min: r.get(6),
            p90_received_to_validated_min: r.get(7),
            pending_over_24h: r.get(8),
        })
        .collect())
}

fn minutes(v: Option<f64>) -> String {
    v.map(|m| format!("{m:.1}")).unwrap_or_default()
}

const HEADERS: [&str; 9] = [
    "Clinic",
    "ISO week",
    "Priority",
    "Validated",
    "Median order → validated (min)",
    "90th pct order → validated (min)",
    "Median received → validated (min)",
    "90th pct received → validated (min)",
    "Pending > 24 h",
];

pub fn html_table(rows: &[LabTurnaroundRow]) -> String {
    let rows: Vec<_> = rows
        .iter()
        .map(|r| {
            (
                format!(" data-clinic=\"{}\"", esc(&r.clinic_code)),
                vec![
                    ("", esc(&r.clinic_code)),
                    ("", esc(&r.week)),
                    ("", esc(&r.priority)),
                    ("n", r.validated.to_string()),
                    ("n", minutes(r.median_order_to_validated_min)),
                    ("n", minutes(r.p90_order_to_validated_min)),
                    ("n", minutes(r.median_received_to_validated_min)),
                    ("n", minutes(r.p90_received_to_validated_min)),
                    ("n", r.pending_over_24h.to_string()),
                ],
            )
        })
        .collect();
    table(TABLE, &HEADERS, &rows)
}

pub fn csv_rows(rows: &[LabTurnaroundRow]) -> Vec<Vec<String>> {
    let head = [
        "clinic_code",
        "week",
        "priority",
        "validated",
        "median_order_to_validated_min",
        "p90_order_to_validated_min",
        "median_received_to_validated_min",
        "p90_received_to_validated_min",
        "pending_over_24h",
    ];
    let mut out = vec![head.iter().map(|c| c.to_string()).collect()];
    out.extend(rows.iter().map(|r| {
        vec![
            r.clinic_code.clone(),
            r.week.clone(),
            r.priority.clone(),
            r.validated.to_string(),
            minutes(r.median_order_to_validated_min),
            minutes(r.p90_order_to_validated_min),
            minutes(r.median_received_to_validated_min),
            minutes(r.p90_received_to_validated_min),
            r.pending_over_24h.to_string(),
        ]
    }));
    out
}

#[derive(Deserialize)]
pub struct LabQuery {
    clinic: Option<String>,
}

/// `GET /admin/lab[?clinic=CODE]`: the report page, with its CSV and JSON.
pub async fn report_page(
    State(state): State<AppState>,
    admin: AdminSession,
    Query(q): Query<LabQuery>,
) -> ApiResult<Response> {
    let client = state.pool.get().await?;
    let clinic = q.clinic.as_deref().filter(|c| !c.is_empty());
    let Some(title) = super::data::report_title(
        &client,
        clinic,
        "Lab turnaround time",
        "Lab turnaround time",
    )
    .await?
    else {
        return Ok(no_such_clinic());
    };
    let rows = lab_turnaround(&client, clinic, Utc::now()).await?;
    let body = format!(
        "<p>For each clinic, ISO week (UTC) and priority: the lab orders first validated that \
         week, with the median and 90th percentile of the minutes from order to validation and \
         from receipt of the sample in the lab to validation. A result amended later keeps its \
         first validation; cancelled orders are left out. “Pending &gt; 24 h” counts the orders \
         placed that week that are still not validated more than 24 hours after ordering.</p>\
         {}{}",
        exports(TABLE, clinic),
        html_table(&rows)
    );
    Ok(Html(page(&title, Some((&admin.username, &admin.csrf)), &body)).into_response())
}
