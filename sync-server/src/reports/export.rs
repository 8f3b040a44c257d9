//! Every report table as CSV (`/admin/reports/{table}.csv`) and JSON (`/admin/api/{table}`), for
//! all clinics or one (`?clinic=CODE`). Read-only GETs behind the same session cookie.
use super::data::{self, ClinicRow, DeviceRow, RejectedRow, WeekRow};
use super::session::AdminSession;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::{DateTime, SecondsFormat, Utc};
use clinic_domain::patient_number::valid_clinic_code;
use serde::Deserialize;
use std::collections::BTreeSet;

pub const TABLES: &[&str] = &[
    "clinics",
    "devices",
    "rejected",
    "patients_per_week",
    "visits_revenue_per_week",
    super::diagnoses::TABLE,
    super::stock_alerts::TABLE,
    super::lab_turnaround::TABLE,
];

#[derive(Deserialize)]
pub struct Filter {
    clinic: Option<String>,
    /// Codes per clinic and week of the diagnoses report (1–50, default 10).
    top: Option<String>,
}

enum Table {
    Clinics(Vec<ClinicRow>),
    Devices(Vec<DeviceRow>),
    Rejected(Vec<RejectedRow>),
    Weeks(Vec<WeekRow>),
    Activity(Vec<super::activity::ActivityRow>),
    Diagnoses(Vec<super::diagnoses::DiagnosisWeekRow>),
    StockAlerts(Vec<super::stock_alerts::StockAlertRow>),
    LabTurnaround(Vec<super::lab_turnaround::LabTurnaroundRow>),
}

async fn load(state: &AppState, table: &str, filter: &Filter) -> ApiResult<Table> {
    let clinic = filter.clinic.as_deref();
    let client = state.pool.get().await?;
    Ok(match table {
        "clinics" => Table::Clinics(data::clinics(&client, clinic).await?),
        "devices" => Table::Devices(data::devices(&client, clinic).await?),
        "rejected" => Table::Rejected(data::rejected(&client, clinic, i64::MAX).await?),
        "patients_per_week" => Table::Weeks(data::patients_per_week(&client, clinic).await?),
        "visits_revenue_per_week" => {
            Table::Activity(super::activity::visits_revenue_per_week(&client, clinic).await?)
        }
        super::diagnoses::TABLE => {
            let top = super::diagnoses::parse_top(filter.top.as_deref())?;
            Table::Diagnoses(super::diagnoses::top_per_week(&client, clinic, top).await?)
        }
        super::stock_alerts::TABLE => {
            let today = Utc::now().date_naive();
            Table::StockAlerts(super::stock_alerts::stock_alerts(&client, clinic, today).await?)
        }
        super::lab_turnaround::TABLE => Table::LabTurnaround(
            super::lab_turnaround::lab_turnaround(&client, clinic, Utc::now()).await?,
        ),
        _ => {
            return Err(ApiError::not_found(
                "no_such_table",
                format!("tables: {}", TABLES.join(", ")),
            ))
        }
    })
}

pub async fn json(
    State(state): State<AppState>,
    _admin: AdminSession,
    Path(table): Path<String>,
    Query(filter): Query<Filter>,
) -> ApiResult<Response> {
    Ok(match load(&state, &table, &filter).await? {
        Table::Clinics(rows) => Json(rows).into_response(),
        Table::Devices(rows) => Json(rows).into_response(),
        Table::Rejected(rows) => Json(rows).into_response(),
        Table::Weeks(rows) => Json(rows).into_response(),
        Table::Activity(rows) => Json(rows).into_response(),
        Table::Diagnoses(rows) => Json(rows).into_response(),
        Table::StockAlerts(rows) => Json(rows).into_response(),
        Table::LabTurnaround(rows) => Json(rows).into_response(),
    })
}

pub async fn csv(
    State(state): State<AppState>,
    _admin: AdminSession,
    Path(file): Path<String>,
    Query(filter): Query<Filter>,
) -> ApiResult<Response> {
    let Some(table) = file.strip_suffix(".csv") else {
        return Err(ApiError::not_found("no_such_table", "reports end in .csv"));
    };
    let clinic = filter.clinic.as_deref();
    let rows = match load(&state, table, &filter).await? {
        Table::Clinics(rows) => clinics_csv(&rows),
        Table::Devices(rows) => devices_csv(&rows),
        Table::Rejected(rows) => rejected_csv(&rows),
        Table::Weeks(rows) => weeks_csv(&rows),
        Table::Activity(rows) => super::activity::csv_rows(&rows)
            .into_iter()
            .map(|r| r.iter().map(|c| text(c)).collect())
            .collect(),
        Table::Diagnoses(rows) => super::diagnoses::csv_rows(&rows)
            .into_iter()
            .map(|r| r.iter().map(|c| text(c)).collect())
            .collect(),
        Table::StockAlerts(rows) => super::stock_alerts::csv_rows(&rows)
            .into_iter()
            .map(|r| r.iter().map(|c| text(c)).collect())
            .collect(),
        Table::LabTurnaround(rows) => super::lab_turnaround::csv_rows(&rows)
            .into_iter()
            .map(|r| r.iter().map(|c| text(c)).collect())
            .collect(),
    };
    let body = write(rows).map_err(|e| ApiError::Internal(anyhow::anyhow!("csv: {e}")))?;
    let name = match clinic.filter(|c| valid_clinic_code(c)) {
        Some(c) => format!("{table}-{c}.csv"),
        None => format!("{table}.csv"),
    };
    let disposition = HeaderValue::from_str(&format!("attachment; filename=\"{name}\""))
        .map_err(|e| ApiError::Internal(anyhow::anyhow!("file name: {e}")))?;
    Ok((
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/csv; charset=utf-8"),
            ),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        body,
    )
        .into_response())
}

/// Text cells that a spreadsheet would read as a formula get a leading `'`.
fn text(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    }
}

fn time(t: Option<DateTime<Utc>>) -> String {
    t.map(|t| t.to_rfc3339_opts(SecondsFormat::Secs, true))
        .unwrap_or_default()
}

fn opt(v: Option<i64>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

fn write(rows: Vec<Vec<String>>) -> Result<Vec<u8>, csv::Error> {
    let mut w = csv::Writer::from_writer(Vec::new());
    for r in rows {
        w.write_record(&r)?;
    }
    w.into_inner()
        .map_err(|e| csv::Error::from(std::io::Error::other(e.to_string())))
}

fn header(cols: &[&str]) -> Vec<String> {
    cols.iter().map(|c| c.to_string()).collect()
}

fn clinics_csv(rows: &[ClinicRow]) -> Vec<Vec<String>> {
    let kinds: BTreeSet<&String> = rows.iter().flat_map(|c| c.records.keys()).collect();
    let mut head = header(&[
        "code",
        "name",
        "head_seq",
        "active_devices",
        "revoked_devices",
        "last_sync",
        "seconds_since_sync",
        "max_lag",
        "pending",
        "rejected",
        "open_issues",
        "records_total",
    ]);
    head.extend(kinds.iter().map(|k| format!("records_{k}")));
    head.extend(header(&["behind", "reasons"]));
    let mut out = vec![head];
    for c in rows {
        let mut r = vec![
            text(&c.code),
            text(&c.name),
            c.head_seq.to_string(),
            c.active_devices.to_string(),
            c.revoked_devices.to_string(),
            time(c.last_sync),
            opt(c.seconds_since_sync),
            c.max_lag.to_string(),
            c.pending.to_string(),
            c.rejected.to_string(),
            c.open_issues.to_string(),
            c.records_total.to_string(),
        ];
        r.extend(
            kinds
                .iter()
                .map(|k| c.records.get(*k).copied().unwrap_or(0).to_string()),
        );
        r.push(c.behind.to_string());
        r.push(text(&c.reasons.join(" ")));
        out.push(r);
    }
    out
}

fn devices_csv(rows: &[DeviceRow]) -> Vec<Vec<String>> {
    let mut out = vec![header(&[
        "clinic_code",
        "device_id",
        "code",
        "name",
        "revoked",
        "enrolled_at",
        "last_push_at",
        "last_pull_at",
        "last_sync",
        "seconds_since_sync",
        "last_pulled_seq",
        "lag",
        "pending_after",
        "applied",
        "rejected",
    ])];
    out.extend(rows.iter().map(|d| {
        vec![
            text(&d.clinic_code),
            d.device_id.to_string(),
            text(&d.code),
            text(&d.name),
            d.revoked.to_string(),
            time(Some(d.enrolled_at)),
            time(d.last_push_at),
            time(d.last_pull_at),
            time(d.last_sync),
            opt(d.seconds_since_sync),
            d.last_pulled_seq.to_string(),
            d.lag.to_string(),
            d.pending_after.to_string(),
            d.applied.to_string(),
            d.rejected.to_string(),
        ]
    }));
    out
}

fn rejected_csv(rows: &[RejectedRow]) -> Vec<Vec<String>> {
    let mut out = vec![header(&[
        "received_at",
        "clinic_code",
        "device_code",
        "device_name",
        "local_seq",
        "record_id",
        "kind",
        "reason",
    ])];
    out.extend(rows.iter().map(|r| {
        vec![
            time(Some(r.received_at)),
            text(&r.clinic_code),
            text(r.device_code.as_deref().unwrap_or("")),
            text(r.device_name.as_deref().unwrap_or("")),
            r.local_seq.to_string(),
            r.record_id.to_string(),
            text(&r.kind),
            text(&r.reason),
        ]
    }));
    out
}

fn weeks_csv(rows: &[WeekRow]) -> Vec<Vec<String>> {
    let mut out = vec![header(&["clinic_code", "week", "patients"])];
    out.extend(
        rows.iter()
            .map(|w| vec![text(&w.clinic_code), text(&w.week), w.patients.to_string()]),
    );
    out
}
