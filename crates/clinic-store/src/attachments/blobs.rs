//! The `attachment_blobs` table: attachment bytes by SHA-256, inside the encrypted store, with their
//! upload state.
use crate::error::{Context, Result};
use rusqlite::{params, Connection, OptionalExtension};

pub(crate) const LOCAL_ONLY: &str = "local_only";
pub(crate) const UPLOADED: &str = "uploaded";

/// Stores `bytes` under `sha256` unless they are there already (same hash, same bytes). A blob
/// that arrives `uploaded` upgrades a `local_only` copy.
pub(crate) fn insert(
    conn: &Connection,
    sha256: &str,
    content_type: &str,
    bytes: &[u8],
    state: &str,
    at: &str,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO attachment_blobs (sha256, content_type, size, state, created_at, bytes)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (sha256) DO UPDATE SET state = 'uploaded' WHERE excluded.state = 'uploaded'",
    )
    .and_then(|mut s| {
        s.execute(params![
            sha256,
            content_type,
            bytes.len() as i64,
            state,
            at,
            bytes
        ])
    })
    .context("saving an attachment")?;
    Ok(())
}

/// The content type and bytes of `sha256`, when this PC holds them.
pub(crate) fn read(conn: &Connection, sha256: &str) -> Result<Option<(String, Vec<u8>)>> {
    conn.prepare_cached("SELECT content_type, bytes FROM attachment_blobs WHERE sha256 = ?1")
        .and_then(|mut s| {
            s.query_row([sha256], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()
        })
        .context("reading an attachment")
}

pub(crate) fn has(conn: &Connection, sha256: &str) -> Result<bool> {
    conn.prepare_cached("SELECT 1 FROM attachment_blobs WHERE sha256 = ?1")
        .and_then(|mut s| s.exists([sha256]))
        .context("reading an attachment")
}

/// The oldest blob the central server does not have yet: `(sha256, content type, bytes)`.
pub(crate) fn next_to_upload(conn: &Connection) -> Result<Option<(String, String, Vec<u8>)>> {
    conn.prepare_cached(
        "SELECT sha256, content_type, bytes FROM attachment_blobs
         WHERE state = 'local_only' ORDER BY created_at, sha256 LIMIT 1",
    )
    .and_then(|mut s| {
        s.query_row([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .optional()
    })
    .context("reading attachments to send")
}

pub(crate) fn count_to_upload(conn: &Connection) -> Result<u64> {
    let n: i64 = conn
        .prepare_cached("SELECT count(*) FROM attachment_blobs WHERE state = 'local_only'")
        .and_then(|mut s| s.query_row([], |r| r.get(0)))
        .context("counting attachments to send")?;
    Ok(n.max(0) as u64)
}

pub(crate) fn mark_uploaded(conn: &Connection, sha256: &str) -> Result<()> {
    conn.prepare_cached("UPDATE attachment_blobs SET state = ?2 WHERE sha256 = ?1")
        .and_then(|mut s| s.execute(params![sha256, UPLOADED]))
        .context("saving an attachment's upload")?;
    Ok(())
}
