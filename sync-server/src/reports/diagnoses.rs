//! The "Top diagnoses per week" report (disease surveillance): per clinic and ISO week, the `top`
//! ICD-10 codes diagnosed in the most encounters, with the number of distinct patients, from the
//! central `encounter_diagnoses` projection. Codes and counts only; no patient appears.
use super::html::{esc, message, no_such_clinic, page, table};
use super::session::AdminSession;
use crate::error::{ApiError, ApiResult};
use crate::state::AppState;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use serde::{Deserialize, Serialize};

/// Codes per clinic and week when `?top=` is not given, and the most one may ask for.
pub const DEFAULT_TOP: i64 = 10;
pub const MAX_TOP: i64 = 50;
pub const TABLE: &str = "top_diagnoses_per_week";

#[derive(Debug, Clone, Serialize)]
pub struct DiagnosisWeekRow {
    pub clinic_code: String,
    /// ISO week of the day the encounters started (UTC), e.g. `2026-W47`.
    pub week: String,
    /// 1 for the most frequent code of the clinic's week.
    pub rank: i64,
    /// ICD-10-CM code as listed, e.g. `J06.9`.
    pub code: String,
    pub title: String,
    /// Encounters of that week with this diagnosis.
    pub encounters: i64,
    /// Distinct patients among them.
    pub patients: i64,
}

/// `?top=`: absent means [`DEFAULT_TOP`]; anything but a whole number from 1 to [`MAX_TOP`] is
/// refused with the field's name.
pub fn parse_top(top: Option<&str>) -> ApiResult<i64> {
    let Some(text) = top else {
        return Ok(DEFAULT_TOP);
    };
    match text.trim().parse::<i64>() {
        Ok(n) if (1..=MAX_TOP).contains(&n) => Ok(n),
        _ => Err(ApiError::BadRequest {
            code: "invalid_top",
            message: format!("top: must be a whole number from 1 to {MAX_TOP}"),
            field: Some("top".into()),
        }),
    }
}

/// Ranked by encounters, then distinct patients, then code (so ties read the same every time).
pub async fn top_per_week(
    client: &tokio_postgres::Client,
    clinic: Option<&str>,
    top: i64,
) -> ApiResult<Vec<DiagnosisWeekRow>> {
    let rows = client
        .query(
            "WITH counts AS (
                SELECT clinic_id, to_char(day, 'IYYY-\"W\"IW') AS week, code, max(title) AS title,
                       count(*) AS encounters, count(DISTINCT patient_id) AS patients
                FROM encounter_diagnoses WHERE day IS NOT NULL GROUP BY 1, 2, 3),
             ranked AS (
                SELECT *, row_number() OVER (PARTITION BY clinic_id, week
                          ORDER BY encounters DESC, patients DESC, code) AS rank
                FROM counts)
             SELECT c.code, r.week, r.rank, r.code, r.title, r.encounters, r.patients
             FROM ranked r JOIN clinics c ON c.id = r.clinic_id
             WHERE r.rank <= $2 AND ($1::text IS NULL OR c.code = $1)
             ORDER BY 1, 2, 3",
            &[&clinic, &top],
        )
        .await?;
    Ok(rows
        .into_iter()
        .map(|r| DiagnosisWeekRow {
            clinic_code: r.get(0),
            week: r.get(1),
            rank: r.get(2),
            code: r.get(3),
            title: r.get(4),
            encounters: r.get(5),
            patients: r.get(6),
        })
        .collect())
}

pub fn html_table(rows: &[DiagnosisWeekRow]) -> String {
    let rows: Vec<_> = rows
        .iter()
        .map(|d| {
            (
                format!(" data-clinic=\"{}\"", esc(&d.clinic_code)),
                vec![
                    ("", esc(&d.clinic_code)),
                    ("", esc(&d.week)),
                    ("n", d.rank.to_string()),
                    ("", esc(&d.code)),
                    ("", esc(&d.title)),
                    ("n", d.encounters.to_string()),
                    ("n", d.patients.to_string()),
                ],
            )
        })
        .collect();
    table(
        TABLE,
        &[
            "Clinic",
            "ISO week",
            "Rank",
            "ICD-10 code",
            "Diagnosis",
            "Encounters",
            "Patients",
        ],
        &rows,
    )
}

pub fn csv_rows(rows: &[DiagnosisWeekRow]) -> Vec<Vec<String>> {
    let head = [
        "clinic_code",
        "week",
        "rank",
        "code",
        "title",
        "encounters",
        "patients",
    ];
    let mut out = vec![head.iter().map(|c| c.to_string()).collect()];
    out.extend(rows.iter().map(|d| {
        vec![
            d.clinic_code.clone(),
            d.week.clone(),
            d.rank.to_string(),
            d.code.clone(),
            d.title.clone(),
            d.encounters.to_string(),
            d.patients.to_string(),
        ]
    }));
    out
}

#[derive(Deserialize)]
pub struct ReportQuery {
    clinic: Option<String>,
    top: Option<String>,
}

/// `GET /admin/diagnoses[?clinic=CODE][&top=N]`: the report page, with its CSV and JSON.
pub async fn report_page(
    State(state): State<AppState>,
    admin: AdminSession,
    Query(q): Query<ReportQuery>,
) -> ApiResult<Response> {
    let top = match parse_top(q.top.as_deref()) {
        Ok(n) => n,
        Err(e) => {
            return Ok(message(
                StatusCode::BAD_REQUEST,
                "Invalid request",
                &e.to_string(),
            ))
        }
    };
    let client = state.pool.get().await?;
    let clinic = q.clinic.as_deref().filter(|c| !c.is_empty());
    let Some(title) = super::data::report_title(
        &client,
        clinic,
        "Top diagnoses per week",
        "Top diagnoses per week",
    )
    .await?
    else {
        return Ok(no_such_clinic());
    };
    let rows = top_per_week(&client, clinic, top).await?;
    let mut query = format!("?top={top}");
    let mut hidden = String::new();
    if let Some(c) = clinic {
        query.push_str(&format!("&amp;clinic={}", esc(c)));
        hidden = format!(
            "<input type=\"hidden\" name=\"clinic\" value=\"{}\">",
            esc(c)
        );
    }
    let body = format!(
        "<p>For each clinic and ISO week (UTC day the encounter started), the {top} ICD-10 \
         diagnoses recorded in the most encounters, with how many different patients they \
         concern. A diagnosis removed from an encounter is no longer counted.</p>\
         <form method=\"get\" action=\"/admin/diagnoses\">{hidden}\
         <label for=\"top\">Diagnoses per clinic and week (1–{MAX_TOP})</label>\
         <input id=\"top\" name=\"top\" type=\"number\" min=\"1\" max=\"{MAX_TOP}\" value=\"{top}\" autofocus>\
         <button type=\"submit\">Show</button></form>\
         <p class=\"exports\"><a class=\"csv\" data-table=\"{TABLE}\" href=\"/admin/reports/{TABLE}.csv{query}\">CSV</a>\
         <a class=\"json\" data-table=\"{TABLE}\" href=\"/admin/api/{TABLE}{query}\">JSON</a></p>{}",
        html_table(&rows)
    );
    Ok(Html(page(&title, Some((&admin.username, &admin.csrf)), &body)).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn top_defaults_to_ten_and_stays_within_one_to_fifty() {
        assert_eq!(parse_top(None).unwrap(), DEFAULT_TOP);
        assert_eq!(parse_top(Some("1")).unwrap(), 1);
        assert_eq!(parse_top(Some(" 50 ")).unwrap(), 50);
        for bad in ["0", "51", "-3", "ten", "", "2.5", "99999999999999999999"] {
            let e = parse_top(Some(bad)).unwrap_err();
            assert_eq!(e.status(), StatusCode::BAD_REQUEST, "{bad}");
            assert!(e.to_string().starts_with("top: "), "{bad}: {e}");
        }
    }
}
