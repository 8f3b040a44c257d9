//! The `sync_issues` projection: one row per issue document, rewritten in the same transaction as
//! the document, so the inbox and its count never load documents.
use crate::error::{Context, Result};
use clinic_domain::sync_issue::{SyncIssue, SyncIssueStatus};
use rusqlite::{params, Connection, Transaction};
use uuid::Uuid;

pub(crate) fn write(tx: &Transaction<'_>, id: Uuid, issue: &SyncIssue, at: &str) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO sync_issues (id, kind, record_ids, field, status, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, record_ids = excluded.record_ids,
            field = excluded.field, status = excluded.status, created_at = excluded.created_at,
            updated_at = excluded.updated_at",
    )
    .and_then(|mut s| {
        s.execute(params![
            id.to_string(),
            issue.kind.as_str(),
            issue.record_ids.join(","),
            issue.field,
            issue.status.as_str(),
            issue.created_at,
            at
        ])
    })
    .context("updating the sync issues")?;
    Ok(())
}

/// Issue ids with `status` (every status when `None`), newest first.
pub(crate) fn ids(conn: &Connection, status: Option<SyncIssueStatus>) -> Result<Vec<Uuid>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT id FROM sync_issues WHERE (?1 IS NULL OR status = ?1)
             ORDER BY created_at DESC, id LIMIT 500",
        )
        .context("listing sync issues")?;
    let rows = stmt
        .query_map([status.map(|s| s.as_str())], |r| r.get::<_, String>(0))
        .context("listing sync issues")?;
    rows.map(|r| {
        r.context("listing sync issues")
            .and_then(|s| Uuid::parse_str(&s).context("reading an issue id"))
    })
    .collect()
}

pub(crate) fn count_open(conn: &Connection) -> Result<i64> {
    conn.prepare_cached("SELECT count(*) FROM sync_issues WHERE status = 'open'")
        .and_then(|mut s| s.query_row([], |r| r.get(0)))
        .context("counting sync issues")
}

/// `verify`: every issue document agrees with its row. Returns how many documents were checked.
pub(crate) fn verify(conn: &Connection, device: Uuid, problems: &mut Vec<String>) -> Result<usize> {
    use clinic_domain::RecordKind;
    use rusqlite::OptionalExtension;
    let ids = crate::records::ids(conn, RecordKind::SyncIssue)?;
    for id in &ids {
        let doc = crate::records::load(conn, RecordKind::SyncIssue, *id, device)?;
        let issue: Option<SyncIssue> = doc.and_then(|l| crate::records::hydrate(&l.doc).ok());
        let row: Option<(String, String, String, String)> = conn
            .prepare_cached("SELECT kind, record_ids, field, status FROM sync_issues WHERE id = ?1")
            .and_then(|mut s| {
                s.query_row([id.to_string()], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
                })
                .optional()
            })
            .context("reading sync issues")?;
        let same = match (&issue, &row) {
            (Some(i), Some(r)) => {
                (
                    i.kind.as_str(),
                    i.record_ids.join(","),
                    &i.field,
                    i.status.as_str(),
                ) == (r.0.as_str(), r.1.clone(), &r.2, r.3.as_str())
            }
            _ => false,
        };
        if !same {
            problems.push(format!(
                "sync issue {id}: the issues list disagrees with the issue's document"
            ));
        }
    }
    Ok(ids.len())
}
