//! The "Visits and revenue" report: per clinic and ISO week, visits seen, no-shows, and what was
//! invoiced and collected, from the central `appointments` and `invoices` projections. Counts and
//! sums only; no patient appears.
use super::html::{esc, table};
use crate::error::ApiResult;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct ActivityRow {
    pub clinic_code: String,
    /// ISO week of the appointment's day / the invoice's issue day, e.g. `2026-W47`.
    pub week: String,
    /// Appointments and walk-ins that were checked in (checked in, with the clinician or done).
    pub visits: i64,
    pub no_shows: i64,
    /// Currency of the amounts (empty in a week with visits and no invoice).
    pub currency: String,
    /// Total of the invoices issued that week and not voided, in minor units.
    pub invoiced: i64,
    /// Paid so far (net of refunds) on those invoices, in minor units.
    pub collected: i64,
}

pub async fn visits_revenue_per_week(
    client: &tokio_postgres::Client,
    clinic: Option<&str>,
) -> ApiResult<Vec<ActivityRow>> {
    let rows = client
        .query(
            "WITH v AS (
                SELECT clinic_id, to_char(day, 'IYYY-\"W\"IW') AS week,
                       count(*) FILTER (WHERE status IN ('checked_in', 'with_clinician', 'done')) AS visits,
                       count(*) FILTER (WHERE status = 'no_show') AS no_shows
                FROM appointments WHERE day IS NOT NULL GROUP BY 1, 2),
             r AS (
                SELECT clinic_id, to_char(issued_day, 'IYYY-\"W\"IW') AS week, currency,
                       sum(total)::int8 AS invoiced, sum(paid)::int8 AS collected
                FROM invoices WHERE status = 'issued' AND issued_day IS NOT NULL GROUP BY 1, 2, 3)
             SELECT c.code, coalesce(v.week, r.week), coalesce(v.visits, 0), coalesce(v.no_shows, 0),
                    coalesce(r.currency, ''), coalesce(r.invoiced, 0), coalesce(r.collected, 0)
             FROM v FULL JOIN r ON r.clinic_id = v.clinic_id AND r.week = v.week
             JOIN clinics c ON c.id = coalesce(v.clinic_id, r.clinic_id)
             WHERE ($1::text IS NULL OR c.code = $1)
             ORDER BY 1, 2, 5",
            &[&clinic],
        )
        .await?;
    Ok(rows
        .into_iter()
        .map(|r| ActivityRow {
            clinic_code: r.get(0),
            week: r.get(1),
            visits: r.get(2),
            no_shows: r.get(3),
            currency: r.get(4),
            invoiced: r.get(5),
            collected: r.get(6),
        })
        .collect())
}

/// Minor units as a plain decimal amount with two places (`1250050` → `12500.50`).
pub fn amount(minor: i64) -> String {
    let sign = if minor < 0 { "-" } else { "" };
    let abs = minor.unsigned_abs();
    format!("{sign}{}.{:02}", abs / 100, abs % 100)
}

pub fn html_table(rows: &[ActivityRow]) -> String {
    let rows: Vec<_> = rows
        .iter()
        .map(|a| {
            (
                String::new(),
                vec![
                    ("", esc(&a.clinic_code)),
                    ("", esc(&a.week)),
                    ("n", a.visits.to_string()),
                    ("n", a.no_shows.to_string()),
                    ("", esc(&a.currency)),
                    ("n", amount(a.invoiced)),
                    ("n", amount(a.collected)),
                ],
            )
        })
        .collect();
    table(
        "visits_revenue_per_week",
        &[
            "Clinic",
            "ISO week",
            "Visits",
            "No-shows",
            "Currency",
            "Invoiced",
            "Collected",
        ],
        &rows,
    )
}

pub fn csv_rows(rows: &[ActivityRow]) -> Vec<Vec<String>> {
    let mut out = vec![[
        "clinic_code",
        "week",
        "visits",
        "no_shows",
        "currency",
        "invoiced_minor",
        "collected_minor",
    ]
    .iter()
    .map(|c| c.to_string())
    .collect()];
    out.extend(rows.iter().map(|a| {
        vec![
            a.clinic_code.clone(),
            a.week.clone(),
            a.visits.to_string(),
            a.no_shows.to_string(),
            a.currency.clone(),
            a.invoiced.to_string(),
            a.collected.to_string(),
        ]
    }));
    out
}

#[cfg(test)]
mod tests {
    use super::amount;

    #[test]
    fn amounts_print_with_two_places() {
        assert_eq!(amount(1_250_050), "12500.50");
        assert_eq!(amount(5), "0.05");
        assert_eq!(amount(0), "0.00");
        assert_eq!(amount(-1_999), "-19.99");
    }
}
