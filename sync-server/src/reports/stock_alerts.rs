//! The "Stock alerts across clinics" report: for each clinic, the alerts its pharmacy screen
//! shows (batches below zero after a merge, expired batches still holding stock, batches expiring
//! within `EXPIRY_ALERT_DAYS`, drugs below `DEFAULT_REORDER_LEVEL` usable units), computed by the
//! same `clinic_domain::stock::alerts` rules from the central `stock_batches` projection.
use super::html::{esc, exports, no_such_clinic, page, table};
use super::session::AdminSession;
use crate::error::ApiResult;
use crate::state::AppState;
use axum::extract::{Query, State};
use axum::response::{Html, IntoResponse, Response};
use chrono::NaiveDate;
use clinic_domain::stock::EXPIRY_ALERT_DAYS;
use clinic_domain::stock::{alerts, BatchLevel, StockAlertKind, DEFAULT_REORDER_LEVEL};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub const TABLE: &str = "stock_alerts";

#[derive(Debug, Clone, Serialize)]
pub struct StockAlertRow {
    pub clinic_code: String,
    /// `negative`, `expired`, `expiring_soon` or `low_stock`.
    pub kind: &'static str,
    pub drug_id: String,
    pub drug_name: String,
    /// Empty for low stock (a whole drug, not one batch).
    pub batch_number: String,
    pub expiry: String,
    /// The batch's units on hand, or for low stock the drug's usable units.
    pub on_hand: i64,
}

pub fn kind_str(kind: StockAlertKind) -> &'static str {
    match kind {
        StockAlertKind::Negative => "negative",
        StockAlertKind::Expired => "expired",
        StockAlertKind::ExpiringSoon => "expiring_soon",
        StockAlertKind::LowStock => "low_stock",
    }
}

fn kind_label(kind: &str) -> &'static str {
    match kind {
        "negative" => "Below zero",
        "expired" => "Expired, still in stock",
        "expiring_soon" => "Expiring soon",
        _ => "Low stock",
    }
}

/// Every clinic's alerts on `today`, by clinic, then as the pharmacy lists them.
pub async fn stock_alerts(
    client: &tokio_postgres::Client,
    clinic: Option<&str>,
    today: NaiveDate,
) -> ApiResult<Vec<StockAlertRow>> {
    let rows = client
        .query(
            "SELECT c.code, s.id::text, s.drug_id, s.drug_name, s.batch_number, s.expiry,
                    s.supplier, s.received_quantity, s.on_hand
             FROM stock_batches s JOIN clinics c ON c.id = s.clinic_id
             WHERE $1::text IS NULL OR c.code = $1
             ORDER BY c.code, s.id",
            &[&clinic],
        )
        .await?;
    let mut per_clinic: BTreeMap<String, Vec<BatchLevel>> = BTreeMap::new();
    for r in rows {
        per_clinic.entry(r.get(0)).or_default().push(BatchLevel {
            batch_id: r.get(1),
            drug_id: r.get(2),
            drug_name: r.get(3),
            batch_number: r.get(4),
            expiry: r.get(5),
            supplier: r.get(6),
            received_quantity: r.get(7),
            on_hand: r.get(8),
        });
    }
    Ok(per_clinic
        .into_iter()
        .flat_map(|(code, levels)| {
            alerts(&levels, today)
                .into_iter()
                .map(move |a| StockAlertRow {
                    clinic_code: code.clone(),
                    kind: kind_str(a.kind),
                    drug_id: a.drug_id,
                    drug_name: a.drug_name,
                    batch_number: a.batch_number,
                    expiry: a.expiry,
                    on_hand: a.on_hand,
                })
        })
        .collect())
}

pub fn html_table(rows: &[StockAlertRow]) -> String {
    let rows: Vec<_> = rows
        .iter()
        .map(|a| {
            (
                format!(
                    " data-clinic=\"{}\" data-kind=\"{}\"",
                    esc(&a.clinic_code),
                    a.kind
                ),
                vec![
                    ("", esc(&a.clinic_code)),
                    ("", kind_label(a.kind).to_string()),
                    ("", esc(&a.drug_name)),
                    ("", esc(&a.batch_number)),
                    ("", esc(&a.expiry)),
                    ("n", a.on_hand.to_string()),
                ],
            )
        })
        .collect();
    table(
        TABLE,
        &["Clinic", "Alert", "Drug", "Batch", "Expiry", "On hand"],
        &rows,
    )
}

pub fn csv_rows(rows: &[StockAlertRow]) -> Vec<Vec<String>> {
    let head = [
        "clinic_code",
        "kind",
        "drug_id",
        "drug_name",
        "batch_number",
        "expiry",
        "on_hand",
    ];
    let mut out = vec![head.iter().map(|c| c.to_string()).collect()];
    out.extend(rows.iter().map(|a| {
        vec![
            a.clinic_code.clone(),
            a.kind.to_string(),
            a.drug_id.clone(),
            a.drug_name.clone(),
            a.batch_number.clone(),
            a.expiry.clone(),
            a.on_hand.to_string(),
        ]
    }));
    out
}

#[derive(Deserialize)]
pub struct AlertsQuery {
    clinic: Option<String>,
}

/// `GET /admin/stock[?clinic=CODE]`: the report page, with its CSV and JSON.
pub async fn report_page(
    State(state): State<AppState>,
    admin: AdminSession,
    Query(q): Query<AlertsQuery>,
) -> ApiResult<Response> {
    let client = state.pool.get().await?;
    let clinic = q.clinic.as_deref().filter(|c| !c.is_empty());
    let Some(title) = super::data::report_title(
        &client,
        clinic,
        "Stock alerts",
        "Stock alerts across clinics",
    )
    .await?
    else {
        return Ok(no_such_clinic());
    };
    let today = chrono::Utc::now().date_naive();
    let rows = stock_alerts(&client, clinic, today).await?;
    let body = format!(
        "<p>As of {today} (UTC): batches below zero after two PCs dispensed them offline, expired \
         batches still holding stock, batches expiring within {EXPIRY_ALERT_DAYS} days, and drugs \
         with fewer than {DEFAULT_REORDER_LEVEL} usable units, as each clinic's pharmacy sees them \
         after its last sync.</p>\
         {}{}",
        exports(TABLE, clinic),
        html_table(&rows)
    );
    Ok(Html(page(&title, Some((&admin.username, &admin.csrf)), &body)).into_response())
}
