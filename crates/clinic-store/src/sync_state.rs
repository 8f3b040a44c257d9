//! Where this PC stands with the central server, kept in `store_meta` (so it is encrypted with the
//! store and travels with its backups): server, clinic, the push and pull cursors, the outcome of
//! the last sync, and the device token when there is no OS keyring to hold it.
use crate::error::{Context, Error, Result};
use crate::store::{get_meta, set_meta, Store};
use clinic_domain::ErrorCode;
use rusqlite::Connection;
use uuid::Uuid;

const SERVER_URL: &str = "sync.server_url";
const CLINIC_ID: &str = "sync.clinic_id";
const PUSH_CURSOR: &str = "sync.push_cursor";
const PULL_CURSOR: &str = "sync.pull_cursor";
const BOOTSTRAPPED: &str = "sync.bootstrapped";
const BOOTSTRAP_HEAD: &str = "sync.bootstrap_head";
const BOOTSTRAP_AFTER_ID: &str = "sync.bootstrap_after_id";
const HEAD_SEQ: &str = "sync.head_seq";
const LAST_SUCCESS_AT: &str = "sync.last_success_at";
const LAST_ATTEMPT_AT: &str = "sync.last_attempt_at";
const LAST_ERROR_CODE: &str = "sync.last_error_code";
const LAST_ERROR_MESSAGE: &str = "sync.last_error_message";
const REJECTED: &str = "sync.rejected";
const TOKEN: &str = "sync.token";
const TOKEN_IN_KEYRING: &str = "sync.token_in_keyring";
const KEYRING_SERVICE: &str = "org.clinic.desktop";

/// The sync state as stored. Cursors start at 0 (nothing pushed, nothing pulled).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SyncState {
    pub server_url: Option<String>,
    pub clinic_id: Option<Uuid>,
    /// The last local change-log `seq` the server acknowledged.
    pub push_cursor: i64,
    /// The last server sequence applied here.
    pub pull_cursor: i64,
    /// A snapshot bootstrap finished (or was not needed).
    pub bootstrapped: bool,
    /// The server head recorded before a bootstrap started (pull resumes after it).
    pub bootstrap_head: Option<i64>,
    /// The last snapshot record applied by an unfinished bootstrap.
    pub bootstrap_after_id: Option<Uuid>,
    /// The clinic's newest sequence the last time the server was reached.
    pub head_seq: Option<i64>,
    /// RFC 3339.
    pub last_success_at: Option<String>,
    pub last_attempt_at: Option<String>,
    pub last_error: Option<LastSyncError>,
    /// Changes the server refused, in all.
    pub rejected: u64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LastSyncError {
    pub code: String,
    pub message: String,
}

impl SyncState {
    pub fn connected(&self) -> bool {
        self.server_url.is_some()
    }
}

fn num(conn: &Connection, key: &str) -> Result<i64> {
    Ok(get_meta(conn, key)?
        .and_then(|v| v.parse().ok())
        .unwrap_or(0))
}

fn uuid(conn: &Connection, key: &str) -> Result<Option<Uuid>> {
    Ok(get_meta(conn, key)?.and_then(|v| Uuid::parse_str(&v).ok()))
}

fn delete_meta(conn: &Connection, key: &str) -> Result<()> {
    conn.execute("DELETE FROM store_meta WHERE key = ?1", [key])
        .context("saving sync state")?;
    Ok(())
}

/// Saves the pull cursor inside the caller's transaction.
pub(crate) fn set_pull_cursor(conn: &Connection, seq: i64) -> Result<()> {
    set_meta(conn, PULL_CURSOR, &seq.to_string())
}

/// Records bootstrap progress inside the caller's transaction.
pub(crate) fn set_bootstrap_after_id(conn: &Connection, id: Uuid) -> Result<()> {
    set_meta(conn, BOOTSTRAP_AFTER_ID, &id.to_string())
}

impl Store {
    pub fn sync_state(&self) -> Result<SyncState> {
        let c = &self.conn;
        let last_error = match get_meta(c, LAST_ERROR_CODE)? {
            Some(code) => Some(LastSyncError {
                code,
                message: get_meta(c, LAST_ERROR_MESSAGE)?.unwrap_or_default(),
            }),
            None => None,
        };
        Ok(SyncState {
            server_url: get_meta(c, SERVER_URL)?,
            clinic_id: uuid(c, CLINIC_ID)?,
            push_cursor: num(c, PUSH_CURSOR)?,
            pull_cursor: num(c, PULL_CURSOR)?,
            bootstrapped: get_meta(c, BOOTSTRAPPED)?.as_deref() == Some("1"),
            bootstrap_head: get_meta(c, BOOTSTRAP_HEAD)?.and_then(|v| v.parse().ok()),
            bootstrap_after_id: uuid(c, BOOTSTRAP_AFTER_ID)?,
            head_seq: get_meta(c, HEAD_SEQ)?.and_then(|v| v.parse().ok()),
            last_success_at: get_meta(c, LAST_SUCCESS_AT)?,
            last_attempt_at: get_meta(c, LAST_ATTEMPT_AT)?,
            last_error,
            rejected: num(c, REJECTED)?.max(0) as u64,
        })
    }

    /// Local changes (not ones that came by sync) the server has not acknowledged yet.
    pub fn pending_changes(&self) -> Result<u64> {
        let cursor = num(&self.conn, PUSH_CURSOR)?;
        let n: i64 = self
            .conn
            .prepare_cached(PENDING_SQL)
            .and_then(|mut s| s.query_row([cursor], |r| r.get(0)))
            .context("counting changes to send")?;
        Ok(n.max(0) as u64)
    }

    /// The newest change-log sequence number (0 for an empty log).
    pub fn newest_local_seq(&self) -> Result<i64> {
        self.conn
            .query_row("SELECT coalesce(max(seq), 0) FROM change_log", [], |r| {
                r.get(0)
            })
            .context("reading the change log")
    }

    /// Remembers the server this store is connected to (after enrollment). Cursors start over.
    pub fn set_sync_connection(&mut self, server_url: &str, clinic_id: Uuid) -> Result<()> {
        let tx = self.write()?;
        set_meta(&tx, SERVER_URL, server_url)?;
        set_meta(&tx, CLINIC_ID, &clinic_id.to_string())?;
        for key in [PUSH_CURSOR, PULL_CURSOR] {
            set_meta(&tx, key, "0")?;
        }
        for key in [
            BOOTSTRAPPED,
            BOOTSTRAP_HEAD,
            BOOTSTRAP_AFTER_ID,
            LAST_ERROR_CODE,
            LAST_ERROR_MESSAGE,
        ] {
            delete_meta(&tx, key)?;
        }
        tx.commit().context("saving sync state")
    }

    /// The server acknowledged every local change up to `seq`.
    pub fn set_push_cursor(&mut self, seq: i64) -> Result<()> {
        set_meta(&self.conn, PUSH_CURSOR, &seq.to_string())
    }

    /// Sets the pull cursor on its own (tests; normally saved by `apply_pulled`).
    pub fn set_pull_cursor(&mut self, seq: i64) -> Result<()> {
        set_pull_cursor(&self.conn, seq)
    }

    pub fn add_rejected(&mut self, n: u64) -> Result<()> {
        let total = num(&self.conn, REJECTED)?.max(0) as u64 + n;
        set_meta(&self.conn, REJECTED, &total.to_string())
    }

    pub fn set_head_seq(&mut self, head: i64) -> Result<()> {
        set_meta(&self.conn, HEAD_SEQ, &head.to_string())
    }

    /// A bootstrap is starting from the server head `head` (kept so an interrupted one resumes).
    pub fn begin_bootstrap(&mut self, head: i64) -> Result<()> {
        set_meta(&self.conn, BOOTSTRAP_HEAD, &head.to_string())
    }

    /// Every snapshot page is in: pull from `head` on.
    pub fn finish_bootstrap(&mut self, head: i64) -> Result<()> {
        let tx = self.write()?;
        set_meta(&tx, BOOTSTRAPPED, "1")?;
        set_pull_cursor(&tx, head)?;
        delete_meta(&tx, BOOTSTRAP_HEAD)?;
        delete_meta(&tx, BOOTSTRAP_AFTER_ID)?;
        tx.commit().context("saving sync state")
    }

    /// A sync reached its end: clears the last error.
    pub fn record_sync_success(&mut self) -> Result<()> {
        let at = self.clock.now().to_rfc3339();
        let tx = self.write()?;
        set_meta(&tx, LAST_SUCCESS_AT, &at)?;
        set_meta(&tx, LAST_ATTEMPT_AT, &at)?;
        delete_meta(&tx, LAST_ERROR_CODE)?;
        delete_meta(&tx, LAST_ERROR_MESSAGE)?;
        tx.commit().context("saving sync state")
    }

    /// A sync failed with `code` and a plain-language `message` (no clinical data).
    pub fn record_sync_error(&mut self, code: &str, message: &str) -> Result<()> {
        let at = self.clock.now().to_rfc3339();
        let tx = self.write()?;
        set_meta(&tx, LAST_ATTEMPT_AT, &at)?;
        set_meta(&tx, LAST_ERROR_CODE, code)?;
        set_meta(&tx, LAST_ERROR_MESSAGE, message)?;
        tx.commit().context("saving sync state")
    }

    /// Keeps the device token: in the OS keyring when the store key is there too, else inside
    /// this encrypted store. Never in a plain file.
    pub fn save_sync_token(&mut self, token: &str) -> Result<()> {
        if self.key_in_keyring {
            token_entry(self.path())?
                .set_password(token)
                .map_err(|_| Error::Storage("saving the device token in the OS keyring".into()))?;
            set_meta(&self.conn, TOKEN_IN_KEYRING, "1")?;
            delete_meta(&self.conn, TOKEN)
        } else {
            set_meta(&self.conn, TOKEN, token)?;
            delete_meta(&self.conn, TOKEN_IN_KEYRING)
        }
    }

    /// The device token, if this store is connected.
    pub fn sync_token(&self) -> Result<Option<String>> {
        if self.meta(TOKEN_IN_KEYRING)?.as_deref() == Some("1") {
            return match token_entry(self.path())?.get_password() {
                Ok(t) => Ok(Some(t)),
                Err(keyring::Error::NoEntry) => Ok(None),
                Err(_) => Err(Error::Storage(
                    "reading the device token from the OS keyring".into(),
                )),
            };
        }
        self.meta(TOKEN)
    }

    /// Makes sure the store has a device id (a new PC needs one to enroll before it is set up).
    pub fn ensure_device_id(&mut self) -> Result<Uuid> {
        if let Some(id) = self.meta("device_id")? {
            return Uuid::parse_str(&id)
                .map_err(|_| Error::Storage("reading the device id".into()));
        }
        let id = self.new_id();
        set_meta(&self.conn, "device_id", &id.to_string())?;
        Ok(id)
    }

    /// Enrollment gave this device `device_code`: taken only while the store has no records (a
    /// store that ran offline keeps its code, and the server keeps it too).
    pub fn adopt_device_code(&mut self, device_code: &str) -> Result<bool> {
        if !clinic_domain::patient_number::valid_device_code(device_code) {
            return Err(Error::field(
                "device_code",
                ErrorCode::InvalidFormat,
                "the server assigned an invalid device code",
            ));
        }
        if self.count_rows("records")? > 0 {
            return Ok(false);
        }
        set_meta(&self.conn, "device_code", device_code)?;
        Ok(true)
    }
}

fn token_entry(db_path: &std::path::Path) -> Result<keyring::Entry> {
    let account = std::path::absolute(db_path).unwrap_or_else(|_| db_path.to_path_buf());
    keyring::Entry::new(
        KEYRING_SERVICE,
        &format!("sync-token:{}", account.to_string_lossy()),
    )
    .map_err(|_| Error::Storage("opening the OS keyring".into()))
}

/// `source <> 'sync'` written as a literal is what lets SQLite use the partial index
/// change_log_local (migration 0005) instead of walking every change that came by sync.
const PENDING_SQL: &str = "SELECT count(*) FROM change_log WHERE source <> 'sync' AND seq > ?1";

#[cfg(test)]
mod tests {
    /// Found by the sync bench: on a bootstrapped PC the count walked the whole change log.
    #[test]
    fn counting_pending_changes_uses_the_local_change_index() {
        let (_dir, store) = crate::store::test_store();
        let plan: String = store
            .conn
            .query_row(
                &format!("EXPLAIN QUERY PLAN {}", super::PENDING_SQL),
                [0],
                |r| r.get(3),
            )
            .unwrap();
        assert!(plan.contains("change_log_local"), "{plan}");
    }
}
