//! `Store`: one open, keyed store file with its injected clock and id source.
use crate::clock::{Clock, IdSource, RandomIds, SystemClock};
use crate::error::{Context, Error, Result};
use crate::key::{self, StoreKey};
use crate::views::ClinicInfo;
use rusqlite::{params, Connection, OptionalExtension, Transaction, TransactionBehavior};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use uuid::Uuid;

pub const STORE_FILE: &str = "clinic.db";

pub struct Store {
    pub(crate) conn: Connection,
    pub(crate) clock: Arc<dyn Clock>,
    pub(crate) ids: Arc<dyn IdSource>,
    pub(crate) key: StoreKey,
    /// The key came from the OS keyring (not `CLINIC_DB_KEY`): other secrets go there too.
    pub(crate) key_in_keyring: bool,
    path: PathBuf,
}

/// This PC as the store knows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Device {
    pub id: Uuid,
    pub code: String,
}

impl Store {
    /// Opens (creating when missing) the store file at `path` with `key`.
    pub fn open(
        path: &Path,
        key: &StoreKey,
        clock: Arc<dyn Clock>,
        ids: Arc<dyn IdSource>,
    ) -> Result<Self> {
        let conn = crate::db::open(path, key)?;
        Ok(Self {
            conn,
            clock,
            ids,
            key: key.clone(),
            key_in_keyring: false,
            path: path.to_path_buf(),
        })
    }

    /// Opens the store in `data_dir` with the key `env_key` (from `CLINIC_DB_KEY`) or else the OS
    /// keyring (a new key is made only for a store that does not exist yet), the system clock and
    /// random ids.
    pub fn open_in(data_dir: &Path, env_key: Option<&str>) -> Result<Self> {
        std::fs::create_dir_all(data_dir).context("creating the data folder")?;
        let path = data_dir.join(STORE_FILE);
        let key = key::resolve(&path, !path.exists(), env_key)?;
        let mut store = Self::open(&path, &key, Arc::new(SystemClock), Arc::new(RandomIds))?;
        store.key_in_keyring = env_key.is_none_or(|k| k.trim().is_empty());
        Ok(store)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn clock(&self) -> &dyn Clock {
        self.clock.as_ref()
    }

    pub fn new_id(&self) -> Uuid {
        self.ids.new_id()
    }

    /// A write transaction that takes the write lock at once, so two app windows or a CLI run
    /// never interleave a read-modify-write of the same document.
    pub(crate) fn write(&mut self) -> Result<Transaction<'_>> {
        self.conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .context("starting a write")
    }

    pub(crate) fn meta(&self, key: &str) -> Result<Option<String>> {
        get_meta(&self.conn, key)
    }

    pub fn is_initialized(&self) -> Result<bool> {
        Ok(self.meta("clinic_code")?.is_some())
    }

    pub fn clinic(&self) -> Result<ClinicInfo> {
        let get = |k: &str| self.meta(k)?.ok_or(Error::NotInitialized);
        Ok(ClinicInfo {
            name: get("clinic_name")?,
            code: get("clinic_code")?,
            device_code: get("device_code")?,
        })
    }

    pub fn device(&self) -> Result<Device> {
        let id = self.meta("device_id")?.ok_or(Error::NotInitialized)?;
        let id =
            Uuid::parse_str(&id).map_err(|_| Error::Storage("reading the device id".into()))?;
        Ok(Device {
            id,
            code: self.meta("device_code")?.ok_or(Error::NotInitialized)?,
        })
    }

    pub fn locale(&self) -> Result<String> {
        Ok(self.meta("locale")?.unwrap_or_else(|| "en".into()))
    }

    pub fn set_locale(&mut self, locale: &str) -> Result<()> {
        if !["en", "fr"].contains(&locale) {
            return Err(Error::field(
                "locale",
                clinic_domain::ErrorCode::InvalidValue,
                "must be en or fr",
            ));
        }
        set_meta(&self.conn, "locale", locale)
    }
}

pub(crate) fn get_meta(conn: &Connection, key: &str) -> Result<Option<String>> {
    conn.prepare_cached("SELECT value FROM store_meta WHERE key = ?1")
        .and_then(|mut s| s.query_row([key], |r| r.get(0)).optional())
        .context("reading store settings")
}

pub(crate) fn set_meta(conn: &Connection, key: &str, value: &str) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO store_meta (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    )
    .and_then(|mut s| s.execute([key, value]))
    .context("saving store settings")?;
    Ok(())
}

/// Takes the next `count` values of a per-device counter inside `tx`; returns the first.
pub(crate) fn take_counter(tx: &Transaction<'_>, name: &str, count: u64) -> Result<u64> {
    let last: i64 = tx
        .prepare_cached(
            "INSERT INTO device_counters (name, value) VALUES (?1, ?2)
             ON CONFLICT (name) DO UPDATE SET value = value + ?2 RETURNING value",
        )
        .and_then(|mut s| s.query_row(params![name, count as i64], |r| r.get(0)))
        .context("taking the next number")?;
    Ok(last as u64 + 1 - count)
}

impl Store {
    /// Rows in one of the store's tables (status screens, tests). Unknown names are refused.
    pub fn count_rows(&self, table: &str) -> Result<i64> {
        const TABLES: [&str; 7] = [
            "records",
            "sync_issues",
            "change_log",
            "patients",
            "audit_log",
            "users",
            "device_counters",
        ];
        if !TABLES.contains(&table) {
            return Err(Error::field(
                "table",
                clinic_domain::ErrorCode::InvalidValue,
                "is not a store table",
            ));
        }
        self.conn
            .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .context("counting rows")
    }
}

/// A fresh store in a temporary folder, for the crate's own unit tests.
#[cfg(test)]
pub(crate) fn test_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let store = Store::open(
        &dir.path().join("clinic.db"),
        &crate::key::StoreKey::generate().expect("a key"),
        std::sync::Arc::new(crate::clock::SystemClock),
        std::sync::Arc::new(crate::clock::SequentialIds::new(1)),
    )
    .expect("a new store");
    (dir, store)
}
