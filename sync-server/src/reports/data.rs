//! The report tables, read from the central database. Counts and sync state only: no patient
//! names or other patient fields ever leave these queries.
use super::html::ago;
use crate::error::ApiResult;
use chrono::{DateTime, Duration, Utc};
use serde::Serialize;
use std::collections::BTreeMap;
use uuid::Uuid;

/// No sync for longer than this: the clinic is behind.
const STALE_SYNC_HOURS: i64 = 24;
/// A PC with changes to fetch that has not fetched for longer than this: the clinic is behind.
const STALE_PULL_HOURS: i64 = 1;

#[derive(Debug, Clone, Serialize)]
pub struct ClinicRow {
    pub code: String,
    pub name: String,
    pub head_seq: i64,
    pub active_devices: i64,
    pub revoked_devices: i64,
    pub last_sync: Option<DateTime<Utc>>,
    pub seconds_since_sync: Option<i64>,
    /// The largest lag of an active PC: changes of the clinic it has not fetched yet.
    pub max_lag: i64,
    /// Changes the PCs reported as still waiting to go up.
    pub pending: i64,
    pub rejected: i64,
    /// Sync issues (concurrent edits, likely duplicates) no one has resolved or dismissed yet.
    pub open_issues: i64,
    pub records_total: i64,
    pub records: BTreeMap<String, i64>,
    pub behind: bool,
    pub reasons: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DeviceRow {
    pub clinic_code: String,
    pub device_id: Uuid,
    pub code: String,
    pub name: String,
    pub revoked: bool,
    pub enrolled_at: DateTime<Utc>,
    pub last_push_at: Option<DateTime<Utc>>,
    pub last_pull_at: Option<DateTime<Utc>>,
    pub last_sync: Option<DateTime<Utc>>,
    pub seconds_since_sync: Option<i64>,
    pub last_pulled_seq: i64,
    pub lag: i64,
    pub pending_after: i64,
    pub applied: i64,
    pub rejected: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct RejectedRow {
    pub clinic_code: String,
    pub device_code: Option<String>,
    pub device_name: Option<String>,
    pub local_seq: i64,
    pub record_id: Uuid,
    pub kind: String,
    pub reason: String,
    pub received_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize)]
pub struct WeekRow {
    pub clinic_code: String,
    /// ISO week, e.g. `2026-W47` (UTC).
    pub week: String,
    pub patients: i64,
}

fn since(now: DateTime<Utc>, t: Option<DateTime<Utc>>) -> Option<i64> {
    t.map(|t| (now - t).num_seconds().max(0))
}

pub async fn devices(
    client: &tokio_postgres::Client,
    clinic: Option<&str>,
) -> ApiResult<Vec<DeviceRow>> {
    let now = Utc::now();
    let rows = client
        .query(
            "SELECT c.code, d.id, d.code, d.name, d.revoked_at IS NOT NULL, d.enrolled_at,
                    d.last_push_at, d.last_pull_at, d.last_pulled_seq,
                    GREATEST(c.head_seq - d.last_pulled_seq, 0), d.pending_after,
                    d.applied_count, d.rejected_count
             FROM devices d JOIN clinics c ON c.id = d.clinic_id
             WHERE $1::text IS NULL OR c.code = $1
             ORDER BY c.code, d.code",
            &[&clinic],
        )
        .await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let push: Option<DateTime<Utc>> = r.get(6);
            let pull: Option<DateTime<Utc>> = r.get(7);
            let last_sync = push.max(pull);
            DeviceRow {
                clinic_code: r.get(0),
                device_id: r.get(1),
                code: r.get(2),
                name: r.get(3),
                revoked: r.get(4),
                enrolled_at: r.get(5),
                last_push_at: push,
                last_pull_at: pull,
                last_sync,
                seconds_since_sync: since(now, last_sync),
                last_pulled_seq: r.get(8),
                lag: r.get(9),
                pending_after: r.get(10),
                applied: r.get(11),
                rejected: r.get(12),
            }
        })
        .collect())
}

/// The name of the clinic with this code, if there is one.
pub async fn clinic_name(client: &tokio_postgres::Client, code: &str) -> ApiResult<Option<String>> {
    let row = client
        .query_opt("SELECT name FROM clinics WHERE code = $1", &[&code])
        .await?;
    Ok(row.map(|r| r.get(0)))
}

/// A report page's title: `"{what} — CODE Name"` for one clinic, `all` for every clinic; `None`
/// when the code names no clinic.
pub async fn report_title(
    client: &tokio_postgres::Client,
    clinic: Option<&str>,
    what: &str,
    all: &str,
) -> ApiResult<Option<String>> {
    Ok(match clinic {
        Some(code) => clinic_name(client, code)
            .await?
            .map(|name| format!("{what} — {code} {name}")),
        None => Some(all.to_string()),
    })
}

pub async fn clinics(
    client: &tokio_postgres::Client,
    clinic: Option<&str>,
) -> ApiResult<Vec<ClinicRow>> {
    let now = Utc::now();
    let devices = devices(client, clinic).await?;
    let rejected: BTreeMap<String, i64> = client
        .query(
            "SELECT c.code, count(*) FROM rejected_changes r JOIN clinics c ON c.id = r.clinic_id
             WHERE $1::text IS NULL OR c.code = $1 GROUP BY c.code",
            &[&clinic],
        )
        .await?
        .into_iter()
        .map(|r| (r.get(0), r.get(1)))
        .collect();
    let open_issues: BTreeMap<String, i64> = client
        .query(
            "SELECT c.code, count(*) FROM sync_issues i JOIN clinics c ON c.id = i.clinic_id
             WHERE i.status = 'open' AND ($1::text IS NULL OR c.code = $1) GROUP BY c.code",
            &[&clinic],
        )
        .await?
        .into_iter()
        .map(|r| (r.get(0), r.get(1)))
        .collect();
    let mut records: BTreeMap<String, BTreeMap<String, i64>> = BTreeMap::new();
    for r in client
        .query(
            "SELECT c.code, r.kind, count(*) FROM records r JOIN clinics c ON c.id = r.clinic_id
             WHERE $1::text IS NULL OR c.code = $1 GROUP BY c.code, r.kind",
            &[&clinic],
        )
        .await?
    {
        records
            .entry(r.get(0))
            .or_default()
            .insert(r.get(1), r.get(2));
    }
    let rows = client
        .query(
            "SELECT code, name, head_seq, created_at FROM clinics
             WHERE $1::text IS NULL OR code = $1 ORDER BY code",
            &[&clinic],
        )
        .await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let code: String = r.get(0);
            let created_at: DateTime<Utc> = r.get(3);
            let mine: Vec<&DeviceRow> = devices.iter().filter(|d| d.clinic_code == code).collect();
            let active: Vec<&&DeviceRow> = mine.iter().filter(|d| !d.revoked).collect();
            let last_sync = mine.iter().filter_map(|d| d.last_sync).max();
            let rejected = rejected.get(&code).copied().unwrap_or(0);
            let open_issues = open_issues.get(&code).copied().unwrap_or(0);
            let records = records.remove(&code).unwrap_or_default();
            let mut reasons = Vec::new();
            match last_sync {
                Some(t) if now - t > Duration::hours(STALE_SYNC_HOURS) => {
                    reasons.push(format!("No sync for {}.", ago(now, t)));
                }
                None if now - created_at > Duration::hours(STALE_SYNC_HOURS) => {
                    reasons.push(format!(
                        "Never synced since the clinic was created {} ago.",
                        ago(now, created_at)
                    ));
                }
                _ => {}
            }
            for d in &active {
                let stale = match d.last_pull_at {
                    Some(t) => now - t > Duration::hours(STALE_PULL_HOURS),
                    None => true,
                };
                if d.lag > 0 && stale {
                    let when = match d.last_pull_at {
                        Some(t) => format!("last fetched {} ago", ago(now, t)),
                        None => "never fetched".into(),
                    };
                    reasons.push(format!(
                        "PC {} ({}) has {} change{} to fetch; {when}.",
                        d.name,
                        d.code,
                        d.lag,
                        plural(d.lag)
                    ));
                }
            }
            if rejected > 0 {
                reasons.push(format!(
                    "{rejected} change{} rejected by the server (see the reasons below).",
                    plural(rejected)
                ));
            }
            if open_issues > 0 {
                reasons.push(format!(
                    "{open_issues} sync issue{} waiting for someone at the clinic to resolve.",
                    plural(open_issues)
                ));
            }
            ClinicRow {
                name: r.get(1),
                head_seq: r.get(2),
                active_devices: active.len() as i64,
                revoked_devices: (mine.len() - active.len()) as i64,
                last_sync,
                seconds_since_sync: since(now, last_sync),
                max_lag: active.iter().map(|d| d.lag).max().unwrap_or(0),
                pending: active.iter().map(|d| d.pending_after).sum(),
                rejected,
                open_issues,
                records_total: records.values().sum(),
                records,
                behind: !reasons.is_empty(),
                reasons,
                code,
            }
        })
        .collect())
}

fn plural(n: i64) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// Rejected changes, newest first.
pub async fn rejected(
    client: &tokio_postgres::Client,
    clinic: Option<&str>,
    limit: i64,
) -> ApiResult<Vec<RejectedRow>> {
    let rows = client
        .query(
            "SELECT c.code, d.code, d.name, r.local_seq, r.record_id, r.kind, r.reason, r.received_at
             FROM rejected_changes r JOIN clinics c ON c.id = r.clinic_id
             LEFT JOIN devices d ON d.id = r.device_id
             WHERE $1::text IS NULL OR c.code = $1
             ORDER BY r.received_at DESC, r.device_id, r.local_seq DESC
             LIMIT $2",
            &[&clinic, &limit],
        )
        .await?;
    Ok(rows
        .into_iter()
        .map(|r| RejectedRow {
            clinic_code: r.get(0),
            device_code: r.get(1),
            device_name: r.get(2),
            local_seq: r.get(3),
            record_id: r.get(4),
            kind: r.get(5),
            reason: r.get(6),
            received_at: r.get(7),
        })
        .collect())
}

/// Patients registered (first seen by the server, not deleted) per clinic per ISO week (UTC).
pub async fn patients_per_week(
    client: &tokio_postgres::Client,
    clinic: Option<&str>,
) -> ApiResult<Vec<WeekRow>> {
    let rows = client
        .query(
            "SELECT c.code, to_char(p.created_at AT TIME ZONE 'UTC', 'IYYY-\"W\"IW') AS week,
                    count(*)
             FROM patients p JOIN clinics c ON c.id = p.clinic_id
             WHERE NOT p.deleted AND ($1::text IS NULL OR c.code = $1)
             GROUP BY c.code, week ORDER BY c.code, week",
            &[&clinic],
        )
        .await?;
    Ok(rows
        .into_iter()
        .map(|r| WeekRow {
            clinic_code: r.get(0),
            week: r.get(1),
            patients: r.get(2),
        })
        .collect())
}
