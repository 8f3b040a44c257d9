//! The run: one temporary folder, the store and the two plain files, the four benchmarks in turn.

use crate::config::{Config, CLINIC_CODE, DEVICE_CODE};
use crate::cpu::{cpu_count, cpu_now, others_cores, Cpu};
use crate::plain::{open_plain, PLAIN_SCHEMA};
use crate::report::Report;
use crate::BenchResult;
use chrono::Utc;
use clinic_domain::patient::PatientInput;
use clinic_domain::user::SetupInput;
use clinic_domain::Actor;
use clinic_store::clock::{Clock, IdSource, RandomIds, SystemClock};
use clinic_store::key::StoreKey;
use clinic_store::Store;
use rand::rngs::StdRng;
use rand::SeedableRng;
use rusqlite::Connection;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;
use uuid::Uuid;

/// Runs the four benchmarks in a new temporary folder (removed when done). `log` gets progress lines.
pub fn run(cfg: &Config, log: &mut dyn FnMut(&str)) -> BenchResult<Report> {
    let started = Instant::now();
    let dir = match &cfg.dir {
        Some(parent) => tempfile::Builder::new()
            .prefix("clinic-bench-")
            .tempdir_in(parent)?,
        None => tempfile::Builder::new().prefix("clinic-bench-").tempdir()?,
    };
    let mut bench = Bench::create(cfg, dir.path())?;
    let versions = (
        bench
            .plain_enc
            .query_row("SELECT sqlite_version()", [], |r| r.get(0))?,
        bench
            .plain_enc
            .query_row("PRAGMA cipher_version", [], |r| r.get(0))
            .unwrap_or_default(),
    );
    let cores = cpu_count();
    let mut others_cpu = Vec::new();
    let mut phase = |name: &'static str, since: Option<Cpu>| {
        if let (Some(a), Some(b)) = (since, cpu_now()) {
            others_cpu.push((name, others_cores(a, b, cores)));
        }
        cpu_now()
    };
    let mut mark = cpu_now();
    log(&format!(
        "register: {} patients, batches of {}",
        cfg.patients, cfg.batch
    ));
    let register = bench.register(log)?;
    mark = phase("register", mark);
    log(&format!(
        "register done in {:.1}s; measuring sizes (checkpoint, VACUUM)",
        started.elapsed().as_secs_f64()
    ));
    let size = bench.sizes()?;
    mark = phase("sizes", mark);
    log("searching");
    let search = bench.search()?;
    mark = phase("search", mark);
    log("opening patients");
    let open = bench.open()?;
    phase("open", mark);
    drop(bench);
    dir.close()?;
    Ok(Report {
        config: cfg.clone(),
        register,
        size,
        search,
        open,
        wall: started.elapsed(),
        others_cpu,
        versions,
        cores,
    })
}

/// The open files of one run and what was registered in them.
pub(crate) struct Bench<'a> {
    pub(crate) cfg: &'a Config,
    pub(crate) store_path: PathBuf,
    pub(crate) key: StoreKey,
    pub(crate) clock: Arc<dyn Clock>,
    pub(crate) ids: Arc<dyn IdSource>,
    pub(crate) store: Option<Store>,
    pub(crate) actor: Actor,
    pub(crate) plain: Connection,
    pub(crate) plain_path: PathBuf,
    pub(crate) plain_enc: Connection,
    pub(crate) plain_enc_path: PathBuf,
    pub(crate) inputs: Vec<PatientInput>,
    /// Per input (same index): the store's id and number, and the plain table's id.
    pub(crate) registered: Vec<(Uuid, String)>,
    pub(crate) plain_ids: Vec<String>,
}

impl<'a> Bench<'a> {
    fn create(cfg: &'a Config, dir: &Path) -> BenchResult<Self> {
        let store_path = dir.join("clinic.db");
        let key = StoreKey::generate()?;
        let clock: Arc<dyn Clock> = Arc::new(SystemClock);
        let ids: Arc<dyn IdSource> = Arc::new(RandomIds);
        let mut store = Store::open(&store_path, &key, clock.clone(), ids.clone())?;
        let (actor, _) = store.initialize(
            &SetupInput {
                clinic_name: "Kampala Road Clinic".into(),
                clinic_code: CLINIC_CODE.into(),
                device_code: Some(DEVICE_CODE.into()),
                admin_username: "admin".into(),
                admin_display_name: "Clinic Admin".into(),
                admin_password: "river stone 42".into(),
            },
            clinic_store::random_salt()?,
        )?;
        let plain_path = dir.join("plain.db");
        let plain = open_plain(&plain_path, None)?;
        plain.execute_batch(PLAIN_SCHEMA)?;
        let plain_enc_path = dir.join("plain-encrypted.db");
        let plain_enc = open_plain(&plain_enc_path, Some(&StoreKey::generate()?.to_hex()))?;
        plain_enc.execute_batch(PLAIN_SCHEMA)?;

        let mut rng = StdRng::seed_from_u64(cfg.seed);
        let today = Utc::now().date_naive();
        let inputs = (0..cfg.patients)
            .map(|_| clinic_store::seed::demo_patient(&mut rng, today))
            .collect();
        Ok(Self {
            cfg,
            store_path,
            key,
            clock,
            ids,
            store: Some(store),
            actor,
            plain,
            plain_path,
            plain_enc,
            plain_enc_path,
            inputs,
            registered: Vec::with_capacity(cfg.patients),
            plain_ids: Vec::with_capacity(cfg.patients),
        })
    }

    pub(crate) fn store(&mut self) -> &mut Store {
        self.store.as_mut().expect("store is open")
    }
}
