//! Opening the SQLCipher file: key it, prove the key right before anything is written, then
//! switch on WAL and foreign keys and bring the schema up to date.
use crate::error::{Context, Error, Result};
use crate::key::StoreKey;
use rusqlite::{Connection, ErrorCode, OpenFlags};
use std::path::Path;

/// Client migrations, applied in order; each runs once, inside a transaction.
const MIGRATIONS: &[(i64, &str)] =
    &[(1, include_str!("../../../migrations/client/0001_store.sql"))];

/// Marker row that says "this is a Clinic store".
pub(crate) const STORE_MARKER: &str = "clinic_store";

pub(crate) fn open(path: &Path, key: &StoreKey) -> Result<Connection> {
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
        | OpenFlags::SQLITE_OPEN_CREATE
        | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags).context("opening the store file")?;
    // A wrong key is not reported by `PRAGMA key`, only by the first read; and SQLCipher would
    // print "hmac check failed" to stderr.
    let _ = conn.pragma_update(None, "cipher_log_level", "NONE");
    {
        // SQLCipher sets up its crypto provider on the first keying in a process; keying from
        // several threads at that moment has been seen to fail once, so keying is serialised.
        static KEYING: std::sync::Mutex<()> = std::sync::Mutex::new(());
        let _one_at_a_time = KEYING.lock().unwrap_or_else(|p| p.into_inner());
        conn.execute_batch(&format!("PRAGMA key = {};", key.pragma_value()))
            .context("keying the store")?;
    }
    let tables: i64 = match conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0)) {
        Ok(n) => n,
        Err(rusqlite::Error::SqliteFailure(e, _)) if e.code == ErrorCode::NotADatabase => {
            return Err(Error::WrongKey)
        }
        Err(_) => return Err(Error::Storage("reading the store".into())),
    };
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
    let current: i64 = conn
        .query_row(
            "SELECT coalesce(max(version), 0) FROM schema_migrations",
            [],
            |r| r.get(0),
        )
        .context("reading the schema version")?;
    for (version, sql) in MIGRATIONS.iter().filter(|(v, _)| *v > current) {
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
