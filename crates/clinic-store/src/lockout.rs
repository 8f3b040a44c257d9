//! Login lockout: after `MAX_FAILURES` failed logins in a row for a username, logins for it are
//! refused for `LOCK_MINUTES`. Counted per username typed, whether it exists or not, so the lockout
//! never tells an attacker which usernames exist. Device-local (`login_failures`), never synced.
use crate::error::{Context, Error, Result};
use chrono::{DateTime, Duration, Utc};
use rusqlite::{params, Connection, OptionalExtension};

pub const MAX_FAILURES: i64 = 5;
pub const LOCK_MINUTES: u32 = 15;

fn locked_until(conn: &Connection, username: &str) -> Result<Option<DateTime<Utc>>> {
    let until: Option<Option<String>> = conn
        .query_row(
            "SELECT locked_until FROM login_failures WHERE username = ?1",
            [username],
            |r| r.get(0),
        )
        .optional()
        .context("reading failed logins")?;
    Ok(until
        .flatten()
        .and_then(|t| DateTime::parse_from_rfc3339(&t).ok())
        .map(|t| t.with_timezone(&Utc)))
}

/// Refuses while `username` is locked at `now`.
pub(crate) fn check(conn: &Connection, username: &str, now: DateTime<Utc>) -> Result<()> {
    match locked_until(conn, username)? {
        Some(until) if until > now => Err(Error::TooManyAttempts {
            minutes: LOCK_MINUTES,
        }),
        _ => Ok(()),
    }
}

/// Counts one more failure; returns `true` when it locks the username. A lock that has run out
/// starts a fresh count.
pub(crate) fn record_failure(
    conn: &Connection,
    username: &str,
    now: DateTime<Utc>,
) -> Result<bool> {
    let expired = locked_until(conn, username)?.is_some_and(|until| until <= now);
    if expired {
        clear(conn, username)?;
    }
    let failures: i64 = conn
        .query_row(
            "INSERT INTO login_failures (username, failures) VALUES (?1, 1)
             ON CONFLICT (username) DO UPDATE SET failures = failures + 1
             RETURNING failures",
            [username],
            |r| r.get(0),
        )
        .context("counting failed logins")?;
    if failures < MAX_FAILURES {
        return Ok(false);
    }
    let until = now + Duration::minutes(LOCK_MINUTES as i64);
    conn.execute(
        "UPDATE login_failures SET failures = 0, locked_until = ?2 WHERE username = ?1",
        params![username, until.to_rfc3339()],
    )
    .context("counting failed logins")?;
    Ok(true)
}

/// A successful login: the count starts again from zero.
pub(crate) fn clear(conn: &Connection, username: &str) -> Result<()> {
    conn.execute("DELETE FROM login_failures WHERE username = ?1", [username])
        .context("clearing failed logins")?;
    Ok(())
}
