//! Opening the SQLCipher file: key it, prove the key right before anything is written, then
//! switch on WAL and foreign keys and bring the schema up to date.
use crate::error::{Context, Error, Result};
use crate::key::StoreKey;
use rusqlite::{Connection, ErrorCode, OpenFlags};
use std::path::Path;

/// Client migrations, applied in order; each runs once, inside a transaction.
const MIGRATIONS: &[(i64, &str)] = &[
    (1, include_str!("../../../migrations/client/0001_store.sql")),
    (
        2,
        include_str!("../../../migrations/client/0002_sync_issues.sql"),
    ),
    (
        3,
        include_str!("../../../migrations/client/0003_attachments.sql"),
    ),
    (
        4,
        include_str!("../../../migrations/client/0004_login_failures.sql"),
    ),
    (
        5,
        include_str!("../../../migrations/client/0005_change_log_local.sql"),
    ),
    (
        6,
        include_str!("../../../migrations/client/0006_appointments.sql"),
    ),
    (
        7,
        include_str!("../../../migrations/client/0007_billing.sql"),
    ),
    (
        8,
        include_str!("../../../migrations/client/0008_encounters.sql"),
    ),
    (
        9,
        include_str!("../../../migrations/client/0009_prescriptions.sql"),
    ),
    (
        10,
        include_str!("../../../migrations/client/0010_two_factor.sql"),
    ),
    (
        11,
        include_str!("../../../migrations/client/0011_stock.sql"),
    ),
    (
        12,
        include_str!("../../../migrations/client/0012_dashboard.sql"),
    ),
    (13, include_str!("../../../migrations/client/0013_lab.sql")),
    (
        14,
        include_str!("../../../migrations/client/0014_rooms.sql"),
    ),
    (
        15,
        include_str!("../../../migrations/client/0015_reminders.sql"),
    ),
];

/// Marker row that says "this is a Clinic store".
pub(crate) const STORE_MARKER: &str = "clinic_store";

pub(crate) fn open(path: &Path, key: &StoreKey) -> Result<Connection> {
    let (conn, tables) = open_keyed(path, key)?;
    if tables > 0 && !is_clinic_store(&conn) {
        return Err(Error::WrongKey);
    }
    conn.pragma_update(None, "journal_mode", "WAL")
        .context("enabling WAL")?;
    conn.pragma_update(None, "foreign_keys", "ON")
        .context("enabling foreign keys")?;
    conn.pragma_update(None, "synchronous", "NORMAL")
        .context("setting synchronous")?;
    conn.busy_timeout(std::time::Duration::from_secs(5))
        .context("setting busy timeout")?;
    migrate(&conn)?;
    Ok(conn)
}

/// Opens and keys the file, then reads it once: SQLCipher reports a wrong key only on that first
/// read.
fn open_keyed(path: &Path, key: &StoreKey) -> Result<(Connection, i64)> {
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
        | OpenFlags::SQLITE_OPEN_CREATE
        | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags).context("opening the store file")?;
    apply_key(&conn, key, "keying the store")?;
    match conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0)) {
        Ok(n) => Ok((conn, n)),
        Err(rusqlite::Error::SqliteFailure(e, _)) if e.code == ErrorCode::NotADatabase => {
            Err(Error::WrongKey)
        }
        Err(e) => Err(Error::Storage(format!(
            "reading the store ({})",
            sqlite_code(&e)
        ))),
    }
}

/// Keys `conn` with `key`. SQLCipher sets up its crypto provider on a process's first keying, and
/// keying from two threads at once has been seen to fail once in CI; so every keying in the process
/// goes through here, one at a time, and a failed keying is tried again (an unused key may be
/// replaced on the same connection, and nothing has been read or written yet).
pub(crate) fn apply_key(conn: &Connection, key: &StoreKey, doing: &str) -> Result<()> {
    static KEYING: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _one_at_a_time = KEYING.lock().unwrap_or_else(|p| p.into_inner());
    // SQLCipher would print "hmac check failed" to stderr on a wrong key.
    let _ = conn.pragma_update(None, "cipher_log_level", "NONE");
    let pragma = format!("PRAGMA key = {};", key.pragma_value());
    let mut attempt = 1;
    loop {
        match conn.execute_batch(&pragma) {
            Ok(()) => return Ok(()),
            Err(_) if attempt < 3 => {
                std::thread::sleep(std::time::Duration::from_millis(20 * attempt));
                attempt += 1;
            }
            Err(e) => return Err(Error::Storage(format!("{doing} ({})", sqlite_code(&e)))),
        }
    }
}

/// The SQLite result code of `e` (never its message, which may quote data).
fn sqlite_code(e: &rusqlite::Error) -> String {
    match e {
        rusqlite::Error::SqliteFailure(f, _) => format!("SQLite code {}", f.extended_code),
        _ => "not an SQLite failure".into(),
    }
}

fn is_clinic_store(conn: &Connection) -> bool {
    conn.query_row(
        "SELECT value FROM store_meta WHERE key = ?1",
        [STORE_MARKER],
        |r| r.get::<_, String>(0),
    )
    .is_ok()
}

fn migrate(conn: &Connection) -> Result<()> {
    conn.execute_batch(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY) STRICT;",
    )
    .context("preparing migrations")?;
    // Every version not recorded yet, in order (not only those above the highest recorded: a
    // store may have been opened by a build that lacked one in the middle).
    let applied: std::collections::HashSet<i64> = {
        let mut stmt = conn
            .prepare("SELECT version FROM schema_migrations")
            .context("reading the schema version")?;
        let rows = stmt
            .query_map([], |r| r.get(0))
            .context("reading the schema version")?;
        rows.collect::<std::result::Result<_, _>>()
            .context("reading the schema version")?
    };
    for (version, sql) in MIGRATIONS.iter().filter(|(v, _)| !applied.contains(v)) {
        let tx = conn
            .unchecked_transaction()
            .context("starting a migration")?;
        tx.execute_batch(sql).context("applying a migration")?;
        tx.execute(
            "INSERT INTO schema_migrations (version) VALUES (?1)",
            [version],
        )
        .context("recording a migration")?;
        if *version == 1 {
            tx.execute(
                "INSERT INTO store_meta (key, value) VALUES (?1, '1')",
                [STORE_MARKER],
            )
            .context("marking the store")?;
        }
        tx.commit().context("committing a migration")?;
    }
    Ok(())
}
