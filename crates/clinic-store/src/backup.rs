//! Backups stay encrypted with the store's key (`sqlcipher_export` into a new keyed file), and a
//! restore is checked in full before it replaces anything.
use crate::audit::{self, AuditAction, Subject};
use crate::clock::{Clock, IdSource};
use crate::error::{Context, Error, Result};
use crate::key::StoreKey;
use crate::store::{Store, STORE_FILE};
use clinic_domain::{Action, ErrorCode};
use std::path::{Path, PathBuf};
use std::sync::Arc;

impl Store {
    /// Writes an encrypted copy of the whole store to `out` (which must not exist yet).
    pub fn backup(&mut self, actor: &clinic_domain::Actor, out: &Path) -> Result<u64> {
        self.authorize(actor, Action::StoreAdminister)?;
        if out.exists() {
            return Err(Error::field(
                "out",
                ErrorCode::Duplicate,
                "a file with that name already exists",
            ));
        }
        audit::append(
            &self.conn,
            actor,
            AuditAction::Backup,
            Subject {
                kind: "store",
                id: "backup".into(),
            },
            self.clock.now(),
        )?;
        // SQLite's online backup copies pages as they are: the copy is keyed with the same key
        // before the first page goes in, so it is never in clear on disk.
        let copied = (|| {
            let mut target = rusqlite::Connection::open(out).context("creating the backup file")?;
            crate::db::apply_key(&target, &self.key, "keying the backup")?;
            let backup = rusqlite::backup::Backup::new(&self.conn, &mut target)
                .context("starting the backup")?;
            backup
                .run_to_completion(256, std::time::Duration::ZERO, None)
                .context("writing the backup")
        })();
        if let Err(e) = copied {
            let _ = std::fs::remove_file(out);
            return Err(e);
        }
        Ok(std::fs::metadata(out).map(|m| m.len()).unwrap_or(0))
    }
}

impl Store {
    /// Records in the audit trail that this store was restored, and by whom.
    pub fn record_restore(&mut self, actor: &clinic_domain::Actor) -> Result<()> {
        self.authorize(actor, Action::StoreAdminister)?;
        audit::append(
            &self.conn,
            actor,
            AuditAction::Restored,
            Subject {
                kind: "store",
                id: "restore".into(),
            },
            self.clock.now(),
        )
    }

    /// The store key as 64 hex characters, for an administrator to keep in a password manager
    /// (a backup cannot be opened on another PC without it). Audited.
    pub fn reveal_key(&mut self, actor: &clinic_domain::Actor) -> Result<String> {
        self.authorize(actor, Action::StoreAdminister)?;
        audit::append(
            &self.conn,
            actor,
            AuditAction::Export,
            Subject {
                kind: "store",
                id: "key".into(),
            },
            self.clock.now(),
        )?;
        Ok(self.key.to_hex())
    }
}

/// Replaces the store in `data_dir` with the backup at `from`, encrypted with `key`.
/// The backup is copied beside the store, opened, checked (key, integrity, audit chain, projections)
/// and only then moved into place; `check` runs on the opened copy (the CLI uses it to have an
/// administrator of the backup log in). The store it replaces is kept as `clinic.db.before-restore`.
pub fn restore(
    data_dir: &Path,
    from: &Path,
    key: &StoreKey,
    clock: Arc<dyn Clock>,
    ids: Arc<dyn IdSource>,
    check: impl FnOnce(&mut Store) -> Result<()>,
) -> Result<PathBuf> {
    if !from.is_file() {
        return Err(Error::field(
            "from",
            ErrorCode::NotFound,
            "no backup file there",
        ));
    }
    std::fs::create_dir_all(data_dir).context("creating the data folder")?;
    let staging = data_dir.join(format!("{STORE_FILE}.restoring"));
    let _ = std::fs::remove_file(&staging);
    std::fs::copy(from, &staging).context("copying the backup")?;
    let checked = (|| {
        let mut store = Store::open(&staging, key, clock, ids)?;
        let report = store.verify()?;
        if !report.is_ok() {
            return Err(Error::Conflict(format!(
                "the backup failed its checks: {}",
                report.problems.join("; ")
            )));
        }
        check(&mut store)
        // Dropping the store closes it, which folds its WAL back into the file.
    })();
    if let Err(e) = checked {
        let _ = std::fs::remove_file(&staging);
        for ext in ["-wal", "-shm"] {
            let _ = std::fs::remove_file(data_dir.join(format!("{STORE_FILE}.restoring{ext}")));
        }
        return Err(e);
    }
    let live = data_dir.join(STORE_FILE);
    if live.exists() {
        std::fs::rename(&live, data_dir.join(format!("{STORE_FILE}.before-restore")))
            .context("keeping the old store")?;
    }
    for ext in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(data_dir.join(format!("{STORE_FILE}{ext}")));
        let _ = std::fs::remove_file(data_dir.join(format!("{STORE_FILE}.restoring{ext}")));
    }
    std::fs::rename(&staging, &live).context("putting the restored store in place")?;
    Ok(live)
}
