//! The plain-SQLite baselines (one table, unencrypted or SQLCipher) and the raw connections and
//! file sizes shared by the benchmarks.

use crate::config::{CLINIC_CODE, DEVICE_CODE};
use crate::BenchResult;
use chrono::Utc;
use clinic_domain::patient::PatientInput;
use clinic_store::key::StoreKey;
use rusqlite::{params, Connection};
use std::path::Path;
use uuid::Uuid;

pub(crate) const PLAIN_SCHEMA: &str = "
CREATE TABLE patients (
    id                              TEXT PRIMARY KEY,
    number                          TEXT NOT NULL,
    given_name                      TEXT NOT NULL,
    family_name                     TEXT NOT NULL,
    sex                             TEXT NOT NULL,
    birth_date                      TEXT,
    estimated_age_years             INTEGER,
    phone                           TEXT NOT NULL,
    address                         TEXT NOT NULL,
    national_id                     TEXT NOT NULL,
    insurance_provider              TEXT NOT NULL,
    insurance_policy                TEXT NOT NULL,
    emergency_contact_name          TEXT NOT NULL,
    emergency_contact_phone         TEXT NOT NULL,
    emergency_contact_relationship  TEXT NOT NULL,
    blood_type                      TEXT NOT NULL,
    allergies                       TEXT NOT NULL,
    chronic_conditions              TEXT NOT NULL,
    current_medications             TEXT NOT NULL,
    deleted                         INTEGER NOT NULL,
    created_at                      TEXT NOT NULL,
    updated_at                      TEXT NOT NULL
);";

const PLAIN_INSERT: &str = "INSERT INTO patients (id, number, given_name, family_name, sex,
    birth_date, estimated_age_years, phone, address, national_id, insurance_provider,
    insurance_policy, emergency_contact_name, emergency_contact_phone,
    emergency_contact_relationship, blood_type, allergies, chronic_conditions,
    current_medications, deleted, created_at, updated_at)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, 0, ?20, ?20)";

pub(crate) const SUMMARY_COLS: &str =
    "id, number, given_name, family_name, sex, birth_date, phone, national_id";

/// Keys a raw connection the way the store does (a raw 256-bit key, no passphrase derivation).
pub fn key_connection(conn: &Connection, key_hex: &str) -> rusqlite::Result<()> {
    let _ = conn.pragma_update(None, "cipher_log_level", "NONE");
    conn.execute_batch(&format!("PRAGMA key = \"x'{key_hex}'\";"))
}

/// A plain SQLite file (encrypted with `key_hex` when given) with the store's journal settings.
pub(crate) fn open_plain(path: &Path, key_hex: Option<&str>) -> BenchResult<Connection> {
    let conn = Connection::open(path)?;
    if let Some(k) = key_hex {
        key_connection(&conn, k)?;
    }
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    Ok(conn)
}

pub(crate) fn open_raw_store(path: &Path, key: &StoreKey) -> BenchResult<Connection> {
    let conn = Connection::open(path)?;
    key_connection(&conn, &key.to_hex())?;
    conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
        r.get::<_, i64>(0)
    })?;
    Ok(conn)
}

fn file_size(path: &Path) -> u64 {
    std::fs::metadata(path).map(|m| m.len()).unwrap_or(0)
}

/// Main file plus WAL (after a TRUNCATE checkpoint the WAL is empty).
pub(crate) fn db_size(path: &Path) -> u64 {
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    file_size(path) + file_size(Path::new(&wal))
}

pub(crate) fn checkpoint(conn: &Connection) -> BenchResult<()> {
    conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
    Ok(())
}

pub(crate) fn vacuum(conn: &Connection) -> BenchResult<()> {
    conn.execute_batch("VACUUM;")?;
    checkpoint(conn)
}

/// Inserts `chunk` as plain rows in one transaction with a prepared statement; returns the ids.
pub(crate) fn insert_plain(
    conn: &mut Connection,
    chunk: &[PatientInput],
    seq: u64,
) -> BenchResult<Vec<String>> {
    let at = Utc::now().to_rfc3339();
    let tx = conn.transaction()?;
    let mut ids = Vec::with_capacity(chunk.len());
    {
        let mut st = tx.prepare_cached(PLAIN_INSERT)?;
        for (k, p) in chunk.iter().enumerate() {
            // Time-ordered, like the store's ids, so both grow their primary key at its end.
            let id = Uuid::now_v7().to_string();
            st.execute(params![
                id,
                format!("{CLINIC_CODE}-{DEVICE_CODE}-{:05}", seq + k as u64 + 1),
                p.given_name,
                p.family_name,
                p.sex.as_str(),
                p.birth_date,
                p.estimated_age_years,
                p.phone,
                p.address,
                p.national_id,
                p.insurance_provider,
                p.insurance_policy,
                p.emergency_contact.name,
                p.emergency_contact.phone,
                p.emergency_contact.relationship,
                p.blood_type.as_str(),
                serde_json::to_string(&p.allergies)?,
                serde_json::to_string(&p.chronic_conditions)?,
                serde_json::to_string(&p.current_medications)?,
                at,
            ])?;
            ids.push(id);
        }
    }
    tx.commit()?;
    Ok(ids)
}
