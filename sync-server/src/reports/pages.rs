//! `GET /admin` (every clinic) and `GET /admin/clinics/{code}` (one clinic).
use super::data::{self, ClinicRow, DeviceRow, RejectedRow, WeekRow};
use super::html::{esc, exports, no_such_clinic, page, table, when};
use super::session::AdminSession;
use crate::error::ApiResult;
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::response::{Html, IntoResponse, Response};
use std::collections::BTreeSet;

/// Rejected changes shown on a page (the CSV and JSON have them all).
const REJECTED_ON_PAGE: i64 = 200;

fn n(v: i64) -> (&'static str, String) {
    ("n", v.to_string())
}

fn clinics_table(clinics: &[ClinicRow]) -> String {
    let kinds: BTreeSet<&str> = clinics
        .iter()
        .flat_map(|c| c.records.keys().map(String::as_str))
        .collect();
    let mut headers = vec![
        "Clinic",
        "Name",
        "State",
        "PCs",
        "Last sync",
        "Largest lag (changes)",
        "Pending on PCs",
        "Rejected",
        "Open sync issues",
    ];
    let kind_headers: Vec<String> = kinds.iter().map(|k| format!("Records: {k}")).collect();
    headers.extend(kind_headers.iter().map(String::as_str));
    let rows: Vec<_> = clinics
        .iter()
        .map(|c| {
            let attrs = format!(
                " data-clinic=\"{}\"{}",
                esc(&c.code),
                if c.behind { " class=\"behind\"" } else { "" }
            );
            let state = if c.behind {
                (
                    "reasons",
                    c.reasons
                        .iter()
                        .map(|r| esc(r))
                        .collect::<Vec<_>>()
                        .join("<br>"),
                )
            } else {
                ("ok", "Up to date".into())
            };
            let mut cells = vec![
                (
                    "",
                    format!("<a href=\"/admin/clinics/{c}\">{c}</a>", c = esc(&c.code)),
                ),
                ("", esc(&c.name)),
                state,
                (
                    "n",
                    format!(
                        "{}{}",
                        c.active_devices,
                        if c.revoked_devices > 0 {
                            format!(" (+{} revoked)", c.revoked_devices)
                        } else {
                            String::new()
                        }
                    ),
                ),
                ("", esc(&when(c.last_sync))),
                n(c.max_lag),
                n(c.pending),
                n(c.rejected),
                n(c.open_issues),
            ];
            for k in &kinds {
                cells.push(n(c.records.get(*k).copied().unwrap_or(0)));
            }
            (attrs, cells)
        })
        .collect();
    table("clinics", &headers, &rows)
}

fn devices_table(devices: &[DeviceRow]) -> String {
    let rows: Vec<_> = devices
        .iter()
        .map(|d| {
            let attrs = format!(" data-device=\"{}\"", d.device_id);
            let status = if d.revoked { "revoked" } else { "active" };
            let cells = vec![
                ("", esc(&d.clinic_code)),
                ("", esc(&d.code)),
                ("", esc(&d.name)),
                ("", status.to_string()),
                ("", esc(&when(d.last_sync))),
                ("", esc(&when(d.last_push_at))),
                ("", esc(&when(d.last_pull_at))),
                n(d.lag),
                n(d.pending_after),
                n(d.applied),
                n(d.rejected),
            ];
            (attrs, cells)
        })
        .collect();
    table(
        "devices",
        &[
            "Clinic",
            "PC",
            "Name",
            "Status",
            "Last sync",
            "Last push",
            "Last pull",
            "Lag (changes to fetch)",
            "Pending on the PC",
            "Applied",
            "Rejected",
        ],
        &rows,
    )
}

fn rejected_table(rejected: &[RejectedRow]) -> String {
    let rows: Vec<_> = rejected
        .iter()
        .map(|r| {
            let pc = match (&r.device_code, &r.device_name) {
                (Some(c), Some(name)) => format!("{} ({})", esc(c), esc(name)),
                _ => "unknown".into(),
            };
            let cells = vec![
                (
                    "",
                    esc(&r.received_at.format("%Y-%m-%d %H:%M UTC").to_string()),
                ),
                ("", esc(&r.clinic_code)),
                ("", pc),
                n(r.local_seq),
                ("", esc(&r.kind)),
                ("", r.record_id.to_string()),
                ("", esc(&r.reason)),
            ];
            (String::new(), cells)
        })
        .collect();
    table(
        "rejected",
        &[
            "Received",
            "Clinic",
            "PC",
            "PC change #",
            "Kind",
            "Record",
            "Reason",
        ],
        &rows,
    )
}

fn weeks_table(weeks: &[WeekRow]) -> String {
    let rows: Vec<_> = weeks
        .iter()
        .map(|w| {
            (
                String::new(),
                vec![("", esc(&w.clinic_code)), ("", esc(&w.week)), n(w.patients)],
            )
        })
        .collect();
    table(
        "patients_per_week",
        &["Clinic", "ISO week", "Patients registered"],
        &rows,
    )
}

fn sections(
    clinic: Option<&str>,
    devices: &[DeviceRow],
    rejected: &[RejectedRow],
    weeks: &[WeekRow],
    activity: &[super::activity::ActivityRow],
) -> String {
    format!(
        "<h2>PCs</h2>{}{}\
         <h2>Rejected changes (newest first)</h2>{}{}\
         <h2>Patients registered per week</h2>\
         <p>Counted by the ISO week (UTC) the server first received each patient; deleted patients are left out.</p>{}{}\
         <h2>Visits and revenue per week</h2>\
         <p>Visits are appointments and walk-ins that were checked in, by the week of their day; amounts are the invoices issued that week (voided ones left out) and what has been paid on them, net of refunds.</p>{}{}",
        exports("devices", clinic),
        devices_table(devices),
        exports("rejected", clinic),
        rejected_table(rejected),
        exports("patients_per_week", clinic),
        weeks_table(weeks),
        exports("visits_revenue_per_week", clinic),
        super::activity::html_table(activity),
    )
}

pub async fn overview(State(state): State<AppState>, admin: AdminSession) -> ApiResult<Response> {
    let client = state.pool.get().await?;
    let clinics = data::clinics(&client, None).await?;
    let devices = data::devices(&client, None).await?;
    let rejected = data::rejected(&client, None, REJECTED_ON_PAGE).await?;
    let weeks = data::patients_per_week(&client, None).await?;
    let activity = super::activity::visits_revenue_per_week(&client, None).await?;
    let behind = clinics.iter().filter(|c| c.behind).count();
    let summary = if behind == 0 {
        format!(
            "<p class=\"ok\" id=\"summary\">All {} clinics are up to date.</p>",
            clinics.len()
        )
    } else {
        format!(
            "<p class=\"error\" id=\"summary\">{behind} of {} clinics need attention (highlighted).</p>",
            clinics.len()
        )
    };
    let body = format!(
        "{summary}<h2>Reports</h2><ul id=\"reports\"><li><a href=\"/admin/diagnoses\">Top diagnoses per week</a> \
         (disease surveillance, every clinic)</li>\
         <li><a href=\"/admin/stock\">Stock alerts across clinics</a></li>\
         <li><a href=\"/admin/lab\">Lab turnaround time</a></li></ul><h2>Clinics</h2>{}{}{}",
        exports("clinics", None),
        clinics_table(&clinics),
        sections(None, &devices, &rejected, &weeks, &activity)
    );
    Ok(Html(page("Clinics", Some((&admin.username, &admin.csrf)), &body)).into_response())
}

pub async fn clinic(
    State(state): State<AppState>,
    admin: AdminSession,
    Path(code): Path<String>,
) -> ApiResult<Response> {
    let client = state.pool.get().await?;
    let clinics = data::clinics(&client, Some(&code)).await?;
    let Some(c) = clinics.first() else {
        return Ok(no_such_clinic());
    };
    let devices = data::devices(&client, Some(&code)).await?;
    let rejected = data::rejected(&client, Some(&code), REJECTED_ON_PAGE).await?;
    let weeks = data::patients_per_week(&client, Some(&code)).await?;
    let activity = super::activity::visits_revenue_per_week(&client, Some(&code)).await?;
    let body = format!(
        "<p><a href=\"/admin/diagnoses?clinic={}\">Top diagnoses per week</a> · \
         <a href=\"/admin/stock?clinic={}\">Stock alerts</a> · \
         <a href=\"/admin/lab?clinic={}\">Lab turnaround time</a></p>{}{}{}",
        esc(&c.code),
        esc(&c.code),
        esc(&c.code),
        exports("clinics", Some(&c.code)),
        clinics_table(&clinics),
        sections(Some(&c.code), &devices, &rejected, &weeks, &activity)
    );
    let title = format!("Clinic {} — {}", c.code, c.name);
    Ok(Html(page(&title, Some((&admin.username, &admin.csrf)), &body)).into_response())
}
