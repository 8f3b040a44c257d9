//! One clinic PC of the sync bench: a real SQLCipher store driven by the real sync engine. The
//! engine reaches the store through [`StoreAccess`], which here also adds up the time spent inside
//! the store, so each measurement splits into local store work and the rest (HTTP, server).

use crate::BenchResult;
use clinic_domain::patient::PatientInput;
use clinic_domain::user::SetupInput;
use clinic_domain::{Actor, ChangeSource};
use clinic_store::clock::{RandomIds, SystemClock};
use clinic_store::key::StoreKey;
use clinic_store::remote::{Applied, LoggedChange};
use clinic_store::Store;
use clinic_sync::{ConnectReport, Progress, StoreAccess, SyncOptions, SyncReport};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use uuid::Uuid;

pub const PASSWORD: &str = "river stone 42";

pub struct Pc {
    pub path: PathBuf,
    key: StoreKey,
    store: Mutex<Option<Store>>,
    store_nanos: AtomicU64,
    actor: Option<Actor>,
    pub options: SyncOptions,
}

fn open(path: &Path, key: &StoreKey) -> clinic_store::Result<Store> {
    Store::open(path, key, Arc::new(SystemClock), Arc::new(RandomIds))
}

impl StoreAccess for Pc {
    fn with_store<T>(
        &self,
        f: impl FnOnce(&mut Store) -> clinic_store::Result<T>,
    ) -> clinic_store::Result<T> {
        let mut guard = self.store.lock().unwrap_or_else(|p| p.into_inner());
        let t = Instant::now();
        let out = f(guard.as_mut().expect("the store is open"));
        self.store_nanos
            .fetch_add(t.elapsed().as_nanos() as u64, Ordering::Relaxed);
        out
    }
}

impl Pc {
    /// A PC with no clinic yet (a new PC that joins one).
    pub fn empty(path: PathBuf) -> BenchResult<Pc> {
        let key = StoreKey::generate()?;
        let store = open(&path, &key)?;
        Ok(Pc {
            path,
            key,
            store: Mutex::new(Some(store)),
            store_nanos: AtomicU64::new(0),
            actor: None,
            options: SyncOptions::default(),
        })
    }

    /// A PC set up offline for `clinic` as device `device`, signed in as its administrator.
    pub fn offline(path: PathBuf, clinic: &str, device: &str) -> BenchResult<Pc> {
        let mut pc = Pc::empty(path)?;
        let salt = clinic_store::random_salt()?;
        let (actor, _) = pc.with_store(|s| {
            s.initialize(
                &SetupInput {
                    clinic_name: "Bench Clinic".into(),
                    clinic_code: clinic.into(),
                    device_code: Some(device.into()),
                    admin_username: "admin".into(),
                    admin_display_name: "Admin".into(),
                    admin_password: PASSWORD.into(),
                },
                salt,
            )
        })?;
        pc.actor = Some(actor);
        Ok(pc)
    }

    /// Signs in as the administrator (a PC that joined gets the user from the server).
    pub fn sign_in(&mut self) -> BenchResult<()> {
        let (actor, _) = self.with_store(|s| s.authenticate("admin", PASSWORD))?;
        self.actor = Some(actor);
        Ok(())
    }

    fn actor(&self) -> BenchResult<Actor> {
        self.actor.clone().ok_or_else(|| "not signed in".into())
    }

    /// Time spent inside the store so far (by the engine and by this bench).
    pub fn store_time(&self) -> Duration {
        Duration::from_nanos(self.store_nanos.load(Ordering::Relaxed))
    }

    /// Registers `inputs` in batches of `batch` (one transaction each); the new ids in order.
    pub fn register(&self, inputs: &[PatientInput], batch: usize) -> BenchResult<Vec<Uuid>> {
        let actor = self.actor()?;
        let mut ids = Vec::with_capacity(inputs.len());
        for chunk in inputs.chunks(batch.max(1)) {
            let out = self.with_store(|s| s.register_patients(&actor, chunk, ChangeSource::Ui))?;
            for r in out {
                ids.push(r?.0);
            }
        }
        Ok(ids)
    }

    pub fn update(&self, id: Uuid, input: &PatientInput) -> BenchResult<()> {
        let actor = self.actor()?;
        self.with_store(|s| s.update_patient(&actor, id, input))?;
        Ok(())
    }

    pub async fn connect(&self, url: &str, code: &str) -> BenchResult<ConnectReport> {
        let opts = self.options.clone();
        Ok(clinic_sync::connect(self, url, code, "bench PC", &opts, &mut |_: Progress| {}).await?)
    }

    pub async fn sync(&self) -> BenchResult<SyncReport> {
        let opts = self.options.clone();
        Ok(clinic_sync::sync_once(self, &opts, &mut |_: Progress| {}).await?)
    }

    pub fn patients(&self) -> BenchResult<usize> {
        Ok(self
            .with_store(|s| s.projection_rows(clinic_domain::RecordKind::Patient))?
            .len())
    }

    pub fn digests(&self) -> BenchResult<Vec<clinic_store::digest::RecordDigest>> {
        Ok(self.with_store(|s| s.record_digests())?)
    }

    /// The changes not pushed yet (at most `n` + 100), oldest first.
    pub fn unpushed(&self, n: usize) -> BenchResult<Vec<LoggedChange>> {
        Ok(self.with_store(|s| {
            let cursor = s.sync_state()?.push_cursor;
            s.changes_since(cursor, (n + 100) as u32, true)
        })?)
    }

    pub fn apply_remote(
        &self,
        kind: clinic_domain::RecordKind,
        id: Uuid,
        changes: &[Vec<u8>],
    ) -> BenchResult<Applied> {
        Ok(self.with_store(|s| s.apply_remote_changes(kind, id, changes))?)
    }

    /// Closes the store, copies its file to `dest` and opens both: the copy is a PC in exactly
    /// this state (closing checkpoints the write-ahead log into the file).
    pub fn copy_to(&self, dest: PathBuf) -> BenchResult<Pc> {
        let mut guard = self.store.lock().unwrap_or_else(|p| p.into_inner());
        drop(guard.take());
        std::fs::copy(&self.path, &dest)?;
        *guard = Some(open(&self.path, &self.key)?);
        let store = open(&dest, &self.key)?;
        Ok(Pc {
            path: dest,
            key: self.key.clone(),
            store: Mutex::new(Some(store)),
            store_nanos: AtomicU64::new(0),
            actor: self.actor.clone(),
            options: self.options.clone(),
        })
    }
}
